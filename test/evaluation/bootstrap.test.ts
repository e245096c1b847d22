import { test } from 'node:test';
import assert from 'node:assert/strict';
import { automaticBlockLength, bootstrapMeanTest, stationaryBootstrapMeans } from '../../src/evaluation/index.js';
import { createRng, type Rng } from '../../src/rng.js';

/** A deterministic AR(1) series whose innovations are reproducible in any language (so a reference implementation can check it). */
function sineAr(n: number, phi: number): Float64Array {
  const x = new Float64Array(n);
  let prev = 0;
  for (let t = 0; t < n; t++) {
    const s = Math.sin((t + 1) * 12.9898) * 43758.5453;
    prev = phi * prev + (s - Math.floor(s) - 0.5);
    x[t] = prev;
  }
  return x;
}

/** Zero-mean AR(1) returns with seeded Gaussian innovations. */
function ar(n: number, phi: number, rng: Rng, mean = 0): Float64Array {
  const x = new Float64Array(n);
  let prev = 0;
  for (let t = 0; t < n; t++) {
    prev = phi * prev + rng.normal();
    x[t] = mean + 0.01 * prev;
  }
  return x;
}

test('the automatic block length follows Politis-White (2004) with the 2009 correction, as in the reference implementations', () => {
  // Reference values: arch's _single_optimal_block (Sheppard's port of Patton's MATLAB) on the same series.
  const reference: Array<[number, number, number]> = [
    [0, 1000, 1.3021910664090695],
    [0.5, 250, 7.3966896391706545],
    [0.5, 1000, 11.417276372772138],
    [0.8, 250, 20.344204118734616],
    [0.8, 1000, 41.326775739359526],
    [-0.5, 1000, 14.835615684524337],
  ];
  for (const [phi, n, b] of reference) {
    const mine = automaticBlockLength(sineAr(n, phi));
    assert.ok(Math.abs(mine - b) < 1e-8 * b, `phi ${phi}, n ${n}: ${mine} != ${b}`);
  }
  assert.equal(automaticBlockLength(sineAr(250, 0)), 1, 'never below 1 (the reference gives 0.22)');
  assert.equal(automaticBlockLength(new Float64Array(500).fill(0.01)), 1, 'a constant series has no dependence to keep');
  assert.equal(automaticBlockLength([0.1, -0.1, 0.2]), 1, 'too short to estimate');
  // Capped at min(3 sqrt(n), n / 3).
  assert.ok(automaticBlockLength(sineAr(60, 0.99)) <= 20);
});

test('stationary bootstrap means: same days for every row, segments resampled within themselves, repeatable by seed', () => {
  const n = 200;
  const a = ar(n, 0.3, createRng('a'));
  const twice = Float64Array.from(a, (x) => 2 * x + 1);
  const means = stationaryBootstrapMeans([a, twice], 300, 5, createRng('s'));
  for (let b = 0; b < 300; b++) assert.ok(Math.abs(means[2 * b + 1] - (2 * means[2 * b] + 1)) < 1e-12, 'one draw of days serves all rows');
  assert.deepEqual(stationaryBootstrapMeans([a], 50, 5, createRng('s')), stationaryBootstrapMeans([a], 50, 5, createRng('s')));
  // Two segments of 0s and 1s: resampled within each, every mean is exactly the share of the 1s.
  const steps = Float64Array.from({ length: 100 }, (_, t) => (t < 30 ? 0 : 1));
  for (const m of stationaryBootstrapMeans([steps], 100, 8, createRng('g'), [30, 70])) assert.ok(Math.abs(m - 0.7) < 1e-12);
  assert.throws(() => stationaryBootstrapMeans([steps], 1, 1, createRng('g'), [30, 60]), RangeError);
  // The variance of the resampled mean matches the long-run variance an AR(1) implies: sigma^2 / (1 - phi)^2 / n.
  const phi = 0.5;
  const long = ar(4000, phi, createRng('long'));
  const boot = stationaryBootstrapMeans([long], 2000, automaticBlockLength(long), createRng('v'));
  const centre = boot.reduce((s, x) => s + x, 0) / boot.length;
  const variance = boot.reduce((s, x) => s + (x - centre) ** 2, 0) / boot.length;
  const expected = (0.01 ** 2 / (1 - phi) ** 2) / 4000;
  assert.ok(variance > 0.75 * expected && variance < 1.25 * expected, `bootstrap variance ${variance} vs ${expected}`);
});

test('the one-sided test is calibrated under a zero mean and finds a real one', () => {
  // Under H0 (mean 0, autocorrelated), about 5% of p-values fall below 0.05 and half below 0.5.
  const trials = 300;
  let below5 = 0;
  let belowHalf = 0;
  for (let i = 0; i < trials; i++) {
    const { pValue } = bootstrapMeanTest(ar(300, 0.3, createRng(`h0:${i}`)), 199, createRng(`b:${i}`));
    if (pValue <= 0.05) below5++;
    if (pValue <= 0.5) belowHalf++;
  }
  assert.ok(below5 >= 5 && below5 <= 30, `${below5} of ${trials} below 0.05`);
  assert.ok(belowHalf >= 0.4 * trials && belowHalf <= 0.6 * trials, `${belowHalf} of ${trials} below 0.5`);
  // A mean of a third of a standard deviation over 300 days is about 5.8 standard errors (2.6 with the AR(1) variance).
  const edge = bootstrapMeanTest(ar(300, 0.3, createRng('edge'), 0.0033), 999, createRng('e'));
  assert.ok(edge.pValue < 0.01, `p = ${edge.pValue}`);
  const loss = bootstrapMeanTest(ar(300, 0.3, createRng('loss'), -0.0033), 999, createRng('e'));
  assert.ok(loss.pValue > 0.9, `one-sided: a loss is no edge (p = ${loss.pValue})`);
});

test('an excess of exactly zero ties every sample: p = 1', () => {
  const zero = bootstrapMeanTest(new Float64Array(300), 500, createRng('z'));
  assert.equal(zero.pValue, 1);
  assert.equal(zero.mean, 0);
  assert.equal(bootstrapMeanTest([], 10, createRng('z')).pValue, 1);
});
