import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PooledOutcomes } from '../../src/learner/pooled-outcomes.js';
import { createRng } from '../../src/rng.js';
import { ModelError } from '../../src/errors.js';

/** Observations of `states` states whose true means are `means[m]`, with unit noise, in random order. */
function fill(model: PooledOutcomes, means: number[], perState: number, seed: string): void {
  const rng = createRng(seed);
  for (let i = 0; i < perState * means.length; i++) {
    const m = rng.int(means.length);
    model.record(m, means[m] + rng.normal());
  }
}

test('states that share one mean: their spread is seldom believed, and more seldom when more evidence is required', () => {
  const believed = (evidence: number) => {
    let count = 0;
    for (let k = 0; k < 60; k++) {
      const model = new PooledOutcomes(16, 0, 0, evidence);
      fill(model, Array(16).fill(0.1), 30, `null-${k}`);
      const { pooledMean, grandMean, betweenSd, noiseSd } = model.summary();
      assert.equal(pooledMean, grandMean, 'no prior: the pooled mean is the plain mean');
      assert.ok(Math.abs(noiseSd - 1) < 0.15, `noise ${noiseSd}`);
      if (betweenSd > 0) count++;
      // Whatever a state's sample mean, its expected outcome is its shrunk deviation from the pooled mean.
      for (let m = 0; m < 16; m++) assert.ok(Math.abs(model.expected[m] - pooledMean - model.shrinkage(m) * (model.mean(m) - grandMean)) < 1e-12);
    }
    return count;
  };
  const plain = believed(0);
  const strict = believed(0.95);
  // DerSimonian-Laird believes some spread in about 2 samples of 5 under this null; at 0.95, in about 1 of 20.
  assert.ok(plain >= 12 && plain <= 36, `plain: ${plain} of 60`);
  assert.ok(strict <= 9, `strict: ${strict} of 60`);
  assert.ok(strict < plain);
});

test('states that really differ keep most of their own mean, even when strong evidence is required', () => {
  const means = [-0.6, -0.3, 0, 0.3, 0.6];
  const model = new PooledOutcomes(5, 0, 0, 0.95);
  fill(model, means, 400, 'signal');
  assert.ok(model.summary().betweenSd > 0.3, `between-state sd ${model.summary().betweenSd}`);
  means.forEach((mu, m) => {
    assert.ok(model.shrinkage(m) > 0.9, `shrinkage ${model.shrinkage(m)}`);
    assert.ok(Math.abs(model.expected[m] - mu) < 0.15, `state ${m}: ${model.expected[m]} vs ${mu}`);
  });
});

test('the prior mean weighs as its pseudo-observations; exact states need no shrinkage', () => {
  const model = new PooledOutcomes(2, 0, 100);
  for (let i = 0; i < 100; i++) model.record(0, 1);
  assert.equal(model.summary().pooledMean, 0.5);
  assert.equal(model.expected[0], 0.5, 'one state: no deviation from the pooled mean');
  // Two states whose observations never vary: their means are exact, so each keeps its own deviation.
  const exact = new PooledOutcomes(2, 0, 0);
  for (let i = 0; i < 50; i++) exact.record(i % 2, i % 2 ? -1 : 1);
  assert.equal(exact.shrinkage(0), 1);
  assert.equal(exact.expected[0], 1);
  assert.equal(exact.expected[1], -1);
});

test('toJSON / fromJSON rebuilds the same expected outcomes; corrupt statistics are refused', () => {
  const model = new PooledOutcomes(6, 0.01, 50);
  fill(model, [0, 0.2, -0.2, 0, 0.5, 0], 50, 'json');
  const copy = PooledOutcomes.fromJSON(JSON.parse(JSON.stringify(model.toJSON())), 6, 0.01, 50);
  assert.deepEqual(Array.from(copy.expected), Array.from(model.expected));
  assert.deepEqual(copy.summary(), model.summary());
  const json = model.toJSON();
  assert.throws(() => PooledOutcomes.fromJSON({ ...json, states: json.states.map(() => 9) }, 6, 0, 0), ModelError);
  assert.throws(() => PooledOutcomes.fromJSON({ ...json, count: json.count.map(() => 0) }, 6, 0, 0), ModelError);
  assert.throws(() => PooledOutcomes.fromJSON({ ...json, sum: [] }, 6, 0, 0), ModelError);
});
