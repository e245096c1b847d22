/**
 * Replaying daily target positions through an Account, with the risk rules a
 * broker would apply: a margin call closes the position when equity falls to
 * the maintenance fraction of its value, and the account stays flat from then
 * on; equity is never shown below zero (an account wiped out by a gap ends at 0).
 */
import { Account, type Costs, type Trade } from './account.js';
import { sharesFor, type Sizing } from './sizing.js';

/** When the broker closed the position. */
export interface MarginCall {
  day: number;
  date: string;
  /** Equity at that close, before the position was closed. */
  equity: number;
  /** Gross exposure at that close, before the position was closed. */
  exposure: number;
}

/** Daily values, holdings and trades of a simulated period. */
export interface Simulation {
  /** Cash before the first day's trade: the value every return is measured from. */
  startCash: number;
  dates: string[];
  prices: Float64Array;
  /** Portfolio value (equity) at each day's close, after that day's trade; never below 0. */
  values: Float64Array;
  /** Shares held at each day's close. */
  holdings: Float64Array;
  /**
   * The position held at each day's close in units of a full position (-1 short
   * ... 1 long), when the run was given positions (simulatePositions); 0 once a
   * margin call closed it. Absent for runs of orders in shares.
   */
  units?: Float64Array;
  /** Gross exposure at each day's close: |shares x price| / equity (0 when flat). */
  exposure: Float64Array;
  trades: Trade[];
  commissions: number;
  impactCosts: number;
  /** The margin call, if there was one. */
  marginCall: MarginCall | null;
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

/** Gross exposure: |position value| / equity; 0 without a position, infinite once equity is gone. */
export function exposureOf(positionValue: number, equity: number): number {
  if (positionValue === 0) return 0;
  return equity > 0 ? Math.abs(positionValue) / equity : Number.POSITIVE_INFINITY;
}

/** The shares wanted on day t, given the shares held and the equity before that day's trade. */
type Target = (t: number, held: number, equity: number) => number;

function simulate(dates: string[], prices: Float64Array, target: Target, rules: AccountRules): Simulation {
  const n = prices.length;
  const account = new Account(rules.cash, rules.costs);
  const values = new Float64Array(n);
  const holdings = new Float64Array(n);
  const exposure = new Float64Array(n);
  const trades: Trade[] = [];
  let marginCall: MarginCall | null = null;
  const trade = (t: number, q: number, forced: boolean) => {
    const before = { commissions: account.commissions, impact: account.impactCosts };
    account.trade(q, prices[t]);
    const record: Trade = { day: t, date: dates[t], shares: q, price: prices[t], commission: account.commissions - before.commissions, impactCost: account.impactCosts - before.impact };
    if (forced) record.marginCall = true;
    trades.push(record);
  };
  for (let t = 0; t < n; t++) {
    const price = prices[t];
    if (marginCall === null) {
      const q = target(t, account.shares, account.value(price)) - account.shares;
      if (q !== 0) {
        trade(t, q, false);
        trades[trades.length - 1].exposure = exposureOf(account.shares * price, account.value(price));
      }
      const equity = account.value(price);
      if (account.shares !== 0 && rules.maintenance > 0 && equity <= rules.maintenance * Math.abs(account.shares * price)) {
        marginCall = { day: t, date: dates[t], equity: Math.max(0, equity), exposure: exposureOf(account.shares * price, equity) };
        trade(t, -account.shares, true);
      }
    }
    const equity = account.value(price);
    values[t] = Math.max(0, equity);
    holdings[t] = account.shares;
    exposure[t] = exposureOf(account.shares * price, equity);
  }
  return { startCash: rules.cash, dates, prices, values, holdings, exposure, trades, commissions: account.commissions, impactCosts: account.impactCosts, marginCall };
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
  const band = sizing.kind === 'fraction' && rules.rebalance ? { low: rules.rebalance.below * sizing.size, high: rules.rebalance.above * sizing.size } : undefined;
  const sim = simulate(
    dates,
    prices,
    (t, held, equity) => {
      const wanted = units[t];
      if (wanted === current) {
        if (band === undefined || held === 0 || !(equity > 0)) return held;
        const exposure = Math.abs(held * prices[t]) / equity / Math.abs(wanted);
        return exposure > band.high || exposure < band.low ? sharesFor(wanted, sizing, equity, prices[t], rules.costs) : held;
      }
      current = wanted;
      return sharesFor(wanted, sizing, equity, prices[t], rules.costs, held);
    },
    rules,
  );
  sim.units = Float64Array.from(sim.holdings, (h, t) => (h === 0 ? 0 : units[t]));
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
export function maxLeverage(sim: Simulation): number {
  let most = 0;
  for (let t = 0; t < sim.exposure.length; t++) if (sim.exposure[t] > most) most = sim.exposure[t];
  for (const trade of sim.trades) if ((trade.exposure ?? 0) > most) most = trade.exposure ?? 0;
  if (sim.marginCall && sim.marginCall.exposure > most) most = sim.marginCall.exposure;
  return most;
}

/** A warning when any trade left the account above 1x gross exposure: the largest value seen and its date. */
export function leverageWarning(sim: Simulation, label: string, maintenance = 0): string | undefined {
  let most = 1;
  let at = '';
  for (const trade of sim.trades) {
    const e = trade.exposure ?? 0;
    if (e > most) (most = e), (at = trade.date);
  }
  if (at === '') return undefined;
  const beyondMargin = maintenance > 0 && most >= 1 / maintenance ? `, beyond what a maintenance margin of ${maintenance} allows (${+(1 / maintenance).toFixed(2)}x), so the broker closes it at once` : '';
  return `${label}: gross exposure reached ${most === Number.POSITIVE_INFINITY ? 'infinite' : `${most.toFixed(2)}x`} equity (on ${at}): positions above 1x equity are leverage${beyondMargin}`;
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
