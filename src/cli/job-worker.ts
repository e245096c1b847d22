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
import { trainAndTest } from '../strategy/train-and-test.js';

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
  simulations?: { strategy: Simulation; benchmark: Simulation };
  warnings: string[];
}

const loaded = new Map<string, Promise<PriceSeries>>();

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
  const result = trainAndTest(series, task.settings, task.train, task.test, task.file);
  const days = result.training.inSample.dates;
  const testDays = result.backtest.strategy.dates;
  const { strategy, benchmark } = result.backtest;
  return {
    train: { start: days[0], end: days[days.length - 1], days: days.length, epochs: result.training.epochs, converged: result.training.converged, totalReturn: result.training.learningCurve[result.training.learningCurve.length - 1] },
    test: { start: testDays[0], end: testDays[testDays.length - 1], days: testDays.length },
    strategy: computeMetrics(strategy),
    benchmark: computeMetrics(benchmark),
    trainMetrics: computeMetrics(result.training.inSample),
    ...(task.simulations ? { simulations: { strategy, benchmark } } : {}),
    warnings: result.warnings,
  };
}
