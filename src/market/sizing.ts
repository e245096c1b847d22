/**
 * Position sizing: how many shares a position of one unit (long +1, short -1,
 * or a fraction of one) is. Either a fraction of current equity, in whole shares (the default:
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
 * Shares for `units` of position (-1 to 1: short, flat, long, or a fraction
 * of a position) at `price`, with `equity` and `held` shares before the trade.
 * Fixed shares: |units| x shares, whole. A fraction buys whole shares whose
 * value is at most |units| x size x the equity left after this trade's costs
 * (the impact of every share traded included), so size 1 never borrows; no
 * equity, no position.
 */
export function sharesFor(units: number, sizing: Sizing, equity: number, price: number, costs: Costs, held = 0): number {
  if (units === 0) return 0;
  const side = Math.sign(units);
  if (sizing.kind === 'shares') return side * Math.floor(Math.abs(units) * sizing.shares + 1e-9);
  const f = Math.abs(units) * sizing.size;
  const same = Math.sign(held) === side ? Math.abs(held) : 0;
  const closed = Math.sign(held) === -side ? Math.abs(held) : 0;
  // Buying n >= same:  n*p <= f*(equity - commission - impact*p*(n - same + closed))
  const grow = f * (equity - costs.commission - costs.impact * price * (closed - same));
  if (!(grow > 0)) return 0;
  const n = Math.floor(grow / (price * (1 + f * costs.impact)));
  if (n >= same) return side * n;
  // Selling down to n < same:  n*p <= f*(equity - commission - impact*p*(same - n))
  const shrink = f * (equity - costs.commission - costs.impact * price * same);
  return shrink > 0 ? side * Math.min(same, Math.floor(shrink / (price * (1 - f * costs.impact)))) : 0;
}

/** The money in one unit of position at the start, the scale the learner's commission is measured on. */
export function positionValue(sizing: Sizing, cash: number, price: number): number {
  return sizing.kind === 'shares' ? sizing.shares * price : sizing.size * cash;
}
