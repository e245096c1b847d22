/**
 * The trader's reward, one definition for both Dyna models: the return of the
 * exposure held (a level between short -1 and long +1) over the next day,
 * minus the costs of moving there, in percent. A return, not dollars, so a
 * policy means the same at any position size: commission is charged as a
 * fraction of the position's reference value (see rewardParameters).
 *
 * Risk: the market model can also charge `riskAversion` / 2 x exposure^2 x the
 * market state's variance of daily moves (a mean-variance utility, Markowitz
 * 1952): then a day of exposure e in a state of mean mu and variance v is worth
 * e mu - (riskAversion / 2) e^2 v, largest at e = mu / (riskAversion v), so
 * the trader holds less where the market is more volatile.
 */
import type { FactoredReward } from '../learner/factored-dyna-q.js';
import { THREE_POSITIONS, type PositionLevels } from '../market/positions.js';

/** What the reward needs to know of the costs and the risk. Saved with the model. */
export interface RewardParameters {
  /** Fraction of the traded value lost to impact (the market setting). */
  impact: number;
  /** The fixed commission per trade, as a fraction of the position's reference value. */
  commission: number;
  /** The mean-variance risk aversion (0: risk-neutral); market model only. */
  riskAversion?: number;
}

/** Reward parameters for costs, a position's reference value (money in one full position) and a risk aversion. */
export function rewardParameters(costs: { commission: number; impact: number }, positionValue: number, riskAversion = 0): RewardParameters {
  return { impact: costs.impact, commission: positionValue > 0 ? costs.commission / positionValue : 0, riskAversion };
}

/** Reward, in percent, of moving from level `position` to level `action` and holding it while the price changes by `move` (a fraction). */
export function tradeReward(params: RewardParameters, position: number, action: number, move: number, levels: PositionLevels = THREE_POSITIONS): number {
  const exposure = levels.units[action];
  const traded = Math.abs(exposure - levels.units[position]);
  const cost = traded === 0 ? 0 : params.impact * traded + params.commission;
  return 100 * (exposure * move - cost);
}

/** tradeReward as the factored learner's reward function, with the risk charge per unit of the state's variance. */
export function factoredReward(params: RewardParameters, levels: PositionLevels = THREE_POSITIONS): { reward: FactoredReward; varianceWeight: (position: number, action: number) => number } {
  const aversion = params.riskAversion ?? 0;
  return {
    reward: (position, action, outcome) => tradeReward(params, position, action, outcome, levels),
    varianceWeight: (_position, action) => -100 * (aversion / 2) * levels.units[action] ** 2,
  };
}
