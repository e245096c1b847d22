/**
 * The stitched out-of-sample run of walk-forward windows: each test window's
 * daily returns, in sequence, compounded from one start value. Each window's
 * first return is measured from its own start cash, so its first-day costs
 * count. Trades, holdings and costs are the windows' own, in their own money.
 */
import type { Simulation } from '../market/simulate.js';
import { growthFactor } from '../report/performance.js';

/** Joins simulations of consecutive periods into one, compounding their daily returns from `startCash`. */
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
  for (const part of parts) {
    let previous = part.startCash;
    for (let t = 0; t < part.values.length; t++) {
      value *= growthFactor(previous, part.values[t]);
      previous = part.values[t];
      values[offset + t] = value;
      holdings[offset + t] = part.holdings[t];
      exposure[offset + t] = part.exposure[t];
      prices[offset + t] = part.prices[t];
      dates.push(part.dates[t]);
    }
    for (const trade of part.trades) trades.push({ ...trade, day: trade.day + offset });
    commissions += part.commissions;
    impactCosts += part.impactCosts;
    if (marginCall === null && part.marginCall) marginCall = { ...part.marginCall, day: part.marginCall.day + offset };
    offset += part.values.length;
  }
  const joined: Simulation = { startCash, dates, prices, values, holdings, exposure, trades, commissions, impactCosts, marginCall };
  if (parts.every((p) => p.units !== undefined)) {
    joined.units = new Float64Array(n);
    let at = 0;
    for (const part of parts) joined.units.set(part.units as Float64Array, (at += part.values.length) - part.values.length);
  }
  return joined;
}
