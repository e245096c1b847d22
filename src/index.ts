/** dyna-trader: the library behind the `dyna` command. */
export * from './learner/index.js';
export * from './errors.js';
export { createRng, Rng, type RngState } from './rng.js';
