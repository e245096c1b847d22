/** Replaying a sequence of daily target positions through an Account. */
import { Account, type Costs, type Trade } from './account.js';

/** Daily values, holdings and trades of a simulated period. */
export interface Simulation {
  /** Cash before the first day's trade: the value every return is measured from. */
  startCash: number;
  dates: string[];
  prices: Float64Array;
  /** Portfolio value at each day's close, after that day's trade. */
  values: Float64Array;
  /** Shares held at each day's close. */
  holdings: Float64Array;
  trades: Trade[];
  commissions: number;
  impactCosts: number;
}

/**
 * Trades to `targets[t]` shares at each day's close and records the portfolio.
 * Pure: the same inputs always give the same result.
 */
export function simulateTargets(dates: string[], prices: Float64Array, targets: ArrayLike<number>, cash: number, costs: Costs): Simulation {
  const n = prices.length;
  const account = new Account(cash, costs);
  const values = new Float64Array(n);
  const holdings = new Float64Array(n);
  const trades: Trade[] = [];
  for (let t = 0; t < n; t++) {
    const q = targets[t] - account.shares;
    if (q !== 0) {
      const before = { commissions: account.commissions, impact: account.impactCosts };
      account.trade(q, prices[t]);
      trades.push({ day: t, date: dates[t], shares: q, price: prices[t], commission: account.commissions - before.commissions, impactCost: account.impactCosts - before.impact });
    }
    values[t] = account.value(prices[t]);
    holdings[t] = account.shares;
  }
  return { startCash: cash, dates, prices, values, holdings, trades, commissions: account.commissions, impactCosts: account.impactCosts };
}

/** The benchmark: buy `shares` on the first day and hold, paying the same costs. */
export function buyAndHold(dates: string[], prices: Float64Array, shares: number, cash: number, costs: Costs): Simulation {
  return simulateTargets(dates, prices, new Float64Array(prices.length).fill(shares), cash, costs);
}

/** Replays orders (day index and signed shares) as a simulation; used to check trade lists. */
export function simulateOrders(dates: string[], prices: Float64Array, orders: Array<{ day: number; shares: number }>, cash: number, costs: Costs): Simulation {
  const targets = new Float64Array(prices.length);
  let held = 0;
  let next = 0;
  for (let t = 0; t < prices.length; t++) {
    while (next < orders.length && orders[next].day === t) held += orders[next++].shares;
    targets[t] = held;
  }
  return simulateTargets(dates, prices, targets, cash, costs);
}
