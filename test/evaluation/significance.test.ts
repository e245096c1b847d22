import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessSignificance, excessLogReturns, normalCdf, probabilisticSharpe, psrFromMoments, unitsOf, type Significance } from '../../src/evaluation/index.js';
import { significanceLines } from '../../src/report/render/terminal.js';
import { createRng } from '../../src/rng.js';
import { oracle, randomLongFlat, randomWalk, run, RULES, SIZING, type Period } from '../support/random-markets.js';

const near = (a: number | null, b: number, eps = 1e-9) => assert.ok(a !== null && Math.abs(a - b) < eps, `${a} != ${b}`);

test('the probabilistic Sharpe ratio follows Bailey and Lopez de Prado (2012)', () => {
  near(normalCdf(1.96), 0.9750021048517795, 1e-12);
  near(normalCdf(-1), 0.15865525393145707, 1e-12);
  // Worked by hand from the paper's formula: SR 0.1 over 252 Gaussian returns: Phi(0.1 sqrt(251) / sqrt(1 + 0.5 * 0.01)).
  near(psrFromMoments(0.1, 252, 0, 3), normalCdf((0.1 * Math.sqrt(251)) / Math.sqrt(1.005)), 1e-15);
  near(psrFromMoments(0.1, 252, 0, 3), 0.9429868610243624, 1e-12);
  // Negative skew and fat tails lower it; a longer record raises it.
  const base = psrFromMoments(0.458, 24, 0, 3) ?? 0;
  assert.ok((psrFromMoments(0.458, 24, -2.448, 10.164) ?? 1) < base);
  assert.ok((psrFromMoments(0.458, 48, -2.448, 10.164) ?? 0) > (psrFromMoments(0.458, 24, -2.448, 10.164) ?? 1));
  near(psrFromMoments(0.458, 24, -2.448, 10.164), 0.913361083860933, 1e-12);
  near(psrFromMoments(0, 100, 0, 3), 0.5);
  // From returns: a symmetric two-point distribution has skew 0 and kurtosis 1.
  const returns = Array.from({ length: 100 }, (_, i) => (i % 2 ? 0.03 : -0.01));
  const sd = Math.sqrt((0.0004 * 100) / 99);
  near(probabilisticSharpe(returns), psrFromMoments(0.01 / sd, 100, 0, 1) ?? Number.NaN, 1e-12);
  assert.equal(probabilisticSharpe([0.01, 0.01, 0.01]), null, 'no variance, no PSR');
});


/** Both tests of `units` over `period`, as backtest runs them. */
function assess(period: Period, units: ArrayLike<number>, samples: number, seed: string): Significance {
  const { strategy, benchmark } = run(period, units);
  return assessSignificance({ segments: [{ ...period, units }], strategy, benchmark, samples, sizing: SIZING, rules: RULES, rng: createRng(seed) });
}

test('buy-and-hold and always-long get timing p = 1 and vs-benchmark p = 1, with a warning instead of a claim', () => {
  for (const drift of [0.5, -0.3]) {
    const period = randomWalk(400, `bh:${drift}`, drift);
    const s = assess(period, new Int8Array(400).fill(1), 500, 'bh');
    assert.equal(s.pValue, 1);
    assert.equal(s.vsBenchmark.pValue, 1);
    assert.equal(s.vsBenchmark.meanDailyLogExcess, 0);
    assert.equal(s.verdict, 'equals buy-and-hold: there is no timing to judge');
    assert.match(s.warnings.join('\n'), /is buy-and-hold/);
    assert.ok(s.absoluteProbabilisticSharpe !== null, 'the absolute PSR is kept');
  }
  // Never trading: flat is not a claim either, even in a falling market where it beats buy-and-hold.
  const falling = randomWalk(400, 'flat', -0.8);
  const flat = assess(falling, new Int8Array(400), 500, 'flat');
  assert.equal(flat.pValue, 1);
  assert.equal(flat.verdict, 'never trades: there is no timing to judge');
  assert.match(flat.warnings.join('\n'), /never traded/);
});

test('calibration: random long/flat timings on random walks give about 5% of p-values below 0.05 for each test', () => {
  const trials = 120;
  const below = { timing: 0, benchmark: 0 };
  for (let i = 0; i < trials; i++) {
    const period = randomWalk(250, `cal:${i}`, i % 2 ? 0.3 : 0);
    const s = assess(period, randomLongFlat(250, 0.05, createRng(`cal-policy:${i}`)), 99, `cal-test:${i}`);
    if (s.pValue <= 0.05) below.timing++;
    if (s.vsBenchmark.pValue <= 0.05) below.benchmark++;
  }
  // Binomial(120, 0.05): mean 6, sd 2.4. The benchmark test may be conservative (costs and drift make the excess negative), never liberal.
  assert.ok(below.timing >= 1 && below.timing <= 14, `timing: ${below.timing} of ${trials} below 0.05`);
  assert.ok(below.benchmark <= 14, `vs benchmark: ${below.benchmark} of ${trials} below 0.05`);
});

test('power: a look-ahead oracle has both p < 0.01 and the verdict says so', () => {
  const period = randomWalk(400, 'oracle-market', 0.05);
  const s = assess(period, oracle(period.prices), 999, 'oracle');
  assert.ok(s.pValue < 0.01, `timing p = ${s.pValue}`);
  assert.ok(s.vsBenchmark.pValue < 0.01, `vs benchmark p = ${s.vsBenchmark.pValue}`);
  assert.ok((s.vsBenchmark.probabilisticSharpe ?? 0) > 0.99);
  assert.equal(s.verdict, 'beats random timing and buy-and-hold');
  assert.deepEqual(s.warnings, []);
});

test('determinism: the same seed gives the same document; another seed other p-values', () => {
  const period = randomWalk(300, 'det', 0.1);
  const units = randomLongFlat(300, 0.05, createRng('det-policy'));
  assert.deepEqual(assess(period, units, 300, 'seed'), assess(period, units, 300, 'seed'));
  const other = assess(period, units, 300, 'other');
  assert.notDeepEqual([other.pValue, other.vsBenchmark.pValue], [assess(period, units, 300, 'seed').pValue, assess(period, units, 300, 'seed').vsBenchmark.pValue]);
});

test('walk-forward: one account through the windows, timed window by window, against one buy-and-hold', () => {
  const whole = randomWalk(450, 'wf', 0.6);
  const windows = (units: ArrayLike<number>) => [0, 150, 300].map((from) => ({ dates: whole.dates.slice(from, from + 150), prices: whole.prices.subarray(from, from + 150), units: Array.prototype.slice.call(units, from, from + 150) as number[] }));
  // Long in every window: one account that buys once and holds is buy-and-hold.
  const long = run(whole, new Int8Array(450).fill(1));
  const held = assessSignificance({ segments: windows(unitsOf(long.strategy)), strategy: long.strategy, benchmark: long.benchmark, samples: 200, sizing: SIZING, rules: RULES, rng: createRng('wf') });
  assert.equal(long.strategy.trades.length, 1);
  assert.equal(held.pValue, 1);
  assert.equal(held.vsBenchmark.pValue, 1);
  // A strategy that trails buy-and-hold by far in a strong bull market: no edge over the benchmark.
  const lazy = run(whole, randomLongFlat(450, 0.1, createRng('lazy')));
  const s = assessSignificance({ segments: windows(unitsOf(lazy.strategy)), strategy: lazy.strategy, benchmark: lazy.benchmark, samples: 500, sizing: SIZING, rules: RULES, rng: createRng('wf') });
  assert.ok(lazy.strategy.values[449] < lazy.benchmark.values[449], 'it trails');
  assert.ok(s.vsBenchmark.pValue >= 0.5, `vs benchmark p = ${s.vsBenchmark.pValue}`);
  assert.ok(s.vsBenchmark.meanDailyLogExcess < 0);
});

test('the excess is in daily log returns: its sum is the log of the final values\' ratio', () => {
  const period = randomWalk(200, 'excess', 0.2);
  const { strategy, benchmark } = run(period, randomLongFlat(200, 0.05, createRng('x')));
  const excess = excessLogReturns(strategy, benchmark);
  const sum = excess.reduce((s, x) => s + x, 0);
  assert.ok(Math.abs(sum - Math.log(strategy.values[199] / benchmark.values[199])) < 1e-9);
  assert.throws(() => excessLogReturns(strategy, run({ dates: period.dates.slice(1), prices: period.prices.slice(1) }, new Int8Array(199)).benchmark), RangeError);
});

test('the terminal text: both p-values, the absolute PSR labelled as such, the verdict', () => {
  const period = randomWalk(300, 'text', 0.1);
  const lines = significanceLines(assess(period, randomLongFlat(300, 0.05, createRng('t')), 200, 'text'));
  assert.match(lines[0], /^timing vs 200 random timings with its exposure: p = \d\.\d{3}$/);
  assert.match(lines[1], /^excess over buy-and-hold \(block bootstrap, 200 samples\): p = \d\.\d{3}; probabilistic Sharpe ratio of the excess (\d\.\d{3}|n\/a)$/);
  assert.match(lines[2], /^absolute probabilistic Sharpe ratio \(Sharpe > 0, not vs buy-and-hold\) \d\.\d{3}$/);
  assert.match(lines[3], /^verdict: (indistinguishable from random timing|beats random timing)/);
});
