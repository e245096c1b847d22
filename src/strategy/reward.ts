/**
 * The trader's reward, one definition for both Dyna models: the return of one
 * unit of exposure (short -1, flat 0, long +1) over the next day, minus the
 * costs of moving there, in percent. A return, not dollars, so a policy means
 * the same at any position size: commission is charged as a fraction of the
 * position's reference value (see rewardParameters).
 */
import type { FactoredReward } from '../learner/factored-dyna-q.js';
import { FLAT } from '../market/positions.js';

/** What the reward needs to know of the costs. Saved with the model. */
export interface RewardParameters {
  /** Fraction of the traded value lost to impact (the market setting). */
  impact: number;
  /** The fixed commission per trade, as a fraction of the position's reference value. */
  commission: number;
}

/** Reward parameters for costs and a position's reference value (money in one full position). */
export function rewardParameters(costs: { commission: number; impact: number }, positionValue: number): RewardParameters {
  return { impact: costs.impact, commission: positionValue > 0 ? costs.commission / positionValue : 0 };
}

/** Reward, in percent, of moving from `position` to `action` and holding it while the price changes by `move` (a fraction). */
export function tradeReward(params: RewardParameters, position: number, action: number, move: number): number {
  const exposure = action - FLAT;
  const traded = Math.abs(exposure - (position - FLAT));
  const cost = traded === 0 ? 0 : params.impact * traded + params.commission;
  return 100 * (exposure * move - cost);
}

/** tradeReward as the factored learner's reward function. */
export function factoredReward(params: RewardParameters): FactoredReward {
  return (position, action, outcome) => tradeReward(params, position, action, outcome);
}
