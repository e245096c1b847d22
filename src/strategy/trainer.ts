/**
 * The Dyna-Q trader: joins the learner, the features and the market. Real
 * steps walk the training period day by day: on day t the state is the
 * indicator buckets of day t plus the current position, the action is the
 * target position, the trade happens at day t's close, and the reward is the
 * change in portfolio value to day t+1, costs included, in percent of the
 * starting cash. Pure: the clock is an argument, randomness comes from the seed.
 */
import { DynaQLearner } from '../learner/dyna-q.js';
import { Account } from '../market/account.js';
import { FLAT, POSITIONS, sharesOf } from '../market/positions.js';
import { simulateTargets, buyAndHold, type Simulation } from '../market/simulate.js';
import { fitDiscretizer, type Discretizer } from '../features/discretizer.js';
import { marketStates, stateCount, withPosition } from '../features/state-space.js';
import type { FeatureMatrix } from '../features/features.js';
import type { PriceSeries } from '../data/price-series.js';
import type { RowRange } from '../data/date-range.js';
import type { Settings } from '../settings/settings.js';
import { policyTargets } from './policy.js';

/** What the trainer needs: the series with its features, the training rows, the settings. */
export interface TrainingInput {
  series: PriceSeries;
  features: FeatureMatrix;
  period: RowRange;
  settings: Settings;
  /** Called after each epoch (for progress bars). */
  onEpoch?: (epoch: number, totalReturn: number) => void;
}

/** A trained trader and how the training went. */
export interface TrainingResult {
  learner: DynaQLearner;
  discretizer: Discretizer;
  numStates: number;
  /** The greedy policy replayed over the training period. */
  inSample: Simulation;
  /** Buy-and-hold over the training period, with the same costs. */
  benchmark: Simulation;
  /** In-sample total return of the greedy policy after each epoch. */
  learningCurve: number[];
  epochs: number;
  converged: boolean;
}

/** Trains a Dyna-Q trader on rows [period.from, period.to) of the series. */
export function trainTrader(input: TrainingInput): TrainingResult {
  const { series, features, period, settings } = input;
  const { trader, market, learner: learnerSettings } = settings;
  const discretizer = fitDiscretizer(features.columns, period.from, period.to, trader.bins);
  const marketByDay = marketStates(features.columns, period.from, period.to, discretizer);
  const prices = series.close.subarray(period.from, period.to);
  const dates = series.dates.slice(period.from, period.to);
  const numStates = stateCount(features.columns.length, trader.bins, POSITIONS);
  const learner = new DynaQLearner({ numStates, numActions: POSITIONS, ...learnerSettings, seed: `trader:${trader.seed}` });
  const costs = { commission: market.commission, impact: market.impact };
  const rewardScale = 100 / market.cash;

  const learningCurve: number[] = [];
  let previous: Float64Array | undefined;
  let inSample: Simulation | undefined;
  let unchanged = 0;
  let converged = false;
  let epoch = 0;
  while (epoch < trader.epochs) {
    epoch++;
    const account = new Account(market.cash, costs);
    let position = FLAT;
    let action = learner.querySetState(withPosition(marketByDay[0], position, POSITIONS));
    for (let t = 0; t + 1 < prices.length; t++) {
      const before = account.value(prices[t]);
      account.tradeTo(sharesOf(action, market.shares), prices[t]);
      const reward = (account.value(prices[t + 1]) - before) * rewardScale;
      position = action;
      action = learner.query(withPosition(marketByDay[t + 1], position, POSITIONS), reward);
    }
    const targets = policyTargets(learner.qTable(), marketByDay, market.shares);
    inSample = simulateTargets(dates, prices, targets, market.cash, costs);
    const totalReturn = inSample.values[inSample.values.length - 1] / market.cash - 1;
    learningCurve.push(totalReturn);
    input.onEpoch?.(epoch, totalReturn);
    unchanged = previous !== undefined && sameTargets(previous, targets) ? unchanged + 1 : 0;
    previous = targets;
    if (epoch >= Math.min(trader.minEpochs, trader.epochs) && unchanged >= trader.patience) {
      converged = true;
      break;
    }
  }
  // The last epoch's replay is the final policy's in-sample run (epochs >= 1, so it exists).
  const benchmark = buyAndHold(dates, prices, market.shares, market.cash, costs);
  return { learner, discretizer, numStates, inSample: inSample as Simulation, benchmark, learningCurve, epochs: epoch, converged };
}

function sameTargets(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
