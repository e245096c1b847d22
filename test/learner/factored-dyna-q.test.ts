import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FactoredDynaQLearner, InvalidOptionError, ModelError, type FactoredReward } from '../../src/index.js';
import { createRng } from '../../src/rng.js';

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);

/** Two positions (0 out, 1 in), two actions (0 go out, 1 go in), a cost of 0.1 to change position. */
const reward: FactoredReward = (p, a, outcome) => a * outcome - (a === p ? 0 : 0.1);
const options = { numMarketStates: 3, numPositions: 2, numActions: 2, nextPosition: [0, 1], alpha: 0.5, gamma: 0.9 };

test('a real step records the day, starts a new state at its model values, then updates every (position, action) from the model', () => {
  const l = new FactoredDynaQLearner({ ...options, seed: 1 }, reward);
  l.observe(0, 2, 1);
  // One day seen: the model expects its outcome, 2. A new state starts at r / (1 - gamma) = 10 r, then
  // Q = 0.5 * 10 r + 0.5 * (r + 0.9 * 0), the next state (m = 1) being still unseen. s = m * P + p.
  const after = (r: number) => 0.5 * 10 * r + 0.5 * r;
  close(l.qValue(0, 0), 0); // out, stay out
  close(l.qValue(0, 1), after(2 - 0.1)); // out, go in
  close(l.qValue(1, 0), after(-0.1)); // in, go out
  close(l.qValue(1, 1), after(2)); // in, stay in
  for (let s = 2; s < 6; s++) for (let a = 0; a < 2; a++) close(l.qValue(s, a), 0);
  // A second state with outcome -1: two days cannot show that the states differ, so both expect the pooled mean, 0.5.
  l.observe(1, -1, 0);
  close(l.modelOutcome(1), 0.5);
  close(l.meanOutcome(1), -1);
  close(l.qValue(2 + 1, 1), 0.5 * 10 * 0.5 + 0.5 * (0.5 + 0.9 * after(2))); // m=1, in, stay in -> (m=0, in)
  assert.equal(l.realSteps, 2);
});

test('rehearsing a day updates Q again without counting it twice in the model', () => {
  const l = new FactoredDynaQLearner({ ...options, seed: 1 }, reward);
  l.observe(0, 2, 1);
  const before = l.qValue(1, 1);
  l.rehearse(0, 1);
  // The target is r + 0.9 * max Q(m' = 1, in), still 0.
  assert.equal(l.visits(0), 1);
  assert.equal(l.transitionCount(0, 1), 1);
  close(l.qValue(1, 1), 0.5 * before + 0.5 * 2);
  assert.equal(l.realSteps, 2);
});

test('a reward that is not affine in the outcome is refused', () => {
  assert.throws(() => new FactoredDynaQLearner(options, (_p, a, x) => a * x * x), /affine/);
});

test('the shared market model: T = T_c / sum, and the mean outcome per market state', () => {
  const l = new FactoredDynaQLearner({ ...options, seed: 1 }, reward);
  l.observe(0, 1, 1);
  l.observe(0, 3, 2);
  l.observe(0, 2, 1);
  assert.equal(l.transitionCount(0, 1), 2);
  close(l.transitionProbability(0, 1), 2 / 3);
  close(l.transitionProbability(0, 2), 1 / 3);
  assert.equal(l.transitionProbability(1, 0), 0, 'never observed');
  close(l.meanOutcome(0), 2);
  close(l.expectedReward(0, 0, 1), 2 - 0.1);
  assert.equal(l.visits(0), 3);
  assert.equal(l.observedMarketStates, 1);
});

test('hallucinated updates draw only observed market states and leave the others at zero', () => {
  const l = new FactoredDynaQLearner({ ...options, dyna: 50, seed: 7 }, reward);
  for (let i = 0; i < 20; i++) l.observe(i % 2, i % 2 ? -1 : 1, (i + 1) % 2);
  assert.equal(l.hallucinatedSteps, 20 * 50);
  for (const s of [4, 5]) for (const a of [0, 1]) assert.equal(l.qValue(s, a), 0, 'market state 2 was never seen');
  // In m=0 the move is +1: being in beats being out.
  assert.ok(l.qValue(1, 1) > l.qValue(1, 0));
  assert.ok(l.qValue(0, 1) > l.qValue(0, 0));
});

test('planning converges to the values of the learned model (a two-state cycle, solved by hand)', () => {
  // m alternates 0 -> 1 -> 0 with outcomes +1 then -1; no costs; gamma 0.5.
  const free: FactoredReward = (_p, a, outcome) => a * outcome;
  const l = new FactoredDynaQLearner({ numMarketStates: 2, numPositions: 2, numActions: 2, nextPosition: [0, 1], alpha: 0.1, gamma: 0.5, dyna: 2000, seed: 3 }, free);
  for (let i = 0; i < 200; i++) l.observe(i % 2, i % 2 ? -1 : 1, (i + 1) % 2);
  // Optimal: in m=0 go in (+1), in m=1 go out (0). V0 = 1 + 0.5 V1, V1 = 0 + 0.5 V0 -> V0 = 4/3, V1 = 2/3.
  for (const p of [0, 1]) {
    assert.ok(Math.abs(l.qValue(0 * 2 + p, 1) - 4 / 3) < 1e-6, `Q(m0,p${p},in) ${l.qValue(p, 1)}`);
    assert.ok(Math.abs(l.qValue(1 * 2 + p, 0) - 2 / 3) < 1e-6);
  }
});

test('toJSON / fromJSON continues exactly, and the same seed gives the same learner', () => {
  const run = () => {
    const l = new FactoredDynaQLearner({ ...options, dyna: 30, seed: 'x' }, reward);
    for (let i = 0; i < 30; i++) l.observe(i % 3, Math.sin(i), (i * 7 + 1) % 3);
    return l;
  };
  const a = run();
  assert.deepEqual(JSON.stringify(a.toJSON()), JSON.stringify(run().toJSON()));
  const b = FactoredDynaQLearner.fromJSON(JSON.parse(JSON.stringify(a.toJSON())), reward);
  for (const l of [a, b]) for (let i = 0; i < 10; i++) l.observe(i % 3, Math.cos(i), (i + 2) % 3);
  assert.deepEqual(b.toJSON(), a.toJSON());
});

test('bad options and corrupt state are rejected, naming the problem', () => {
  assert.throws(() => new FactoredDynaQLearner({ ...options, nextPosition: [0] }, reward), InvalidOptionError);
  assert.throws(() => new FactoredDynaQLearner({ ...options, nextPosition: [0, 2] }, reward), /nextPosition/);
  assert.throws(() => new FactoredDynaQLearner({ ...options, alpha: 2 }, reward), /alpha must be a number in \[0, 1\]/);
  assert.throws(() => new FactoredDynaQLearner({ ...options, numMarketStates: 0 }, reward), /numMarketStates/);
  const l = new FactoredDynaQLearner(options, reward);
  assert.throws(() => l.observe(3, 0, 0), /m must be an integer market state/);
  assert.throws(() => l.observe(0, Number.NaN, 0), /outcome must be a finite number/);
  const json = l.toJSON();
  assert.throws(() => FactoredDynaQLearner.fromJSON({ ...json, q: [1] }, reward), ModelError);
  assert.throws(() => FactoredDynaQLearner.fromJSON({ ...json, kind: 'classic' as 'factored' }, reward), ModelError);
});

test('recording days first and starting from the model values converges to the exact solution at a long horizon', () => {
  // Three market states in a cycle, outcomes +1, 0, -1 (noise-free), a cost of 0.3 to change position; gamma 0.99.
  const cost: FactoredReward = (p, a, outcome) => a * outcome - (a === p ? 0 : 0.3);
  const l = new FactoredDynaQLearner({ numMarketStates: 3, numPositions: 2, numActions: 2, nextPosition: [0, 1], alpha: 0.1, gamma: 0.99, dyna: 500, seed: 5 }, cost);
  for (let i = 0; i < 300; i++) l.record(i % 3, [1, 0, -1][i % 3], (i + 1) % 3);
  for (let s = 0; s < 6; s++) for (let a = 0; a < 2; a++) assert.equal(l.qValue(s, a), 0, 'recording alone learns nothing');
  l.initializeValues();
  close(l.qValue(0 * 2 + 1, 1), 1 / 0.01); // in, stay in, outcome +1: as if every day paid +1
  close(l.qValue(0 * 2 + 0, 1), 0.7 / 0.01);
  for (let pass = 1; pass <= 30; pass++) for (let i = 0; i < 300; i++) l.rehearse(i % 3, (i + 1) % 3, 0.1 / pass);
  // Exact values by value iteration on the same model.
  let v = new Float64Array(12);
  for (let it = 0; it < 20000; it++) {
    const nv = new Float64Array(12);
    for (let m = 0; m < 3; m++) for (let p = 0; p < 2; p++) for (let a = 0; a < 2; a++) {
      const n = (m + 1) % 3;
      nv[(m * 2 + p) * 2 + a] = cost(p, a, [1, 0, -1][m]) + 0.99 * Math.max(v[(n * 2 + a) * 2], v[(n * 2 + a) * 2 + 1]);
    }
    v = nv;
  }
  const greedy = (q: (s: number, a: number) => number, s: number) => (q(s, 1) > q(s, 0) ? 1 : 0);
  for (let s = 0; s < 6; s++) assert.equal(greedy((x, a) => l.qValue(x, a), s), greedy((x, a) => v[x * 2 + a], s), `state ${s}`);
  assert.ok(Math.abs(l.qValue(1, 1) - v[3]) / v[3] < 0.05, `${l.qValue(1, 1)} vs ${v[3]}`);
});

test('a variance charge makes the learner hold less where outcomes vary more', () => {
  // Levels 0, 0.5 and 1 (no costs); market state 0 is calm, state 1 four times as variable, both with mean 0.1.
  const levels = [0, 0.5, 1];
  const gain: FactoredReward = (_p, a, outcome) => levels[a] * outcome;
  const l = new FactoredDynaQLearner({ numMarketStates: 2, numPositions: 3, numActions: 3, nextPosition: [0, 1, 2], alpha: 0.1, gamma: 0.5, dyna: 200, seed: 9 }, gain, (_p, a) => -(1 / 2) * levels[a] ** 2);
  const rng = createRng('variance');
  for (let i = 0; i < 2000; i++) {
    const m = i % 2;
    l.record(m, 0.1 + (m === 0 ? 0.25 : 0.5) * rng.normal(), (i + 1) % 2);
  }
  l.initializeValues();
  for (let pass = 1; pass <= 10; pass++) for (let i = 0; i < 2000; i++) l.rehearse(i % 2, (i + 1) % 2, 0.1 / pass);
  const best = (m: number) => [0, 1, 2].reduce((b, a) => (l.qValue(m * 3, a) > l.qValue(m * 3, b) ? a : b), 0);
  // Mean-variance utility e mean - e^2 variance / 2: calm (variance 0.0625) best at 1, variable (0.25) best at 0.5.
  assert.equal(best(0), 2);
  assert.equal(best(1), 1);
  assert.ok(l.outcomeVariance(1) > 3 * l.outcomeVariance(0));
});

test('recordDays records a batch exactly as record() day by day, and keeps the days before a refused one', () => {
  const make = () => new FactoredDynaQLearner({ ...options, dyna: 20, seed: 3, priorMean: 0.01, priorWeight: 5, evidence: 0.9 }, reward, (_p, a) => -0.5 * a);
  const rng = createRng('batch');
  const markets = Int32Array.from({ length: 401 }, () => rng.int(3));
  const outcomes = Float64Array.from({ length: 400 }, (_, t) => 0.02 * markets[t] - 0.01 + 0.05 * rng.normal());
  const one = make();
  for (let t = 0; t < outcomes.length; t++) one.record(markets[t], outcomes[t], markets[t + 1]);
  const batch = make();
  batch.recordDays(markets, outcomes);
  assert.deepEqual(batch.toJSON(), one.toJSON());
  assert.deepEqual(batch.pooling(), one.pooling());
  for (let m = 0; m < 3; m++) assert.equal(batch.outcomeVariance(m), one.outcomeVariance(m));
  one.initializeValues();
  batch.initializeValues();
  assert.deepEqual(Array.from(batch.qTable()), Array.from(one.qTable()));
  // A refused day stops the batch; the days before it are recorded and refreshed, as record() would leave them.
  const partial = make();
  assert.throws(() => partial.recordDays([0, 1, 2, 7], [0.01, -0.02, 0.03]), InvalidOptionError);
  const upTo = make();
  upTo.record(0, 0.01, 1);
  upTo.record(1, -0.02, 2);
  assert.deepEqual(partial.toJSON(), upTo.toJSON());
  assert.deepEqual(partial.pooling(), upTo.pooling());
  assert.throws(() => make().recordDays([0, 1], [0.01, 0.02]), InvalidOptionError);
});
