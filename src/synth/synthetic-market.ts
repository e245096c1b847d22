/**
 * A seeded synthetic market: daily bars whose log price is a random walk with
 * drift, optional pull back to its trend (mean reversion), optional regimes
 * (bull/bear, or calm mean-reverting spells between trends), and an optional
 * deterministic cycle. Pure: takes its generator.
 */
import { InvalidOptionError, invalidOption } from '../errors.js';
import { isIsoDay } from '../data/dates.js';
import { MAX_PRICE } from '../data/price-table.js';
import type { Rng } from '../rng.js';
import { quoted } from '../text.js';
import { integerRangeText, isIntegerIn } from '../integers.js';

/** Parameters of the generator. Rates are annual, as traders quote them. */
export interface SyntheticMarketOptions {
  /** Trading days (rows) to generate. */
  days: number;
  /** First date, YYYY-MM-DD; rows fall on weekdays from there. */
  startDate: string;
  startPrice: number;
  /** Annual drift of the log price (0.05 = about +5% a year). */
  drift: number;
  /** Annual volatility of daily log returns (0.2 = 20%). */
  volatility: number;
  /** Daily pull of the log price back to its trend line, in [0, 1]; 0 = pure random walk. */
  reversion: number;
  /** Cycle length in trading days (0 = no cycle). */
  cyclePeriod: number;
  /** Cycle amplitude in log-price units (0.05 = about +-5%). */
  cycleAmplitude: number;
  /** Daily probability of switching regime (0 = one regime). */
  regimeSwitch: number;
  /** Annual drift added in bull regimes and subtracted in bear ones (or, with regimeReversion, the trend spells' drift). */
  regimeDrift: number;
  /**
   * 0: the regimes are bull and bear. Above 0: they are calm spells, in which
   * the log price is pulled back by this much a day to where the spell began
   * (plus the drift), and trends of +-regimeDrift, each with a random sign.
   */
  regimeReversion: number;
}

/** One generated daily bar. */
export interface Bar {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

const TRADING_DAYS = 252;

/**
 * The smallest price synth writes, one cent (prices are written in cents): a
 * path that would go below it is refused, as one beyond MAX_PRICE is, rather
 * than pinned there (a floored walk is not a random walk any more).
 */
export const MIN_SYNTH_PRICE = 0.01;

/** A rule for one option: the test its value must pass, and what it must be, in words. */
export type OptionRule = readonly [(value: unknown) => boolean, string];

/** Rows synth writes at most. */
export const SYNTH_DAYS = [1, 2_000_000] as const;

const num = (test: (v: number) => boolean) => (v: unknown) => typeof v === 'number' && Number.isFinite(v) && test(v);

/** What each option must be: the one definition, which the settings schema (config files and flags) uses too. */
export const SYNTH_RULES: { readonly [K in keyof SyntheticMarketOptions]: OptionRule } = {
  days: [(v) => isIntegerIn(v, SYNTH_DAYS), integerRangeText(SYNTH_DAYS)],
  startDate: [(v) => typeof v === 'string' && isIsoDay(v), 'a real date YYYY-MM-DD'],
  startPrice: [num((v) => v > 0), 'a number > 0'],
  drift: [num((v) => Math.abs(v) <= 5), 'a number in [-5, 5]'],
  volatility: [num((v) => v >= 0 && v <= 5), 'a number in [0, 5]'],
  reversion: [num((v) => v >= 0 && v <= 1), 'a number in [0, 1]'],
  cyclePeriod: [num((v) => v === 0 || v >= 2), '0 or a number >= 2'],
  cycleAmplitude: [num((v) => v >= 0 && v <= 2), 'a number in [0, 2]'],
  regimeSwitch: [num((v) => v >= 0 && v <= 1), 'a number in [0, 1]'],
  regimeDrift: [num((v) => Math.abs(v) <= 5), 'a number in [-5, 5]'],
  regimeReversion: [num((v) => v >= 0 && v <= 1), 'a number in [0, 1]'],
};

/** Checks the generator's options; throws InvalidOptionError naming the bad one. */
export function validateSyntheticOptions(o: SyntheticMarketOptions): void {
  for (const [key, [ok, need]] of Object.entries(SYNTH_RULES)) {
    const value = (o as unknown as Record<string, unknown>)[key];
    if (!ok(value)) throw invalidOption(key, `must be ${need} (got ${quoted(value)})`);
  }
}

/** Generates `days` bars. Same options and generator state, same bars. */
export function generateMarket(options: SyntheticMarketOptions, rng: Rng): Bar[] {
  return [...marketBars(options, rng)];
}

/**
 * The bars of generateMarket one at a time, for a CSV written as it is made
 * (millions of rows in little memory). The options and the calendar are
 * checked before the first bar; a price past the limits throws on its day.
 */
export function* marketBars(options: SyntheticMarketOptions, rng: Rng): Generator<Bar> {
  validateSyntheticOptions(options);
  const o = options;
  const drift = o.drift / TRADING_DAYS;
  const sigma = o.volatility / Math.sqrt(TRADING_DAYS);
  const regimeDrift = o.regimeDrift / TRADING_DAYS;
  const base = Math.log(o.startPrice);
  checkCalendar(o.startDate, o.days);
  const dates = weekdays(o.startDate, o.days);
  const spells = o.regimeSwitch > 0 && o.regimeReversion > 0;
  let walk = base;
  let bull = true;
  // Calm-and-trend regimes: the calm spell's anchor line, and the current trend's sign.
  let trending = false;
  let sign = 1;
  let anchor = base;
  let anchorDay = 0;
  let previousClose = o.startPrice;
  for (let t = 0; t < o.days; t++) {
    if (t > 0) {
      if (o.regimeSwitch > 0 && rng.next() < o.regimeSwitch) {
        if (!spells) bull = !bull;
        else if ((trending = !trending)) sign = rng.next() < 0.5 ? -1 : 1;
        else (anchor = walk), (anchorDay = t);
      }
      const trend = base + drift * t;
      const regime = spells ? (trending ? sign * regimeDrift : o.regimeReversion * (anchor + drift * (t - anchorDay) - walk)) : o.regimeSwitch > 0 ? (bull ? regimeDrift : -regimeDrift) : 0;
      walk += drift + regime + o.reversion * (trend - walk) + sigma * rng.normal();
    }
    const cycle = o.cyclePeriod > 0 ? o.cycleAmplitude * Math.sin((2 * Math.PI * t) / o.cyclePeriod) : 0;
    const close = money(Math.exp(walk + cycle));
    if (!(close <= MAX_PRICE)) throw new InvalidOptionError(`these options drive the price beyond ${MAX_PRICE} by day ${t + 1}; lower the drift, the volatility or the days`);
    const open = t === 0 ? close : money(previousClose * Math.exp((sigma / 4) * rng.normal()));
    const spread = Math.abs(sigma * rng.normal()) / 2;
    const high = money(Math.max(open, close) * Math.exp(spread));
    const low = Math.min(money(Math.min(open, close) * Math.exp(-spread)), open, close);
    if (!(low >= MIN_SYNTH_PRICE)) throw new InvalidOptionError(`these options drive the price below ${MIN_SYNTH_PRICE} (one cent, the smallest price synth writes) by day ${t + 1}; raise the start price or the drift, or lower the volatility or the days`);
    const volume = Math.round(1_000_000 * Math.exp(0.3 * rng.normal()));
    yield { date: dates.next().value as string, open, high, low, close, volume };
    previousClose = close;
  }
}

/** Rounds to cents. */
function money(x: number): number {
  return Math.round(x * 100) / 100;
}

/** `n` weekdays from `start` (start itself included when it is one), one at a time. */
function* weekdays(start: string, n: number): Generator<string> {
  const day = new Date(`${start}T00:00:00Z`);
  for (let count = 0; count < n; day.setUTCDate(day.getUTCDate() + 1)) {
    const dow = day.getUTCDay();
    if (dow !== 0 && dow !== 6) {
      count++;
      yield day.toISOString().slice(0, 10);
    }
  }
}

/** Throws when `n` weekdays from `start` run past the year 9999 (checked before the first bar, as a date range should be). */
function checkCalendar(start: string, n: number): void {
  const day = new Date(`${start}T00:00:00Z`);
  for (let count = 0; count < n; day.setUTCDate(day.getUTCDate() + 1)) {
    if (day.getUTCFullYear() > 9999) throw new InvalidOptionError(`${n} weekdays from ${start} run past the year 9999; use fewer days or an earlier start date`);
    const dow = day.getUTCDay();
    if (dow !== 0 && dow !== 6) count++;
  }
}

const CSV_HEADER = 'Date,Open,High,Low,Close,Volume,Adj Close';

/** The bars as a Yahoo-style CSV (Adj Close equals Close: no splits or dividends). */
export function barsToCsv(bars: Iterable<Bar>): string {
  return [...csvChunks(bars)].join('');
}

/** The CSV of barsToCsv in pieces of `rows` lines each (the header first), for writing as the bars are made. */
export function* csvChunks(bars: Iterable<Bar>, rows = 4096): Generator<string> {
  let lines = [CSV_HEADER];
  for (const b of bars) {
    lines.push(`${b.date},${b.open.toFixed(2)},${b.high.toFixed(2)},${b.low.toFixed(2)},${b.close.toFixed(2)},${b.volume},${b.close.toFixed(2)}`);
    if (lines.length >= rows) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}
