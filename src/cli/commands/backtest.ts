/** `dyna backtest`: replay a saved policy over a period and compare it with buy-and-hold. */
import type { Command } from 'commander';
import { buildReport, type ReportDocument } from '../../report/report.js';
import { percent, ratio } from '../../report/format.js';
import { prepareData } from '../../strategy/prepare.js';
import { backtestPolicy } from '../../strategy/backtest.js';
import { validateCosts } from '../../market/account.js';
import { EXIT_BELOW_TARGET } from '../exit-codes.js';
import { writeFilesAtomic } from '../files.js';
import { readModel, readPrices } from '../inputs.js';
import * as parse from '../option-parsers.js';
import { printReport, printWarnings, refuseToOverwriteReport, reportFiles } from '../report-output.js';
import { validateDateRange } from '../../data/date-range.js';
import type { CommandContext } from '../context.js';

interface BacktestFlags {
  model: string;
  symbol?: string;
  start?: string;
  end?: string;
  commission?: number;
  impact?: number;
  report?: string;
  json?: boolean;
  quiet?: boolean;
  failUnderBenchmark?: boolean;
  minSharpe?: number;
}

/** Registers `dyna backtest` on the program. */
export function registerBacktest(program: Command, context: CommandContext): void {
  program
    .command('backtest')
    .description('replay a saved model greedily (no learning) over a period and report it against buy-and-hold')
    .argument('<prices.csv>', 'daily prices with the columns the model needs')
    .requiredOption('-m, --model <model.json>', 'model file written by dyna train')
    .option('--symbol <name>', 'name of the series (default: the model\'s symbol)')
    .option('--start <date>', 'first day, YYYY-MM-DD (earlier rows warm up the indicators)')
    .option('--end <date>', 'last day, YYYY-MM-DD')
    .option('--commission <x>', "cost per trade (default: the model's)", parse.nonNegative)
    .option('--impact <x>', "market impact (default: the model's)", parse.nonNegative)
    .option('--report <dir>', 'write report.json, equity.csv, trades.csv and report.html to this folder')
    .option('--json', 'print one JSON document on stdout and nothing else')
    .option('-q, --quiet', 'print nothing but errors')
    .option('--fail-under-benchmark', `exit with code ${EXIT_BELOW_TARGET} when the strategy's total return is below buy-and-hold's`)
    .option('--min-sharpe <x>', `exit with code ${EXIT_BELOW_TARGET} when the strategy's Sharpe ratio is below x (or undefined)`, parse.number)
    .action(async (pricesPath: string, flags: BacktestFlags) => {
      validateDateRange({ start: flags.start, end: flags.end });
      const inputs = [pricesPath, flags.model];
      if (flags.report) refuseToOverwriteReport(flags.report, inputs);
      const model = await readModel(flags.model);
      const saved = model.file.settings;
      const costs = validateCosts({ commission: flags.commission ?? saved.market.commission, impact: flags.impact ?? saved.market.impact });
      const prices = await readPrices(pricesPath, flags.symbol ?? model.file.symbol);
      const data = prepareData(prices.series, saved.trader.indicators, { start: flags.start, end: flags.end }, pricesPath);
      const warnings = [...prices.warnings, ...data.warnings];
      printWarnings(context.terminal, warnings, flags.quiet === true || flags.json === true);
      const position = { shares: saved.market.shares, cash: saved.market.cash };
      const { strategy, benchmark } = backtestPolicy(model.learner.qTable(), model.file.discretizer, data, position, costs);
      const report = buildReport({
        command: 'backtest',
        symbol: prices.series.symbol,
        data: prices.source,
        costs,
        position,
        strategy,
        benchmark,
        model: flags.model,
        warnings,
      });
      const files = flags.report ? reportFiles(flags.report, report, strategy, benchmark) : [];
      await writeFilesAtomic(files);
      const { terminal } = context;
      if (flags.json) terminal.out(`${JSON.stringify(report, null, 2)}\n`);
      else if (!flags.quiet) {
        printReport(terminal, report, strategy, benchmark);
        if (files.length) terminal.out(`\nreport: ${files.map((f) => f.path).join(', ')}\n`);
      }
      const shortfall = gateFailure(report, flags);
      if (shortfall) {
        terminal.err(`${terminal.color.red('below target:')} ${shortfall}\n`);
        context.setExitCode(EXIT_BELOW_TARGET);
      }
    });
}

/** Why the run misses a CI gate, or undefined when it passes them all. */
function gateFailure(report: ReportDocument, flags: BacktestFlags): string | undefined {
  const { strategy, benchmark } = report;
  if (flags.failUnderBenchmark && strategy.totalReturn < benchmark.totalReturn) {
    return `total return ${percent(strategy.totalReturn)} is below buy-and-hold's ${percent(benchmark.totalReturn)} (--fail-under-benchmark)`;
  }
  if (flags.minSharpe !== undefined && (strategy.sharpe === null || strategy.sharpe < flags.minSharpe)) {
    return `Sharpe ratio ${ratio(strategy.sharpe)} is below ${flags.minSharpe} (--min-sharpe)`;
  }
  return undefined;
}
