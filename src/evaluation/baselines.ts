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
    if (rng.next() < switchProbability) position = ((position + 1 + 1 + rng.int(2)) % 3) - 1;
    out[t] = position;
  }
  return out;
}

/**
 * Volatility-managed exposure (Moreira and Muir, "Volatility-Managed
 * Portfolios", 2017): hold min(cap, target / realized volatility) of a long
 * position, moving to a new target only when it is more than `band` away from
 * the one held (so small changes of the estimate do not trade every day).
 * Volatilities are annual, as the `volatility` indicator gives them; NaN
 * (warm-up) keeps the exposure held, which starts at 0.
 */
export function volatilityManagedRule(volatility: ArrayLike<number>, target = 0.2, band = 0.25, cap = 1): Float64Array {
  const out = new Float64Array(volatility.length);
  let held = 0;
  for (let t = 0; t < volatility.length; t++) {
    const v = volatility[t];
    if (v > 0) {
      const wanted = Math.min(cap, target / v);
      if (Math.abs(wanted - held) > band || (held === 0 && wanted > 0)) held = wanted;
    } else if (v === 0) held = cap;
    out[t] = held;
  }
  return out;
}
