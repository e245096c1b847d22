/**
 * `signal`: the position a saved model holds after the last row's close of a
 * price file, and why. Returns what `dyna signal --json` prints. By default
 * the policy is replayed from the day after the model's last training day (or
 * `start`) exactly as `backtest` replays it, so the signal is the position a
 * backtest from the same first day holds after that close; `holding` starts
 * from the position the user holds instead. Warnings say when the prices look
 * stale (today comes from `io.wallClock`), when they are another series than
 * the model's, when the day's market state was never seen in training, and
 * when the policy's rule ignores the market.
 */
import { validateDateRange } from '../data/date-range.js';
import { DataError, InvalidOptionError, invalidOption } from '../errors.js';
import { quote } from '../text.js';
import type { PositionLevels } from '../market/positions.js';
import { positionSection, type PositionSection } from '../report/report.js';
import { lastTrainingDay } from '../strategy/continuation.js';
import { prepareData } from '../strategy/prepare.js';
import { provenanceWarnings } from '../strategy/provenance.js';
import { computeSignal, staleDataWarnings, type Signal } from '../strategy/signal.js';
import { readPrices } from './inputs.js';
import { Warnings, type WorkflowIo } from './io.js';
import { checkInteger, checkName, checkOverride, marketOverride, settingsWarnings, type MarketOptions } from './options.js';
import { openModel } from './saved-model.js';

/** Calendar days the last row may be older than today before the signal warns that the prices are stale (a long weekend is 4). */
export const DEFAULT_STALE_DAYS = 4;

/** The options of `signal`: its flags, camelCased. Costs, sizing, cash and maintenance default to the model's, as for backtest. */
export interface SignalOptions extends MarketOptions {
  /** The price CSV; the signal is for its last row. */
  prices: string;
  /** The model file written by `train`. */
  model: string;
  /** Name of the series (default: the price file's name). */
  symbol?: string;
  /** First day of the replay (default: the day after the model's last training day); earlier rows warm up the indicators. */
  start?: string;
  /** Start from this position on the last day instead of replaying: a level name (short, flat, long, "long 50%", ...) or its exposure (-1 ... 1). */
  holding?: string;
  /** Warn when the last row is more than this many calendar days before today (default DEFAULT_STALE_DAYS). */
  staleDays?: number;
}

/** What `signal --json` prints. */
export interface SignalDocument extends Omit<Signal, 'warnings'> {
  schemaVersion: 1;
  command: 'signal';
  symbol: string;
  data: { file: string; sha256: string };
  model: string;
  costs: { commission: number; impact: number };
  sizing: PositionSection;
  warnings: string[];
}

/** The position to hold after the last row's close, and why. */
export async function signal(options: SignalOptions, io: WorkflowIo = {}): Promise<SignalDocument> {
  validateDateRange({ start: options.start });
  const override = checkOverride(marketOverride(options));
  checkInteger('staleDays', options.staleDays);
  checkName('symbol', options.symbol);
  if (options.holding !== undefined && options.start !== undefined) {
    throw new InvalidOptionError([{ option: 'holding' }, ' starts from the position you hold on the last day and ', { option: 'start' }, ' replays the policy from a day: give one of them']);
  }
  const { model, levels, settings, sizing, rules } = await openModel(options.model, override);
  const holding = options.holding === undefined ? undefined : levelIndex(levels, options.holding);
  const { market } = settings;
  const prices = await readPrices(options.prices, options.symbol, settings.trader.indicators);
  const { dates } = prices.series;
  const last = dates[dates.length - 1];
  const trainedTo = lastTrainingDay(model.file);
  // With a holding only the last day matters (its earlier rows warm up the indicators).
  const start = holding !== undefined ? last.slice(0, 10) : (options.start ?? dayAfter(dates, trainedTo, options.prices));
  const data = prepareData(prices.series, settings.trader.indicators, { start }, options.prices);
  const warnings = new Warnings(io);
  warnings.add(...prices.warnings, ...data.warnings, ...settingsWarnings(settings, override));
  const result = computeSignal({ model, levels, data, sizing, rules, market, holding });
  const modelDataEnd = model.file.data.lastDate > trainedTo ? model.file.data.lastDate : trainedTo;
  warnings.add(...staleDataWarnings(last, localDay((io.wallClock ?? Date.now)()), modelDataEnd, options.staleDays ?? DEFAULT_STALE_DAYS));
  const provenance = provenanceWarnings(model.file, prices.source, data, prices.series);
  // A replay over training days is in-sample, as in backtest; a holding's one day is the signal's own.
  warnings.add(...(holding === undefined ? provenance.warnings : provenance.warnings.filter((w) => !w.startsWith('in-sample:'))));
  warnings.add(...result.warnings);
  const { warnings: _signalWarnings, ...rest } = result;
  return {
    schemaVersion: 1,
    command: 'signal',
    symbol: prices.series.symbol,
    ...rest,
    data: prices.source,
    model: options.model,
    costs: rules.costs,
    sizing: positionSection(sizing, market.cash, market.maintenance),
    warnings: warnings.list,
  };
}

/** The level a holding names: its name (any case) or its exposure. */
function levelIndex(levels: PositionLevels, text: string): number {
  const wanted = text.trim().toLowerCase();
  const byName = levels.names.findIndex((name) => name === wanted);
  const number = wanted === '' ? Number.NaN : Number(wanted);
  const index = byName >= 0 ? byName : levels.units.indexOf(number);
  if (index < 0) throw invalidOption('holding', `must be one of the model's positions: ${levels.names.join(', ')} (or its exposure, ${levels.units.join(', ')}); got ${quote(text)}`);
  return index;
}

/** The first day after the model's last training day, or an error saying there is none to replay. */
function dayAfter(dates: string[], trainedTo: string, file: string): string {
  const next = dates.find((d) => d.slice(0, 10) > trainedTo.slice(0, 10));
  if (next === undefined) {
    throw new DataError(`the file ends on ${dates[dates.length - 1]}, and the model was trained to ${trainedTo}: there is no later day to replay; give --holding with the position you hold (or --start to replay from an earlier day)`, { file });
  }
  return next.slice(0, 10);
}

/** The local calendar day of a wall-clock time, YYYY-MM-DD (what `date +%F` prints). */
function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
