/**
 * The Dyna-Q trader: joins the learner, the features and the market. Real
 * steps walk the training period day by day: on day t the state is the
 * indicator buckets of day t plus the current position, the action is the
 * target position, the trade happens at day t's close, and the reward is the
 * next day's return of that position minus the costs of moving to it
 * (see reward.ts). Two models of the world (settings.learner.model):
 * - "market": one market model shared by every position and action (each
 *   state's expected move pooled toward the drift, which is shrunk toward a
 *   prior drift), exact costs, and every (position, action) updated from each
 *   real day; the first pass records the days, later passes replay them;
 * - "classic": the per-(state, action) model of plain Dyna-Q.
 * Pure: the clock is an argument, randomness comes from the seed.
 */
import { DynaQLearner } from '../learner/dyna-q.js';
import { FactoredDynaQLearner } from '../learner/factored-dyna-q.js';
import { positionLevels, type PositionLevels } from '../market/positions.js';
import { scaledUnits, sizingScale } from '../market/volatility-scale.js';
import { InvalidOptionError } from '../errors.js';
import { accountRulesOf, simulatePositions, buyAndHold, type Simulation } from '../market/simulate.js';
import { positionValue, sizingOf } from '../market/sizing.js';
import { fitDiscretizer, type Discretizer } from '../features/discretizer.js';
import { marketStates, stateCount, withPosition } from '../features/state-space.js';
import type { FeatureMatrix } from '../features/features.js';
import type { PriceSeries } from '../data/price-series.js';
import type { RowRange } from '../data/date-range.js';
import { TRADING_DAYS_PER_YEAR } from '../data/dates.js';
import type { Settings } from '../settings/settings.js';
import { policyUnits } from './policy.js';
import { diagnosePolicy, type PolicyDiagnosis } from './policy-diagnosis.js';
import { stateSeen } from './policy-map.js';
import { factoredReward, rewardParameters, tradeReward, type RewardParameters } from './reward.js';

/** What the trainer needs: the series with its features, the training rows, the settings. */
export interface TrainingInput {
  series: PriceSeries;
  features: FeatureMatrix;
  period: RowRange;
  /** Realized volatility per row (PreparedData.volatility), for volatility-targeted sizing. */
  volatility?: Float64Array;
  settings: Settings;
  /** Called after each epoch (for progress bars). */
  onEpoch?: (epoch: number, totalReturn: number) => void;
  /** Continue a trained learner instead of starting empty (`train --init-model`); it is updated in place. */
  initial?: InitialLearner;
}

/**
 * A trained learner to continue, with the bucket thresholds and the reward it
 * learned with (kept: its tables are indexed by those buckets). Its market
 * model records the new days on top of the ones it has, and its Q values are
 * where the passes start.
 */
export interface InitialLearner {
  learner: TraderLearner;
  discretizer: Discretizer;
  reward: RewardParameters;
}

/** Either kind of trained learner. */
export type TraderLearner = DynaQLearner | FactoredDynaQLearner;

/** A trained trader and how the training went. */
export interface TrainingResult {
  learner: TraderLearner;
  discretizer: Discretizer;
  numStates: number;
  /** The positions the policy chooses among. */
  levels: PositionLevels;
  /** The reward's cost parameters, saved with the model. */
  reward: RewardParameters;
  /** The greedy policy replayed over the training period. */
  inSample: Simulation;
  /** Buy-and-hold over the training period, with the same costs. */
  benchmark: Simulation;
  /** In-sample total return of the greedy policy after each epoch. */
  learningCurve: number[];
  epochs: number;
  /** True when training stopped because the greedy positions had not changed for `patience` epochs. */
  converged: boolean;
  /** Training days whose greedy position differed between the last two epochs (0 when converged). */
  changedDays: number;
  /** What kind of rule was learned (buy-and-hold, never trades, ...), with warnings that say so. */
  diagnosis: PolicyDiagnosis;
}

/** Trains a Dyna-Q trader on rows [period.from, period.to) of the series. */
export function trainTrader(input: TrainingInput): TrainingResult {
  const { series, features, period, settings } = input;
  const { trader, market, learner: learnerSettings } = settings;
  const { initial } = input;
  const discretizer = initial?.discretizer ?? fitDiscretizer(features.columns, period.from, period.to, trader.bins);
  const marketByDay = marketStates(features.columns, period.from, period.to, discretizer);
  const prices = series.close.subarray(period.from, period.to);
  const dates = series.dates.slice(period.from, period.to);
  const levels = positionLevels(trader.levels);
  const count = levels.units.length;
  const numMarketStates = trader.bins ** features.columns.length;
  const numStates = stateCount(features.columns.length, trader.bins, count);
  const costs = { commission: market.commission, impact: market.impact };
  const sizing = sizingOf(market);
  const rules = accountRulesOf(market);
  // With volatility-targeted sizing, a position of one unit holds `scale` of one: the learner learns on those moves.
  const scale = sizingScale(input.volatility?.subarray(period.from, period.to), market);
  const moves = dailyMoves(prices);
  if (scale) for (let t = 0; t < moves.length; t++) moves[t] *= scale[t];
  const risk = learnerSettings.model === 'market' ? absoluteRiskAversion(learnerSettings.riskAversion, moves, learnerSettings.priorDrift / TRADING_DAYS_PER_YEAR, learnerSettings.priorDays) : 0;
  const reward = initial?.reward ?? rewardParameters(costs, positionValue(sizing, market.cash, prices[0]), risk);
  const seed = `trader:${trader.seed}`;
  const { alpha, gamma, dyna, priorDrift, priorDays, evidence, factorEvidence } = learnerSettings;

  let learner: TraderLearner;
  let runEpoch: () => void;
  if (learnerSettings.model === 'market') {
    // Positions are also the actions: action a sets position a.
    const nextPosition = levels.units.map((_, a) => a);
    const { reward: rewardOf, varianceWeight } = factoredReward(reward, levels);
    // Pooling by factors: each indicator is a digit of the market state (see features/state-space.ts).
    const factors = learnerSettings.pooling === 'factors' ? features.columns.map(() => trader.bins) : [];
    const options = { numMarketStates, numPositions: count, numActions: count, nextPosition, alpha, gamma, dyna, seed, priorMean: priorDrift / TRADING_DAYS_PER_YEAR, priorWeight: priorDays, evidence, factors, factorEvidence };
    const factored = initial ? continued(initial.learner, FactoredDynaQLearner, numStates, count) : new FactoredDynaQLearner(options, rewardOf, varianceWeight);
    learner = factored;
    // Every training day is recorded in the market model first, and values start from what the complete model
    // implies; then each pass learns from the days in order, with steps alpha / pass (Robbins-Monro) over a model
    // that no longer changes, so Q settles on the model's values instead of following the noise of sampled successors.
    // A continued learner adds the new days to its model and starts from its own values.
    factored.recordDays(marketByDay, moves);
    if (!initial) factored.initializeValues();
    let pass = 0;
    runEpoch = () => {
      pass++;
      for (let t = 0; t < moves.length; t++) factored.rehearse(marketByDay[t], marketByDay[t + 1], alpha / pass);
    };
  } else {
    const { rar, radr, rewardModel } = learnerSettings;
    const classic = initial ? continued(initial.learner, DynaQLearner, numStates, count) : new DynaQLearner({ numStates, numActions: count, alpha, gamma, rar, radr, dyna, rewardModel, seed });
    learner = classic;
    runEpoch = () => {
      let position = levels.flat;
      let action = classic.querySetState(withPosition(marketByDay[0], position, count));
      for (let t = 0; t < moves.length; t++) {
        const r = tradeReward(reward, position, action, moves[t], levels);
        position = action;
        action = classic.query(withPosition(marketByDay[t + 1], position, count), r);
      }
    };
  }

  const learningCurve: number[] = [];
  let previous: Float64Array | undefined;
  let inSample: Simulation | undefined;
  let unchanged = 0;
  let changedDays = 0;
  let converged = false;
  let epoch = 0;
  while (epoch < trader.epochs) {
    epoch++;
    runEpoch();
    const targets = policyUnits(learner.qTable(), marketByDay, levels);
    inSample = simulatePositions(dates, prices, scale ? scaledUnits(targets, scale) : targets, sizing, rules);
    const totalReturn = inSample.values[inSample.values.length - 1] / market.cash - 1;
    learningCurve.push(totalReturn);
    input.onEpoch?.(epoch, totalReturn);
    changedDays = previous === undefined ? targets.length : daysChanged(previous, targets);
    unchanged = changedDays === 0 ? unchanged + 1 : 0;
    previous = targets;
    if (epoch >= Math.min(trader.minEpochs, trader.epochs) && unchanged >= trader.patience) {
      converged = true;
      break;
    }
  }
  // States never seen in training act on what the model implies for them (the drift), not on a tie.
  if (learner instanceof FactoredDynaQLearner) learner.fillUnobserved();
  // The last epoch's replay is the final policy's in-sample run (epochs >= 1, so it exists).
  const benchmark = buyAndHold(dates, prices, sizing, rules);
  const statesDiffer = learner instanceof FactoredDynaQLearner ? learner.pooling().betweenSd > 0 : null;
  // A continuation over a few days is judged on its table, not on those days alone.
  const diagnosis = diagnosePolicy(learner.qTable(), numMarketStates, levels, stateSeen(learner, levels), initial !== undefined && moves.length < SHORT_RUN_DAYS ? undefined : (previous as Float64Array), statesDiffer);
  return { learner, discretizer, numStates, levels, reward, inSample: inSample as Simulation, benchmark, learningCurve, epochs: epoch, converged, changedDays, diagnosis };
}

/** Fewer training days than this (a continuation) are judged by the Q table, not by the run. */
const SHORT_RUN_DAYS = 126;

/** The learner to continue, checked to be of the kind and size the settings describe. */
function continued<L extends TraderLearner>(learner: TraderLearner, kind: new (...args: never[]) => L, numStates: number, actions: number): L {
  if (!(learner instanceof kind) || learner.numStates !== numStates || learner.numActions !== actions) {
    throw new InvalidOptionError('the learner to continue does not match the settings (learner.model, indicators, bins or levels)');
  }
  return learner;
}

/**
 * The mean-variance risk aversion for a relative one: `relative` x |drift| /
 * variance of the training period's daily moves (the drift pooled with its
 * prior as the market model pools it). At relative 1 a full position is the
 * best exposure where the market moves as usual; where its variance is twice
 * the usual, half a position is. Computed from the training days only.
 */
export function absoluteRiskAversion(relative: number, moves: Float64Array, priorMean: number, priorWeight: number): number {
  if (relative === 0 || moves.length < 2) return 0;
  let sum = 0;
  for (const x of moves) sum += x;
  const mean = sum / moves.length;
  let ss = 0;
  for (const x of moves) ss += (x - mean) ** 2;
  const variance = ss / (moves.length - 1);
  const drift = (sum + priorWeight * priorMean) / (moves.length + priorWeight);
  return variance > 0 ? (relative * Math.abs(drift)) / variance : 0;
}

/** moves[t] = prices[t+1] / prices[t] - 1: what holding one unit from day t's close to day t+1's earns. */
export function dailyMoves(prices: Float64Array): Float64Array {
  const out = new Float64Array(Math.max(0, prices.length - 1));
  for (let t = 0; t < out.length; t++) out[t] = prices[t + 1] / prices[t] - 1;
  return out;
}

/** Days on which two replays hold different positions. */
function daysChanged(a: Float64Array, b: Float64Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}
