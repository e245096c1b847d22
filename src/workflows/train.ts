/**
 * `train`: learn a policy on a price file. Returns the report document (what
 * `dyna train --json` prints) with the model file's content attached for the
 * caller to write: `result.modelFile`, to the path in `result.model`.
 */
import { validateDateRange } from '../data/date-range.js';
import { symbolFromPath } from '../data/load-prices.js';
import { InvalidOptionError } from '../errors.js';
import { quote } from '../text.js';
import { sizingOf } from '../market/sizing.js';
import { buildReport, positionSection, type ReportDocument, type ReportViews, type TrainingSummary } from '../report/report.js';
import { leverageWarnings, shortTrainingWarning } from '../report/warnings.js';
import { rangeWarnings } from '../data/date-range.js';
import { checkContinuable, checkContinuation, checkUnchangedSettings, lastTrainingDay } from '../strategy/continuation.js';
import { readModel } from '../strategy/load-model.js';
import { modelOfTraining, serializeModel, symbolProblem, trainingSummary, type TrainingPeriod } from '../strategy/model-file.js';
import { explainPolicy } from '../strategy/policy-map.js';
import { prepareData } from '../strategy/prepare.js';
import { trainTrader } from '../strategy/trainer.js';
import type { Settings } from '../settings/settings.js';
import { readPrices } from './inputs.js';
import { clockOf, secondsSince, Warnings, withOutputs, type WorkflowIo } from './io.js';
import { modelInfoOf } from './model-info.js';
import { checkName, checkOverride, learningOverride, marketOverride, resolveSettings, savedSettings, settingsWarnings, type LearningOptions, type MarketOptions } from './options.js';

/** The options of `train`: its flags, camelCased. */
export interface TrainOptions extends LearningOptions, MarketOptions {
  /** The price CSV. */
  prices: string;
  /** Name of the series (default: the file name). */
  symbol?: string;
  /** The training period, inclusive ISO days; earlier rows warm up the indicators. */
  start?: string;
  end?: string;
  /** Where the caller will write the model; the report names it (default `<symbol>.model.json`). */
  out?: string;
  /** A JSON settings file over config/defaults.json and the preset (the options override it). */
  config?: string;
  /**
   * Continue this saved model (its file) over the period instead of starting
   * empty: its Q values, market model and random generator, its bucket
   * thresholds and its settings (only epochs, minEpochs and patience may
   * change). The period starts on the model's last training day by default.
   */
  initModel?: string;
  /** With initModel: fit new bucket thresholds on the period; the learned tables then start empty (see the README). */
  refit?: boolean;
}

/** What a continued training run (initModel) adds to the document: the model it continued and every period the new model learned from. */
export interface ContinuedFrom {
  model: string;
  refit: boolean;
  periods: TrainingPeriod[];
}

/** What `train --json` prints. */
export type TrainDocument = ReportDocument & { command: 'train'; training: TrainingSummary & { seconds: number }; continued?: ContinuedFrom };

/** What `dyna train` writes, attached to the document. */
export interface TrainOutputs {
  /** The model file's content. */
  modelFile: string;
  /** What the --report files and the terminal chart are drawn from. */
  views: ReportViews;
  /** The settings the run used: the defaults, the preset, the config file and the options, merged. */
  settings: Settings;
}

/** The model path `dyna train` writes by default: `<symbol>.model.json`, the symbol made safe for a file name. */
export function defaultModelPath(prices: string, symbol?: string): string {
  return `${(symbol ?? symbolFromPath(prices)).replace(/[^A-Za-z0-9._-]/g, '_')}.model.json`;
}

/** Trains the Dyna-Q trader on the period of a price file. */
export async function train(options: TrainOptions, io: WorkflowIo = {}): Promise<TrainDocument & Readonly<TrainOutputs>> {
  const started = clockOf(io)();
  const override = checkOverride({ ...learningOverride(options), ...marketOverride(options) });
  if (options.refit && options.initModel === undefined) throw new InvalidOptionError([{ option: 'refit' }, ' refits the bucket thresholds of a model to continue: it needs ', { option: 'initModel' }]);
  validateDateRange({ start: options.start, end: options.end });
  const saved = options.initModel === undefined ? undefined : await readModel(options.initModel);
  if (saved) checkContinuable(saved, options.initModel as string);
  const settings = saved ? resolveSettings(options.config, override, options.preset, savedSettings(saved.file.settings)) : resolveSettings(options.config, override, options.preset);
  if (saved) checkUnchangedSettings(saved.file.settings, settings, override);
  checkName('symbol', options.symbol);
  const symbol = options.symbol ?? symbolFromPath(options.prices);
  checkSymbol(symbol, options.symbol !== undefined);
  const out = options.out ?? defaultModelPath(options.prices, options.symbol);
  const warnings = new Warnings(io);
  const prices = await readPrices(options.prices, options.symbol, settings.trader.indicators);
  // A continuation starts on the model's last training day: that day's move to the next close is the first it has not learned.
  const start = options.start ?? (saved ? lastTrainingDay(saved.file).slice(0, 10) : undefined);
  const data = prepareData(prices.series, settings.trader.indicators, { start, end: options.end }, options.prices);
  // A continuation over a few new days is short by design: no short-training warning for it.
  warnings.add(...prices.warnings, ...rangeWarnings(prices.series, { ...options, start }, options.prices), ...data.warnings, ...(saved ? [] : [shortTrainingWarning(data.period.to - data.period.from)]), ...settingsWarnings(settings, override));
  if (saved) warnings.add(...checkContinuation(saved.file, prices.source, prices.series, data, options.prices, options.refit));
  if (saved && options.refit) warnings.add(`--refit: the bucket thresholds were fitted again on ${data.series.dates[data.period.from]} to ${data.series.dates[data.period.to - 1]}, so the learned tables (indexed by the old buckets) started empty: the model learned from this period only`);
  // Without --refit the saved learner goes on with its thresholds and reward; with it, only the settings are the model's.
  const initial = saved && !options.refit ? { learner: saved.learner, discretizer: saved.file.discretizer, reward: saved.file.reward } : undefined;
  const { epochs } = settings.trader;
  const result = trainTrader({ ...data, settings, initial, onEpoch: (epoch, totalReturn) => io.onProgress?.({ kind: 'epoch', epoch, epochs, totalReturn }) });
  const sizing = sizingOf(settings.market);
  warnings.add(...result.diagnosis.warnings, ...leverageWarnings(sizing, result.inSample, result.benchmark, settings.market.maintenance));

  const training = { ...trainingSummary(result), states: result.numStates };
  const model = modelOfTraining({ symbol, source: prices.source, series: prices.series, data, result, settings, earlier: initial ? saved?.file.periods : undefined });
  const report = buildReport({
    command: 'train',
    symbol,
    data: prices.source,
    costs: { commission: settings.market.commission, impact: settings.market.impact },
    position: positionSection(sizing, settings.market.cash, settings.market.maintenance),
    strategy: result.inSample,
    benchmark: result.benchmark,
    training,
    model: out,
    modelInfo: modelInfoOf(out, model),
    warnings: warnings.list,
    policy: explainPolicy(result.learner, result.discretizer, data.features.labels, result.epochs, result.levels),
  });
  const modelFile = serializeModel(model);
  const continued = saved ? { continued: { model: options.initModel as string, refit: options.refit === true, periods: model.periods } } : {};
  const document = { ...report, command: 'train' as const, training: { ...training, seconds: Number(secondsSince(io, started).toFixed(3)) }, ...continued };
  return withOutputs(document, { modelFile, views: { report, strategy: result.inSample, benchmark: result.benchmark }, settings });
}

/** Refuses, before any training, a symbol the model file could not hold (the model validator's rule); `given`: by the symbol option, else by the file name. */
function checkSymbol(symbol: string, given: boolean): void {
  const problem = symbolProblem(symbol);
  if (problem === undefined) return;
  if (given) throw new InvalidOptionError([{ option: 'symbol' }, ` ${problem} (got ${quote(symbol)}, ${symbol.length} characters)`]);
  throw new InvalidOptionError([`the symbol taken from the price file's name, ${quote(symbol)}, ${problem}: name it with `, { option: 'symbol' }]);
}
