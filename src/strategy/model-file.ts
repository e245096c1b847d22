/**
 * The saved model: everything needed to replay the learned policy and to
 * reproduce the training run. Plain JSON, no timestamps, so the same inputs
 * and seed give the same bytes.
 */
import { ModelError } from '../errors.js';
import { jsonText, parseJsonData, type UnsafeJsonError } from '../json.js';
import { clip, quoted } from '../text.js';
import { DynaQLearner, type DynaQLearnerJSON } from '../learner/dyna-q.js';
import { FactoredDynaQLearner, type FactoredDynaQLearnerJSON } from '../learner/factored-dyna-q.js';
import { validateDiscretizer, type Discretizer } from '../features/discretizer.js';
import { stateCount } from '../features/state-space.js';
import { calendarDaysBetween, isIsoDate } from '../data/dates.js';
import { positionLevels } from '../market/positions.js';
import { runSettings, validateSettings, type Settings } from '../settings/settings.js';
import type { PriceSeries } from '../data/price-series.js';
import type { PreparedData } from './prepare.js';
import type { TraderLearner, TrainingResult } from './trainer.js';
import { factoredReward, type RewardParameters } from './reward.js';
import type { PolicyKind } from './policy-diagnosis.js';
import { rowsFingerprint } from './provenance.js';

/** Longest symbol a model may carry. */
export const MAX_SYMBOL_LENGTH = 100;

/** Why `symbol` cannot name a model (undefined when it can): the one rule, which train checks before training and every model file must pass. */
export function symbolProblem(symbol: unknown): string | undefined {
  return typeof symbol === 'string' && symbol.length >= 1 && symbol.length <= MAX_SYMBOL_LENGTH ? undefined : `must be 1 to ${MAX_SYMBOL_LENGTH} characters`;
}

/** Largest model file read: far above what any state space dyna allows needs. */
export const MAX_MODEL_BYTES = 256 * 1024 * 1024;

/**
 * Version of the model file format this dyna writes. Versions 1 (classic model
 * only), 2 (before pooling), 3 (one training period, before `periods`) and 4
 * (before pooling by factors) are read too.
 */
export const MODEL_SCHEMA_VERSION = 5;
export const MODEL_KIND = 'dyna-trader-model';

/** Where the training data came from. */
export interface DataSource {
  /** File name (without folders, so the model does not depend on where it was made). */
  file: string;
  sha256: string;
  rows: number;
  firstDate: string;
  lastDate: string;
}

/**
 * One period a model learned from: its days and the data they came from. A
 * model continued with `train --init-model` lists one per training run.
 */
export interface TrainingPeriod {
  /** The price file's name and SHA-256. */
  file: string;
  sha256: string;
  /**
   * SHA-256 of the period's rows as dyna read them (see provenance.ts
   * rowsFingerprint): a longer file with the same rows, such as the same
   * series with days appended, is still this data. Absent in upgraded files.
   */
  rows?: string;
  start: string;
  end: string;
  days: number;
}

/** The model file's contents. */
export interface ModelFile {
  schemaVersion: typeof MODEL_SCHEMA_VERSION;
  kind: typeof MODEL_KIND;
  symbol: string;
  /** The data of the last training run. */
  data: DataSource;
  /** The last training run's period. */
  period: { start: string; end: string; days: number };
  /** Every period the model learned from, oldest first (the last is `period`). */
  periods: TrainingPeriod[];
  /** The settings of the run, minus the synth section. */
  settings: Omit<Settings, 'synth'>;
  /** Rows of warm-up the indicators need. */
  warmup: number;
  discretizer: Discretizer;
  numStates: number;
  actions: readonly string[];
  training: { epochs: number; converged: boolean; changedDays: number; policy: PolicyKind; realSteps: number; hallucinatedSteps: number; learningCurve: number[] };
  /** The cost parameters of the learner's reward. */
  reward: RewardParameters;
  learner: DynaQLearnerJSON | FactoredDynaQLearnerJSON;
}

/** A model read back from disk: its contents plus a working learner. */
export interface LoadedModel {
  file: ModelFile;
  learner: TraderLearner;
  /** The schema version the file was written with (older ones are upgraded on reading). */
  writtenVersion: number;
}

/** The most training periods a model may list (a nightly run for a century). */
export const MAX_TRAINING_PERIODS = 40_000;

/** Parses and checks a model file's JSON; every problem is a ModelError naming the file. */
export function parseModel(text: string, path: string): LoadedModel {
  let json: ModelFile;
  try {
    json = parseJsonData(text) as ModelFile;
  } catch (error) {
    const key = (error as UnsafeJsonError).key;
    throw new ModelError(key ? `not a dyna model: ${(error as Error).message}` : 'not a dyna model: the file is not valid JSON (truncated or corrupt?)', path);
  }
  if (typeof json !== 'object' || json === null || json.kind !== MODEL_KIND) throw new ModelError('not a dyna model file', path);
  const writtenVersion = json.schemaVersion as number;
  if (![1, 2, 3, 4, MODEL_SCHEMA_VERSION].includes(writtenVersion)) {
    throw new ModelError(`model schema version ${quoted(json.schemaVersion)} is not supported (this dyna reads versions 1 to ${MODEL_SCHEMA_VERSION}); retrain the model`, path);
  }
  try {
    if (writtenVersion === 1) json = upgradeFromVersion1(json);
    if (writtenVersion === 2) json = upgradeFromVersion2(json);
    if (writtenVersion <= 3) json = upgradeFromVersion3(json);
    if (writtenVersion <= 4) json = upgradeFromVersion4(json);
    validateSettings(json.settings, 'settings', ['learner', 'market', 'trader']);
    const indicators = json.settings.trader.indicators.length;
    const discretizer = validateDiscretizer(json.discretizer, indicators);
    if (discretizer.bins !== json.settings.trader.bins) throw new ModelError(`discretizer has ${discretizer.bins} bins but the settings say ${json.settings.trader.bins}`);
    const levels = positionLevels(json.settings.trader.levels);
    const expected = stateCount(indicators, discretizer.bins, levels.units.length);
    if (json.numStates !== expected) throw new ModelError(`numStates ${quoted(json.numStates)} does not match ${indicators} indicators x ${discretizer.bins} bins x ${levels.units.length} positions`);
    const learner = loadLearner(json);
    if (learner.numStates !== expected || learner.numActions !== levels.units.length) throw new ModelError('learner size does not match the state space');
    if (typeof json.symbol !== 'string' || typeof json.data?.file !== 'string') throw new ModelError('symbol and data source are missing');
    const symbol = symbolProblem(json.symbol);
    if (symbol !== undefined) throw new ModelError(`symbol ${symbol}`);
    if (json.data.file.length > 4096) throw new ModelError('the data file name must be at most 4096 characters');
    const problem = periodProblem(json.period);
    if (problem !== undefined) throw new ModelError(`period ${problem}`);
    if (!Number.isInteger(json.warmup) || json.warmup < 0) throw new ModelError('warmup must be a non-negative integer');
    validatePeriods(json.periods);
    const last = json.periods[json.periods.length - 1];
    if (last.start !== json.period.start || last.end !== json.period.end || last.days !== json.period.days) throw new ModelError('period must be the last of periods');
    return { file: json, learner, writtenVersion };
  } catch (error) {
    // Every message gets the file's name and quotes the file's values cut short and neutralized (the learners' checks included).
    if (error instanceof ModelError && error.file === undefined) throw new ModelError(clip(error.message, 300), path);
    throw error instanceof ModelError ? error : new ModelError(`malformed model (${clip((error as Error).message, 200)})`, path);
  }
}

/** The learner of a model file, of the kind its settings name. */
function loadLearner(json: ModelFile): TraderLearner {
  const reward = json.reward;
  if (typeof reward !== 'object' || reward === null || !(reward.impact >= 0 && reward.impact < 1) || !(reward.commission >= 0 && Number.isFinite(reward.commission))) {
    throw new ModelError('reward must have impact in [0, 1) and a finite commission >= 0');
  }
  const kind = json.settings.learner.model;
  const state = json.learner as { kind?: unknown };
  if ((state?.kind === 'factored') !== (kind === 'market')) throw new ModelError(`the learner state does not match learner.model "${kind}"`);
  if (reward.riskAversion !== undefined && !(reward.riskAversion >= 0 && reward.riskAversion <= 1000)) throw new ModelError('reward.riskAversion must be a number in [0, 1000]');
  if (kind !== 'market') return DynaQLearner.fromJSON(json.learner as DynaQLearnerJSON);
  const { reward: rewardOf, varianceWeight } = factoredReward(reward, positionLevels(json.settings.trader.levels));
  const learner = FactoredDynaQLearner.fromJSON(json.learner as FactoredDynaQLearnerJSON, rewardOf, varianceWeight);
  if ((learner.options.factors.length > 0) !== (json.settings.learner.pooling === 'factors')) throw new ModelError(`the learner state does not match learner.pooling "${json.settings.learner.pooling}"`);
  return learner;
}

/**
 * Version 1 files predate the market model: their learner is classic, and their
 * reward was the change of value in percent of the start cash (not saved; only
 * the Q table matters for a backtest).
 */
function upgradeFromVersion1(json: ModelFile): ModelFile {
  const settings = json.settings as ModelFile['settings'] | undefined;
  if (typeof settings !== 'object' || settings === null || typeof settings.learner !== 'object' || settings.learner === null) return json;
  const market = settings.market ?? { commission: 0, impact: 0 };
  return {
    ...json,
    schemaVersion: MODEL_SCHEMA_VERSION,
    // Version 1 sized positions in shares and had no margin calls.
    settings: { ...settings, learner: { ...settings.learner, model: 'classic', priorDrift: 0, priorDays: 0, evidence: 0, riskAversion: 0 }, trader: { ...settings.trader, levels: [-1, 0, 1] }, market: { ...({ size: 1, maintenance: 0, rebalanceBelow: 0, rebalanceAbove: 1000 } as Partial<typeof market>), ...market } },
    reward: { impact: market.impact, commission: 0 },
  };
}

/**
 * Version 2 files shrank each market state's mean toward 0 (`outcomePrior`);
 * their Q tables replay as they are, and the closest pooled setting is no prior view.
 */
function upgradeFromVersion2(json: ModelFile): ModelFile {
  const settings = json.settings as ModelFile['settings'] | undefined;
  if (typeof settings !== 'object' || settings === null || typeof settings.learner !== 'object' || settings.learner === null) return json;
  const { outcomePrior: _old, ...learner } = settings.learner as ModelFile['settings']['learner'] & { outcomePrior?: number };
  return { ...json, schemaVersion: MODEL_SCHEMA_VERSION, settings: { ...settings, learner: { ...learner, priorDrift: 0, priorDays: 0, evidence: 0, riskAversion: 0 }, trader: { ...settings.trader, levels: [-1, 0, 1] } } };
}

/**
 * Version 3 files name one training period, in `data` and `period`: that is
 * their list of periods (without the rows' fingerprint, so only the same file matches it).
 */
function upgradeFromVersion3(json: ModelFile): ModelFile {
  const { data, period } = json;
  if (typeof data !== 'object' || data === null || typeof period !== 'object' || period === null) return json;
  return { ...json, schemaVersion: MODEL_SCHEMA_VERSION, periods: [{ file: data.file, sha256: data.sha256, start: period.start, end: period.end, days: period.days }] };
}

/** Version 4 files pooled the market states alone: their learners have no factors, and their settings say so. */
function upgradeFromVersion4(json: ModelFile): ModelFile {
  const settings = json.settings as ModelFile['settings'] | undefined;
  if (typeof settings !== 'object' || settings === null || typeof settings.learner !== 'object' || settings.learner === null) return json;
  return { ...json, schemaVersion: MODEL_SCHEMA_VERSION, settings: { ...settings, learner: { ...settings.learner, pooling: 'states', factorEvidence: 0 } } };
}

/** Checks the list of training periods of a model file. */
function validatePeriods(periods: unknown): void {
  if (!Array.isArray(periods) || periods.length === 0 || periods.length > MAX_TRAINING_PERIODS) throw new ModelError(`periods must list 1 to ${MAX_TRAINING_PERIODS} training periods`);
  periods.forEach((p: Partial<TrainingPeriod> | null, i) => {
    const text = (v: unknown, max = 4096) => typeof v === 'string' && v.length > 0 && v.length <= max;
    const ok = typeof p === 'object' && p !== null && text(p.file) && text(p.sha256, 128) && (p.rows === undefined || text(p.rows, 128));
    if (!ok) throw new ModelError(`periods[${i}] must have a file and its sha256`);
    const problem = periodProblem(p);
    if (problem !== undefined) throw new ModelError(`periods[${i}] ${problem}`);
  });
}

/**
 * Why a training period is impossible, or undefined: its start and end must be
 * dates as price files give them (real calendar days, years 0000 to 9999),
 * start <= end, and its days a count of rows that fits between them.
 */
function periodProblem(period: unknown): string | undefined {
  const p = period as Partial<TrainingPeriod> | null;
  const date = (v: unknown): v is string => typeof v === 'string' && v.length <= 64 && isIsoDate(v);
  if (typeof p !== 'object' || p === null || !date(p.start) || !date(p.end)) return 'must have start and end dates YYYY-MM-DD';
  if (p.start.slice(0, 10) > p.end.slice(0, 10)) return `starts after it ends (${p.start.slice(0, 10)} > ${p.end.slice(0, 10)})`;
  const calendarDays = calendarDaysBetween(p.start, p.end) + 1;
  // Rows with times of day may be several a day; plain days are one at most.
  const most = p.start.length === 10 && p.end.length === 10 ? calendarDays : Number.MAX_SAFE_INTEGER;
  if (!(Number.isSafeInteger(p.days) && (p.days as number) >= 1 && (p.days as number) <= most)) return `must have days in [1, ${most}]${most === calendarDays ? ', the calendar days from its start to its end' : ''}`;
  return undefined;
}

/** Builds the model file's contents; `periods` defaults to the one period of `data` and `period`. */
export function buildModelFile(parts: Omit<ModelFile, 'schemaVersion' | 'kind' | 'actions' | 'periods'> & { periods?: TrainingPeriod[] }): ModelFile {
  const { periods, ...rest } = parts;
  const only: TrainingPeriod = { file: parts.data.file, sha256: parts.data.sha256, ...parts.period };
  const head = { schemaVersion: MODEL_SCHEMA_VERSION, kind: MODEL_KIND, symbol: parts.symbol, data: parts.data, period: parts.period, periods: periods ?? [only] } as const;
  return { ...head, ...rest, actions: positionLevels(parts.settings.trader.levels).names };
}

/** The model file's text: readable two-space JSON, with the bulky learner state on one line at the end. */
export function serializeModel(model: ModelFile): string {
  const { learner, ...rest } = model;
  const head = jsonText(rest, 2);
  return `${head.slice(0, -2)},\n  "learner": ${jsonText(learner)}\n}\n`;
}

/** How a training run went, as the model and the report record it. */
export function trainingSummary(result: TrainingResult): ModelFile['training'] {
  return {
    epochs: result.epochs,
    converged: result.converged,
    changedDays: result.changedDays,
    policy: result.diagnosis.kind,
    realSteps: result.learner.realSteps,
    hallucinatedSteps: result.learner.hallucinatedSteps,
    learningCurve: result.learningCurve,
  };
}

/**
 * The model file of a finished training run. `series` is the whole loaded file,
 * `source` its name and hash; `earlier` the periods a continued model learned from before this run.
 */
export function modelOfTraining(parts: {
  symbol: string;
  source: { file: string; sha256: string };
  series: PriceSeries;
  data: PreparedData;
  result: TrainingResult;
  settings: Settings;
  earlier?: TrainingPeriod[];
}): ModelFile {
  const { series, result, data } = parts;
  const days = result.inSample.dates;
  const period = { start: days[0], end: days[days.length - 1], days: days.length };
  const rows = rowsFingerprint(data.series, data.period.from, data.period.to);
  return buildModelFile({
    symbol: parts.symbol,
    data: { ...parts.source, rows: series.dates.length, firstDate: series.dates[0], lastDate: series.dates[series.dates.length - 1] },
    period,
    periods: [...(parts.earlier ?? []), { ...parts.source, rows, ...period }],
    settings: runSettings(parts.settings),
    warmup: parts.data.features.warmup,
    discretizer: result.discretizer,
    numStates: result.numStates,
    training: trainingSummary(result),
    reward: result.reward,
    learner: result.learner.toJSON(),
  });
}
