import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeIndicator, validateIndicator, warmupRows, type IndicatorSpec } from '../../src/features/index.js';
import type { PriceSeries } from '../../src/data/index.js';
import { InvalidOptionError } from '../../src/errors.js';

const close = [10, 11, 12, 11, 10, 12, 14, 13, 15, 16, 15, 17, 18, 17, 19, 20, 21, 19, 18, 20, 22, 23, 21, 24, 25, 26, 24, 27, 28, 30, 29, 31, 30, 32, 33, 35, 34];
const series: PriceSeries = {
  symbol: 'T',
  dates: close.map((_, i) => `2020-01-${String(i + 1).padStart(2, '0')}`),
  close: Float64Array.from(close),
  high: Float64Array.from(close, (c) => c + 1),
  low: Float64Array.from(close, (c) => c - 2),
  volume: Float64Array.from(close, (_, i) => 100 + (i % 3) * 50),
};
/** One of each indicator, with distinct periods. */
const EVERY_INDICATOR: IndicatorSpec[] = [
  { name: 'price-sma', period: 5 },
  { name: 'bollinger-pb', period: 7 },
  { name: 'rsi', period: 6 },
  { name: 'momentum', period: 4 },
  { name: 'macd-hist', fast: 3, slow: 6, signal: 4 },
  { name: 'stoch-k', period: 5 },
  { name: 'volume-ratio', period: 8 },
  { name: 'volatility', period: 5 },
];
const near = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} != ${b}`);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

test('price-sma is close / SMA(period)', () => {
  const v = computeIndicator({ name: 'price-sma', period: 3 }, series);
  assert.ok(Number.isNaN(v[1]));
  near(v[2], 12 / 11);
  near(v[5], 12 / mean([11, 10, 12]));
});

test('bollinger-pb is (close - lower) / (upper - lower) with population std', () => {
  const v = computeIndicator({ name: 'bollinger-pb', period: 3 }, series);
  const w = [11, 12, 11];
  const m = mean(w);
  const sd = Math.sqrt(mean(w.map((x) => (x - m) ** 2)));
  near(v[3], (11 - (m - 2 * sd)) / (4 * sd));
  assert.ok(Number.isNaN(v[1]));
});

test('momentum is close[t] / close[t-period] - 1', () => {
  const v = computeIndicator({ name: 'momentum', period: 2 }, series);
  assert.ok(Number.isNaN(v[1]));
  near(v[2], 12 / 10 - 1);
  near(v[6], 14 / 10 - 1);
});

test("rsi uses Wilder's smoothing (the library rounds to 2 decimals)", () => {
  const v = computeIndicator({ name: 'rsi', period: 3 }, series);
  // First 3 changes: +1, +1, -1 -> avg gain 2/3, avg loss 1/3 -> RS 2 -> RSI 66.67
  near(v[3], 66.67, 1e-9);
  // Next change -1: gain (2/3*2 + 0)/3 = 4/9, loss (1/3*2 + 1)/3 = 5/9 -> RSI = 100 - 100/(1 + 0.8) = 44.44
  near(v[4], 44.44, 1e-9);
  assert.ok(Number.isNaN(v[2]));
});

test('macd-hist is MACD - signal with exponential averages', () => {
  const spec: IndicatorSpec = { name: 'macd-hist', fast: 2, slow: 3, signal: 2 };
  const v = computeIndicator(spec, series);
  // Hand-computed EMAs seeded with the SMA of their first window, as the library does.
  const ema = (xs: number[], n: number) => {
    const k = 2 / (n + 1);
    const out: number[] = new Array(xs.length).fill(Number.NaN);
    let e = mean(xs.slice(0, n));
    out[n - 1] = e;
    for (let i = n; i < xs.length; i++) out[i] = e = xs[i] * k + e * (1 - k);
    return out;
  };
  const fast = ema(close, 2);
  const slow = ema(close, 3);
  const macd = close.map((_, i) => fast[i] - slow[i]).slice(2);
  const signal = ema(macd, 2);
  assert.equal(warmupRows(spec), 3);
  assert.ok(Number.isNaN(v[2]));
  near(v[3], macd[1] - signal[1]);
  near(v[10], macd[8] - signal[8]);
});

test('stoch-k is 100 (close - lowest low) / (highest high - lowest low)', () => {
  const v = computeIndicator({ name: 'stoch-k', period: 3 }, series);
  // rows 2..4: highs 13,12,11 ; lows 10,9,8 -> (10 - 8) / (13 - 8) * 100 = 40
  near(v[4], 40, 0.006);
  assert.ok(Number.isNaN(v[1]));
});

test('volatility is the population standard deviation of the last period log returns, times sqrt(252)', () => {
  const v = computeIndicator({ name: 'volatility', period: 3 }, series);
  assert.ok(Number.isNaN(v[2]));
  const r = [Math.log(11 / 10), Math.log(12 / 11), Math.log(11 / 12)];
  const m = mean(r);
  near(v[3], Math.sqrt(mean(r.map((x) => (x - m) ** 2))) * Math.sqrt(252));
});

test('volume-ratio is volume / SMA(volume)', () => {
  const v = computeIndicator({ name: 'volume-ratio', period: 3 }, series);
  near(v[2], 200 / 150);
});

test('every indicator warms up for exactly warmupRows rows', () => {
  for (const spec of EVERY_INDICATOR) {
    const v = computeIndicator(spec, series);
    const first = v.findIndex(Number.isFinite);
    assert.equal(first, warmupRows(spec), spec.name);
    assert.ok(Array.from(v.subarray(first)).every(Number.isFinite), `${spec.name} has a gap`);
  }
});

test('no look-ahead: changing a future row changes no earlier value', () => {
  const changed: PriceSeries = { ...series, close: series.close.slice(), high: series.high?.slice(), low: series.low?.slice(), volume: series.volume?.slice() };
  const t = 25;
  for (const key of ['close', 'high', 'low', 'volume'] as const) (changed[key] as Float64Array)[t] *= 1.5;
  for (const spec of EVERY_INDICATOR) {
    const a = computeIndicator(spec, series);
    const b = computeIndicator(spec, changed);
    assert.deepEqual(Array.from(b.subarray(0, t)), Array.from(a.subarray(0, t)), spec.name);
    assert.notDeepEqual(Array.from(b.subarray(t)), Array.from(a.subarray(t)), `${spec.name} should see row ${t}`);
  }
});

test('indicator specs from config are validated', () => {
  assert.deepEqual(validateIndicator({ name: 'rsi', period: 14 }, 'x'), { name: 'rsi', period: 14 });
  assert.throws(() => validateIndicator({ name: 'rsx', period: 14 }, 'trader.indicators[0]'), /trader.indicators\[0\].name must be one of/);
  assert.throws(() => validateIndicator({ name: 'rsi', period: 0 }, 'x'), InvalidOptionError);
  assert.throws(() => validateIndicator({ name: 'rsi', period: 14, fast: 3 }, 'x'), /unknown key "fast"/);
  assert.throws(() => validateIndicator({ name: 'macd-hist', fast: 26, slow: 12, signal: 9 }, 'x'), /fast < slow/);
});
