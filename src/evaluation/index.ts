/** Evaluation on top of the strategy: baselines, walk-forward windows, the continuous account, significance (timing, bootstrap, reality check, verdict). */
export * from './baselines.js';
export * from './windows.js';
export * from './continuous-account.js';
export * from './significance.js';
export * from './timing-test.js';
export * from './orders-timing.js';
export * from './bootstrap.js';
export * from './reality-check.js';
export * from './verdict.js';
export * from './sweep.js';
export * from './schedule.js';
