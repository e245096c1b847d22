import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stitchScales, stitchSimulations, walkForwardWindows } from '../../src/evaluation/index.js';
import { InvalidOptionError, simulateTargets } from '../../src/index.js';

test('rolling windows: train rows, then contiguous non-overlapping test rows; the last one may be partial', () => {
  const w = walkForwardWindows(20, 1000, { train: 500, test: 100 });
  assert.equal(w.length, 5);
  assert.deepEqual(w[0], { index: 0, trainFrom: 20, trainTo: 520, testFrom: 520, testTo: 620 });
  assert.deepEqual(w[1], { index: 1, trainFrom: 120, trainTo: 620, testFrom: 620, testTo: 720 });
  assert.deepEqual(w[4], { index: 4, trainFrom: 420, trainTo: 920, testFrom: 920, testTo: 1000 }, 'a partial last window');
  for (let i = 1; i < w.length; i++) assert.equal(w[i].testFrom, w[i - 1].testTo, 'contiguous');
});

test('anchored windows keep the training start; a longer step leaves gaps; impossible sizes are usage errors naming the numbers', () => {
  const w = walkForwardWindows(0, 400, { train: 100, test: 100, anchored: true });
  assert.deepEqual(w.map((x) => [x.trainFrom, x.trainTo, x.testTo]), [[0, 100, 200], [0, 200, 300], [0, 300, 400]]);
  const gaps = walkForwardWindows(0, 400, { train: 100, test: 50, step: 100 });
  assert.deepEqual(gaps.map((x) => [x.testFrom, x.testTo]), [[100, 150], [200, 250], [300, 350]]);
  assert.throws(() => walkForwardWindows(0, 300, { train: 300, test: 10 }), (e: unknown) => e instanceof InvalidOptionError && e.option === 'train' && /^train 300 plus at least one test row needs 301 usable rows, but the period has 300/.test(e.message));
  assert.throws(() => walkForwardWindows(0, 300, { train: 100, test: 50, step: 20 }), (e: unknown) => e instanceof InvalidOptionError && e.naming((o) => `--${o}`).startsWith('--step 20 is shorter than --test 50'));
});

test('stitching compounds each window\u2019s daily returns, from its own start cash, in sequence', () => {
  const rules = { cash: 1000, costs: { commission: 0, impact: 0 }, maintenance: 0 };
  const a = simulateTargets(['a1', 'a2'], Float64Array.from([10, 11]), [100, 100], rules); // 1000, 1100
  const b = simulateTargets(['b1', 'b2'], Float64Array.from([20, 18]), [50, 50], rules); // 1000, 900
  const s = stitchSimulations([a, b], 1000);
  assert.deepEqual(s.dates, ['a1', 'a2', 'b1', 'b2']);
  assert.deepEqual(Array.from(s.values), [1000, 1100, 1100, 990]);
  assert.deepEqual(s.trades.map((t) => t.day), [0, 2]);
});

test('stitching scales each window’s shares, costs and units by stitchScales, the stitched value at its start over its cash', () => {
  const rules = { cash: 1000, costs: { commission: 2, impact: 0.001 }, maintenance: 0 };
  const a = simulateTargets(['a1', 'a2', 'a3'], Float64Array.from([10, 11, 12]), [50, 50, 0], rules);
  const b = simulateTargets(['b1', 'b2'], Float64Array.from([20, 18]), [-20, -20], rules);
  const c = simulateTargets(['c1'], Float64Array.from([5]), [100], rules);
  const parts = [a, b, c];
  for (const [k, p] of parts.entries()) p.units = Float64Array.from(p.holdings, (h) => Math.sign(h) * (k + 1));
  const scales = stitchScales(parts, 1000);
  const s = stitchSimulations(parts, 1000);
  let offset = 0;
  parts.forEach((p, k) => {
    for (let t = 0; t < p.values.length; t++) assert.equal(s.holdings[offset + t], p.holdings[t] * scales[k]);
    offset += p.values.length;
  });
  assert.equal(s.commissions, parts.reduce((sum, p, k) => sum + p.commissions * scales[k], 0));
  assert.deepEqual(s.trades.map((t) => t.shares), parts.flatMap((p, k) => p.trades.map((t) => t.shares * scales[k])));
  assert.deepEqual(Array.from(s.units ?? []), parts.flatMap((p) => Array.from(p.units ?? [])));
  // Units join only when every window has them.
  assert.equal(stitchSimulations([a, { ...b, units: undefined }], 1000).units, undefined);
});
