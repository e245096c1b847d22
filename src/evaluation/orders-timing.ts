/**
 * Timing skill of an orders file: orders are in shares, over several symbols,
 * so the random timings are built from what the account held of each symbol.
 *
 * - Each symbol's daily holdings in shares (after each day's orders) are its
 *   position sequence: its holding periods are the runs of equal shares, and a
 *   random timing deals their lengths and cuts their circle exactly as for the
 *   trader's positions (timing-test.ts). So every random timing holds each
 *   symbol at each share count on as many days as the orders did, with the
 *   same holding periods and the same number of trades per symbol.
 * - Symbols whose holdings change on exactly the same days (a basket or a pair
 *   traded together) are timed together, as one sequence of joint holdings, so
 *   a random timing keeps what they held side by side (a hedge stays a hedge,
 *   a basket stays concentrated). Symbols traded on days of their own are timed
 *   independently of each other: what was held together by coincidence of
 *   days is not kept.
 * - Each random timing becomes one net order per symbol and day (the change in
 *   holdings) and is replayed through the portfolio simulator with the same
 *   prices, costs, cash and margin rule; the statistic is the account's end
 *   value. The orders' own holdings are replayed the same way, so several
 *   orders of one symbol on one day count as their net order (one commission).
 */
import type { Rng } from '../rng.js';
import type { Order } from '../market/orders.js';
import { simulatePortfolio, type SymbolPrices } from '../market/portfolio.js';
import type { AccountRules } from '../market/simulate.js';
import { endGrowth } from '../report/performance.js';
import { jointTimingPValue } from './timing-test.js';

/** The timing test of an orders file: its p-value and the symbols timed together. */
export interface OrdersTiming {
  pValue: number;
  /** Symbols timed as one (those whose holdings change on the same days), in the order of the prices. */
  groups: string[][];
}

/** The days (around the circle: day 0 follows the last) on which a holdings sequence changes. */
function changeDays(h: ArrayLike<number>): string {
  const n = h.length;
  const days: number[] = [];
  for (let t = 0; t < n; t++) if (h[t] !== h[(t + n - 1) % n]) days.push(t);
  return days.join(',');
}

/** Groups symbols whose holdings change on exactly the same days (symbols that never change form one group). */
export function timingGroups(holdings: Map<string, ArrayLike<number>>): string[][] {
  const groups = new Map<string, string[]>();
  for (const [symbol, h] of holdings) {
    const key = changeDays(h);
    groups.set(key, [...(groups.get(key) ?? []), symbol]);
  }
  return [...groups.values()];
}

/** A group's joint holdings as one sequence of ids, and each id's holdings per member. */
function jointSequence(members: ArrayLike<number>[], days: number): { ids: Float64Array; vectors: number[][] } {
  const idOf = new Map<string, number>();
  const vectors: number[][] = [];
  const ids = new Float64Array(days);
  for (let t = 0; t < days; t++) {
    const vector = members.map((h) => h[t]);
    const key = vector.join(',');
    let id = idOf.get(key);
    if (id === undefined) idOf.set(key, (id = vectors.length)), vectors.push(vector);
    ids[t] = id;
  }
  return { ids, vectors };
}

/** The net orders that take a flat account to `holdings[symbol][t]` shares at each close. */
export function ordersForHoldings(dates: string[], holdings: Map<string, ArrayLike<number>>): Order[] {
  const orders: Order[] = [];
  for (let t = 0; t < dates.length; t++) {
    for (const [symbol, h] of holdings) {
      const shares = h[t] - (t > 0 ? h[t - 1] : 0);
      if (shares !== 0) orders.push({ line: 0, date: dates[t], symbol, shares });
    }
  }
  return orders;
}

/**
 * The timing test of an account's holdings per symbol (shares at each close
 * over `prices.dates`): random timings of each group of symbols, replayed by
 * the portfolio simulator under `rules`; p = (1 + #{end value >= the orders'}) / (samples + 1).
 */
export function ordersTimingTest(prices: SymbolPrices, holdings: Map<string, ArrayLike<number>>, samples: number, rules: AccountRules, rng: Rng): OrdersTiming {
  const days = prices.dates.length;
  const groups = timingGroups(holdings);
  const joint = groups.map((members) => jointSequence(members.map((s) => holdings.get(s) as ArrayLike<number>), days));
  const replayed = new Map(groups.flat().map((s) => [s, new Float64Array(days)]));
  const pValue = jointTimingPValue(
    joint.map((j) => j.ids),
    samples,
    rng,
    (timings) => {
      timings.forEach((ids, g) => {
        const members = groups[g].map((s) => replayed.get(s) as Float64Array);
        for (let t = 0; t < days; t++) {
          const vector = joint[g].vectors[ids[t]];
          for (let m = 0; m < members.length; m++) members[m][t] = vector[m];
        }
      });
      return endGrowth(simulatePortfolio(prices, ordersForHoldings(prices.dates, replayed), rules).account);
    },
  );
  return { pValue, groups };
}
