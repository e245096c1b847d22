/**
 * Seeded random numbers. Every random draw in dyna comes from one of these,
 * never from Math.random, so the same seed gives the same run, byte for byte.
 *
 * The generator is Alea, seeded by seedrandom. Its whole state is four
 * numbers, which makes a learner's generator easy to save with its model, and
 * its step is simple enough for the learner's planning loop to run it on local
 * variables (see DynaQLearner.plan); `next()` yields exactly seedrandom.alea's sequence.
 */
import seedrandom from 'seedrandom';

/** The complete state of a generator: restoring it continues the exact same sequence. */
export interface RngState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

/** Alea's multiplier and 2^-32, as in seedrandom's lib/alea.js. */
export const ALEA_MULTIPLIER = 2091639;
export const ALEA_2_POW_MINUS_32 = 2.3283064365386963e-10;

/** A uniform [0, 1) generator whose state can be saved and restored. */
export class Rng implements RngState {
  c: number;
  s0: number;
  s1: number;
  s2: number;

  /** Continues from a saved state (see createRng to start from a seed). */
  constructor(state: RngState) {
    this.c = state.c;
    this.s0 = state.s0;
    this.s1 = state.s1;
    this.s2 = state.s2;
  }

  /** The next uniform draw in [0, 1). */
  next(): number {
    const t = ALEA_MULTIPLIER * this.s0 + this.c * ALEA_2_POW_MINUS_32;
    this.s0 = this.s1;
    this.s1 = this.s2;
    return (this.s2 = t - (this.c = t | 0));
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A standard normal draw (Box-Muller). */
  normal(): number {
    let u = this.next();
    while (u === 0) u = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** A copy of the state, for saving. */
  state(): RngState {
    return { c: this.c, s0: this.s0, s1: this.s1, s2: this.s2 };
  }
}

/** Creates a generator from a seed (numbers and strings are both accepted). */
export function createRng(seed: number | string): Rng {
  return new Rng(seedrandom.alea(String(seed), { state: true }).state());
}

/** True when `value` has the shape of a saved generator state. */
export function isRngState(value: unknown): value is RngState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['c', 's0', 's1', 's2'].every((k) => typeof v[k] === 'number' && Number.isFinite(v[k]));
}
