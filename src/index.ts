/**
 * dyna-trader: the library behind the `dyna` command.
 *
 * - workflows: one function per command (train, backtest, walkForward, sweep, simulate, synth), the front door
 * - learner: generic tabular Q-learning / Dyna-Q (DynaQLearner)
 * - data: loading and validating price CSVs
 * - features: indicators, discretization, states
 * - market: the trading simulator
 * - strategy: the Dyna-Q trader, backtests and model files
 * - evaluation: baselines, walk-forward windows, the continuous account, significance, sweeps
 * - report: performance figures, the report document, and its renderers
 */
export * from './workflows/index.js';
export * from './learner/index.js';
export * from './data/index.js';
export * from './features/index.js';
export * from './market/index.js';
export * from './strategy/index.js';
export * from './evaluation/index.js';
export * from './report/index.js';
export * from './settings/index.js';
export { generateMarket, marketBars, barsToCsv, csvChunks, validateSyntheticOptions, type Bar, type SyntheticMarketOptions } from './synth/synthetic-market.js';
export * from './errors.js';
export { createRng, Rng, type RngState } from './rng.js';
