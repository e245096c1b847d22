/**
 * One train-then-test job: exactly `dyna train --start --end` followed by
 * `dyna backtest --start --end` on the same series, through the same functions
 * (prepareData, trainTrader, backtestPolicy), so its numbers are theirs to the
 * last digit. Walk-forward windows and sweep jobs are made of these. The data
 * comes prepared (prepareData, once for the many jobs that share it), so a
 * worker thread running jobs never loads the indicator library.
 */
import { accountRulesOf } from '../market/simulate.js';
import { sizingOf } from '../market/sizing.js';
import type { Settings } from '../settings/settings.js';
import { backtestPolicy, type BacktestResult } from './backtest.js';
import type { PreparedData } from './prepare.js';
import { trainTrader, type InitialLearner, type TrainingResult } from './trainer.js';

/** What a job gives back: the training run, the test data and the backtest. */
export interface TrainAndTestResult {
  training: TrainingResult;
  train: PreparedData;
  test: PreparedData;
  backtest: BacktestResult;
  warnings: string[];
}

/**
 * Trains on the prepared training period and backtests the learned policy on
 * the prepared test period; `initial` continues a trained learner (an online walk-forward's previous window).
 */
export function trainAndTestPrepared(train: PreparedData, test: PreparedData, settings: Settings, initial?: InitialLearner): TrainAndTestResult {
  const training = trainTrader({ ...train, settings, initial });
  const backtest = backtestPolicy(training.learner.qTable(), training.discretizer, test, sizingOf(settings.market), accountRulesOf(settings.market), training.levels, settings.market);
  return { training, train, test, backtest, warnings: [...train.warnings, ...test.warnings] };
}
