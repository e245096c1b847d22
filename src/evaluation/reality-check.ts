/**
 * Data snooping: after trying many parameter sets, does the best one beat the
 * benchmark, or would the best of that many look this good by luck?
 *
 * Input: a matrix of daily excess returns over the benchmark, one row per
 * parameter set, one column per day (the same days in every row). H0: no set
 * has a positive mean excess, max_k E[d_k] <= 0. Both tests resample the days
 * with the stationary bootstrap (Politis and Romano 1994), the same days for
 * every row, so the correlation between sets is kept:
 * - White's Reality Check (Econometrica 68, 2000: 1097-1126): V = max_k mean_k,
 *   V*_b = max_k (mean*_k,b - mean_k);
 * - Hansen's test for superior predictive ability (JBES 23, 2005: 365-380),
 *   the consistent SPA_c: each set studentized by its bootstrap standard
 *   error, T = max(0, max_k sqrt(n) mean_k / omega_k), and sets far below the
 *   benchmark (t_k < -sqrt(2 log log n)) not recentred, so hopeless sets do
 *   not inflate the p-value as they do in the Reality Check.
 * p = (1 + #{V*_b >= V}) / (samples + 1): ties count against the best set.
 * The default is SPA: more powerful, and a sweep's grid is full of poor sets.
 */
import type { Rng } from '../rng.js';
import { automaticBlockLength, stationaryBootstrapMeans, tieTolerance } from './bootstrap.js';
import { median } from '../stats/median.js';

/** Which data-snooping test. */
export type SnoopingTest = 'spa' | 'reality-check';

/** Options of realityCheck. */
export interface RealityCheckOptions {
  test?: SnoopingTest;
  /** Mean block length; default the median over rows of the automatic (Politis-White) length. */
  blockLength?: number;
  /** Lengths of independent stretches of days (one per file of a sweep), each resampled within itself. */
  segments?: number[];
}

/** The answer of a data-snooping test. */
export interface RealityCheck {
  method: string;
  pValue: number;
  /** Index of the row with the largest mean excess. */
  best: number;
  samples: number;
  blockLength: number;
}

/** White's Reality Check or Hansen's SPA test over `excess` (rows = parameter sets, columns = days). */
export function realityCheck(excess: ArrayLike<number>[], samples: number, rng: Rng, options: RealityCheckOptions = {}): RealityCheck {
  const test = options.test ?? 'spa';
  const width = excess.length;
  if (width === 0) throw new RangeError('the reality check needs at least one row of excess returns');
  const n = excess[0].length;
  const blockLength = options.blockLength ?? median(excess.map((row) => automaticBlockLength(row)));
  const method =
    test === 'spa'
      ? `Hansen's SPA test (2005), consistent version, studentized, by stationary bootstrap (Politis and Romano 1994, mean block ${blockLength.toFixed(1)} days) of ${width} sets' daily excess returns over the benchmark`
      : `White's Reality Check (2000) by stationary bootstrap (Politis and Romano 1994, mean block ${blockLength.toFixed(1)} days) of ${width} sets' daily excess returns over the benchmark`;
  const means = excess.map((row) => {
    let s = 0;
    for (let t = 0; t < n; t++) s += row[t];
    return n ? s / n : 0;
  });
  const best = means.reduce((b, m, k) => (m > means[b] ? k : b), 0);
  if (n === 0) return { method, pValue: 1, best, samples, blockLength };
  const boot = stationaryBootstrapMeans(excess, samples, blockLength, rng, options.segments);
  // Folds, not spreads: a sweep may compare more sets than a call can take arguments.
  const tolerance = excess.reduce((most, row, k) => Math.max(most, tieTolerance(row, means[k])), 0);
  let atLeast = 0;
  if (test === 'reality-check') {
    const observed = means[best];
    for (let b = 0; b < samples; b++) {
      let v = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < width; k++) v = Math.max(v, boot[b * width + k] - means[k]);
      if (v >= observed - tolerance) atLeast++;
    }
  } else {
    // Bootstrap standard errors of each mean; a row that never varies has none and cannot be studentized.
    const se = new Float64Array(width);
    for (let k = 0; k < width; k++) {
      let m2 = 0;
      for (let b = 0; b < samples; b++) m2 += (boot[b * width + k] - means[k]) ** 2;
      se[k] = Math.sqrt(m2 / samples);
    }
    const threshold = -Math.sqrt(2 * Math.log(Math.log(Math.max(n, 3))));
    let observed = 0;
    const shift = new Float64Array(width);
    for (let k = 0; k < width; k++) {
      if (!(se[k] > 0)) continue;
      const t = means[k] / se[k];
      observed = Math.max(observed, t);
      // SPA_c: recentre the sets that could be at the benchmark; leave the clearly worse ones at their (negative) mean.
      shift[k] = t >= threshold ? means[k] : 0;
    }
    const bar = observed - 1e-9;
    for (let b = 0; b < samples; b++) {
      let v = 0;
      for (let k = 0; k < width; k++) if (se[k] > 0) v = Math.max(v, (boot[b * width + k] - shift[k]) / se[k]);
      if (v >= bar) atLeast++;
    }
  }
  return { method, pValue: (1 + atLeast) / (samples + 1), best, samples, blockLength };
}

