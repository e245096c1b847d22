/**
 * A walk-forward's test windows traded as one account, as a user who retrains
 * every few months trades them: the model changes at each window's first day,
 * the account does not. Positions carry across window boundaries (nothing is
 * sold and bought back because the model changed), each window's policy starts
 * from the level the previous one ended in, and every day's move counts,
 * the first day of each window included. Pure.
 */
import { simulatePositions, type AccountRules, type Simulation } from '../market/simulate.js';
import type { Sizing } from '../market/sizing.js';
import type { PositionLevels } from '../market/positions.js';
import { scaledUnits } from '../market/volatility-scale.js';
import { policyUnits } from '../strategy/policy.js';

/** One test window as the account replays it: its days, and the policy that trades them. */
export interface WindowPolicy {
  dates: string[];
  prices: Float64Array;
  /** The window's trained Q table and the market state of each of its days. */
  q: ArrayLike<number>;
  states: Int32Array;
  /** The volatility scale of each day, when sizing is volatility-targeted. */
  scale?: Float64Array;
  /** False when days lie between this window and the one before (a step longer than the test): the account goes flat at the earlier one's last close. */
  follows?: boolean;
}

/** The windows' policies traded in order through one account from the start cash: the walk-forward's out-of-sample run. */
export function tradeWindowsContinuously(windows: WindowPolicy[], levels: PositionLevels, sizing: Sizing, rules: AccountRules): Simulation {
  const n = windows.reduce((sum, w) => sum + w.dates.length, 0);
  const units = new Float64Array(n);
  const prices = new Float64Array(n);
  const dates: string[] = [];
  let offset = 0;
  let level = levels.flat;
  for (const w of windows) {
    if (w.follows === false && offset > 0) {
      // Days the account does not see: it does not hold a position through them.
      units[offset - 1] = 0;
      level = levels.flat;
    }
    const policy = policyUnits(w.q, w.states, levels, level);
    if (policy.length > 0) level = levels.units.indexOf(policy[policy.length - 1]);
    units.set(w.scale ? scaledUnits(policy, w.scale) : policy, offset);
    prices.set(w.prices, offset);
    for (const d of w.dates) dates.push(d);
    offset += w.dates.length;
  }
  return simulatePositions(dates, prices, units, sizing, rules);
}
