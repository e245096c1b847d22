/**
 * One train-then-test job, run in a worker thread (or in the main thread for
 * --jobs 1): loads the price file once per thread, then calls trainAndTest, the
 * same code path as `dyna train` + `dyna backtest`. Results are plain data.
 */
import { loadPrices } from '../data/load-prices.js';
import { DynaError, type ErrorKind } from '../errors.js';
import type { PriceSeries } from '../data/price-series.js';
import type { DateRange } from '../data/date-range.js';
import type { Metrics } from '../report/metrics.js';
import { computeMetrics } from '../report/metrics.js';
import type { Simulation } from '../market/simulate.js';
import type { Settings } from '../settings/settings.js';
import { trainAndTest, type Prepare } from '../strategy/train-and-test.js';
import { prepareData, type PreparedData } from '../strategy/prepare.js';
import { returnMoments } from '../evaluation/significance.js';

/** What a job needs: the file, the settings, and the two periods. */
export interface JobTask {
  file: string;
  symbol?: string;
  settings: Settings;
  train: DateRange;
  test: DateRange;
  /** Return the full simulations (walk-forward stitches them), or metrics only (sweeps). */
  simulations: boolean;
}

/** What a job gives back. */
export interface JobResult {
  train: { start: string; end: string; days: number; epochs: number; converged: boolean; totalReturn: number };
  test: { start: string; end: string; days: number };
  strategy: Metrics;
  benchmark: Metrics;
  trainMetrics: Metrics;
  /** Daily-return moments of the test run (for deflated Sharpe ratios). */
  testMoments: ReturnType<typeof returnMoments>;
  simulations?: { strategy: Simulation; benchmark: Simulation };
  warnings: string[];
}

const loaded = new Map<string, Promise<PriceSeries>>();
const prepared = new Map<string, PreparedData>();

/** prepareData, remembered per thread: jobs of a sweep share files, periods and indicators, and prepared data is never changed. */
const cachedPrepare: Prepare = (series, indicators, range, file) => {
  const key = JSON.stringify([file, series.symbol, indicators, range.start ?? null, range.end ?? null]);
  let data = prepared.get(key);
  if (data === undefined) {
    data = prepareData(series, indicators, range, file);
    if (prepared.size > 64) prepared.clear();
    prepared.set(key, data);
  }
  return data;
};

/** A job's result, or its error as data (errors do not keep their class across threads). */
export type JobOutcome = { ok: JobResult } | { error: { kind: ErrorKind | 'internal'; message: string } };

/** Runs one job and never throws: the worker's entry point. */
export default async function runJobOutcome(task: JobTask): Promise<JobOutcome> {
  try {
    return { ok: await runJob(task) };
  } catch (error) {
    return { error: { kind: error instanceof DynaError ? error.kind : 'internal', message: error instanceof Error ? error.message : String(error) } };
  }
}

/** Runs one job. */
export async function runJob(task: JobTask): Promise<JobResult> {
  const key = `${task.file}\u0000${task.symbol ?? ''}`;
  if (!loaded.has(key)) loaded.set(key, loadPrices(task.file, task.symbol === undefined ? {} : { symbol: task.symbol }).then((p) => p.series));
  const series = await (loaded.get(key) as Promise<PriceSeries>);
  const result = trainAndTest(series, task.settings, task.train, task.test, task.file, cachedPrepare);
  const days = result.training.inSample.dates;
  const testDays = result.backtest.strategy.dates;
  const { strategy, benchmark } = result.backtest;
  return {
    train: { start: days[0], end: days[days.length - 1], days: days.length, epochs: result.training.epochs, converged: result.training.converged, totalReturn: result.training.learningCurve[result.training.learningCurve.length - 1] },
    test: { start: testDays[0], end: testDays[testDays.length - 1], days: testDays.length },
    strategy: computeMetrics(strategy),
    benchmark: computeMetrics(benchmark),
    trainMetrics: computeMetrics(result.training.inSample),
    testMoments: returnMoments(strategy),
    ...(task.simulations ? { simulations: { strategy, benchmark } } : {}),
    warnings: result.warnings,
  };
}
