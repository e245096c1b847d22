/**
 * Position sizing: how many shares a position of one unit (long +1, short -1)
 * is. Either a fraction of current equity, in whole shares (the default:
 * fraction 1, fully invested, no leverage), or a fixed number of shares (the
 * ML4T convention, which levers high-priced stocks: say so when it does).
 */
import type { Costs } from './account.js';

/** How positions are sized. */
export type Sizing = { kind: 'fraction'; size: number } | { kind: 'shares'; shares: number };

/** The sizing the market settings describe: fixed shares when `shares` is set, else a fraction of equity. */
export function sizingOf(market: { size: number; shares: number | null }): Sizing {
  return market.shares === null ? { kind: 'fraction', size: market.size } : { kind: 'shares', shares: market.shares };
}

/**
 * Shares for `units` (-1, 0, 1) of position at `price`, with `equity` and
 * `held` shares before the trade. A fraction buys whole shares whose value is
 * at most size x the equity left after this trade's costs (closing what is held
 * included), so size 1 never borrows; no equity, no position.
 */
export function sharesFor(units: number, sizing: Sizing, equity: number, price: number, costs: Costs, held = 0): number {
  if (units === 0) return 0;
  if (sizing.kind === 'shares') return units * sizing.shares;
  // n*p <= size * (equity - commission - impact*p*(n + closed))  =>  n <= size*(equity - commission - impact*p*closed) / (p*(1 + size*impact))
  const closed = Math.sign(held) === -units ? Math.abs(held) : 0;
  const budget = sizing.size * (equity - costs.commission - costs.impact * price * closed);
  if (!(budget > 0)) return 0;
  return units * Math.floor(budget / (price * (1 + sizing.size * costs.impact)));
}

/** The money in one unit of position at the start, the scale the learner's commission is measured on. */
export function positionValue(sizing: Sizing, cash: number, price: number): number {
  return sizing.kind === 'shares' ? sizing.shares * price : sizing.size * cash;
}
