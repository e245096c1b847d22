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
import { randomMove } from './baselines.js';
import { meanAndStd, momentsOf, simulationReturns, totalReturn } from '../report/performance.js';

// Moved to the one performance module; re-exported here for existing importers.
export { momentsOf, returnMoments, simulationReturns } from '../report/performance.js';

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
    if (chosen.has(t)) position = randomMove(position, rng);
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
    if (totalReturn(joined) >= strategyReturn) atLeast++;
  }
  return (1 + atLeast) / (samples + 1);
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

/** The standard normal CDF, through erfc (accurate to about 1e-14). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** The complementary error function, from its Taylor series near 0 and a continued fraction beyond. */
function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) {
    // erf(x) = 2/sqrt(pi) sum_k (-1)^k x^(2k+1) / (k! (2k+1))
    let sum = 0;
    let term = x;
    for (let k = 0; k < 60; k++) {
      sum += term / (2 * k + 1);
      term *= (-x * x) / (k + 1);
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // Lentz's continued fraction: erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...))))
  let f = x;
  for (let k = 60; k >= 1; k--) f = x + k / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** The significance of a run made of traded segments (one for a backtest, one per window for walk-forward). */
export function assessSignificance(segments: TradedSegment[], strategy: Simulation, samples: number, sizing: Sizing, rules: AccountRules, rng: Rng): Significance {
  const total = totalReturn(strategy);
  return {
    method: 'Monte Carlo against random policies with the same number of position changes, sizing and costs; probabilistic Sharpe ratio (Bailey and Lopez de Prado, 2012) against 0',
    samples,
    pValue: randomPolicyPValue(segments, total, samples, sizing, rules, rng),
    probabilisticSharpe: probabilisticSharpe(simulationReturns(strategy)),
  };
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
    sr0 = meanAndStd(trials).std * ((1 - EULER_GAMMA) * inverseNormalCdf(1 - 1 / n) + EULER_GAMMA * inverseNormalCdf(1 - 1 / (n * Math.E)));
  }
  return psrFromMoments(best, Math.round(days), skew, kurtosis, sr0);
}

/** The standard normal quantile (Acklam's rational approximation, refined by one Halley step). */
export function inverseNormalCdf(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? Number.NEGATIVE_INFINITY : p === 1 ? Number.POSITIVE_INFINITY : Number.NaN;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - 0.02425) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}
