/** Monthly returns (year x month), as quantstats users expect: the strategy's, the benchmark's and the excess. */
import type { AccountRun } from '../market/simulate.js';
import { periodReturn } from './performance.js';

/** One calendar month of a run. */
export interface MonthlyReturn {
  /** YYYY-MM. */
  month: string;
  strategy: number;
  benchmark: number;
  /** strategy - benchmark. */
  excess: number;
}

/** Each month's return: its last value over the previous month's last value (the start cash for the first). */
export function monthlyReturns(strategy: AccountRun, benchmark: AccountRun): MonthlyReturn[] {
  const out: MonthlyReturn[] = [];
  const { dates } = strategy;
  let fromS = strategy.startCash;
  let fromB = benchmark.startCash;
  for (let t = 0; t < dates.length; t++) {
    if (t + 1 < dates.length && sameMonth(dates[t], dates[t + 1])) continue;
    const month = dates[t].slice(0, 7);
    const s = periodReturn(fromS, strategy.values[t]);
    const b = periodReturn(fromB, benchmark.values[t]);
    out.push({ month, strategy: s, benchmark: b, excess: s - b });
    fromS = strategy.values[t];
    fromB = benchmark.values[t];
  }
  return out;
}

/** True when two ISO dates share their YYYY-MM (compared in place: no new strings for every day of a long run). */
function sameMonth(a: string, b: string): boolean {
  for (let i = 0; i < 7; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}
