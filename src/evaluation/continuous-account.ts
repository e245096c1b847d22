/**
 * A walk-forward's test windows traded as one account, as a user who retrains
 * every few months trades them: the model changes at each window's first day,
 * the account does not. Positions carry across window boundaries (nothing is
 * sold and bought back because the model changed), each window's policy starts
 * from the level the previous one ended in, the volatility scale keeps its
 * band across them, and every day's move counts, each window's first
 * included. Across a gap (days between two windows, a step longer than the
 * test) the account goes flat at the earlier window's last close, and so does
 * buy-and-hold. Pure.
 */
import { simulatePositions, type AccountRules, type Simulation } from '../market/simulate.js';
import type { Sizing } from '../market/sizing.js';
import type { PositionLevels } from '../market/positions.js';
import { scaledUnits, sizingScale, type VolatilitySizing } from '../market/volatility-scale.js';
import { periodReturn } from '../report/performance.js';
import { policyUnits } from '../strategy/policy.js';
import type { BacktestResult } from '../strategy/backtest.js';
import type { TradedSegment } from './timing-test.js';

/** One test window as the account replays it: its days, and the policy that trades them. */
export interface WindowPolicy {
  dates: string[];
  prices: Float64Array;
  /** The window's trained Q table and the market state of each of its days. */
  q: ArrayLike<number>;
  states: Int32Array;
  /** Realized (annual) volatility of each day, which volatility-targeted sizing reads. */
  volatility: Float64Array;
  /** Set when days lie between this window and the one before (a step longer than the test). */
  afterGap?: true;
}

/** The walk-forward's out-of-sample account and buy-and-hold over the same days, as a backtest gives them (the policy is 0 on the last day before a gap). */
export type WindowsAccount = Pick<BacktestResult, 'strategy' | 'benchmark' | 'policy' | 'scale'>;

/** The windows' policies traded in order through one account from the start cash, and buy-and-hold alike. */
export function tradeWindowsContinuously(windows: WindowPolicy[], levels: PositionLevels, sizing: Sizing, rules: AccountRules, market: VolatilitySizing): WindowsAccount {
  const n = windows.reduce((sum, w) => sum + w.dates.length, 0);
  const units = new Float64Array(n);
  const bought = new Float64Array(n).fill(1);
  const prices = new Float64Array(n);
  const volatility = new Float64Array(n);
  const dates: string[] = [];
  let offset = 0;
  let level = levels.flat;
  // Where each run of adjacent windows starts: the volatility scale is banded through a run.
  const runs = [0];
  for (const w of windows) {
    if (w.afterGap && offset > 0) {
      // Days the account does not see: neither it nor buy-and-hold holds a position through them.
      units[offset - 1] = 0;
      bought[offset - 1] = 0;
      level = levels.flat;
      runs.push(offset);
    }
    const window = policyUnits(w.q, w.states, levels, level);
    units.set(window, offset);
    // Levels have distinct units, so the last day's unit names the level the next window starts from.
    if (window.length > 0) level = levels.units.indexOf(window[window.length - 1]);
    prices.set(w.prices, offset);
    volatility.set(w.volatility, offset);
    for (const d of w.dates) dates.push(d);
    offset += w.dates.length;
  }
  runs.push(n);
  let scale: Float64Array | undefined;
  for (let r = 0; r + 1 < runs.length; r++) {
    const run = sizingScale(volatility.subarray(runs[r], runs[r + 1]), market);
    if (run) (scale ??= new Float64Array(n)).set(run, runs[r]);
  }
  const held = scale ? scaledUnits(units, scale) : units;
  return { strategy: simulatePositions(dates, prices, held, sizing, rules), benchmark: simulatePositions(dates, prices, bought, sizing, rules), policy: units, scale };
}

/** Each window's days as [from, to) rows of the account, for `days` consecutive window lengths. */
export function windowSpans(days: number[]): Array<[number, number]> {
  let from = 0;
  return days.map((d) => [from, (from += d)]);
}

/** The account's days cut at the windows' boundaries, with its policy's levels and scale: the timing test's window-by-window segments. */
export function accountSegments(account: WindowsAccount, days: number[]): TradedSegment[] {
  const { strategy, policy, scale } = account;
  return windowSpans(days).map(([from, to]) => ({ dates: strategy.dates.slice(from, to), prices: strategy.prices.subarray(from, to), units: policy.subarray(from, to), ...(scale ? { scale: scale.subarray(from, to) } : {}) }));
}

/** The account's return and trades over each window's days, from its value at the close before. */
export function accountByWindow(account: Simulation, days: number[]): Array<{ totalReturn: number; trades: number }> {
  let next = 0;
  return windowSpans(days).map(([from, to]) => {
    const before = from === 0 ? account.startCash : account.values[from - 1];
    const after = to > from ? account.values[to - 1] : before;
    let trades = 0;
    while (next < account.trades.length && account.trades[next].day < to) (trades += 1), (next += 1);
    return { totalReturn: periodReturn(before, after), trades };
  });
}
