/** Monthly returns (year x month), as quantstats users expect: the strategy's, the benchmark's and the excess. */
import type { Simulation } from '../market/simulate.js';

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
export function monthlyReturns(strategy: Simulation, benchmark: Simulation): MonthlyReturn[] {
  const out: MonthlyReturn[] = [];
  const { dates } = strategy;
  let fromS = strategy.startCash;
  let fromB = benchmark.startCash;
  for (let t = 0; t < dates.length; t++) {
    const month = dates[t].slice(0, 7);
    if (t + 1 < dates.length && dates[t + 1].slice(0, 7) === month) continue;
    const s = fromS > 0 ? strategy.values[t] / fromS - 1 : 0;
    const b = fromB > 0 ? benchmark.values[t] / fromB - 1 : 0;
    out.push({ month, strategy: s, benchmark: b, excess: s - b });
    fromS = strategy.values[t];
    fromB = benchmark.values[t];
  }
  return out;
}
