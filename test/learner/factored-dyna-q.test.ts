import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FactoredDynaQLearner, InvalidOptionError, ModelError, type FactoredReward } from '../../src/index.js';

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);

/** Two positions (0 out, 1 in), two actions (0 go out, 1 go in), a cost of 0.1 to change position. */
const reward: FactoredReward = (p, a, outcome) => a * outcome - (a === p ? 0 : 0.1);
const options = { numMarketStates: 3, numPositions: 2, numActions: 2, nextPosition: [0, 1], alpha: 0.5, gamma: 0.9 };

test('a real step records the day, then updates every (position, action) of the market state from the model', () => {
  const l = new FactoredDynaQLearner({ ...options, seed: 1 }, reward);
  l.observe(0, 2, 1);
  // One day seen: the model expects its outcome, 2. s = m * P + p; Q = 0.5 * (reward + 0.9 * 0).
  close(l.qValue(0, 0), 0); // out, stay out
  close(l.qValue(0, 1), 0.5 * (2 - 0.1)); // out, go in
  close(l.qValue(1, 0), 0.5 * -0.1); // in, go out
  close(l.qValue(1, 1), 0.5 * 2); // in, stay in
  for (let s = 2; s < 6; s++) for (let a = 0; a < 2; a++) close(l.qValue(s, a), 0);
  // A second state with outcome -1: two days cannot show that the states differ, so both expect the pooled mean, 0.5.
  l.observe(1, -1, 0);
  close(l.modelOutcome(1), 0.5);
  close(l.meanOutcome(1), -1);
  close(l.qValue(2 + 1, 1), 0.5 * (0.5 + 0.9 * 1)); // m=1, in, stay in -> (m=0, in): max Q = 1
  close(l.qValue(2 + 0, 0), 0.5 * (0 + 0.9 * 0.95)); // m=1, out, stay out -> (m=0, out): max Q = 0.95
  assert.equal(l.realSteps, 2);
});

test('rehearsing a day updates Q again without counting it twice in the model', () => {
  const l = new FactoredDynaQLearner({ ...options, seed: 1 }, reward);
  l.observe(0, 2, 1);
  const before = l.qValue(1, 1);
  l.rehearse(0, 1);
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
