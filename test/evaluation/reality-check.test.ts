import { test } from 'node:test';
import assert from 'node:assert/strict';
import { excessLogReturns, realityCheck } from '../../src/evaluation/index.js';
import { createRng, type Rng } from '../../src/rng.js';
import { oracle, randomLongFlat, randomWalk, run } from '../support/random-markets.js';

/** Independent zero-mean (plus `mean`) daily excess returns with 1% volatility. */
function noise(n: number, rng: Rng, mean = 0): Float64Array {
  return Float64Array.from({ length: n }, () => mean + 0.01 * rng.normal());
}

/** Daily excess returns over buy-and-hold of `sets` random long/flat strategies on one random walk (none has skill). */
function randomSets(seed: string, sets: number, days = 300): Float64Array[] {
  const period = randomWalk(days, seed);
  return Array.from({ length: sets }, (_, k) => {
    const { strategy, benchmark } = run(period, randomLongFlat(days, 0.05, createRng(`${seed}:${k}`)));
    return excessLogReturns(strategy, benchmark);
  });
}

test('sets without skill on random walks: no data-snooping test finds an edge', () => {
  for (const seed of ['rw1', 'rw2', 'rw3']) {
    const sets = randomSets(seed, 8);
    for (const t of ['spa', 'reality-check'] as const) {
      const r = realityCheck(sets, 500, createRng(seed), { test: t });
      assert.ok(r.pValue > 0.05, `${seed} ${t}: p = ${r.pValue}`);
    }
  }
});

test('one set with a real edge among poor ones is found; SPA is not dragged down by hopeless sets as the Reality Check is', () => {
  const period = randomWalk(300, 'edge');
  const { strategy, benchmark } = run(period, oracle(period.prices));
  const sets = [...randomSets('edge', 7), excessLogReturns(strategy, benchmark)];
  for (const t of ['spa', 'reality-check'] as const) {
    const r = realityCheck(sets, 500, createRng('e'), { test: t });
    assert.ok(r.pValue < 0.05, `${t}: p = ${r.pValue}`);
    assert.equal(r.best, 7);
  }
  // A modest edge (0.15 sd a day over 500 days, t about 3.4) next to 40 sets far below the benchmark.
  const rng = createRng('modest');
  const modest = [noise(500, rng, 0.0015), ...Array.from({ length: 40 }, () => noise(500, rng, -0.003))];
  const spa = realityCheck(modest, 999, createRng('m'), { test: 'spa' });
  const white = realityCheck(modest, 999, createRng('m'), { test: 'reality-check' });
  assert.ok(spa.pValue < 0.01, `SPA p = ${spa.pValue}`);
  assert.ok(white.pValue > spa.pValue, `RC p = ${white.pValue} vs SPA p = ${spa.pValue}`);
  assert.match(spa.method, /^Hansen's SPA test \(2005\)/);
  assert.match(white.method, /^White's Reality Check \(2000\)/);
});

test('calibration: under the least favourable null (every set at the benchmark) about 5% of p-values fall below 0.05', () => {
  const trials = 100;
  let below = 0;
  for (let i = 0; i < trials; i++) {
    const rng = createRng(`null:${i}`);
    const sets = Array.from({ length: 5 }, () => noise(200, rng));
    if (realityCheck(sets, 199, createRng(`rc:${i}`)).pValue <= 0.05) below++;
  }
  assert.ok(below >= 1 && below <= 13, `${below} of ${trials} below 0.05`);
});

test('determinism, segments, and the edge cases', () => {
  const sets = randomSets('det', 4, 200);
  assert.deepEqual(realityCheck(sets, 200, createRng('s')), realityCheck(sets, 200, createRng('s')));
  const bySegment = realityCheck(sets, 200, createRng('s'), { segments: [120, 80], blockLength: 3 });
  assert.equal(bySegment.blockLength, 3);
  assert.ok(bySegment.pValue > 0 && bySegment.pValue <= 1);
  // Sets that equal the benchmark (zero excess) tie every sample.
  assert.equal(realityCheck([new Float64Array(100), new Float64Array(100)], 100, createRng('z')).pValue, 1);
  assert.equal(realityCheck([new Float64Array(100)], 100, createRng('z'), { test: 'reality-check' }).pValue, 1);
  assert.throws(() => realityCheck([], 10, createRng('z')), RangeError);
  assert.throws(() => realityCheck([new Float64Array(10), new Float64Array(9)], 10, createRng('z')), RangeError);
});
