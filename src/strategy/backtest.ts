/** Replaying a trained policy, greedily and without learning, over a period. */
import { marketStates } from '../features/state-space.js';
import type { Discretizer } from '../features/discretizer.js';
import type { Costs } from '../market/account.js';
import { buyAndHold, simulateTargets, type Simulation } from '../market/simulate.js';
import type { PreparedData } from './prepare.js';
import { policyTargets } from './policy.js';

/** The policy's simulation and the buy-and-hold benchmark over the same days. */
export interface BacktestResult {
  strategy: Simulation;
  benchmark: Simulation;
}

/** Runs the greedy policy of a Q table over the prepared period, with the given position size, cash and costs. */
export function backtestPolicy(q: ArrayLike<number>, discretizer: Discretizer, data: PreparedData, position: { shares: number; cash: number }, costs: Costs): BacktestResult {
  const { from, to } = data.period;
  const states = marketStates(data.features.columns, from, to, discretizer);
  const prices = data.series.close.subarray(from, to);
  const dates = data.series.dates.slice(from, to);
  const strategy = simulateTargets(dates, prices, policyTargets(q, states, position.shares), position.cash, costs);
  const benchmark = buyAndHold(dates, prices, position.shares, position.cash, costs);
  return { strategy, benchmark };
}
