/**
 * Volatility-targeted sizing: a position is scaled by min(cap, target /
 * realized volatility), so it carries about the same risk whatever the
 * market's mood (Moreira and Muir, "Volatility-Managed Portfolios", 2017).
 * The scale moves only when the new one is more than `band` away from the one
 * held, so small changes of the estimate do not trade every day. Pure.
 */
import { InvalidOptionError } from '../errors.js';

/**
 * The scale of each day from the realized (annual) volatility of rows up to
 * that day. Before the first estimate (NaN) the scale is `cap`; a volatility
 * of 0 also gives `cap`.
 */
export function volatilityScale(volatility: ArrayLike<number>, target: number, band: number, cap = 1): Float64Array {
  const out = new Float64Array(volatility.length);
  let held = cap;
  let started = false;
  for (let t = 0; t < volatility.length; t++) {
    const v = volatility[t];
    if (v >= 0) {
      const wanted = v > 0 ? Math.min(cap, target / v) : cap;
      if (!started || Math.abs(wanted - held) > band) held = wanted;
      started = true;
    }
    out[t] = held;
  }
  return out;
}

/** The market settings volatility targeting reads: fixed shares (`shares` set) are never re-sized, so never scaled. */
export interface VolatilitySizing {
  volatilityTarget: number;
  volatilityBand: number;
  shares: number | null;
}

/** The volatility scale of each day of a period under the market settings, or undefined when sizing is not volatility-targeted (target 0, or fixed shares). */
export function sizingScale(volatility: Float64Array | undefined, market: VolatilitySizing): Float64Array | undefined {
  if (!(market.volatilityTarget > 0) || market.shares !== null) return undefined;
  if (volatility === undefined) throw new InvalidOptionError('volatility-targeted sizing needs the realized volatility of the period (prepareData gives it)');
  return volatilityScale(volatility, market.volatilityTarget, market.volatilityBand);
}

/** Units scaled day by day: a policy's level times the volatility scale (into `out` when given, as long as `units`). */
export function scaledUnits(units: ArrayLike<number>, scale: ArrayLike<number>, out = new Float64Array(units.length)): Float64Array {
  // A loop, not Float64Array.from(units, f): that boxes every value in a temporary list first (~70 bytes a row).
  for (let t = 0; t < out.length; t++) out[t] = units[t] * scale[t];
  return out;
}
