import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BollingerBands, Highest, Lowest, MACD, ROC, RSI, SD, SMA, Stochastic } from 'technicalindicators';
import { computeIndicator, type IndicatorSpec } from '../../src/features/index.js';
import { RollingDeviation, RollingExtreme, RollingWindow } from '../../src/features/rolling.js';
import { TRADING_DAYS_PER_YEAR } from '../../src/data/dates.js';
import type { PriceSeries } from '../../src/data/index.js';
import { createRng, type Rng } from '../../src/rng.js';

/** The library's outputs are shorter than the input and end on its last row: pad the front with NaN. */
function alignRight(values: ArrayLike<number | undefined>, length: number): Float64Array {
  const out = new Float64Array(length).fill(Number.NaN);
  const offset = length - values.length;
  for (let i = 0; i < values.length; i++) out[offset + i] = values[i] ?? Number.NaN;
  return out;
}

/** The simple moving average of each row's window of `period` values (NaN while it fills). */
function movingAverage(values: ArrayLike<number>, period: number): Float64Array {
  const window = new RollingWindow(period);
  const out = new Float64Array(values.length);
  for (let t = 0; t < values.length; t++) out[t] = window.push(values[t]) ?? Number.NaN;
  return out;
}

/** The library's population standard deviation of each row's window of `period` values (NaN while it fills). */
function movingDeviation(values: ArrayLike<number>, period: number): Float64Array {
  const deviation = new RollingDeviation(period);
  const out = new Float64Array(values.length).fill(Number.NaN);
  for (let t = 0; t < values.length; t++) if (deviation.push(values[t])) out[t] = deviation.sd;
  return out;
}

/** Each indicator as it was computed before rolling.ts: the library's whole-array functions. */
function libraryIndicator(spec: IndicatorSpec, series: PriceSeries): Float64Array {
  const close = Array.from(series.close);
  const n = close.length;
  switch (spec.name) {
    case 'price-sma':
      return alignRight(SMA.calculate({ period: spec.period, values: close }), n).map((m, t) => close[t] / m);
    case 'bollinger-pb': {
      const bands = BollingerBands.calculate({ period: spec.period, stdDev: spec.stdDev ?? 2, values: close });
      return alignRight(bands.map((b) => (b.upper > b.lower ? b.pb : 0.5)), n);
    }
    case 'rsi':
      return alignRight(RSI.calculate({ period: spec.period, values: close }), n);
    case 'momentum':
      return alignRight(ROC.calculate({ period: spec.period, values: close }).map((pct) => pct / 100), n);
    case 'macd-hist': {
      const out = MACD.calculate({ values: close, fastPeriod: spec.fast, slowPeriod: spec.slow, signalPeriod: spec.signal, SimpleMAOscillator: false, SimpleMASignal: false });
      return alignRight(out.map((o) => o.histogram ?? Number.NaN), n);
    }
    case 'stoch-k': {
      const out = Stochastic.calculate({ period: spec.period, signalPeriod: 3, high: Array.from(series.high ?? []), low: Array.from(series.low ?? []), close });
      return alignRight(out.map((o) => (Number.isFinite(o.k) ? o.k : 50)), n);
    }
    case 'volatility': {
      const returns = close.slice(1).map((c, i) => Math.log(c / close[i]));
      return alignRight(SD.calculate({ period: spec.period, values: returns }).map((sd) => sd * Math.sqrt(TRADING_DAYS_PER_YEAR)), n);
    }
    case 'volume-ratio': {
      const volume = Array.from(series.volume ?? []);
      const sma = alignRight(SMA.calculate({ period: spec.period, values: volume }), n);
      return sma.map((m, t) => (Number.isNaN(m) ? m : m > 0 ? volume[t] / m : 1));
    }
  }
}

/** Same bits in every row (NaN equals NaN; 0 and -0 differ). */
function assertIdentical(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let t = 0; t < expected.length; t++) {
    if (!Object.is(actual[t], expected[t])) assert.fail(`${what}: row ${t} is ${actual[t]}, the library's is ${expected[t]}`);
  }
}

/**
 * A random market in cents with stretches the library treats specially: a low
 * price whose closes often repeat (zero log returns), flat runs where high,
 * low and close are equal (flat windows), and days without volume.
 */
function randomSeries(rows: number, rng: Rng): PriceSeries {
  const close = new Float64Array(rows);
  const high = new Float64Array(rows);
  const low = new Float64Array(rows);
  const volume = new Float64Array(rows);
  let price = 5;
  let flat = 0;
  for (let t = 0; t < rows; t++) {
    if (flat === 0 && rng.next() < 0.01) flat = 1 + Math.floor(rng.next() * 40);
    if (flat > 0) flat--;
    else price = Math.max(0.05, price * Math.exp(0.02 * rng.normal()));
    const c = Math.round(price * 100) / 100;
    const spread = flat > 0 ? 0 : Math.round(Math.abs(rng.normal()) * 5) / 100;
    close[t] = c;
    high[t] = c + spread;
    low[t] = Math.max(0.01, c - spread);
    volume[t] = rng.next() < 0.05 ? 0 : Math.round(1000 * Math.exp(rng.normal()));
  }
  return { symbol: 'R', dates: Array.from({ length: rows }, (_, t) => String(t)), close, high, low, volume };
}

const PERIODS = [2, 3, 5, 14, 20, 50, 200];
const SPECS: IndicatorSpec[] = [
  ...PERIODS.flatMap((period): IndicatorSpec[] => [
    { name: 'price-sma', period },
    { name: 'bollinger-pb', period },
    { name: 'rsi', period },
    { name: 'momentum', period },
    { name: 'stoch-k', period },
    { name: 'volume-ratio', period },
    { name: 'volatility', period },
  ]),
  { name: 'rsi', period: 1 },
  { name: 'momentum', period: 1 },
  { name: 'bollinger-pb', period: 20, stdDev: 1.5 },
  { name: 'bollinger-pb', period: 10, stdDev: 3 },
  { name: 'macd-hist', fast: 12, slow: 26, signal: 9 },
  { name: 'macd-hist', fast: 2, slow: 3, signal: 2 },
  { name: 'macd-hist', fast: 5, slow: 35, signal: 5 },
];

test('every indicator and period gives the library\'s numbers bit for bit on random rows', () => {
  for (const seed of ['a', 'b']) {
    const series = randomSeries(3000, createRng(`rolling:${seed}`));
    for (const spec of SPECS) assertIdentical(computeIndicator(spec, series), libraryIndicator(spec, series), `${JSON.stringify(spec)} seed ${seed}`);
  }
});

test('the random rows do reach the library\'s special cases', () => {
  const series = randomSeries(3000, createRng('rolling:a'));
  let repeats = 0;
  for (let t = 1; t < series.close.length; t++) if (series.close[t] === series.close[t - 1]) repeats++;
  assert.ok(repeats > 100, `only ${repeats} repeated closes`);
  assert.ok(series.volume?.some((v) => v === 0));
});

test('the moving average and deviation are the library\'s SMA and SD, zeros and zero means included', () => {
  const rng = createRng('rolling:zeros');
  // Symmetric small integers: many zeros in a window, and windows whose mean is exactly 0.
  const values = Array.from({ length: 2000 }, () => Math.round(rng.normal() * 1.5));
  for (const period of [2, 3, 7, 30]) {
    assertIdentical(movingAverage(values, period), alignRight(SMA.calculate({ period, values }), values.length), `SMA(${period})`);
    assertIdentical(movingDeviation(values, period), alignRight(SD.calculate({ period, values }), values.length), `SD(${period})`);
  }
});

test('the rolling extremes are the library\'s Highest and Lowest, values of 0 included', () => {
  const rng = createRng('rolling:extremes');
  const values = Array.from({ length: 2000 }, () => (rng.next() < 0.1 ? 0 : Math.round(rng.normal() * 4)));
  for (const period of [2, 5, 20]) {
    for (const kind of ['high', 'low'] as const) {
      const window = new RollingExtreme(period, kind);
      const ours = values.map((v) => {
        const extreme = window.push(v);
        return window.full ? extreme : Number.NaN;
      });
      const theirs = kind === 'high' ? Highest.calculate({ period, values }) : Lowest.calculate({ period, values });
      assertIdentical(ours, alignRight(theirs, values.length), `${kind}(${period})`);
    }
  }
});
