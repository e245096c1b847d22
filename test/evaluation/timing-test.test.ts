import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holdingPeriods, randomTiming, segmentsReplay, timingScratch, timingTest } from '../../src/evaluation/index.js';
import { simulatePositions } from '../../src/market/simulate.js';
import { endGrowth } from '../../src/report/performance.js';
import { createRng } from '../../src/rng.js';
import { oracle, randomLongFlat, randomWalk, RULES, SIZING } from '../support/random-markets.js';

/** Days in each position, trades (position changes from a flat start) and the sorted holding periods of a sequence. */
function profile(units: ArrayLike<number>): { days: Record<string, number>; trades: number; first: number; last: number } {
  const days: Record<string, number> = {};
  let trades = 0;
  for (let t = 0; t < units.length; t++) {
    days[units[t]] = (days[units[t]] ?? 0) + 1;
    if (units[t] !== (t === 0 ? 0 : units[t - 1])) trades++;
  }
  return { days, trades, first: units[0], last: units[units.length - 1] };
}

test('holding periods are read around the circle: the last run joins the first when their positions match', () => {
  const open = holdingPeriods([0, 0, 1, 1, 1, -1, 0]);
  assert.deepEqual([...open.positions], [0, 1, -1]);
  assert.deepEqual([...open.lengths], [3, 3, 1]);
  assert.equal(open.classes.length, 0);
  const split = holdingPeriods([0, 0, 1, 0, 1, 1]);
  assert.deepEqual([...split.positions], [0, 1, 0, 1]);
  assert.deepEqual([...split.lengths], [2, 1, 1, 2]);
  assert.deepEqual(split.classes.map((c) => [...c]), [[0, 2], [1, 3]]);
  const single = holdingPeriods(new Int8Array(5).fill(1));
  assert.deepEqual([...single.lengths], [5]);
});

test('a random timing keeps the days in each position, the number of trades, the first and last positions; only the days change', () => {
  const rng = createRng('timing');
  for (const units of [randomLongFlat(300, 0.05, createRng('u1')), Int8Array.from({ length: 250 }, (_, t) => [0, 1, 0, -1][Math.floor(t / 17) % 4]), Int8Array.from([0, 0, 0, 1, 1, 1, 1, 0, 1, 1])]) {
    const periods = holdingPeriods(units);
    const scratch = timingScratch(periods);
    const out = new Float64Array(units.length);
    const want = profile(units);
    let moved = 0;
    for (let i = 0; i < 200; i++) {
      randomTiming(periods, rng, out, scratch);
      assert.deepEqual(profile(out), want);
      assert.equal(holdingPeriods(out).lengths.length, periods.lengths.length, 'as many holding periods');
      if (out.some((p, t) => p !== units[t])) moved++;
    }
    assert.ok(moved > 100, 'random timings differ from the strategy');
  }
});

test('a strategy that never changes position, or enters once and holds, has no other timing: p = 1', () => {
  const period = randomWalk(250, 'hold', 0.3);
  for (const units of [new Int8Array(250).fill(1), new Int8Array(250), Int8Array.from({ length: 250 }, (_, t) => (t < 20 ? 0 : 1))]) {
    assert.equal(timingTest([{ ...period, units }], 300, SIZING, RULES, createRng('p')), 1);
  }
});

test('volatility-scaled positions are timed as the policy\'s levels, each day keeping its scale: an always-long policy has no other timing', () => {
  const period = randomWalk(250, 'scaled', 0.3);
  // A scale that steps down and back up, as a banded volatility target does in a storm.
  const scale = Float64Array.from({ length: 250 }, (_, t) => (t >= 80 && t < 140 ? 0.5 : 1));
  const long = new Int8Array(250).fill(1);
  assert.equal(timingTest([{ ...period, units: long, scale }], 300, SIZING, RULES, createRng('s')), 1);
  // Timed as scaled values, the scale's steps would be holding periods of their own, and move.
  const scaled = Float64Array.from(long, (u, t) => u * scale[t]);
  assert.ok(timingTest([{ ...period, units: scaled }], 300, SIZING, RULES, createRng('s')) < 1);
  // The strategy's own replay is the scaled run: an oracle's levels at the day's scale are found.
  const units = oracle(period.prices);
  assert.equal(timingTest([{ ...period, units, scale }], 300, SIZING, RULES, createRng('o')), 1 / 301);
});

test('the replay of a segment\'s own levels at its scale is the strategy\'s run, not the unscaled one', () => {
  const period = randomWalk(200, 'replay', 0.3);
  const units = randomLongFlat(200, 0.05, createRng('replay-policy'));
  const scale = Float64Array.from({ length: 200 }, (_, t) => 0.4 + 0.6 * (Math.floor(t / 37) % 2));
  const scaled = Float64Array.from(units, (u, t) => u * scale[t]);
  const replayed = segmentsReplay([{ ...period, units, scale }], SIZING, RULES)([units]);
  assert.equal(replayed, endGrowth(simulatePositions(period.dates, period.prices, scaled, SIZING, RULES)));
  assert.notEqual(replayed, endGrowth(simulatePositions(period.dates, period.prices, units, SIZING, RULES)));
});

test('with a volatility scale that moves, timing p-values of random policies are still uniform', () => {
  const trials = 150;
  let below5 = 0;
  let belowHalf = 0;
  for (let i = 0; i < trials; i++) {
    const period = randomWalk(250, `scaled-walk:${i}`, 0.3);
    // Calm and stormy spells: the scale steps between 1 and 0.4 every 40 days or so.
    const scale = Float64Array.from({ length: 250 }, (_, t) => (Math.floor((t + 13 * i) / 40) % 2 ? 0.4 : 1));
    const units = randomLongFlat(250, 0.05, createRng(`scaled-policy:${i}`));
    const p = timingTest([{ ...period, units, scale }], 99, SIZING, RULES, createRng(`scaled-t:${i}`));
    if (p <= 0.05) below5++;
    if (p <= 0.5) belowHalf++;
  }
  assert.ok(below5 >= 1 && below5 <= 16, `${below5} of ${trials} below 0.05`);
  assert.ok(belowHalf >= 0.38 * trials && belowHalf <= 0.62 * trials, `${belowHalf} of ${trials} below 0.5`);
});

test('timing p-values are uniform for random timings on a random walk with a strong drift (exposure earns nothing here)', () => {
  for (const drift of [0.4]) {
    const trials = 150;
    let below5 = 0;
    let belowHalf = 0;
    for (let i = 0; i < trials; i++) {
      const period = randomWalk(250, `walk:${drift}:${i}`, drift);
      const units = randomLongFlat(250, 0.05, createRng(`policy:${drift}:${i}`));
      const p = timingTest([{ ...period, units }], 99, SIZING, RULES, createRng(`t:${i}`));
      if (p <= 0.05) below5++;
      if (p <= 0.5) belowHalf++;
    }
    // Binomial(150, 0.05) has mean 7.5 and sd 2.7: [1, 16] fails a test twice as permissive, or never rejecting.
    assert.ok(below5 >= 1 && below5 <= 16, `drift ${drift}: ${below5} of ${trials} below 0.05`);
    assert.ok(belowHalf >= 0.38 * trials && belowHalf <= 0.62 * trials, `drift ${drift}: ${belowHalf} of ${trials} below 0.5`);
  }
});

test('a look-ahead oracle is found, window by window too; the seed repeats the p-value', () => {
  const period = randomWalk(300, 'oracle');
  const units = oracle(period.prices);
  assert.equal(timingTest([{ ...period, units }], 500, SIZING, RULES, createRng('o')), 1 / 501);
  const windows = [0, 100, 200].map((from) => ({ dates: period.dates.slice(from, from + 100), prices: period.prices.slice(from, from + 100), units: units.slice(from, from + 100) }));
  assert.equal(timingTest(windows, 500, SIZING, RULES, createRng('o')), 1 / 501);
  const random = randomLongFlat(300, 0.05, createRng('r'));
  const a = timingTest([{ ...period, units: random }], 300, SIZING, RULES, createRng('same'));
  assert.equal(timingTest([{ ...period, units: random }], 300, SIZING, RULES, createRng('same')), a);
  assert.notEqual(timingTest([{ ...period, units: random }], 300, SIZING, RULES, createRng('other')), a);
});

test('walk-forward: each window keeps its own holding periods, and random windows are calibrated', () => {
  const trials = 100;
  let below5 = 0;
  let belowHalf = 0;
  for (let i = 0; i < trials; i++) {
    // One market cut into three windows of one account, each with its own random policy.
    const market = randomWalk(300, `wf:${i}`, 0.2);
    const windows = [0, 1, 2].map((w) => ({ dates: market.dates.slice(100 * w, 100 * w + 100), prices: market.prices.subarray(100 * w, 100 * w + 100), units: randomLongFlat(100, 0.08, createRng(`wfp:${i}:${w}`)) }));
    const p = timingTest(windows, 99, SIZING, RULES, createRng(`wft:${i}`));
    if (p <= 0.05) below5++;
    if (p <= 0.5) belowHalf++;
  }
  assert.ok(below5 <= 12, `${below5} of ${trials} below 0.05`);
  assert.ok(belowHalf >= 0.35 * trials && belowHalf <= 0.65 * trials, `${belowHalf} of ${trials} below 0.5`);
  // An always-long window and an oracle window: the oracle is still found.
  const ab = randomWalk(300, 'wf-ab', 0.3);
  const a = { dates: ab.dates.slice(0, 150), prices: ab.prices.subarray(0, 150) };
  const b = { dates: ab.dates.slice(150), prices: ab.prices.subarray(150) };
  const p = timingTest([{ ...a, units: new Int8Array(150).fill(1) }, { ...b, units: oracle(b.prices) }], 300, SIZING, RULES, createRng('wf'));
  assert.equal(p, 1 / 301);
});
