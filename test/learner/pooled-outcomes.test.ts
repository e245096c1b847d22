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
      const model = new PooledOutcomes(16, { priorMean: 0, priorWeight: 0, evidence });
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
  const model = new PooledOutcomes(5, { priorMean: 0, priorWeight: 0, evidence: 0.95 });
  fill(model, means, 400, 'signal');
  assert.ok(model.summary().betweenSd > 0.3, `between-state sd ${model.summary().betweenSd}`);
  means.forEach((mu, m) => {
    assert.ok(model.shrinkage(m) > 0.9, `shrinkage ${model.shrinkage(m)}`);
    assert.ok(Math.abs(model.expected[m] - mu) < 0.15, `state ${m}: ${model.expected[m]} vs ${mu}`);
  });
});

test('the prior mean weighs as its pseudo-observations; exact states need no shrinkage', () => {
  const model = new PooledOutcomes(2, { priorMean: 0, priorWeight: 100 });
  for (let i = 0; i < 100; i++) model.record(0, 1);
  assert.equal(model.summary().pooledMean, 0.5);
  assert.equal(model.expected[0], 0.5, 'one state: no deviation from the pooled mean');
  // Two states whose observations never vary: their means are exact, so each keeps its own deviation.
  const exact = new PooledOutcomes(2, { priorMean: 0, priorWeight: 0 });
  for (let i = 0; i < 50; i++) exact.record(i % 2, i % 2 ? -1 : 1);
  assert.equal(exact.shrinkage(0), 1);
  assert.equal(exact.expected[0], 1);
  assert.equal(exact.expected[1], -1);
});

test('toJSON / fromJSON rebuilds the same expected outcomes; corrupt statistics are refused', () => {
  const model = new PooledOutcomes(6, { priorMean: 0.01, priorWeight: 50 });
  fill(model, [0, 0.2, -0.2, 0, 0.5, 0], 50, 'json');
  const copy = PooledOutcomes.fromJSON(JSON.parse(JSON.stringify(model.toJSON())), 6, { priorMean: 0.01, priorWeight: 50 });
  assert.deepEqual(Array.from(copy.expected), Array.from(model.expected));
  assert.deepEqual(copy.summary(), model.summary());
  const json = model.toJSON();
  assert.throws(() => PooledOutcomes.fromJSON({ ...json, states: json.states.map(() => 9) }, 6, { priorMean: 0, priorWeight: 0 }), ModelError);
  assert.throws(() => PooledOutcomes.fromJSON({ ...json, count: json.count.map(() => 0) }, 6, { priorMean: 0, priorWeight: 0 }), ModelError);
  assert.throws(() => PooledOutcomes.fromJSON({ ...json, sum: [] }, 6, { priorMean: 0, priorWeight: 0 }), ModelError);
});

/** A 4 x 4 x 4 model whose true mean moves with the first digit only (effects of `size` around 0.05), filled with `n` unit-noise observations. */
function oneFactorMarket(options: { factors?: number[]; factorEvidence?: number; evidence?: number }, size: number, n: number, seed: string): { model: PooledOutcomes; truth: number[] } {
  const effect = [-size, -size / 3, size / 3, size];
  const truth = Array.from({ length: 64 }, (_, m) => 0.05 + effect[Math.floor(m / 16)]);
  const model = new PooledOutcomes(64, { priorMean: 0, priorWeight: 0, ...options });
  fill(model, truth, Math.round(n / 64), seed);
  return { model, truth };
}

const squaredError = (model: PooledOutcomes, truth: number[]) => truth.reduce((s, mu, m) => s + (model.visits(m) > 0 ? (model.expected[m] - mu) ** 2 : 0), 0);

test("factors: one digit's main effect is found with its buckets' data, where the states alone miss it", () => {
  let foundByFactors = 0;
  let foundByStates = 0;
  let closer = 0;
  for (let k = 0; k < 20; k++) {
    const factors = oneFactorMarket({ factors: [4, 4, 4], factorEvidence: 0.95 }, 0.15, 1000, `main-${k}`);
    const states = oneFactorMarket({}, 0.15, 1000, `main-${k}`);
    const strictStates = oneFactorMarket({ evidence: 0.95 }, 0.15, 1000, `main-${k}`);
    const summary = factors.model.summary();
    if (summary.factorSds[0] > 0) foundByFactors++;
    if (strictStates.model.summary().betweenSd > 0) foundByStates++;
    if (squaredError(factors.model, factors.truth) < squaredError(states.model, states.truth)) closer++;
    assert.equal(summary.factorSds.length, 3);
    assert.ok(summary.betweenSd ** 2 >= summary.factorSds[0] ** 2 - 1e-15, 'betweenSd covers every part');
  }
  assert.ok(foundByFactors >= 15, `factors found the effect in ${foundByFactors} of 20`);
  assert.ok(foundByFactors > foundByStates, `states alone, at the same level: ${foundByStates} of 20`);
  assert.ok(closer >= 15, `the factors' expected outcomes were closer to the truth in ${closer} of 20`);
});

test('factors: under a common mean a factor is believed about as often as its evidence level allows', () => {
  let believed = 0;
  for (let k = 0; k < 60; k++) {
    const { model } = oneFactorMarket({ factors: [4, 4, 4], factorEvidence: 0.95 }, 0, 1000, `factor-null-${k}`);
    believed += model.summary().factorSds.filter((sd) => sd > 0).length;
    // Whatever is believed, the expected outcomes stay near the common mean.
    for (let m = 0; m < 64; m++) if (model.visits(m) > 0) assert.ok(Math.abs(model.expected[m] - 0.05) < 0.6);
  }
  // 180 factor tests at 0.95: about 9 false beliefs expected.
  assert.ok(believed <= 20, `${believed} of 180 factors believed`);
});

test('factors: an additive truth is recovered, with no interaction left', () => {
  // 2 x 3 states, m = 3 * a + b: the mean is rowEffect[a] + columnEffect[b].
  const truth = [0, 1].flatMap((a) => [0, 1, 2].map((b) => [-0.4, 0.4][a] + [-0.3, 0, 0.3][b]));
  const model = new PooledOutcomes(6, { priorMean: 0, priorWeight: 0, factors: [2, 3], factorEvidence: 0.95 });
  fill(model, truth, 2000, 'additive');
  const { factorSds, interactionSd } = model.summary();
  assert.ok(factorSds[0] > 0.3 && factorSds[1] > 0.2, `factor sds ${factorSds}`);
  truth.forEach((mu, m) => assert.ok(Math.abs(model.expected[m] - mu) < 0.06, `state ${m}: ${model.expected[m]} vs ${mu}`));
  assert.ok(interactionSd < 0.05, `interaction sd ${interactionSd}`);
  // The effects are centred on the days: the model's mean over every observed day is the pooled mean (the drift).
  let days = 0;
  let level = 0;
  for (let m = 0; m < 6; m++) {
    days += model.visits(m);
    level += model.visits(m) * (model.expected[m] - model.summary().pooledMean);
  }
  assert.ok(Math.abs(level / days) < 1e-3, `level moved by ${level / days}`);
});

test('factors: toJSON / fromJSON rebuilds the same model; factors that do not multiply to the states are refused', () => {
  const options = { priorMean: 0.01, priorWeight: 50, factors: [4, 4, 4], factorEvidence: 0.95 };
  const { model } = oneFactorMarket(options, 0.15, 1000, 'factor-json');
  const copy = PooledOutcomes.fromJSON(JSON.parse(JSON.stringify(model.toJSON())), 64, options);
  assert.deepEqual(Array.from(copy.expected), Array.from(model.expected));
  assert.deepEqual(copy.summary(), model.summary());
  assert.throws(() => new PooledOutcomes(64, { priorMean: 0, priorWeight: 0, factors: [4, 4] }), /product is the number of states, 64/);
  assert.throws(() => new PooledOutcomes(6, { priorMean: 0, priorWeight: 0, factors: [2, 3.5] }), ModelError);
});

test('factors: a noisy bucket moves no level; the days still expect the pooled mean on average', () => {
  // Bucket 0 is six times as noisy as bucket 1: weighed by precision their mean is near bucket 1's, by days it is 0.
  const model = new PooledOutcomes(2, { priorMean: 0, priorWeight: 0, factors: [2], factorEvidence: 0.95 });
  const rng = createRng('noisy-bucket');
  for (let i = 0; i < 1000; i++) {
    model.add(0, 0.5 + 3 * rng.normal());
    model.add(1, -0.5 + 0.5 * rng.normal());
  }
  model.refresh();
  const { pooledMean, factorSds } = model.summary();
  assert.ok(factorSds[0] > 0.3, `factor sd ${factorSds[0]}`);
  const level = (model.expected[0] + model.expected[1]) / 2 - pooledMean;
  // Centred by precision instead, it would move by about 0.5; what is left is the states' own small remaining deviations.
  assert.ok(Math.abs(level) < 0.005, `level moved by ${level}`);
  assert.ok(model.expected[0] > 0.2 && model.expected[1] < -0.4, `${model.expected[0]}, ${model.expected[1]}`);
});
