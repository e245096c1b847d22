/** Acting greedily on a learned Q table: the policy a trained model trades with. */
import { THREE_POSITIONS, type PositionLevels } from '../market/positions.js';
import { withPosition } from '../features/state-space.js';

/**
 * The greedy action of a state among `actions` (the number of levels). Ties
 * (as in a state never visited in training, where every Q is 0) keep the
 * current position: no trade without a reason.
 */
export function greedyAction(q: ArrayLike<number>, state: number, current: number, actions = THREE_POSITIONS.units.length): number {
  const row = state * actions;
  let best = current;
  for (let a = 0; a < actions; a++) if (q[row + a] > q[row + best]) best = a;
  return best;
}

/**
 * The greedy policy's level (an index into `levels`) on each day of a period,
 * starting from the level of index `start` (flat unless a run already holds a
 * position, as a walk-forward's next window does).
 */
export function policyLevels(q: ArrayLike<number>, market: Int32Array, levels: PositionLevels = THREE_POSITIONS, start = levels.flat): Int32Array {
  const count = levels.units.length;
  const out = new Int32Array(market.length);
  let position = start;
  for (let t = 0; t < market.length; t++) {
    position = greedyAction(q, withPosition(market[t], position, count), position, count);
    out[t] = position;
  }
  return out;
}

/** Daily exposures of the greedy policy over a period, starting flat, in units of a full position (-1 short ... 1 long). */
export function policyUnits(q: ArrayLike<number>, market: Int32Array, levels: PositionLevels = THREE_POSITIONS): Float64Array {
  const positions = policyLevels(q, market, levels);
  const units = new Float64Array(positions.length);
  for (let t = 0; t < units.length; t++) units[t] = levels.units[positions[t]];
  return units;
}
