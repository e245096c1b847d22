/**
 * Did the trader learn a rule that uses the market, or nothing? A greedy
 * policy that never trades, that is buy-and-hold, or that keeps whatever
 * position it starts in says something the user must hear before reading its
 * returns. Judged from the Q table over the market states seen in training
 * and from the policy's own in-sample run. Pure.
 */
import type { PositionLevels } from '../market/positions.js';
import { greedyAction } from './policy.js';

/**
 * What kind of rule the policy is:
 * - `uses-market`: its action depends on the market state;
 * - `never-trades`: it stayed flat every training day;
 * - `buy-and-hold`: it was long every training day;
 * - `keeps-start`: in every state it keeps the position it holds (short stays short, ...);
 * - `ignores-market`: each position leads to one action whatever the state.
 */
export type PolicyKind = 'uses-market' | 'never-trades' | 'buy-and-hold' | 'keeps-start' | 'ignores-market';

/** The verdict and the warnings that say it. */
export interface PolicyDiagnosis {
  kind: PolicyKind;
  warnings: string[];
}

/** For each position held, the levels the greedy policy moves to over the market states `seen` tells. */
function greedyActionSets(q: ArrayLike<number>, numMarketStates: number, levels: PositionLevels, seen: (m: number) => boolean): Array<Set<number>> {
  const count = levels.units.length;
  return levels.units.map((_, p) => {
    const chosen = new Set<number>();
    for (let m = 0; m < numMarketStates; m++) if (seen(m)) chosen.add(greedyAction(q, m * count + p, p, count));
    return chosen;
  });
}

/**
 * Diagnoses a greedy policy. `seen(m)` tells the market states of the training
 * period; `units` are the policy's own levels on the training days (before any
 * volatility scaling); `statesDiffer` is the market model's verdict (null for
 * the classic model). Without `units` (a short continuation of a model, whose
 * few days say little, or a signal), "never trades" and "buy-and-hold" are
 * judged on the Q table over every state seen instead: flat stays flat, or flat
 * goes long and long stays long (a short it never enters does not matter).
 */
export function diagnosePolicy(
  q: ArrayLike<number>,
  numMarketStates: number,
  levels: PositionLevels,
  seen: (m: number) => boolean,
  units: ArrayLike<number> | undefined,
  statesDiffer: boolean | null,
): PolicyDiagnosis {
  const byTable = units === undefined;
  const actions = greedyActionSets(q, numMarketStates, levels, seen);
  const ignoresMarket = actions.every((set) => set.size <= 1);
  const keepsStart = ignoresMarket && actions.every((set, p) => set.size === 0 || set.has(p));
  const why = statesDiffer === false ? ': the market model found no state whose next-day move differs from the drift beyond noise' : '';
  const full = levels.units.indexOf(1);
  let held = 0;
  let long = 0;
  const days = units ?? [];
  for (let t = 0; t < days.length; t++) (held += days[t] !== 0 ? 1 : 0), (long += days[t] === 1 ? 1 : 0);
  const only = (p: number, a: number) => actions[p].size === 1 && actions[p].has(a);
  const neverTrades = byTable ? only(levels.flat, levels.flat) : held === 0;
  const holdsMarket = byTable ? full >= 0 && only(levels.flat, full) && only(full, full) : long === days.length;
  const where = byTable ? 'in every market state seen' : 'on every training day';
  const startsAll = keepsStart ? '; from any position it keeps that position, so a backtest holds whatever it starts with (flat)' : '';
  if (neverTrades) return { kind: 'never-trades', warnings: [`the learned policy never trades: it stays flat ${where}${why}${startsAll}`] };
  if (holdsMarket) {
    return { kind: 'buy-and-hold', warnings: [`the learned policy is buy-and-hold: it is long ${where}${why}; its results equal buy-and-hold's`] };
  }
  if (keepsStart) return { kind: 'keeps-start', warnings: [`the learned policy keeps whatever position it holds in every market state (short stays short, flat stays flat, long stays long, and so on)${why}: a backtest's result depends on its first day`] };
  if (ignoresMarket) {
    const rule = actions.map((set, p) => `${levels.names[p]} -> ${set.size ? levels.names[[...set][0]] : 'never held'}`).join(', ');
    return { kind: 'ignores-market', warnings: [`the learned policy ignores the market state (${rule} in every state)${why}`] };
  }
  return { kind: 'uses-market', warnings: [] };
}
