/** Combining indicator buckets (and a position) into one state index. */
import type { Discretizer } from './discretizer.js';
import { bucketOf } from './discretizer.js';

/** Number of states for `indicators` indicators of `bins` buckets times `positions` positions. */
export function stateCount(indicators: number, bins: number, positions: number): number {
  return bins ** indicators * positions;
}

/** The market part of the state on row t: the buckets read as digits in base `bins`. */
export function marketState(columns: Float64Array[], t: number, discretizer: Discretizer): number {
  let state = 0;
  for (let i = 0; i < columns.length; i++) state = state * discretizer.bins + bucketOf(columns[i][t], discretizer.thresholds[i]);
  return state;
}

/** Market states for rows [from, to), computed once per run. */
export function marketStates(columns: Float64Array[], from: number, to: number, discretizer: Discretizer): Int32Array {
  const out = new Int32Array(to - from);
  for (let t = from; t < to; t++) out[t - from] = marketState(columns, t, discretizer);
  return out;
}

/** The full state: the market state combined with the position index. */
export function withPosition(market: number, position: number, positions: number): number {
  return market * positions + position;
}
