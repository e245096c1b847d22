/** The warnings a report carries, in words: leverage, and a result that chance explains as well. */
import { leveredTrade, maxLeverage, type AccountRun } from '../market/simulate.js';
import type { Sizing } from '../market/sizing.js';
import type { Significance } from '../evaluation/significance.js';

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

/** When p > 0.05, the warning that the result is indistinguishable from chance. */
export function chanceWarning(s: Significance): string | undefined {
  return s.pValue > 0.05 ? `p = ${s.pValue.toFixed(3)} > 0.05: this result is indistinguishable from chance (random policies trading as often do as well ${(s.pValue * 100).toFixed(1)}% of the time)` : undefined;
}
