/**
 * dyna-trader: the library behind the `dyna` command.
 *
 * - learner: generic tabular Q-learning / Dyna-Q (DynaQLearner)
 * - data: loading and validating price CSVs
 * - features: indicators, discretization, states
 * - market: the trading simulator
 * - strategy: the Dyna-Q trader, backtests and model files
 * - report: metrics and report writers
 */
export * from './learner/index.js';
export * from './data/index.js';
export * from './features/index.js';
export * from './market/index.js';
export * from './strategy/index.js';
export * from './evaluation/index.js';
export * from './report/index.js';
export * from './settings/index.js';
export { generateMarket, barsToCsv, validateSyntheticOptions, type Bar, type SyntheticMarketOptions } from './synth/synthetic-market.js';
export * from './errors.js';
export { createRng, Rng, type RngState } from './rng.js';
