/** Acting greedily on a learned Q table: the policy a trained model trades with. */
import { FLAT, POSITIONS } from '../market/positions.js';
import { withPosition } from '../features/state-space.js';

/**
 * The greedy action of a state. Ties (as in a state never visited in training,
 * where every Q is 0) keep the current position: no trade without a reason.
 */
export function greedyAction(q: ArrayLike<number>, state: number, current: number): number {
  const row = state * POSITIONS;
  let best = current;
  for (let a = 0; a < POSITIONS; a++) if (q[row + a] > q[row + best]) best = a;
  return best;
}

/** Daily positions of the greedy policy over a period, starting flat, in units: -1 short, 0 flat, 1 long. */
export function policyUnits(q: ArrayLike<number>, market: Int32Array): Int8Array {
  const units = new Int8Array(market.length);
  let position = FLAT;
  for (let t = 0; t < market.length; t++) {
    position = greedyAction(q, withPosition(market[t], position, POSITIONS), position);
    units[t] = position - FLAT;
  }
  return units;
}
