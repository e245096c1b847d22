/**
 * Simple policies to judge a trained trader against, on the same days: a
 * Bollinger-band mean-reversion rule, a momentum rule and random policies.
 * Each gives daily target positions in units (-1 short, 0 flat, 1 long); the
 * caller sizes and simulates them like the trader's own. Pure: indicator
 * values come in as columns, randomness from the generator passed in.
 */
import type { Rng } from '../rng.js';

/**
 * The classic Bollinger rule on %B: long when the close falls below the lower
 * band (%B < 0), short above the upper band (%B > 1), flat again once %B
 * crosses the middle (0.5). Starts flat; NaN (warm-up) keeps the position.
 */
export function bollingerRule(percentB: ArrayLike<number>): Int8Array {
  const out = new Int8Array(percentB.length);
  let position = 0;
  for (let t = 0; t < percentB.length; t++) {
    const b = percentB[t];
    if (b < 0) position = 1;
    else if (b > 1) position = -1;
    else if ((position === 1 && b >= 0.5) || (position === -1 && b <= 0.5)) position = 0;
    out[t] = position;
  }
  return out;
}

/** Time-series momentum: long while the trailing rate of change is positive, flat otherwise. */
export function momentumRule(rateOfChange: ArrayLike<number>): Int8Array {
  const out = new Int8Array(rateOfChange.length);
  for (let t = 0; t < rateOfChange.length; t++) out[t] = rateOfChange[t] > 0 ? 1 : 0;
  return out;
}

/**
 * A random policy that starts flat and, on each day, with probability
 * `switchProbability` moves to one of the other positions, chosen uniformly.
 */
export function randomPolicy(days: number, switchProbability: number, rng: Rng): Int8Array {
  const out = new Int8Array(days);
  let position = 0;
  for (let t = 0; t < days; t++) {
    if (rng.next() < switchProbability) position = randomMove(position, rng);
    out[t] = position;
  }
  return out;
}

/** A move from `position` (-1, 0 or 1) to one of the two others, chosen uniformly. */
export function randomMove(position: number, rng: Rng): number {
  return ((position + 1 + 1 + rng.int(2)) % 3) - 1;
}
