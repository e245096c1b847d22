/**
 * Replaying daily target positions through an Account, with the risk rules a
 * broker would apply: a margin call closes the position when equity falls to
 * the maintenance fraction of its value, and the account stays flat from then
 * on; equity is never shown below zero (an account wiped out by a gap ends at 0).
 */
import { Account, exposureOf, marginCallAt, marginCallDue, type Costs, type MarginCall, type Trade } from './account.js';
import { sharesFor, type Sizing } from './sizing.js';

/** What an account did over a period, whatever it traded: the part every report and metric reads. */
export interface AccountRun {
  /** Cash before the first day's trade: the value every return is measured from. */
  startCash: number;
  dates: string[];
  /** Portfolio value (equity) at each day's close, after that day's trades; never below 0. */
  values: Float64Array;
  /** Gross exposure at each day's close: |value of the positions| / equity (0 when flat). */
  exposure: Float64Array;
  trades: Trade[];
  commissions: number;
  impactCosts: number;
  /** The margin call, if there was one. */
  marginCall: MarginCall | null;
}

/** A single-symbol run: also its prices and the shares held at each close. */
export interface Simulation extends AccountRun {
  prices: Float64Array;
  /** Shares held at each day's close (negative: short). */
  holdings: Float64Array;
  /**
   * The position held at each day's close in units of a full position (-1 short
   * ... 1 long), when the run was given positions (simulatePositions); 0 once a
   * margin call closed it. Absent for runs of orders in shares.
   */
  units?: Float64Array;
}

/** Account rules of a simulation. */
export interface AccountRules {
  cash: number;
  costs: Costs;
  /** Margin call when equity <= maintenance x position value; 0 disables it. */
  maintenance: number;
  /**
   * Fraction sizing only: a held position is re-sized to its target when its
   * exposure leaves [below, above] x size (a short the price moved against
   * grows past its size; a long at a fraction below 1 drifts). Default [0, infinity]: never.
   */
  rebalance?: { below: number; above: number };
}

/** The shares wanted on day t, given the shares held and the equity before that day's trade. */
type Target = (t: number, held: number, equity: number) => number;

function simulate(dates: string[], prices: Float64Array, target: Target, rules: AccountRules): Simulation {
  const n = prices.length;
  const account = new Account(rules.cash, rules.costs);
  const values = new Float64Array(n);
  const holdings = new Float64Array(n);
  const exposure = new Float64Array(n);
  let marginCall: MarginCall | null = null;
  for (let t = 0; t < n; t++) {
    const price = prices[t];
    if (marginCall === null) {
      const q = target(t, account.shares[0], account.value(price)) - account.shares[0];
      if (q !== 0) account.trade(t, dates[t], q, price).exposure = exposureOf(account.shares[0] * price, account.value(price));
      const equity = account.value(price);
      if (marginCallDue(equity, Math.abs(account.shares[0] * price), rules.maintenance)) {
        marginCall = marginCallAt(t, dates[t], equity, account.shares[0] * price);
        account.trade(t, dates[t], -account.shares[0], price).marginCall = true;
      }
    }
    const equity = account.value(price);
    values[t] = Math.max(0, equity);
    holdings[t] = account.shares[0];
    exposure[t] = exposureOf(account.shares[0] * price, equity);
  }
  return { startCash: rules.cash, dates, prices, values, holdings, exposure, trades: account.trades, commissions: account.commissions, impactCosts: account.impactCosts, marginCall };
}

/** Trades to `targets[t]` shares at each day's close (orders as written) and records the portfolio. Pure. */
export function simulateTargets(dates: string[], prices: Float64Array, targets: ArrayLike<number>, rules: AccountRules): Simulation {
  return simulate(dates, prices, (t) => targets[t], rules);
}

/**
 * Holds `units[t]` (-1 short, 0 flat, 1 long, or a fraction of a position in
 * between) at each day's close, sized by `sizing` whenever the position
 * changes (and kept in shares while it does not). Pure.
 */
export function simulatePositions(dates: string[], prices: Float64Array, units: ArrayLike<number>, sizing: Sizing, rules: AccountRules): Simulation {
  let current = 0;
  // The cap: at most 1x equity unless a size above 1 asks for leverage (then the band alone); a hair of tolerance for rounding.
  const band =
    sizing.kind === 'fraction' && rules.rebalance
      ? { low: rules.rebalance.below * sizing.size, high: rules.rebalance.above * sizing.size, cap: sizing.size <= 1 ? 1 + 1e-9 : Number.POSITIVE_INFINITY }
      : undefined;
  const sim = simulate(
    dates,
    prices,
    (t, held, equity) => {
      const wanted = units[t];
      if (wanted === current) {
        if (band === undefined || held === 0 || !(equity > 0)) return held;
        const gross = Math.abs(held * prices[t]) / equity;
        const exposure = gross / Math.abs(wanted);
        // Re-sized when it leaves its band, or grows past 1x equity without leverage asked for (a short in a rising market).
        return exposure > band.high || exposure < band.low || gross > band.cap ? sharesFor(wanted, sizing, equity, prices[t], rules.costs) : held;
      }
      current = wanted;
      return sharesFor(wanted, sizing, equity, prices[t], rules.costs, held);
    },
    rules,
  );
  // A loop, not Float64Array.from(holdings, f): that boxes every value in a temporary list first.
  sim.units = new Float64Array(sim.holdings.length);
  for (let t = 0; t < sim.units.length; t++) sim.units[t] = sim.holdings[t] === 0 ? 0 : units[t];
  return sim;
}

/** The benchmark: buy one unit (sized like the strategy) on the first day and hold, paying the same costs. */
export function buyAndHold(dates: string[], prices: Float64Array, sizing: Sizing, rules: AccountRules): Simulation {
  return simulatePositions(dates, prices, new Int8Array(prices.length).fill(1), sizing, rules);
}

/** Replays orders (day index and signed shares) as a simulation; used to check trade lists. */
export function simulateOrders(dates: string[], prices: Float64Array, orders: Array<{ day: number; shares: number }>, rules: AccountRules): Simulation {
  const targets = new Float64Array(prices.length);
  let held = 0;
  let next = 0;
  for (let t = 0; t < prices.length; t++) {
    while (next < orders.length && orders[next].day === t) held += orders[next++].shares;
    targets[t] = held;
  }
  return simulateTargets(dates, prices, targets, rules);
}

/** The largest gross exposure over the period (position value / equity), at any close or right after any trade. */
export function maxLeverage(run: AccountRun): number {
  let most = 0;
  for (let t = 0; t < run.exposure.length; t++) if (run.exposure[t] > most) most = run.exposure[t];
  for (const trade of run.trades) if ((trade.exposure ?? 0) > most) most = trade.exposure ?? 0;
  if (run.marginCall && run.marginCall.exposure > most) most = run.marginCall.exposure;
  return most;
}

/** The trade that left the account the most exposed, when that was above 1x equity: its exposure and date (the first, on ties). */
export function leveredTrade(run: AccountRun): { exposure: number; date: string } | undefined {
  let most = 1;
  let date = '';
  for (const trade of run.trades) {
    const e = trade.exposure ?? 0;
    if (e > most) (most = e), (date = trade.date);
  }
  return date === '' ? undefined : { exposure: most, date };
}

/** The account rules the market settings describe. */
export function accountRulesOf(market: { cash: number; commission: number; impact: number; maintenance: number; rebalanceBelow: number; rebalanceAbove: number }): AccountRules {
  return {
    cash: market.cash,
    costs: { commission: market.commission, impact: market.impact },
    maintenance: market.maintenance,
    rebalance: { below: market.rebalanceBelow, above: market.rebalanceAbove },
  };
}
