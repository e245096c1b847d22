/** Replaying a trained policy, greedily and without learning, over a period. */
import { marketStates } from '../features/state-space.js';
import type { Discretizer } from '../features/discretizer.js';
import { buyAndHold, simulatePositions, type AccountRules, type Simulation } from '../market/simulate.js';
import type { Sizing } from '../market/sizing.js';
import { THREE_POSITIONS, type PositionLevels } from '../market/positions.js';
import type { PreparedData } from './prepare.js';
import { policyUnits } from './policy.js';
import { scaledUnits, sizingScale, type VolatilitySizing } from '../market/volatility-scale.js';

/** The policy's simulation and the buy-and-hold benchmark over the same days, sized alike. */
export interface BacktestResult {
  strategy: Simulation;
  benchmark: Simulation;
  /** The greedy policy's level each day, in units of a full position, before volatility scaling (and whatever the account could hold). */
  policy: Float64Array;
  /** The volatility scale of each day, or undefined when sizing is not volatility-targeted. */
  scale: Float64Array | undefined;
  /** The market state of each day, which the policy read. */
  states: Int32Array;
}

/** Runs the greedy policy of a Q table over the prepared period, with the given sizing, cash, costs and margin rule. */
export function backtestPolicy(
  q: ArrayLike<number>,
  discretizer: Discretizer,
  data: PreparedData,
  sizing: Sizing,
  rules: AccountRules,
  levels: PositionLevels = THREE_POSITIONS,
  market: VolatilitySizing = { volatilityTarget: 0, volatilityBand: 0, shares: null },
): BacktestResult {
  const { from, to } = data.period;
  const states = marketStates(data.features.columns, from, to, discretizer);
  const prices = data.series.close.subarray(from, to);
  const dates = data.series.dates.slice(from, to);
  const units = policyUnits(q, states, levels);
  const scale = sizingScale(data.volatility.subarray(from, to), market);
  const strategy = simulatePositions(dates, prices, scale ? scaledUnits(units, scale) : units, sizing, rules);
  const benchmark = buyAndHold(dates, prices, sizing, rules);
  return { strategy, benchmark, policy: units, scale, states };
}
