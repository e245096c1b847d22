import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DynaQLearner, InvalidOptionError, ModelError } from '../../src/index.js';

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);

test('Q update follows (1-alpha) Q + alpha (r + gamma max Q[s\'])', () => {
  const l = new DynaQLearner({ numStates: 3, numActions: 2, alpha: 0.5, gamma: 0.9, rar: 0, radr: 1, seed: 1 });
  const a0 = l.querySetState(0);
  const a1 = l.query(1, 10); // Q[0,a0] = 0.5*0 + 0.5*(10 + 0.9*0) = 5
  close(l.qValue(0, a0), 5);
  close(l.qValue(0, 1 - a0), 0);
  // From state 1 back to state 0: max Q[0,.] = 5. Q[1,a1] = 0.5*(2 + 0.9*5) = 3.25
  l.query(0, 2);
  close(l.qValue(1, a1), 3.25);
});

test('ties are broken at random; a clear best action is always chosen when rar is 0', () => {
  const l = new DynaQLearner({ numStates: 2, numActions: 4, rar: 0, radr: 1, seed: 3 });
  const seen = new Set<number>();
  for (let i = 0; i < 200; i++) seen.add(l.querySetState(0));
  assert.equal(seen.size, 4, 'all four tied actions get picked');
  l.querySetState(0);
  const a = l.query(1, 1);
  void a;
  // Now make action 2 of state 1 clearly best by teaching it.
  const m = new DynaQLearner({ numStates: 2, numActions: 3, alpha: 1, gamma: 0, rar: 0, radr: 1, seed: 3 });
  let action = m.querySetState(1);
  while (action !== 2) action = m.querySetState(1);
  m.query(0, 5);
  for (let i = 0; i < 50; i++) assert.equal(m.querySetState(1), 2);
});

test('rar decays by radr after each query, not after querySetState', () => {
  const l = new DynaQLearner({ numStates: 2, numActions: 2, rar: 0.5, radr: 0.9, seed: 1 });
  l.querySetState(0);
  assert.equal(l.rar, 0.5);
  l.query(1, 0);
  close(l.rar, 0.45);
  l.query(0, 0);
  close(l.rar, 0.405);
});

test('rar = 1 explores uniformly', () => {
  const l = new DynaQLearner({ numStates: 1, numActions: 3, rar: 1, radr: 1, seed: 7 });
  const counts = [0, 0, 0];
  l.querySetState(0);
  for (let i = 0; i < 3000; i++) counts[l.query(0, 0)]++;
  for (const c of counts) assert.ok(c > 900 && c < 1100, `counts ${counts}`);
});

test('transition model counts T_c and normalizes to T', () => {
  const l = new DynaQLearner({ numStates: 4, numActions: 1, rar: 0, radr: 1, seed: 1 });
  // Only one action, so every step is (s, 0). Visit 0 -> 1, 0 -> 2, 0 -> 1 and 0 -> 3.
  for (const next of [1, 2, 1, 3]) {
    l.querySetState(0);
    l.query(next, 0);
  }
  close(l.transitionProbability(0, 0, 1), 0.5);
  close(l.transitionProbability(0, 0, 2), 0.25);
  close(l.transitionProbability(0, 0, 3), 0.25);
  assert.equal(l.transitionProbability(0, 0, 0), 0);
  assert.equal(l.transitionProbability(1, 0, 0), 0, 'unobserved pair');
  assert.equal(l.transitionCount(0, 0, 1), 2);
});

test("R follows (1-alpha) R + alpha r ('ema') and the running mean ('mean')", () => {
  const ema = new DynaQLearner({ numStates: 2, numActions: 1, alpha: 0.2, seed: 1 });
  const mean = new DynaQLearner({ numStates: 2, numActions: 1, alpha: 0.2, seed: 1, rewardModel: 'mean' });
  for (const l of [ema, mean]) {
    for (const r of [10, -5, 4]) {
      l.querySetState(0);
      l.query(1, r);
    }
  }
  // ema: 0 -> 2 -> 0.6 -> 1.28
  close(ema.expectedReward(0, 0), 1.28);
  close(mean.expectedReward(0, 0), 3);
  assert.equal(ema.expectedReward(1, 0), 0);
});

test('dyna planning replays the model: one observed self-loop converges to R/(1-gamma)', () => {
  // A single self-loop with reward 1; R = 0.5 * 1 after one step, so planning drives Q to 0.5/(1-0.5) = 1.
  const l = new DynaQLearner({ numStates: 1, numActions: 1, alpha: 0.5, gamma: 0.5, rar: 0, radr: 1, dyna: 200, seed: 1 });
  l.querySetState(0);
  l.query(0, 1);
  close(l.qValue(0, 0), 1);
  assert.equal(l.hallucinatedSteps, 200);
  assert.equal(l.realSteps, 1);
  // Hallucinations leave the model alone.
  assert.equal(l.transitionCount(0, 0, 0), 1);
  close(l.expectedReward(0, 0), 0.5);
});

test('one hallucinated update matches the hand-computed value', () => {
  // dyna 1: after the real update, exactly one more update of the only observed pair (0,0) -> 1.
  const l = new DynaQLearner({ numStates: 2, numActions: 1, alpha: 0.5, gamma: 0.9, rar: 0, radr: 1, dyna: 1, seed: 1 });
  l.querySetState(0);
  l.query(1, 4);
  // real: Q = 0.5*0 + 0.5*(4 + 0) = 2; model R = 0.5*4 = 2 (ema, alpha 0.5)
  // hallucinated: Q = 0.5*2 + 0.5*(2 + 0.9*0) = 2
  close(l.qValue(0, 0), 2);
  l.querySetState(0);
  l.query(1, 0);
  // real: Q = 0.5*2 + 0.5*0 = 1; R = 0.5*2 + 0.5*0 = 1; hallucinated: Q = 0.5*1 + 0.5*1 = 1
  close(l.qValue(0, 0), 1);
});

test('same seed, same inputs: same actions and the same Q table; another seed differs', () => {
  const run = (seed: number) => {
    const l = new DynaQLearner({ numStates: 20, numActions: 3, dyna: 10, seed });
    const actions: number[] = [l.querySetState(0)];
    for (let i = 0; i < 500; i++) actions.push(l.query((i * 7) % 20, (i % 5) - 2));
    return { actions, q: Array.from(l.qTable()) };
  };
  assert.deepEqual(run(42), run(42));
  assert.notDeepEqual(run(42).actions, run(43).actions);
});

test('toJSON/fromJSON round-trips exactly, and the copy continues like the original', () => {
  const a = new DynaQLearner({ numStates: 30, numActions: 3, dyna: 5, seed: 'abc', rewardModel: 'mean' });
  a.querySetState(0);
  for (let i = 0; i < 300; i++) a.query((i * 11) % 30, Math.sin(i));
  const json = JSON.parse(JSON.stringify(a.toJSON()));
  const b = DynaQLearner.fromJSON(json);
  assert.deepEqual(b.toJSON(), a.toJSON());
  for (let i = 0; i < 200; i++) assert.equal(b.query((i * 13) % 30, Math.cos(i)), a.query((i * 13) % 30, Math.cos(i)));
  assert.deepEqual(b.toJSON(), a.toJSON());
});

test('fromJSON rejects corrupt state with a ModelError', () => {
  const good = new DynaQLearner({ numStates: 3, numActions: 2, seed: 1 });
  good.querySetState(0);
  good.query(1, 1);
  const json = good.toJSON();
  const broken = [
    { ...json, format: 99 },
    { ...json, q: [1, 2] },
    { ...json, q: json.q.map(() => Number.NaN) },
    { ...json, rng: { c: 1 } },
    { ...json, state: 7 },
    { ...json, options: { ...json.options, alpha: 3 } },
    { ...json, model: { slots: [[99, [1], [1]]], rewards: [0] } },
    { ...json, model: { slots: [[0, [1, 1], [1, 1]]], rewards: [0] } },
    { ...json, model: { slots: [[0, [1], [0]]], rewards: [0] } },
    { ...json, model: { slots: [[0, [1], [1]]], rewards: [] } },
  ];
  for (const bad of broken) {
    assert.throws(() => DynaQLearner.fromJSON(bad as typeof json), ModelError, JSON.stringify(bad).slice(0, 80));
  }
});

test('bad options are rejected with an InvalidOptionError naming the option', () => {
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ numStates: 0, numActions: 3 }, /numStates must be an integer >= 1/],
    [{ numStates: 2.5, numActions: 3 }, /numStates/],
    [{ numStates: 10, numActions: -1 }, /numActions/],
    [{ numStates: 10, numActions: 3, alpha: 1.5 }, /alpha must be a number in \[0, 1\]/],
    [{ numStates: 10, numActions: 3, gamma: -0.1 }, /gamma/],
    [{ numStates: 10, numActions: 3, rar: Number.NaN }, /rar/],
    [{ numStates: 10, numActions: 3, radr: 2 }, /radr/],
    [{ numStates: 10, numActions: 3, dyna: -1 }, /dyna must be an integer >= 0/],
    [{ numStates: 10, numActions: 3, dyna: 1.5 }, /dyna/],
    [{ numStates: 10, numActions: 3, seed: 1.5 }, /seed/],
    [{ numStates: 10, numActions: 3, rewardModel: 'max' }, /rewardModel/],
    [{ numStates: 2 ** 20, numActions: 2 ** 10 }, /at most/],
  ];
  for (const [options, message] of cases) {
    assert.throws(() => new DynaQLearner(options as never), (e: unknown) => e instanceof InvalidOptionError && message.test(e.message));
  }
  const l = new DynaQLearner({ numStates: 3, numActions: 2 });
  assert.throws(() => l.querySetState(3), InvalidOptionError);
  l.querySetState(0);
  assert.throws(() => l.query(-1, 0), InvalidOptionError);
  assert.throws(() => l.query(1, Number.POSITIVE_INFINITY), /reward must be a finite number/);
  assert.throws(() => l.qValue(0, 2), InvalidOptionError);
});

test('a million states by three actions constructs and trains', () => {
  const l = new DynaQLearner({ numStates: 1_000_000, numActions: 3, dyna: 20, seed: 1 });
  l.querySetState(0);
  for (let i = 1; i < 20000; i++) l.query((i * 7919) % 1_000_000, 1);
  assert.equal(l.realSteps, 19999);
  assert.ok(l.observedPairs > 10000);
});
