/**
 * Performance figures, one definition each: returns measured from the start
 * cash (so first-day costs count), their moments, drawdowns from the start
 * cash, totals and signed exposure. Metrics, significance, the
 * monthly table and the HTML charts all use these. Pure.
 */
import type { AccountRun, Simulation } from '../market/simulate.js';
import type { PortfolioRun } from '../market/portfolio.js';

/** Value `to` over value `from`: the growth of one period (1 once nothing is left to grow). */
export function growthFactor(from: number, to: number): number {
  return from > 0 ? to / from : 1;
}

/** The return of one period from value `from` to value `to` (0 once nothing is left). */
export function periodReturn(from: number, to: number): number {
  return growthFactor(from, to) - 1;
}

/** log(1 + r), the log growth of a period of return `r`; a period that wipes out equity counts as log(1e-12), not -Infinity. */
export function logGrowth(r: number): number {
  return Math.log(Math.max(1 + r, 1e-12));
}

/** The total return of a run: its last value over its start cash, less 1. */
export function totalReturn(run: Pick<AccountRun, 'startCash' | 'values'>): number {
  return run.values[run.values.length - 1] / run.startCash - 1;
}

/** A run's last value over its start cash (growthFactor's 1 for a run without days or start cash): what timing tests compare. */
export function endGrowth(run: Pick<AccountRun, 'startCash' | 'values'>): number {
  return run.values.length === 0 ? 1 : growthFactor(run.startCash, run.values[run.values.length - 1]);
}

/** A run's daily returns, the first measured from its start cash. */
export function simulationReturns(run: Pick<AccountRun, 'startCash' | 'values'>): Float64Array {
  const out = new Float64Array(run.values.length);
  let previous = run.startCash;
  for (let t = 0; t < out.length; t++) {
    out[t] = periodReturn(previous, run.values[t]);
    previous = run.values[t];
  }
  return out;
}

/** The mean of xs (NaN when there are none). */
export function meanOf(xs: ArrayLike<number>): number {
  return meanAndStd(xs).mean;
}

/** Mean and sample standard deviation (n - 1; NaN for fewer than two values): the sd of every Sharpe ratio. */
export function meanAndStd(xs: ArrayLike<number>): { mean: number; std: number } {
  const n = xs.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i];
  const mean = n ? sum / n : Number.NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i] - mean) ** 2;
  return { mean, std: n > 1 ? Math.sqrt(ss / (n - 1)) : Number.NaN };
}

/** The moments a Sharpe ratio's significance needs; null without two different values. */
export interface ReturnMoments {
  days: number;
  /** Per period (not annualized): mean / sample sd. */
  sharpe: number;
  /** Population skewness and kurtosis (not in excess: 3 for a normal), as Bailey and Lopez de Prado use them. */
  skewness: number;
  kurtosis: number;
}

/**
 * Mean, sample-sd Sharpe ratio, skewness and kurtosis of returns, from their
 * central moments m2, m3, m4 (the sample sd is sqrt(m2 n / (n - 1)), the same
 * definition as meanAndStd's; they accumulate differently, so they can differ in the last digit).
 */
export function momentsOf(returns: ArrayLike<number>): ReturnMoments | null {
  const n = returns.length;
  if (n < 3) return null;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += returns[i] / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = returns[i] - mean;
    m2 += (d * d) / n;
    m3 += (d * d * d) / n;
    m4 += (d * d * d * d) / n;
  }
  if (!(m2 > 0)) return null;
  return { days: n, sharpe: mean / Math.sqrt((m2 * n) / (n - 1)), skewness: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) };
}

/** Daily-return moments of a run, for deflated Sharpe ratios (nulls when they cannot be computed). */
export function returnMoments(run: Pick<AccountRun, 'startCash' | 'values'>): { days: number; sharpe: number | null; skewness: number | null; kurtosis: number | null } {
  return momentsOf(simulationReturns(run)) ?? { days: run.values.length, sharpe: null, skewness: null, kurtosis: null };
}

/** Drawdown after each value: (value - running peak) / running peak, 0 at a peak; the peak starts at `start`. */
export function drawdownSeries(values: ArrayLike<number>, start = values[0]): Float64Array {
  const out = new Float64Array(values.length);
  let peak = start;
  for (let i = 0; i < values.length; i++) {
    if (values[i] >= peak) peak = values[i];
    else out[i] = (values[i] - peak) / peak;
  }
  return out;
}

/** A run's drawdown at each close, from its start cash: what report.html draws, and maxDrawdown its deepest point. */
export function runDrawdowns(run: Pick<AccountRun, 'startCash' | 'values'>): Float64Array {
  return drawdownSeries(run.values, run.startCash);
}

/**
 * The largest drawdown of a value series (its first value is the start) as a
 * fraction of the peak, and the length of its episode in rows (peak to recovery, or to the end).
 * With `start`, the series is `start` followed by `values` (a run from its start cash).
 * One pass and no copy: drawdownSeries' numbers, without its array (a long run's memory).
 */
export function maxDrawdown(values: ArrayLike<number>, start?: number): { depth: number; days: number } {
  // Row i of the series; with a start, row 0 is the start and row i + 1 is values[i].
  const offset = start === undefined ? 0 : 1;
  const length = values.length + offset;
  const at = (i: number) => (i < offset ? (start as number) : values[i - offset]);
  let peak = at(0);
  let peakRow = 0;
  let depth = 0;
  let worst = 0;
  let worstPeakRow = 0;
  let worstPeak = peak;
  for (let i = 0; i < length; i++) {
    const v = at(i);
    // A row at its running peak has no drawdown (drawdownSeries' 0).
    if (v >= peak) {
      peak = v;
      peakRow = i;
      continue;
    }
    const fall = -((v - peak) / peak);
    if (fall > depth) (depth = fall), (worst = i), (worstPeakRow = peakRow), (worstPeak = peak);
  }
  if (depth === 0) return { depth, days: 0 };
  // The episode ends at the first row back at the peak (the peak holds until then), or at the last row.
  let recovery = worst;
  while (recovery < length - 1 && !(at(recovery) >= worstPeak)) recovery++;
  return { depth, days: recovery - worstPeakRow };
}

/** Exposure with the sign of the position: +1 is fully invested long, -0.5 half short (net, for several symbols). */
export function signedExposure(run: Simulation | PortfolioRun): Float64Array {
  const direction = 'netValue' in run ? run.netValue : run.holdings;
  const out = new Float64Array(run.exposure.length);
  for (let t = 0; t < out.length; t++) out[t] = Math.sign(direction[t]) * (Number.isFinite(run.exposure[t]) ? run.exposure[t] : 0);
  return out;
}

/** One drawdown episode: from a peak to the lowest point after it, and to the recovery of the peak (null: not yet). */
export interface DrawdownEpisode {
  /** Dates of the peak, the trough and the recovery (null while not recovered). The peak is "start" before the first day. */
  peak: string;
  trough: string;
  recovery: string | null;
  /** Fall from the peak to the trough, as a fraction of the peak (positive). */
  depth: number;
  /** Trading days from the peak to the recovery (or to the end). */
  days: number;
}

/** The `count` deepest drawdown episodes of a run (from its start cash), deepest first: quantstats' and pyfolio's worst drawdowns. */
export function worstDrawdowns(run: Pick<AccountRun, 'startCash' | 'values' | 'dates'>, count = 5): DrawdownEpisode[] {
  const series = runDrawdowns(run);
  const episodes: DrawdownEpisode[] = [];
  let start = -1;
  let trough = -1;
  const close = (end: number, recovered: boolean) => {
    episodes.push({
      peak: start === 0 ? 'start' : run.dates[start - 1],
      trough: run.dates[trough],
      recovery: recovered ? run.dates[end] : null,
      depth: -series[trough],
      // From the peak (the day before the fall began) to the recovery, or to the last day.
      days: end - start + 1,
    });
  };
  for (let t = 0; t < series.length; t++) {
    if (series[t] < 0) {
      if (start < 0) (start = t), (trough = t);
      else if (series[t] < series[trough]) trough = t;
    } else if (start >= 0) {
      close(t, true);
      start = -1;
    }
  }
  if (start >= 0) close(series.length - 1, false);
  return episodes.sort((a, b) => b.depth - a.depth || (a.trough < b.trough ? -1 : 1)).slice(0, count);
}

/** Rolling annualized Sharpe ratio of daily returns over `window` days (NaN until a window is full, or where returns do not vary). */
export function rollingSharpe(returns: ArrayLike<number>, window: number, periodsPerYear = 252): Float64Array {
  const out = new Float64Array(returns.length).fill(Number.NaN);
  let sum = 0;
  let sumSq = 0;
  for (let t = 0; t < returns.length; t++) {
    sum += returns[t];
    sumSq += returns[t] * returns[t];
    if (t >= window) {
      sum -= returns[t - window];
      sumSq -= returns[t - window] * returns[t - window];
    }
    if (t < window - 1) continue;
    const mean = sum / window;
    const variance = (sumSq - window * mean * mean) / (window - 1);
    if (variance > 1e-18) out[t] = (Math.sqrt(periodsPerYear) * mean) / Math.sqrt(variance);
  }
  return out;
}
