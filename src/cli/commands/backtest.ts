/** `dyna backtest`: replay a saved policy over a period and compare it with buy-and-hold. */
import type { Command } from 'commander';
import { buildReport, positionSection, type ReportDocument } from '../../report/report.js';
import { percent, ratio } from '../../report/format.js';
import { prepareData } from '../../strategy/prepare.js';
import { backtestPolicy } from '../../strategy/backtest.js';
import { sizingOf } from '../../market/sizing.js';
import { accountRulesOf } from '../../market/simulate.js';
import { EXIT_BELOW_TARGET } from '../exit-codes.js';
import { writeFilesAtomic } from '../files.js';
import { readModel, readPrices } from '../inputs.js';
import * as parse from '../option-parsers.js';
import { leverageWarnings, printReport, printWarnings, refuseToOverwriteReport, reportFiles } from '../report-output.js';
import { addMarketFlags, marketOverride, type MarketFlags } from '../settings-flags.js';
import { validateDateRange } from '../../data/date-range.js';
import type { CommandContext } from '../context.js';

interface BacktestFlags extends MarketFlags {
  model: string;
  symbol?: string;
  start?: string;
  end?: string;
  report?: string;
  json?: boolean;
  quiet?: boolean;
  failUnderBenchmark?: boolean;
  minSharpe?: number;
}

/** Registers `dyna backtest` on the program. */
export function registerBacktest(program: Command, context: CommandContext): void {
  const command = program
    .command('backtest')
    .description('replay a saved model greedily (no learning) over a period and report it against buy-and-hold')
    .argument('<prices.csv>', 'daily prices with the columns the model needs')
    .requiredOption('-m, --model <model.json>', 'model file written by dyna train')
    .option('--symbol <name>', 'name of the series (default: the model\'s symbol)')
    .option('--start <date>', 'first day, YYYY-MM-DD (earlier rows warm up the indicators)')
    .option('--end <date>', 'last day, YYYY-MM-DD');
  addMarketFlags(command, "the model's");
  command
    .option('--report <dir>', 'write report.json, equity.csv, trades.csv and report.html to this folder')
    .option('--json', 'print one JSON document on stdout and nothing else')
    .option('-q, --quiet', 'print nothing but errors')
    .option('--fail-under-benchmark', `exit with code ${EXIT_BELOW_TARGET} when the strategy's total return is below buy-and-hold's`)
    .option('--min-sharpe <x>', `exit with code ${EXIT_BELOW_TARGET} when the strategy's Sharpe ratio is below x (or undefined)`, parse.number)
    .action(async (pricesPath: string, flags: BacktestFlags) => {
      validateDateRange({ start: flags.start, end: flags.end });
      const marketFlags = marketOverride(flags);
      const inputs = [pricesPath, flags.model];
      if (flags.report) refuseToOverwriteReport(flags.report, inputs);
      const model = await readModel(flags.model);
      const settings = context.settingsOver(model.file.settings, marketFlags);
      const { market } = settings;
      const sizing = sizingOf(market);
      const prices = await readPrices(pricesPath, flags.symbol ?? model.file.symbol);
      const data = prepareData(prices.series, settings.trader.indicators, { start: flags.start, end: flags.end }, pricesPath);
      const quiet = flags.quiet === true || flags.json === true;
      printWarnings(context.terminal, [...prices.warnings, ...data.warnings], quiet);
      const position = positionSection(sizing, market.cash, market.maintenance);
      const { strategy, benchmark } = backtestPolicy(model.learner.qTable(), model.file.discretizer, data, sizing, accountRulesOf(market));
      const risk = leverageWarnings(sizing, strategy, benchmark, market.maintenance);
      printWarnings(context.terminal, risk, quiet);
      const warnings = [...prices.warnings, ...data.warnings, ...risk];
      const report = buildReport({
        command: 'backtest',
        symbol: prices.series.symbol,
        data: prices.source,
        costs: { commission: market.commission, impact: market.impact },
        position,
        strategy,
        benchmark,
        model: flags.model,
        warnings,
      });
      const files = flags.report ? reportFiles(flags.report, report, { document: report, strategy, benchmark }) : [];
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
