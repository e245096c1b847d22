/**
 * `backtest`: replay a saved model greedily over a period of a price file,
 * against buy-and-hold. Returns the report document (what `dyna backtest
 * --json` prints), with the views of the report files and the verdict of the
 * CI gates (`failUnderBenchmark`, `minSharpe`) attached.
 */
import { rangeWarnings, validateDateRange } from '../data/date-range.js';
import { assessSignificance } from '../evaluation/significance.js';
import { backtestSegment } from '../evaluation/timing-test.js';
import { buildReport, positionSection, type ReportDocument, type ReportViews } from '../report/report.js';
import { percent, ratio } from '../report/render/format.js';
import { leverageWarnings } from '../report/warnings.js';
import { createRng } from '../rng.js';
import { backtestPolicy } from '../strategy/backtest.js';
import { explainPolicy } from '../strategy/policy-map.js';
import { prepareData } from '../strategy/prepare.js';
import { provenanceWarnings } from '../strategy/provenance.js';
import { readPrices } from './inputs.js';
import { Warnings, withOutputs, type WorkflowIo } from './io.js';
import { modelInfoOf } from './model-info.js';
import { checkInteger, checkName, checkOverride, marketOverride, settingsWarnings, type MarketOptions } from './options.js';
import { openModel } from './saved-model.js';


/** The options of `backtest`: its flags, camelCased. Costs, sizing, cash and maintenance default to the model's. */
export interface BacktestOptions extends MarketOptions {
  /** The price CSV. */
  prices: string;
  /** The model file written by `train`. */
  model: string;
  /** Name of the series (default: the price file's name). */
  symbol?: string;
  start?: string;
  end?: string;
  /** Also test timing against this many random timings with the same exposure, and the excess over buy-and-hold by as many bootstrap samples. */
  significance?: number;
  /** CI gate: below target when the total return is below buy-and-hold's. */
  failUnderBenchmark?: boolean;
  /** CI gate: below target when the Sharpe ratio is below this (or undefined). */
  minSharpe?: number;
}

/** What the backtest attaches to its document. */
export interface BacktestOutputs {
  views: ReportViews;
  /** Why the run misses a CI gate (and which), or undefined when it passes them all. */
  belowTarget: { option: 'failUnderBenchmark' | 'minSharpe'; reason: string } | undefined;
}

/** Replays a saved policy over a period and compares it with buy-and-hold. */
export async function backtest(options: BacktestOptions, io: WorkflowIo = {}): Promise<ReportDocument & Readonly<BacktestOutputs>> {
  validateDateRange({ start: options.start, end: options.end });
  const override = checkOverride(marketOverride(options));
  checkInteger('significance', options.significance);
  const { model, levels, settings, sizing, rules } = await openModel(options.model, override);
  const { market } = settings;
  checkName('symbol', options.symbol);
  const warnings = new Warnings(io);
  const prices = await readPrices(options.prices, options.symbol, settings.trader.indicators);
  const data = prepareData(prices.series, settings.trader.indicators, { start: options.start, end: options.end }, options.prices);
  warnings.add(...prices.warnings, ...rangeWarnings(prices.series, options, options.prices), ...data.warnings, ...settingsWarnings(settings, override));
  const run = backtestPolicy(model.learner.qTable(), model.file.discretizer, data, sizing, rules, levels, market);
  const { strategy, benchmark } = run;
  warnings.add(...leverageWarnings(sizing, strategy, benchmark, market.maintenance));
  const provenance = provenanceWarnings(model.file, prices.source, data, prices.series);
  warnings.add(...provenance.warnings);
  const significance =
    options.significance === undefined
      ? undefined
      : assessSignificance({ segments: [backtestSegment(run)], strategy, benchmark, samples: options.significance, sizing, rules, rng: createRng(`significance:${settings.trader.seed}`) });
  if (significance) warnings.add(...significance.warnings);
  const report = buildReport({
    command: 'backtest',
    symbol: prices.series.symbol,
    data: prices.source,
    costs: rules.costs,
    position: positionSection(sizing, market.cash, market.maintenance),
    strategy,
    benchmark,
    model: options.model,
    modelInfo: modelInfoOf(options.model, model.file),
    warnings: warnings.list,
    inSample: provenance.inSample,
    policy: explainPolicy(model.learner, model.file.discretizer, data.features.labels, model.file.training.epochs, levels),
    significance,
  });
  return withOutputs(report, { views: { report, strategy, benchmark }, belowTarget: gateFailure(report, options) });
}

/** Why the run misses a CI gate, or undefined when it passes them all. */
function gateFailure(report: ReportDocument, options: BacktestOptions): BacktestOutputs['belowTarget'] {
  const { strategy, benchmark } = report;
  if (options.failUnderBenchmark && strategy.totalReturn < benchmark.totalReturn) {
    return { option: 'failUnderBenchmark', reason: `total return ${percent(strategy.totalReturn)} is below buy-and-hold's ${percent(benchmark.totalReturn)}` };
  }
  if (options.minSharpe !== undefined && (strategy.sharpe === null || strategy.sharpe < options.minSharpe)) {
    return { option: 'minSharpe', reason: `Sharpe ratio ${ratio(strategy.sharpe)} is below ${options.minSharpe}` };
  }
  return undefined;
}
