/**
 * Round trips: each maximal run of days holding a position of the same sign,
 * from the trade that opens it to the trade that closes or reverses it
 * (re-sizing it on the way, with its costs, stays inside the trip). A
 * trade that reverses a position (long to short) closes one trip and opens the
 * next; its costs are split between them in proportion to the shares of each
 * part. A position still open on the last day is valued at the last close.
 */
import type { Simulation } from '../market/simulate.js';

/** One round trip and its profit, net of the costs of its trades. */
export interface RoundTrip {
  entryDate: string;
  exitDate: string;
  /** Shares held when the trip opened: positive long, negative short. */
  shares: number;
  entryPrice: number;
  exitPrice: number;
  profit: number;
  /** False when the position was still open at the end of the period. */
  closed: boolean;
  /** The symbol, in multi-symbol runs. */
  symbol?: string;
}

/** The round trips of a simulation, in time order. */
export function roundTrips(sim: Simulation): RoundTrip[] {
  const trips: RoundTrip[] = [];
  const costOnDay = new Map<number, { cost: number; shares: number }>();
  for (const t of sim.trades) costOnDay.set(t.day, { cost: t.commission + t.impactCost, shares: Math.abs(t.shares) });
  // The part of day d's trade costs that belongs to moving `shares` shares.
  const share = (day: number, shares: number) => {
    const c = costOnDay.get(day);
    return c ? (c.cost * Math.abs(shares)) / c.shares : 0;
  };
  const { holdings, prices, dates } = sim;
  // A trip is a run of days holding a position of one sign; re-sizing it (a trim or top-up) stays inside the trip.
  let open: { day: number; shares: number; profit: number } | undefined;
  for (let t = 0; t < holdings.length; t++) {
    const previous = t === 0 ? 0 : holdings[t - 1];
    if (open) open.profit += previous * (prices[t] - prices[t - 1]);
    if (holdings[t] === previous) continue;
    const sameSign = Math.sign(holdings[t]) === Math.sign(previous);
    if (open && sameSign) {
      open.profit -= share(t, holdings[t] - previous);
      continue;
    }
    if (open) {
      open.profit -= share(t, previous);
      trips.push({ entryDate: dates[open.day], exitDate: dates[t], shares: open.shares, entryPrice: prices[open.day], exitPrice: prices[t], profit: open.profit, closed: true });
      open = undefined;
    }
    if (holdings[t] !== 0) open = { day: t, shares: holdings[t], profit: -share(t, holdings[t]) };
  }
  if (open) {
    const last = holdings.length - 1;
    trips.push({ entryDate: dates[open.day], exitDate: dates[last], shares: open.shares, entryPrice: prices[open.day], exitPrice: prices[last], profit: open.profit, closed: false });
  }
  return trips;
}
