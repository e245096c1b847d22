/**
 * One train-then-test job: exactly `dyna train --start --end` followed by
 * `dyna backtest --start --end` on the same series, through the same functions
 * (prepareData, trainTrader, backtestPolicy), so its numbers are theirs to the
 * last digit. Walk-forward windows and sweep jobs are made of these.
 */
import type { DateRange } from '../data/date-range.js';
import type { PriceSeries } from '../data/price-series.js';
import { accountRulesOf } from '../market/simulate.js';
import { sizingOf } from '../market/sizing.js';
import type { Settings } from '../settings/settings.js';
import { backtestPolicy, type BacktestResult } from './backtest.js';
import { prepareData, type PreparedData } from './prepare.js';
import { trainTrader, type TrainingResult } from './trainer.js';

/** What a job gives back: the training run, the test data and the backtest. */
export interface TrainAndTestResult {
  training: TrainingResult;
  train: PreparedData;
  test: PreparedData;
  backtest: BacktestResult;
  warnings: string[];
}

/** Trains on `trainRange` and backtests the learned policy on `testRange`, both of `series`. */
export function trainAndTest(series: PriceSeries, settings: Settings, trainRange: DateRange, testRange: DateRange, file: string): TrainAndTestResult {
  const train = prepareData(series, settings.trader.indicators, trainRange, file);
  const test = prepareData(series, settings.trader.indicators, testRange, file);
  return trainAndTestPrepared(train, test, settings);
}

/** The same job from data already prepared (by prepareData, e.g. once for many jobs that share it). */
export function trainAndTestPrepared(train: PreparedData, test: PreparedData, settings: Settings): TrainAndTestResult {
  const training = trainTrader({ ...train, settings });
  const backtest = backtestPolicy(training.learner.qTable(), training.discretizer, test, sizingOf(settings.market), accountRulesOf(settings.market));
  return { training, train, test, backtest, warnings: [...train.warnings, ...test.warnings] };
}
