/**
 * Is the edge more than luck? Two answers, both pure:
 * - a Monte Carlo p-value against random policies that trade as often as the
 *   strategy (the same number of position changes, on random days, to random
 *   positions, with the same sizing and costs): p = (1 + #{random >= strategy}) / (n + 1);
 * - the probabilistic Sharpe ratio (Bailey and Lopez de Prado, 2012): the
 *   probability that the true Sharpe ratio is above 0, given the sample's
 *   length, skewness and kurtosis.
 */
import type { Rng } from '../rng.js';
import { simulatePositions, type AccountRules, type Simulation } from '../market/simulate.js';
import type { Sizing } from '../market/sizing.js';
import { stitchSimulations } from './stitch.js';
import { inverseNormalCdf, normalCdf } from '../stats/normal.js';

export { inverseNormalCdf, normalCdf } from '../stats/normal.js';

/** A period the strategy traded: its prices, dates and daily positions in units (-1, 0, 1). */
export interface TradedSegment {
  dates: string[];
  prices: Float64Array;
  units: ArrayLike<number>;
}

/** The significance section of a report. */
export interface Significance {
  method: string;
  samples: number;
  pValue: number;
  probabilisticSharpe: number | null;
}

/** Daily positions in units, from a simulation's holdings. */
export function unitsOf(sim: Simulation): Int8Array {
  return Int8Array.from(sim.holdings, (h) => Math.sign(h));
}

/** Number of days on which the position differs from the day before (starting flat). */
export function positionChanges(units: ArrayLike<number>): number {
  let changes = 0;
  for (let t = 0; t < units.length; t++) if (units[t] !== (t === 0 ? 0 : units[t - 1])) changes++;
  return changes;
}

/** A random policy over `days` with exactly `changes` position changes on distinct random days, each to another position. */
export function randomPolicyWithChanges(days: number, changes: number, rng: Rng): Int8Array {
  const k = Math.min(changes, days);
  // Floyd's algorithm: k distinct days out of `days` without shuffling the whole range.
  const chosen = new Set<number>();
  for (let j = days - k; j < days; j++) {
    const t = rng.int(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  const out = new Int8Array(days);
  let position = 0;
  for (let t = 0; t < days; t++) {
    if (chosen.has(t)) position = ((position + 1 + 1 + rng.int(2)) % 3) - 1;
    out[t] = position;
  }
  return out;
}

/** p-value of the strategy's total return against `samples` random policies with its trading frequency, segment by segment. */
export function randomPolicyPValue(segments: TradedSegment[], strategyReturn: number, samples: number, sizing: Sizing, rules: AccountRules, rng: Rng): number {
  const changes = segments.map((s) => positionChanges(s.units));
  let atLeast = 0;
  for (let i = 0; i < samples; i++) {
    const parts = segments.map((s, k) => simulatePositions(s.dates, s.prices, randomPolicyWithChanges(s.prices.length, changes[k], rng), sizing, rules));
    const joined = parts.length === 1 ? parts[0] : stitchSimulations(parts, rules.cash);
    const total = joined.values[joined.values.length - 1] / joined.startCash - 1;
    if (total >= strategyReturn) atLeast++;
  }
  return (1 + atLeast) / (samples + 1);
}

/** The moments of returns a Sharpe ratio's significance needs; null without two different values. */
export function momentsOf(returns: ArrayLike<number>): { days: number; sharpe: number; skewness: number; kurtosis: number } | null {
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

/** A simulation's daily returns, the first measured from its start cash. */
export function simulationReturns(sim: Simulation): Float64Array {
  const out = new Float64Array(sim.values.length);
  let previous = sim.startCash;
  for (let t = 0; t < out.length; t++) {
    out[t] = previous > 0 ? sim.values[t] / previous - 1 : 0;
    previous = sim.values[t];
  }
  return out;
}

/**
 * PSR(0) = Phi( SR sqrt(n - 1) / sqrt(1 - skew SR + (kurtosis - 1) / 4 SR^2) ),
 * with SR the non-annualized Sharpe ratio of the n returns and kurtosis not in excess (3 for a normal).
 */
export function probabilisticSharpe(returns: ArrayLike<number>, benchmark = 0): number | null {
  const m = momentsOf(returns);
  return m === null ? null : psrFromMoments(m.sharpe, m.days, m.skewness, m.kurtosis, benchmark);
}

/** PSR from the moments themselves (the form the paper states). */
export function psrFromMoments(sharpe: number, n: number, skew: number, kurtosis: number, benchmark = 0): number | null {
  const variance = 1 - skew * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  if (!(variance > 0) || n < 2) return null;
  return normalCdf(((sharpe - benchmark) * Math.sqrt(n - 1)) / Math.sqrt(variance));
}

/** The significance of a run made of traded segments (one for a backtest, one per window for walk-forward). */
export function assessSignificance(segments: TradedSegment[], strategy: Simulation, samples: number, sizing: Sizing, rules: AccountRules, rng: Rng): Significance {
  const total = strategy.values[strategy.values.length - 1] / strategy.startCash - 1;
  return {
    method: 'Monte Carlo against random policies with the same number of position changes, sizing and costs; probabilistic Sharpe ratio (Bailey and Lopez de Prado, 2012) against 0',
    samples,
    pValue: randomPolicyPValue(segments, total, samples, sizing, rules, rng),
    probabilisticSharpe: probabilisticSharpe(simulationReturns(strategy)),
  };
}

/** The terminal line and, when p > 0.05, the warning that says the result could be chance. */
export function significanceText(s: Significance): { line: string; warning?: string } {
  const psr = s.probabilisticSharpe === null ? 'n/a' : s.probabilisticSharpe.toFixed(3);
  const line = `edge vs ${s.samples} random policies: p = ${s.pValue.toFixed(3)}; probabilistic Sharpe ratio ${psr}`;
  return s.pValue > 0.05 ? { line, warning: `p = ${s.pValue.toFixed(3)} > 0.05: this result is indistinguishable from chance (random policies trading as often do as well ${(s.pValue * 100).toFixed(1)}% of the time)` } : { line };
}

const EULER_GAMMA = 0.5772156649015329;

/**
 * The deflated Sharpe ratio (Bailey and Lopez de Prado, 2014): the PSR of the
 * best of N trials against the Sharpe ratio the best of N would reach by luck,
 * SR0 = sqrt(V[SR]) ((1 - g) Z^-1(1 - 1/N) + g Z^-1(1 - 1/(N e))), g the Euler-Mascheroni constant.
 * Sharpe ratios are per period (not annualized); `days` the number of returns of the best.
 */
export function deflatedSharpe(best: number, trials: number[], days: number, skew: number, kurtosis: number): number | null {
  const n = trials.length;
  if (n === 0) return null;
  let sr0 = 0;
  if (n > 1) {
    const mean = trials.reduce((s, x) => s + x, 0) / n;
    const variance = trials.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
    sr0 = Math.sqrt(variance) * ((1 - EULER_GAMMA) * inverseNormalCdf(1 - 1 / n) + EULER_GAMMA * inverseNormalCdf(1 - 1 / (n * Math.E)));
  }
  return psrFromMoments(best, Math.round(days), skew, kurtosis, sr0);
}

/** Daily-return moments of a simulation, for deflated Sharpe ratios (nulls when they cannot be computed). */
export function returnMoments(sim: Simulation): { days: number; sharpe: number | null; skewness: number | null; kurtosis: number | null } {
  return momentsOf(simulationReturns(sim)) ?? { days: sim.values.length, sharpe: null, skewness: null, kurtosis: null };
}
