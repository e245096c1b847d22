/** Q-updates per second of the Dyna-Q learner on a random environment. */
import { DynaQLearner, FactoredDynaQLearner } from '../src/learner/index.js';
import { createRng } from '../src/rng.js';

export interface LearnerBenchResult {
  numStates: number;
  numActions: number;
  dyna: number;
  realSteps: number;
  qUpdates: number;
  seconds: number;
  updatesPerSecond: number;
}

/** Runs `realSteps` steps on a random sparse MDP (each (s,a) leads to one of 4 states) and times them. */
export function benchLearner(numStates: number, numActions: number, dyna: number, realSteps: number): LearnerBenchResult {
  const env = createRng('bench-env');
  const successors = new Int32Array(numStates * numActions * 4);
  for (let i = 0; i < successors.length; i++) successors[i] = env.int(numStates);
  const learner = new DynaQLearner({ numStates, numActions, dyna, seed: 1 });
  let s = 0;
  let a = learner.querySetState(s);
  const start = process.hrtime.bigint();
  for (let step = 0; step < realSteps; step++) {
    const sPrime = successors[(s * numActions + a) * 4 + env.int(4)];
    const r = sPrime % 7 === 0 ? 1 : -0.01;
    a = learner.query(sPrime, r);
    s = sPrime;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const qUpdates = realSteps * (1 + dyna);
  return { numStates, numActions, dyna, realSteps, qUpdates, seconds, updatesPerSecond: qUpdates / seconds };
}

/** Q-updates per second of the factored (market-model) learner: M market states x 3 positions x 3 actions, a random market chain. */
export function benchFactoredLearner(numMarketStates: number, dyna: number, realSteps: number): LearnerBenchResult {
  const env = createRng('bench-env');
  const successors = new Int32Array(numMarketStates * 4);
  for (let i = 0; i < successors.length; i++) successors[i] = env.int(numMarketStates);
  const reward = (p: number, a: number, move: number) => (a - 1) * move - (a === p ? 0 : 0.005);
  const learner = new FactoredDynaQLearner({ numMarketStates, numPositions: 3, numActions: 3, nextPosition: [0, 1, 2], dyna, seed: 1 }, reward);
  let m = 0;
  const start = process.hrtime.bigint();
  for (let step = 0; step < realSteps; step++) {
    const next = successors[m * 4 + env.int(4)];
    learner.observe(m, (env.next() - 0.5) * 0.02, next);
    m = next;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  // Each real step updates all 9 (position, action) pairs of its market state.
  const qUpdates = realSteps * (9 + dyna);
  return { numStates: numMarketStates * 3, numActions: 3, dyna, realSteps, qUpdates, seconds, updatesPerSecond: qUpdates / seconds };
}
