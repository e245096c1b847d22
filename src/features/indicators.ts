/**
 * Technical indicators for daily trading states, the technicalindicators
 * library's numbers (its RSI and MACD, fed a row at a time; its moving windows
 * repeated in rolling.ts) aligned to rows: value[t] uses rows <= t only,
 * and is NaN while the indicator warms up.
 */
import { MACD, RSI } from 'technicalindicators';
import { RollingDeviation, RollingExtreme, RollingWindow } from './rolling.js';
import { InvalidOptionError } from '../errors.js';
import { quote, quoted } from '../text.js';
import type { OptionalColumn, PriceSeries } from '../data/price-series.js';
import { TRADING_DAYS_PER_YEAR } from '../data/dates.js';

/** One indicator and its periods. Names are the ones used in config files and flags. */
export type IndicatorSpec =
  | { name: 'price-sma'; period: number }
  | { name: 'bollinger-pb'; period: number; stdDev?: number }
  | { name: 'rsi'; period: number }
  | { name: 'momentum'; period: number }
  | { name: 'macd-hist'; fast: number; slow: number; signal: number }
  | { name: 'stoch-k'; period: number }
  | { name: 'volume-ratio'; period: number }
  | { name: 'volatility'; period: number };

export type IndicatorName = IndicatorSpec['name'];

/** What each indicator measures, for help texts and the README. */
export const INDICATOR_DESCRIPTIONS: Record<IndicatorName, string> = {
  'price-sma': 'close / simple moving average of the close (period)',
  'bollinger-pb': 'Bollinger %B: where the close sits in its bands (period, stdDev, default 2)',
  rsi: 'relative strength index, 0..100 (period)',
  momentum: 'rate of change: close / close `period` rows ago - 1',
  'macd-hist': 'MACD histogram with exponential averages (fast, slow, signal)',
  'stoch-k': 'stochastic %K, 0..100 (period; needs High and Low)',
  'volume-ratio': 'volume / its simple moving average (period; needs Volume)',
  volatility: 'realized volatility: standard deviation of the last `period` daily log returns, annualized (x sqrt(252))',
};

const PARAMETERS: Record<IndicatorName, readonly string[]> = {
  'price-sma': ['period'],
  'bollinger-pb': ['period', 'stdDev'],
  rsi: ['period'],
  momentum: ['period'],
  'macd-hist': ['fast', 'slow', 'signal'],
  'stoch-k': ['period'],
  'volume-ratio': ['period'],
  volatility: ['period'],
};

/** Checks an indicator spec from a config file or flag; throws InvalidOptionError naming the problem. */
export function validateIndicator(value: unknown, where: string): IndicatorSpec {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidOptionError(`${where} must be an object like {"name": "rsi", "period": 14}`);
  const spec = value as Record<string, unknown>;
  const name = spec.name as IndicatorName;
  if (typeof name !== 'string' || !(name in PARAMETERS)) {
    throw new InvalidOptionError(`${where}.name must be one of ${Object.keys(PARAMETERS).join(', ')} (got ${quoted(spec.name)})`);
  }
  const allowed = PARAMETERS[name];
  for (const key of Object.keys(spec)) {
    if (key !== 'name' && !allowed.includes(key)) throw new InvalidOptionError(`${where}: unknown key ${quote(key)} for ${name} (allowed: ${allowed.join(', ')})`);
  }
  for (const key of allowed) {
    if (key === 'stdDev') {
      if (spec.stdDev !== undefined && !(typeof spec.stdDev === 'number' && spec.stdDev > 0 && Number.isFinite(spec.stdDev))) {
        throw new InvalidOptionError(`${where}.stdDev must be a positive number`);
      }
      continue;
    }
    const v = spec[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 1000) throw new InvalidOptionError(`${where}.${key} must be an integer in [1, 1000] (got ${quoted(v)})`);
  }
  if (name === 'macd-hist' && (spec.fast as number) >= (spec.slow as number)) throw new InvalidOptionError(`${where}: macd-hist needs fast < slow`);
  if ((name === 'price-sma' || name === 'bollinger-pb' || name === 'stoch-k' || name === 'volume-ratio' || name === 'volatility') && (spec.period as number) < 2) {
    throw new InvalidOptionError(`${where}.period must be at least 2 for ${name}`);
  }
  return { ...spec } as IndicatorSpec;
}

/** A short label such as "rsi(14)" or "macd-hist(12,26,9)". */
export function indicatorLabel(spec: IndicatorSpec): string {
  switch (spec.name) {
    case 'macd-hist':
      return `macd-hist(${spec.fast},${spec.slow},${spec.signal})`;
    case 'bollinger-pb':
      return `bollinger-pb(${spec.period}${spec.stdDev !== undefined && spec.stdDev !== 2 ? `,${spec.stdDev}` : ''})`;
    default:
      return `${spec.name}(${spec.period})`;
  }
}

/** Index of the first row with a value: the number of earlier rows the indicator needs. */
export function warmupRows(spec: IndicatorSpec): number {
  switch (spec.name) {
    case 'rsi':
    case 'momentum':
    case 'volatility':
      return spec.period;
    case 'macd-hist':
      return spec.slow - 1 + spec.signal - 1;
    default:
      return spec.period - 1;
  }
}

/** Columns besides the close that the indicator reads. */
export function requiredColumns(spec: IndicatorSpec): OptionalColumn[] {
  if (spec.name === 'stoch-k') return ['high', 'low'];
  if (spec.name === 'volume-ratio') return ['volume'];
  return [];
}

/**
 * The indicator over every row of the series; NaN during warm-up. Moving
 * averages, deviations and extremes come from rolling.ts (the library's
 * arithmetic in typed arrays); RSI and MACD are the library's, fed one row at a
 * time. No per-row objects and no copy of the series: memory is the output column.
 */
export function computeIndicator(spec: IndicatorSpec, series: PriceSeries): Float64Array {
  const close = series.close;
  const n = close.length;
  const out = new Float64Array(n).fill(Number.NaN);
  switch (spec.name) {
    case 'price-sma': {
      const window = new RollingWindow(spec.period);
      for (let t = 0; t < n; t++) out[t] = close[t] / (window.push(close[t]) ?? Number.NaN);
      return out;
    }
    case 'bollinger-pb': {
      const stdDev = spec.stdDev ?? 2;
      const deviation = new RollingDeviation(spec.period);
      // As the library: a window whose mean is 0 (never, for positive prices) repeats the previous row.
      let pb = Number.NaN;
      for (let t = 0; t < n; t++) {
        if (!deviation.push(close[t])) continue;
        const { mean, sd } = deviation;
        if (mean) {
          const upper = mean + sd * stdDev;
          const lower = mean - sd * stdDev;
          // A flat window has no band width; the close then sits in the middle.
          pb = upper > lower ? (close[t] - lower) / (upper - lower) : 0.5;
        }
        out[t] = pb;
      }
      return out;
    }
    case 'rsi': {
      const rsi = new RSI({ period: spec.period, values: [] });
      for (let t = 0; t < n; t++) out[t] = rsi.nextValue(close[t]) ?? Number.NaN;
      return out;
    }
    case 'momentum': {
      // The library's rate of change, in percent, back to a fraction.
      for (let t = spec.period; t < n; t++) out[t] = (((close[t] - close[t - spec.period]) / close[t - spec.period]) * 100) / 100;
      return out;
    }
    case 'macd-hist': {
      const macd = new MACD({ values: [], fastPeriod: spec.fast, slowPeriod: spec.slow, signalPeriod: spec.signal, SimpleMAOscillator: false, SimpleMASignal: false });
      for (let t = 0; t < n; t++) out[t] = macd.nextValue(close[t])?.histogram ?? Number.NaN;
      return out;
    }
    case 'stoch-k': {
      const high = column(series, 'high');
      const low = column(series, 'low');
      const highs = new RollingExtreme(spec.period, 'high');
      const lows = new RollingExtreme(spec.period, 'low');
      for (let t = 0; t < n; t++) {
        const top = highs.push(high[t]);
        const bottom = lows.push(low[t]);
        if (!highs.full) continue;
        // The library's %K, with its rule for a flat window (0/0 counts as 0); an infinite one reads as the middle (50).
        const k = ((close[t] - bottom) / (top - bottom)) * 100;
        out[t] = Number.isNaN(k) ? 0 : Number.isFinite(k) ? k : 50;
      }
      return out;
    }
    case 'volatility': {
      // Log returns from row 1 on; the value of row t uses the returns of rows t-period+1 .. t (population standard deviation).
      const deviation = new RollingDeviation(spec.period);
      const annual = Math.sqrt(TRADING_DAYS_PER_YEAR);
      for (let t = 1; t < n; t++) if (deviation.push(Math.log(close[t] / close[t - 1]))) out[t] = deviation.sd * annual;
      return out;
    }
    case 'volume-ratio': {
      const volume = column(series, 'volume');
      const window = new RollingWindow(spec.period);
      for (let t = 0; t < n; t++) {
        const sma = window.push(volume[t]) ?? Number.NaN;
        // A window without any volume has no ratio to speak of: call it normal (1).
        out[t] = Number.isNaN(sma) ? sma : sma > 0 ? volume[t] / sma : 1;
      }
      return out;
    }
  }
}

function column(series: PriceSeries, name: OptionalColumn): Float64Array {
  const values = series[name];
  if (values === undefined) throw new InvalidOptionError(`indicator needs a ${name} column`);
  return values;
}
