/** Q-updates per second of the Dyna-Q learner on a random environment. */
import { DynaQLearner } from '../src/learner/index.js';
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
