/**
 * Is the excess over the benchmark real? The stationary bootstrap of
 * Politis and Romano (1994, JASA 89: 1303-1313) resamples days in blocks of
 * random (geometric) length starting at random days, wrapping around the end,
 * so the resampled series keeps the autocorrelation and volatility clustering
 * of daily returns that an i.i.d. bootstrap would destroy.
 *
 * The test is one-sided: H0 "the mean daily excess return is <= 0" against
 * H1 "it is > 0". Resampled means are centred on the observed mean (the null
 * imposed, as in White 2000), so
 *   p = (1 + #{mean* - mean >= mean}) / (samples + 1),
 * ties counting against the strategy: an excess of exactly 0 every day (a
 * strategy that is buy-and-hold) gets p = 1.
 *
 * The mean block length is chosen from the data by Politis and White (2004,
 * Econometric Reviews 23: 53-70) with the correction of Patton, Politis and
 * White (2009, Econometric Reviews 28: 372-375), as in Patton's reference code:
 * flat-top lag window, bandwidth from the first run of K_N = 5 insignificant
 * autocorrelations (c = 2), block length capped at min(3 sqrt(n), n / 3) and
 * at least 1 (1 is the i.i.d. bootstrap, right for uncorrelated returns).
 */
import type { Rng } from '../rng.js';

/** The flat-top (trapezoidal) lag window of Politis and Romano (1995). */
function flatTop(x: number): number {
  const a = Math.abs(x);
  return a < 0.5 ? 1 : a <= 1 ? 2 * (1 - a) : 0;
}

/** Politis-White (2004) automatic mean block length for the stationary bootstrap, with the Patton-Politis-White (2009) correction. */
export function automaticBlockLength(series: ArrayLike<number>): number {
  const n = series.length;
  if (n < 10) return 1;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += series[t] / n;
  const x = Float64Array.from(series, (v) => v - mean);
  const kn = Math.max(5, Math.ceil(Math.sqrt(Math.log10(n))));
  const mMax = Math.min(Math.ceil(Math.sqrt(n)) + kn, n - 1);
  const bMax = Math.ceil(Math.min(3 * Math.sqrt(n), n / 3));
  // Autocovariances R(0..mMax), the biased (1/n) estimator.
  const acv = new Float64Array(mMax + 1);
  for (let k = 0; k <= mMax; k++) {
    let s = 0;
    for (let t = k; t < n; t++) s += x[t] * x[t - k];
    acv[k] = s / n;
  }
  // A constant series (up to rounding in its mean) has no dependence to keep.
  if (!(acv[0] > 1e-24 * mean * mean)) return 1;
  const critical = 2 * Math.sqrt(Math.log10(n) / n);
  const significant = (k: number) => Math.abs(acv[k] / acv[0]) >= critical;
  // m-hat: the first lag m from which K_N autocorrelations in a row are insignificant; else the largest significant lag.
  let mHat = 0;
  for (let m = 1; m + kn - 1 <= mMax; m++) {
    let quiet = true;
    for (let k = m; k < m + kn && quiet; k++) quiet = !significant(k);
    if (quiet) {
      mHat = m;
      break;
    }
  }
  if (mHat === 0) for (let k = 1; k <= mMax; k++) if (significant(k)) mHat = k;
  const bigM = Math.min(2 * mHat, mMax);
  if (bigM === 0) return 1;
  let g = 0;
  let longRun = acv[0];
  for (let k = 1; k <= bigM; k++) {
    const w = flatTop(k / bigM);
    g += 2 * w * k * acv[k];
    longRun += 2 * w * acv[k];
  }
  // D_SB = 2 longRun^2 (the corrected constant), so b = (2 g^2 / D_SB)^(1/3) n^(1/3).
  if (!(longRun > 0)) return 1;
  const b = Math.cbrt((2 * g * g) / (2 * longRun * longRun)) * Math.cbrt(n);
  return Math.min(Math.max(b, 1), bMax);
}

/**
 * The means of `rows` (equal-length series of the same days) over `samples`
 * stationary bootstrap resamples of the days, the same resampled days for
 * every row: out[b * rows.length + k] is row k's mean in sample b.
 * `segments` (lengths summing to the days) resamples each segment within
 * itself, for series made of independent stretches (one per file of a sweep).
 */
export function stationaryBootstrapMeans(rows: ArrayLike<number>[], samples: number, blockLength: number, rng: Rng, segments?: number[]): Float64Array {
  const width = rows.length;
  const n = width ? rows[0].length : 0;
  const parts = segments ?? [n];
  if (parts.reduce((s, m) => s + m, 0) !== n || parts.some((m) => !(Number.isInteger(m) && m > 0))) throw new RangeError(`segments must be positive lengths summing to the ${n} days`);
  if (rows.some((r) => r.length !== n)) throw new RangeError('every row must cover the same days');
  // Prefix sums make each block an O(1) sum per row.
  const prefix = rows.map((r) => {
    const p = new Float64Array(n + 1);
    for (let t = 0; t < n; t++) p[t + 1] = p[t] + r[t];
    return p;
  });
  const q = 1 / Math.max(1, blockLength);
  const logStay = Math.log(1 - q);
  const out = new Float64Array(samples * width);
  const sums = new Float64Array(width);
  for (let b = 0; b < samples; b++) {
    sums.fill(0);
    let from = 0;
    for (const m of parts) {
      const end = from + m;
      for (let filled = 0; filled < m; ) {
        const start = from + rng.int(m);
        // Geometric block length with mean 1/q, by inversion (always 1 when q = 1).
        let length = q >= 1 ? 1 : 1 + Math.floor(Math.log(1 - rng.next()) / logStay);
        if (length > m - filled) length = m - filled;
        const stop = start + length;
        for (let k = 0; k < width; k++) {
          const p = prefix[k];
          sums[k] += stop <= end ? p[stop] - p[start] : p[end] - p[start] + p[stop - m] - p[from];
        }
        filled += length;
      }
      from = end;
    }
    for (let k = 0; k < width; k++) out[b * width + k] = sums[k] / n;
  }
  return out;
}

/** The one-sided bootstrap test of a mean excess. */
export interface ExcessTest {
  pValue: number;
  /** The observed mean of the series. */
  mean: number;
  /** The mean block length used. */
  blockLength: number;
}

/** One-sided stationary bootstrap test that the mean of `excess` is above 0 (block length automatic unless given). */
export function bootstrapMeanTest(excess: ArrayLike<number>, samples: number, rng: Rng, blockLength = automaticBlockLength(excess)): ExcessTest {
  const n = excess.length;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += excess[t] / n;
  if (n === 0) return { pValue: 1, mean: 0, blockLength };
  const means = stationaryBootstrapMeans([excess], samples, blockLength, rng);
  const bar = mean - tieTolerance(excess, mean);
  let atLeast = 0;
  for (let b = 0; b < samples; b++) if (means[b] - mean >= bar) atLeast++;
  return { pValue: (1 + atLeast) / (samples + 1), mean, blockLength };
}

/** A distance below the standard error of the mean that only rounding explains, so equal statistics tie. */
export function tieTolerance(series: ArrayLike<number>, mean: number): number {
  const n = series.length;
  let m2 = 0;
  for (let t = 0; t < n; t++) m2 += (series[t] - mean) ** 2;
  return 1e-9 * Math.sqrt(m2 / Math.max(1, n)) / Math.sqrt(Math.max(1, n)) + 1e-15 * Math.abs(mean);
}
