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
 * Daily exposures of the greedy policy over a period, in units of a full
 * position (-1 short ... 1 long), starting from the level of index `start`
 * (flat unless a run already holds a position, as a walk-forward's next window does).
 */
export function policyUnits(q: ArrayLike<number>, market: Int32Array, levels: PositionLevels = THREE_POSITIONS, start = levels.flat): Float64Array {
  const count = levels.units.length;
  const units = new Float64Array(market.length);
  let position = start;
  for (let t = 0; t < market.length; t++) {
    position = greedyAction(q, withPosition(market[t], position, count), position, count);
    units[t] = levels.units[position];
  }
  return units;
}
