/**
 * One train-then-test job, run in a worker thread (or in the main thread for
 * --jobs 1). The main thread prepares the data (loads each file and computes
 * each period's features once, with prepareData); the job trains and backtests
 * it with trainAndTestPrepared, the path of `dyna train` + `dyna backtest`.
 */
import { DynaError, type ErrorKind } from '../errors.js';
import type { Metrics } from '../report/metrics.js';
import { computeMetrics } from '../report/metrics.js';
import type { Simulation } from '../market/simulate.js';
import type { Settings } from '../settings/settings.js';
import type { PreparedData } from '../strategy/prepare.js';
import { trainAndTestPrepared } from '../strategy/train-and-test.js';
import { returnMoments } from '../evaluation/significance.js';
import type { PolicyKind } from '../strategy/policy-diagnosis.js';

/** What a job needs: the settings and the two prepared periods. */
export interface JobTask {
  settings: Settings;
  train: PreparedData;
  test: PreparedData;
  /** Return the full simulations (walk-forward stitches them), or metrics only (sweeps). */
  simulations: boolean;
}

/** What a job gives back. */
export interface JobResult {
  train: { start: string; end: string; days: number; epochs: number; converged: boolean; policy: PolicyKind; totalReturn: number };
  test: { start: string; end: string; days: number };
  strategy: Metrics;
  benchmark: Metrics;
  trainMetrics: Metrics;
  /** Daily-return moments of the test run (for deflated Sharpe ratios). */
  testMoments: ReturnType<typeof returnMoments>;
  simulations?: { strategy: Simulation; benchmark: Simulation };
  warnings: string[];
}

/** A job's result, or its error as data (errors do not keep their class across threads). */
export type JobOutcome = { ok: JobResult } | { error: { kind: ErrorKind | 'internal'; message: string } };

/** Runs one job and never throws: the worker's entry point. */
export default function runJobOutcome(task: JobTask): JobOutcome {
  try {
    return { ok: runJob(task) };
  } catch (error) {
    return { error: { kind: error instanceof DynaError ? error.kind : 'internal', message: error instanceof Error ? error.message : String(error) } };
  }
}

/** Runs one job. */
export function runJob(task: JobTask): JobResult {
  const result = trainAndTestPrepared(task.train, task.test, task.settings);
  const days = result.training.inSample.dates;
  const testDays = result.backtest.strategy.dates;
  const { strategy, benchmark } = result.backtest;
  return {
    train: { start: days[0], end: days[days.length - 1], days: days.length, epochs: result.training.epochs, converged: result.training.converged, policy: result.training.diagnosis.kind, totalReturn: result.training.learningCurve[result.training.learningCurve.length - 1] },
    test: { start: testDays[0], end: testDays[testDays.length - 1], days: testDays.length },
    strategy: computeMetrics(strategy),
    benchmark: computeMetrics(benchmark),
    trainMetrics: computeMetrics(result.training.inSample),
    testMoments: returnMoments(strategy),
    ...(task.simulations ? { simulations: { strategy, benchmark } } : {}),
    warnings: result.warnings,
  };
}
