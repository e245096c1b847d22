/** Options of the Dyna-Q learner, their defaults and their validation. */
import { InvalidOptionError } from '../errors.js';
import type { RewardModel } from './transition-model.js';

/** What a caller may pass to `new DynaQLearner(...)`; what is left out takes its value from DYNA_Q_DEFAULTS. */
export interface DynaQOptions {
  numStates: number;
  numActions: number;
  /** Learning rate, in [0, 1]. */
  alpha?: number;
  /** Discount factor, in [0, 1]. */
  gamma?: number;
  /** Random action rate: probability of exploring, in [0, 1]. */
  rar?: number;
  /** Random action decay rate: rar *= radr after each real step, in [0, 1]. */
  radr?: number;
  /** Hallucinated (planning) updates after each real step; 0 is plain Q-learning. */
  dyna?: number;
  /** Seed of the learner's random generator (integer or string). */
  seed?: number | string;
  /** How R[s,a] is learned. */
  rewardModel?: RewardModel;
}

/** Options with every default filled in and checked. */
export type ResolvedDynaQOptions = Required<DynaQOptions>;

/**
 * The generic learner's defaults, declared once: those of the ML4T course's
 * QLearner, and plain Q-learning (no planning) unless `dyna` is given. The
 * trader never relies on them: it passes every value from its settings, whose
 * defaults live in config/defaults.json (alpha 0.05 and dyna 200 there).
 */
export const DYNA_Q_DEFAULTS: Readonly<Omit<ResolvedDynaQOptions, 'numStates' | 'numActions'>> = { alpha: 0.2, gamma: 0.9, rar: 0.5, radr: 0.99, dyna: 0, seed: 0, rewardModel: 'ema' };

/** Largest S x A table the learner will allocate (two Float64Arrays and one Int32Array of this size). */
export const MAX_TABLE_CELLS = 2 ** 28;

/** Fills defaults and checks every option, throwing InvalidOptionError naming the bad one. */
export function resolveDynaQOptions(options: DynaQOptions): ResolvedDynaQOptions {
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError('learner options must be an object');
  const resolved: ResolvedDynaQOptions = { numStates: options.numStates, numActions: options.numActions, ...DYNA_Q_DEFAULTS };
  // Only the known keys are taken (they are saved with a model), each unless left out.
  for (const key of Object.keys(DYNA_Q_DEFAULTS) as Array<keyof typeof DYNA_Q_DEFAULTS>) {
    const value = options[key];
    if (value !== undefined && value !== null) (resolved as unknown as Record<string, unknown>)[key] = value;
  }
  requireInteger('numStates', resolved.numStates, 1);
  requireInteger('numActions', resolved.numActions, 1);
  if (resolved.numStates * resolved.numActions > MAX_TABLE_CELLS) {
    throw new InvalidOptionError(`numStates x numActions must be at most ${MAX_TABLE_CELLS} (got ${resolved.numStates * resolved.numActions})`);
  }
  for (const name of ['alpha', 'gamma', 'rar', 'radr'] as const) requireUnit(name, resolved[name]);
  requireInteger('dyna', resolved.dyna, 0);
  requireSeed(resolved.seed);
  if (resolved.rewardModel !== 'ema' && resolved.rewardModel !== 'mean') {
    throw new InvalidOptionError(`rewardModel must be 'ema' or 'mean' (got ${String(resolved.rewardModel)})`);
  }
  return resolved;
}

/** Throws an InvalidOptionError naming the option unless it is a safe integer >= min. */
export function requireInteger(name: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new InvalidOptionError(`${name} must be an integer >= ${min} (got ${String(value)})`);
  }
}

/** Throws an InvalidOptionError naming the option unless it is a number in [0, 1]. */
export function requireUnit(name: string, value: unknown): void {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new InvalidOptionError(`${name} must be a number in [0, 1] (got ${String(value)})`);
  }
}

/** Throws an InvalidOptionError unless the seed is a safe integer or a string. */
export function requireSeed(seed: unknown): void {
  if (!(typeof seed === 'string' || (typeof seed === 'number' && Number.isSafeInteger(seed)))) {
    throw new InvalidOptionError(`seed must be an integer or a string (got ${String(seed)})`);
  }
}
