/** `dyna backtest`: replay a saved policy over a period and compare it with buy-and-hold. */
import type { Command } from 'commander';
import { significanceLine } from '../../report/render/index.js';
import { backtest, type BacktestOptions } from '../../workflows/index.js';
import { EXIT_BELOW_TARGET } from '../exit-codes.js';
import { writeFilesAtomic } from '../files.js';
import { addMarketFlags, addOutputFlags, flagName, number } from '../flags.js';
import { commandIo, printJson, printReport, refuseToOverwriteReport, reportFiles, writtenLine, type CommandContext } from '../output.js';

type BacktestFlags = Omit<BacktestOptions, 'prices'> & { report?: string; json?: boolean; quiet?: boolean };

/** Registers `dyna backtest` on the program. */
export function registerBacktest(program: Command, context: CommandContext): void {
  const command = program
    .command('backtest')
    .description('replay a saved model greedily (no learning) over a period and report it against buy-and-hold')
    .argument('<prices.csv>', 'daily prices with the columns the model needs')
    .requiredOption('-m, --model <model.json>', 'model file written by dyna train')
    .option('--symbol <name>', 'name of the series (default: the price file\'s name)')
    .option('--start <date>', 'first day, YYYY-MM-DD (earlier rows warm up the indicators)')
    .option('--end <date>', 'last day, YYYY-MM-DD');
  addMarketFlags(command, "the model's")
    .option('--significance <n>', 'also test the edge against n random policies that trade as often (and report the probabilistic Sharpe ratio)', number)
    .option('--report <dir>', 'write report.json, equity.csv, trades.csv and report.html to this folder');
  addOutputFlags(command)
    .option('--fail-under-benchmark', `exit with code ${EXIT_BELOW_TARGET} when the strategy's total return is below buy-and-hold's`)
    .option('--min-sharpe <x>', `exit with code ${EXIT_BELOW_TARGET} when the strategy's Sharpe ratio is below x (or undefined)`, number)
    .action(async (prices: string, flags: BacktestFlags) => {
      const { terminal } = context;
      refuseToOverwriteReport(flags.report, [prices, flags.model]);
      const result = await backtest({ ...flags, prices }, commandIo(terminal, flags.quiet === true || flags.json === true));
      const files = reportFiles(flags.report, result, result.views);
      await writeFilesAtomic(files);
      if (flags.json) printJson(terminal, result);
      else if (!flags.quiet) {
        printReport(terminal, result.views);
        if (result.significance) terminal.out(`\n${significanceLine(result.significance)}\n`);
        if (files.length) terminal.out(`\n${writtenLine('report', files.map((f) => f.path))}`);
      }
      if (result.belowTarget) {
        terminal.err(`${terminal.color.red('below target:')} ${result.belowTarget.reason} (${flagName(result.belowTarget.option)})\n`);
        context.setExitCode(EXIT_BELOW_TARGET);
      }
    });
}
