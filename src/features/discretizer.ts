/**
 * Cutting indicator values into buckets by quantile thresholds fitted on the
 * training period only. The thresholds are saved with the model, so a backtest
 * on another period uses the same cuts; values beyond the training range fall
 * into the end buckets.
 */
import { InvalidOptionError, ModelError } from '../errors.js';

/** Per indicator, the `bins - 1` ascending thresholds between buckets. */
export interface Discretizer {
  bins: number;
  thresholds: number[][];
}

/** Fits quantile thresholds on rows [from, to) of each column. */
export function fitDiscretizer(columns: Float64Array[], from: number, to: number, bins: number): Discretizer {
  if (!Number.isInteger(bins) || bins < 2 || bins > 100) throw new InvalidOptionError(`bins must be an integer in [2, 100] (got ${bins})`);
  const thresholds = columns.map((column) => {
    const period = column.subarray(from, to);
    const values = sortedFinite(period);
    if (values.length === 0) throw new InvalidOptionError('cannot fit bucket thresholds on a period without indicator values');
    const cuts: number[] = [];
    for (let i = 1; i < bins; i++) {
      // The value below which a fraction i/bins of the training rows lie.
      cuts.push(zeroAsWritten(values, Math.min(values.length - 1, Math.floor((i * values.length) / bins)), period));
    }
    return cuts;
  });
  return { bins, thresholds };
}

/** The finite values, ascending, in a typed array (no boxed numbers: a long period sorts in its own 8 bytes a row). */
function sortedFinite(column: Float64Array): Float64Array {
  let count = 0;
  for (let t = 0; t < column.length; t++) if (Number.isFinite(column[t])) count++;
  const out = new Float64Array(count);
  let k = 0;
  for (let t = 0; t < column.length; t++) if (Number.isFinite(column[t])) out[k++] = column[t];
  return out.sort();
}

/**
 * sorted[index], except that a zero is the one a stable sort by value would
 * put there: the typed sort orders -0 before 0, a sort by value keeps them in
 * row order. (Thresholds are saved and shown; their sign must not depend on the sort.)
 */
function zeroAsWritten(sorted: Float64Array, index: number, column: Float64Array): number {
  if (sorted[index] !== 0) return sorted[index];
  let first = index;
  while (first > 0 && sorted[first - 1] === 0) first--;
  let rank = index - first;
  for (let t = 0; t < column.length; t++) if (column[t] === 0 && rank-- === 0) return column[t];
  return sorted[index];
}

/** The bucket of a value: the number of thresholds it reaches (0 .. bins-1). */
export function bucketOf(value: number, thresholds: number[]): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value >= thresholds[mid]) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Checks a discretizer read from a model file. */
export function validateDiscretizer(value: unknown, indicators: number): Discretizer {
  const d = value as Discretizer;
  if (typeof d !== 'object' || d === null || !Number.isInteger(d.bins) || d.bins < 2 || !Array.isArray(d.thresholds) || d.thresholds.length !== indicators) {
    throw new ModelError(`discretizer must have integer bins >= 2 and thresholds for ${indicators} indicators`);
  }
  d.thresholds.forEach((cuts, i) => {
    if (!Array.isArray(cuts) || cuts.length !== d.bins - 1 || !cuts.every((c, j) => Number.isFinite(c) && (j === 0 || c >= cuts[j - 1]))) {
      throw new ModelError(`discretizer thresholds of indicator ${i} must be ${d.bins - 1} ascending finite numbers`);
    }
  });
  return { bins: d.bins, thresholds: d.thresholds.map((c) => [...c]) };
}
