/** `dyna backtest`: replay a saved policy over a period and compare it with buy-and-hold. */
import type { Command } from 'commander';
import { buildReport, positionSection, type ReportDocument } from '../../report/report.js';
import { percent, ratio } from '../../report/format.js';
import { prepareData } from '../../strategy/prepare.js';
import { backtestPolicy } from '../../strategy/backtest.js';
import { explainPolicy } from '../../strategy/policy-map.js';
import { assessSignificance, significanceText, unitsOf } from '../../evaluation/significance.js';
import { createRng } from '../../rng.js';
import { positionLevels } from '../../market/positions.js';
import { sizingOf } from '../../market/sizing.js';
import { accountRulesOf } from '../../market/simulate.js';
import { EXIT_BELOW_TARGET } from '../exit-codes.js';
import { writeFilesAtomic } from '../files.js';
import { readModel, readPrices } from '../inputs.js';
import * as parse from '../option-parsers.js';
import { leverageWarnings, writtenLine, printReport, printWarnings, refuseToOverwriteReport, reportFiles } from '../report-output.js';
import { addMarketFlags, marketOverride, type MarketFlags } from '../settings-flags.js';
import { validateDateRange } from '../../data/date-range.js';
import type { CommandContext } from '../context.js';
import type { ModelFile } from '../../strategy/model-file.js';
import type { PreparedData } from '../../strategy/prepare.js';
import type { InSampleDays } from '../../report/report.js';
import { InvalidOptionError } from '../../errors.js';

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
  significance?: number;
}

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
  addMarketFlags(command, "the model's");
  command
    .option('--significance <n>', 'also test timing against n random timings with the same exposure, and the excess over buy-and-hold by n bootstrap samples', parse.positiveInteger)
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
      if (flags.symbol !== undefined && flags.symbol.trim() === '') throw new InvalidOptionError('--symbol must not be empty');
      const prices = await readPrices(pricesPath, flags.symbol);
      const data = prepareData(prices.series, settings.trader.indicators, { start: flags.start, end: flags.end }, pricesPath);
      const quiet = flags.quiet === true || flags.json === true;
      printWarnings(context.terminal, [...prices.warnings, ...data.warnings], quiet);
      const position = positionSection(sizing, market.cash, market.maintenance);
      const levels = positionLevels(model.file.settings.trader.levels);
      const { strategy, benchmark } = backtestPolicy(model.learner.qTable(), model.file.discretizer, data, sizing, accountRulesOf(market), levels, market);
      const risk = leverageWarnings(sizing, strategy, benchmark, market.maintenance);
      printWarnings(context.terminal, risk, quiet);
      const provenance = provenanceWarnings(model.file, prices.source, data);
      printWarnings(context.terminal, provenance.warnings, quiet);
      const significance =
        flags.significance === undefined
          ? undefined
          : assessSignificance({ segments: [{ dates: strategy.dates, prices: strategy.prices, units: unitsOf(strategy) }], strategy, benchmark, samples: flags.significance, sizing, rules: accountRulesOf(market), rng: createRng(`significance:${settings.trader.seed}`) });
      const chance = significance ? significanceText(significance) : undefined;
      printWarnings(context.terminal, chance?.warnings ?? [], quiet);
      const warnings = [...prices.warnings, ...data.warnings, ...risk, ...provenance.warnings, ...(chance?.warnings ?? [])];
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
        inSample: provenance.inSample,
        policy: explainPolicy(model.learner, model.file.discretizer, data.features.labels, model.file.training.epochs, levels),
        significance,
      });
      const files = flags.report ? reportFiles(flags.report, report, { document: report, strategy, benchmark }) : [];
      await writeFilesAtomic(files);
      const { terminal } = context;
      if (flags.json) terminal.out(`${JSON.stringify(report, null, 2)}\n`);
      else if (!flags.quiet) {
        printReport(terminal, report, strategy, benchmark);
        if (chance) terminal.out(`\n${chance.lines.join('\n')}\n`);
        if (files.length) terminal.out(`\n${writtenLine('report', files.map((f) => f.path))}`);
      }
      const shortfall = gateFailure(report, flags);
      if (shortfall) {
        terminal.err(`${terminal.color.red('below target:')} ${shortfall}\n`);
        context.setExitCode(EXIT_BELOW_TARGET);
      }
    });
}

/**
 * What the user should know about the data: another file than the model was
 * trained on (legitimate, a transfer to another series, but to be said), and
 * days the model already saw in training (an in-sample backtest).
 */
function provenanceWarnings(model: ModelFile, source: { file: string; sha256: string }, data: PreparedData): { warnings: string[]; inSample?: InSampleDays } {
  const warnings: string[] = [];
  const trainedOn = model.data;
  const sameData = source.sha256 === trainedOn.sha256;
  if (!sameData || source.file !== trainedOn.file) {
    const how = source.file !== trainedOn.file ? (sameData ? 'another name, same contents' : 'another file') : 'same name, different contents';
    warnings.push(`${source.file} is not the data the model was trained on (${trainedOn.file}; ${how}): the policy is applied to another series`);
  }
  if (!sameData) return { warnings };
  const { dates } = data.series;
  const from = data.period.from;
  const to = data.period.to;
  let first = -1;
  let last = -1;
  for (let t = from; t < to; t++) {
    const day = dates[t].slice(0, 10);
    if (day >= model.period.start.slice(0, 10) && day <= model.period.end.slice(0, 10)) {
      if (first < 0) first = t;
      last = t;
    }
  }
  if (first < 0) return { warnings };
  const inSample = { start: dates[first], end: dates[last], days: last - first + 1 };
  warnings.push(`in-sample: ${inSample.days} days of this backtest (${inSample.start} to ${inSample.end}) were used for training; judge the model on later days`);
  return { warnings, inSample };
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
