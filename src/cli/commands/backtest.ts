/** `dyna backtest`: replay a saved policy over a period and compare it with buy-and-hold. */
import type { Command } from 'commander';
import { backtest, type BacktestOptions } from '../../workflows/index.js';
import { EXIT_BELOW_TARGET } from '../exit-codes.js';
import { addMarketFlags, addOutputFlags, addSignificanceFlag, flagName, number, commandWithRequired } from '../flags.js';
import { commandIo, isQuiet, refuseToOverwriteReport, saveAndShow, significanceAndFiles, type CommandContext, type ReportFlags } from '../output.js';

/** Registers `dyna backtest` on the program. */
export function registerBacktest(program: Command, context: CommandContext): void {
  const command = commandWithRequired(
    program,
    'backtest',
    'replay a saved model greedily (no learning) over a period and report it against buy-and-hold',
    ['<prices.csv>', 'daily prices with the columns the model needs'],
    ['-m, --model <model.json>', 'model file written by dyna train'],
  )
    .option('--symbol <name>', 'name of the series (default: the price file\'s name)')
    .option('--start <date>', 'first day, YYYY-MM-DD (earlier rows warm up the indicators)')
    .option('--end <date>', 'last day, YYYY-MM-DD');
  addSignificanceFlag(addMarketFlags(command, 'model'))
    .option('--report <dir>', 'write report.json, equity.csv, trades.csv and report.html to this folder');
  addOutputFlags(command)
    .option('--fail-under-benchmark', `exit with code ${EXIT_BELOW_TARGET} when the strategy's total return is below buy-and-hold's`)
    .option('--min-sharpe <x>', `exit with code ${EXIT_BELOW_TARGET} when the strategy's Sharpe ratio is below x (or undefined)`, number)
    .action(async (prices: string, flags: Omit<BacktestOptions, 'prices'> & ReportFlags) => {
      const { terminal } = context;
      refuseToOverwriteReport(flags.report, [prices, flags.model]);
      const result = await backtest({ ...flags, prices }, commandIo(terminal, isQuiet(flags)));
      await saveAndShow(context, flags, result, { after: significanceAndFiles(result.significance) });
      // The report is printed before the gate decides.
      if (result.belowTarget) {
        terminal.err(`${terminal.color.red('below target:')} ${result.belowTarget.reason} (${flagName(result.belowTarget.option)})\n`);
        context.setExitCode(EXIT_BELOW_TARGET);
      }
    });
}
