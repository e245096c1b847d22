/**
 * `train`: learn a policy on a price file. Returns the report document (what
 * `dyna train --json` prints) with the model file's content attached for the
 * caller to write: `result.modelFile`, to the path in `result.model`.
 */
import { symbolFromPath } from '../data/load-prices.js';
import { sizingOf } from '../market/sizing.js';
import { buildReport, positionSection, type ReportDocument, type ReportViews, type TrainingSummary } from '../report/report.js';
import { leverageWarnings, shortTrainingWarning } from '../report/warnings.js';
import { rangeWarnings } from '../data/date-range.js';
import { modelOfTraining, serializeModel, trainingSummary } from '../strategy/model-file.js';
import { explainPolicy } from '../strategy/policy-map.js';
import { prepareData } from '../strategy/prepare.js';
import { trainTrader } from '../strategy/trainer.js';
import type { Settings } from '../settings/settings.js';
import { readPrices } from './inputs.js';
import { clockOf, secondsSince, Warnings, withOutputs, type WorkflowIo } from './io.js';
import { checkName, checkOverride, ignoredSettingWarnings, learnerKeysOf, learningOverride, marketOverride, resolveSettings, type LearningOptions, type MarketOptions } from './options.js';

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
}

/** What `train --json` prints. */
export type TrainDocument = ReportDocument & { command: 'train'; training: TrainingSummary & { seconds: number } };

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
  const settings = resolveSettings(options.config, override, options.preset);
  checkName('symbol', options.symbol);
  const symbol = options.symbol ?? symbolFromPath(options.prices);
  const out = options.out ?? defaultModelPath(options.prices, options.symbol);
  const warnings = new Warnings(io);
  const prices = await readPrices(options.prices, options.symbol);
  const data = prepareData(prices.series, settings.trader.indicators, { start: options.start, end: options.end }, options.prices);
  warnings.add(...prices.warnings, ...rangeWarnings(prices.series, options, options.prices), ...data.warnings, shortTrainingWarning(data.period.to - data.period.from), ...ignoredSettingWarnings(settings.learner.model, learnerKeysOf(override)));
  const { epochs } = settings.trader;
  const result = trainTrader({ ...data, settings, onEpoch: (epoch, totalReturn) => io.onProgress?.({ kind: 'epoch', epoch, epochs, totalReturn }) });
  const sizing = sizingOf(settings.market);
  warnings.add(...result.diagnosis.warnings, ...leverageWarnings(sizing, result.inSample, result.benchmark, settings.market.maintenance));

  const training = { ...trainingSummary(result), states: result.numStates };
  const model = modelOfTraining({ symbol, source: prices.source, series: prices.series, data, result, settings });
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
    modelInfo: { file: out, data: prices.source, periods: [model.period], settings: model.settings, training: { epochs: result.epochs, converged: result.converged, policy: result.diagnosis.kind } },
    warnings: warnings.list,
    policy: explainPolicy(result.learner, result.discretizer, data.features.labels, result.epochs, result.levels),
  });
  const modelFile = serializeModel(model);
  const document = { ...report, command: 'train' as const, training: { ...training, seconds: Number(secondsSince(io, started).toFixed(3)) } };
  return withOutputs(document, { modelFile, views: { report, strategy: result.inSample, benchmark: result.benchmark }, settings });
}
