/** The warnings a report carries, in words: leverage, and walk-forward windows that learned no market rule (training and significance say their own). */
import { leveredTrade, maxLeverage, type AccountRun } from '../market/simulate.js';
import type { Sizing } from '../market/sizing.js';
import type { PolicyKind } from '../strategy/policy-diagnosis.js';

/** Warnings about leverage: a size above 1, and the largest gross exposure any trade left (once per run: the side whose exposure reached more). */
export function leverageWarnings(sizing: Sizing, strategy: AccountRun, benchmark: AccountRun, maintenance: number): string[] {
  const out: string[] = [];
  if (sizing.kind === 'fraction' && sizing.size > 1) out.push(`size ${sizing.size} is leverage: each position is worth ${sizing.size}x equity`);
  const sides: Array<[AccountRun, string]> = [[strategy, 'strategy'], [benchmark, 'buy-and-hold']];
  if (maxLeverage(benchmark) > maxLeverage(strategy)) sides.reverse();
  for (const [run, label] of sides) {
    const peak = leveredTrade(run);
    if (peak === undefined) continue;
    const beyondMargin = maintenance > 0 && peak.exposure >= 1 / maintenance ? `, beyond what a maintenance margin of ${maintenance} allows (${+(1 / maintenance).toFixed(2)}x), so the broker closes it at once` : '';
    out.push(`${label}: gross exposure reached ${peak.exposure === Number.POSITIVE_INFINITY ? 'infinite' : `${peak.exposure.toFixed(2)}x`} equity (on ${peak.date}): positions above 1x equity are leverage${beyondMargin}`);
    break;
  }
  return out;
}

/** One warning per kind of rule that is not a market rule, counting the walk-forward windows that learned it. */
export function windowPolicyWarnings(kinds: PolicyKind[]): string[] {
  const words: Partial<Record<PolicyKind, string>> = { 'never-trades': 'never trades', 'buy-and-hold': 'is buy-and-hold', 'keeps-start': 'keeps whatever position it holds', 'ignores-market': 'ignores the market state' };
  return Object.entries(words).flatMap(([kind, what]) => {
    const n = kinds.filter((k) => k === kind).length;
    return n === 0 ? [] : [`in ${n} of ${kinds.length} windows the learned policy ${what} (see windows[].train.policy in --json)`];
  });
}

/** Fewer training days than this (a year) earn a warning: too few to learn a market rule from. */
export const SHORT_TRAINING_DAYS = 252;

/** The warning for a training period shorter than a year, or undefined. */
export function shortTrainingWarning(days: number): string | undefined {
  if (days >= SHORT_TRAINING_DAYS) return undefined;
  return `training on only ${days} day${days === 1 ? '' : 's'} (under a year of ${SHORT_TRAINING_DAYS}): too few to tell a market rule from noise, and annualized in-sample figures (CAGR) extrapolate them`;
}
