/**
 * Technical indicators for daily trading states, computed with the
 * technicalindicators library and aligned to rows: value[t] uses rows <= t only,
 * and is NaN while the indicator warms up.
 */
import { BollingerBands, MACD, RSI, ROC, SD, SMA, Stochastic } from 'technicalindicators';
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

/** The indicator over every row of the series; NaN during warm-up. */
export function computeIndicator(spec: IndicatorSpec, series: PriceSeries): Float64Array {
  const close = Array.from(series.close);
  const n = close.length;
  switch (spec.name) {
    case 'price-sma': {
      const sma = alignRight(SMA.calculate({ period: spec.period, values: close }), n);
      return sma.map((m, t) => close[t] / m);
    }
    case 'bollinger-pb': {
      const bands = BollingerBands.calculate({ period: spec.period, stdDev: spec.stdDev ?? 2, values: close });
      // A flat window has no band width; the close then sits in the middle.
      return alignRight(bands.map((b) => (b.upper > b.lower ? b.pb : 0.5)), n);
    }
    case 'rsi':
      return alignRight(RSI.calculate({ period: spec.period, values: close }), n);
    case 'momentum':
      return alignRight(ROC.calculate({ period: spec.period, values: close }).map((pct) => pct / 100), n);
    case 'macd-hist': {
      const out = MACD.calculate({
        values: close,
        fastPeriod: spec.fast,
        slowPeriod: spec.slow,
        signalPeriod: spec.signal,
        SimpleMAOscillator: false,
        SimpleMASignal: false,
      });
      return alignRight(out.map((o) => o.histogram ?? Number.NaN), n);
    }
    case 'stoch-k': {
      const high = Array.from(column(series, 'high'));
      const low = Array.from(column(series, 'low'));
      const out = Stochastic.calculate({ period: spec.period, signalPeriod: 3, high, low, close });
      return alignRight(out.map((o) => (Number.isFinite(o.k) ? o.k : 50)), n);
    }
    case 'volatility': {
      // Log returns from row 1 on; the value of row t uses the returns of rows t-period+1 .. t (population standard deviation).
      const returns = close.slice(1).map((c, i) => Math.log(c / close[i]));
      return alignRight(SD.calculate({ period: spec.period, values: returns }).map((sd) => sd * Math.sqrt(TRADING_DAYS_PER_YEAR)), n);
    }
    case 'volume-ratio': {
      const volume = Array.from(column(series, 'volume'));
      const sma = alignRight(SMA.calculate({ period: spec.period, values: volume }), n);
      // A window without any volume has no ratio to speak of: call it normal (1).
      return sma.map((m, t) => (Number.isNaN(m) ? m : m > 0 ? volume[t] / m : 1));
    }
  }
}

/** The library's outputs are shorter than the input and end on its last row: pad the front with NaN. */
export function alignRight(values: ArrayLike<number | undefined>, length: number): Float64Array {
  const out = new Float64Array(length).fill(Number.NaN);
  const offset = length - values.length;
  for (let i = 0; i < values.length; i++) out[offset + i] = values[i] ?? Number.NaN;
  return out;
}

function column(series: PriceSeries, name: OptionalColumn): Float64Array {
  const values = series[name];
  if (values === undefined) throw new InvalidOptionError(`indicator needs a ${name} column`);
  return values;
}
