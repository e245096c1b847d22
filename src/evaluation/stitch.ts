/**
 * The stitched out-of-sample run of walk-forward windows: each test window's
 * daily returns, in sequence, compounded from one start value. Each window's
 * first return is measured from its own start cash, so its first-day costs
 * count. Each window traded from the start cash; in the stitched run its
 * shares, trades and costs are scaled by the stitched value at its start over
 * that cash, so that every figure is in the stitched run's dollars: the round
 * trips' profits add up to the stitched equity change.
 */
import type { Simulation } from '../market/simulate.js';
import { growthFactor } from '../report/performance.js';
import { roundTrips, type RoundTrip } from '../report/round-trips.js';

/** Each window's scale in the stitched run: the stitched value at its start over its own start cash. */
export function stitchScales(parts: Simulation[], startCash: number): number[] {
  const scales: number[] = [];
  let value = startCash;
  for (const part of parts) {
    scales.push(part.startCash > 0 ? value / part.startCash : 0);
    let previous = part.startCash;
    for (let t = 0; t < part.values.length; t++) {
      value *= growthFactor(previous, part.values[t]);
      previous = part.values[t];
    }
  }
  return scales;
}

/** Joins simulations of consecutive periods into one, compounding their daily returns from `startCash`, in the stitched run's dollars. */
export function stitchSimulations(parts: Simulation[], startCash: number): Simulation {
  const n = parts.reduce((sum, p) => sum + p.values.length, 0);
  const values = new Float64Array(n);
  const holdings = new Float64Array(n);
  const exposure = new Float64Array(n);
  const prices = new Float64Array(n);
  const dates: string[] = [];
  const trades: Simulation['trades'] = [];
  let value = startCash;
  let offset = 0;
  let commissions = 0;
  let impactCosts = 0;
  let marginCall: Simulation['marginCall'] = null;
  const units = parts.every((p) => p.units !== undefined) ? new Float64Array(n) : undefined;
  for (const part of parts) {
    // The window's scale, as stitchScales gives it: the stitched value so far over the window's start cash.
    const scale = part.startCash > 0 ? value / part.startCash : 0;
    let previous = part.startCash;
    for (let t = 0; t < part.values.length; t++) {
      value *= growthFactor(previous, part.values[t]);
      previous = part.values[t];
      values[offset + t] = value;
      holdings[offset + t] = part.holdings[t] * scale;
      exposure[offset + t] = part.exposure[t];
      prices[offset + t] = part.prices[t];
      dates.push(part.dates[t]);
    }
    for (const trade of part.trades) trades.push({ ...trade, day: trade.day + offset, shares: trade.shares * scale, commission: trade.commission * scale, impactCost: trade.impactCost * scale });
    commissions += part.commissions * scale;
    impactCosts += part.impactCosts * scale;
    if (marginCall === null && part.marginCall) marginCall = { ...part.marginCall, day: part.marginCall.day + offset, equity: part.marginCall.equity * scale };
    if (units) units.set(part.units as Float64Array, offset);
    offset += part.values.length;
  }
  const joined: Simulation = { startCash, dates, prices, values, holdings, exposure, trades, commissions, impactCosts, marginCall };
  if (units) joined.units = units;
  return joined;
}

/**
 * The round trips of the stitched run: each window's own (a window starts flat
 * and ends with its position valued at its last close), in the stitched run's
 * dollars. Their profits add up to the stitched run's equity change.
 */
export function stitchedRoundTrips(parts: Simulation[], startCash: number): RoundTrip[] {
  const scales = stitchScales(parts, startCash);
  return parts.flatMap((part, k) => roundTrips(part).map((trip) => ({ ...trip, shares: trip.shares * scales[k], profit: trip.profit * scales[k] })));
}
