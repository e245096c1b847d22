/** The trader: joins learner, features and market. */
export * from './trainer.js';
export * from './policy.js';
export * from './prepare.js';
export * from './backtest.js';
export * from './model-file.js';
export * from './reward.js';
export * from './policy-map.js';
export * from './train-and-test.js';
export * from './load-model.js';
export * from './provenance.js';
export * from './continuation.js';
export * from './signal.js';
