/** Generic tabular Q-learning / Dyna-Q: knows nothing of markets. */
export { DynaQLearner, LEARNER_FORMAT, type DynaQLearnerJSON } from './dyna-q.js';
export {
  FactoredDynaQLearner,
  FACTORED_LEARNER_FORMAT,
  resolveFactoredOptions,
  type FactoredDynaQLearnerJSON,
  type FactoredDynaQOptions,
  type FactoredReward,
  type ResolvedFactoredOptions,
} from './factored-dyna-q.js';
export { resolveDynaQOptions, DYNA_Q_DEFAULTS, MAX_TABLE_CELLS, type DynaQOptions, type ResolvedDynaQOptions } from './options.js';
export { TransitionModel, type RewardModel, type TransitionModelJSON } from './transition-model.js';
