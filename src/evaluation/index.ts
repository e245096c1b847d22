/** Evaluation on top of the strategy: baselines to compare against. */
export * from './baselines.js';
