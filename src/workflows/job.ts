/**
 * Train-then-test jobs, the unit of walk-forward windows and sweeps, and the
 * runners that run many of them. A job is exactly `dyna train` + `dyna
 * backtest` on data the caller prepared once (trainAndTestPrepared), so it runs
 * in this thread or in a worker thread (the CLI's thread pool loads
 * runJobOutcome by file name) with the same result, to the last digit.
 */
import { errorFromData, errorToData, type ErrorData } from '../errors.js';
import type { WindowPolicy } from '../evaluation/continuous-account.js';
import { excessLogReturns } from '../evaluation/significance.js';
import type { Simulation } from '../market/simulate.js';
import { computeMetrics, type Metrics } from '../report/metrics.js';
import { returnMoments } from '../report/performance.js';
import type { Settings } from '../settings/settings.js';
import type { PolicyKind } from '../strategy/policy-diagnosis.js';
import type { PreparedData } from '../strategy/prepare.js';
import { trainAndTestPrepared, type TrainAndTestResult } from '../strategy/train-and-test.js';

/** What a job needs: the settings and the two prepared periods. */
export interface JobTask {
  settings: Settings;
  train: PreparedData;
  test: PreparedData;
  /** Return the simulations and the policy (walk-forward trades them as one account), or metrics only (sweeps). */
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
  /** Daily log excess returns of the test run over buy-and-hold (a sweep's reality check compares parameter sets on them). */
  dailyLogExcess: Float64Array;
  /** The test run, buy-and-hold, and the trained policy over the test days (a walk-forward trades its windows' policies as one account). */
  simulations?: { strategy: Simulation; benchmark: Simulation; policy: WindowPolicy };
  warnings: string[];
}

/** A job's result, or its error as data (errors keep their kind, file and line across threads this way). */
export type JobOutcome = { ok: JobResult } | { error: ErrorData };

/** Runs one job. */
export function runJob(task: JobTask): JobResult {
  return jobResult(trainAndTestPrepared(task.train, task.test, task.settings), task.simulations);
}

/** What a job gives back, from its train-and-test run (with the simulations when asked). */
export function jobResult(result: TrainAndTestResult, simulations: boolean): JobResult {
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
    dailyLogExcess: excessLogReturns(strategy, benchmark),
    ...(simulations ? { simulations: { strategy, benchmark, policy: windowPolicy(result) } } : {}),
    warnings: result.warnings,
  };
}

/** The job's trained policy over its test days: its Q table (qTable() is a copy, which a worker can send), the days' market states and volatility. */
function windowPolicy(result: TrainAndTestResult): WindowPolicy {
  const { strategy, states } = result.backtest;
  const { from, to } = result.test.period;
  return { dates: strategy.dates, prices: strategy.prices, q: result.training.learner.qTable(), states, volatility: result.test.volatility.slice(from, to) };
}

/** The simulations of a job run with them (walk-forward's): a job run without them is a programming error. */
export function simulationsOf(result: JobResult): NonNullable<JobResult['simulations']> {
  if (!result.simulations) throw new Error('the job ran without simulations');
  return result.simulations;
}

/** Runs one job and never throws: a worker thread's entry point. */
export function runJobOutcome(task: JobTask): JobOutcome {
  try {
    return { ok: runJob(task) };
  } catch (error) {
    return { error: errorToData(error) };
  }
}

/** A worker's outcome as a result, or its error thrown again with its class, message, file and line. */
export function unwrapOutcome(outcome: JobOutcome): JobResult {
  if ('error' in outcome) throw errorFromData(outcome.error);
  return outcome.ok;
}

/** How a run reports and orders its tasks. */
export interface RunOptions {
  /** Told how many tasks have finished (for progress). */
  onDone?: (done: number) => void;
  /** Gets each result with its task index, as it comes. */
  onResult?: (index: number, result: JobResult) => void;
  /** The order tasks start in (default: index order; see evaluation/schedule.ts). */
  order?: readonly number[];
}

/** Runs jobs: in this thread, or on worker threads. */
export interface JobRunner {
  /**
   * Runs `count` tasks, each made by `task(i)` only when a thread is about to
   * need it (so memory holds a few prepared tasks, not all). Results are in task
   * order, whatever order the tasks started in.
   */
  run(count: number, task: (index: number) => JobTask | Promise<JobTask>, options?: RunOptions): Promise<JobResult[]>;
  /** Stops its threads, if it has any. */
  close(): Promise<void>;
}

/** Starts a runner with this many threads (the CLI passes its thread pool). */
export type StartRunner = (threads: number) => JobRunner;

/**
 * A runner that keeps `lanes` tasks in flight through `execute`: a thread pool
 * gives two per thread, so each thread has its next task queued (it goes to
 * whichever thread frees up first, so a long task never holds another back) and memory stays bounded.
 */
export function laneRunner(execute: (task: JobTask) => Promise<JobResult>, lanes: number, close: () => Promise<void> = async () => undefined): JobRunner {
  return {
    async run(count, task, { onDone = () => undefined, onResult = () => undefined, order } = {}) {
      const results: JobResult[] = new Array(count);
      let next = 0;
      let done = 0;
      const lane = async () => {
        while (next < count) {
          const i = order === undefined ? next : order[next];
          next++;
          results[i] = await execute(await task(i));
          onResult(i, results[i]);
          onDone(++done);
        }
      };
      await Promise.all(Array.from({ length: Math.min(count, lanes) }, lane));
      return results;
    },
    close,
  };
}

/** Runs jobs one after another in this thread, letting progress bars and writers run between them. */
export function inProcessRunner(): JobRunner {
  return laneRunner(async (task) => {
    const result = runJob(task);
    await new Promise((resolve) => setImmediate(resolve));
    return result;
  }, 1);
}

/**
 * Gives `body` a runner of min(jobs, count) threads, from `start` when that is
 * more than one (else this thread: the output is the same), and always stops it.
 */
export async function withRunner<T>(start: StartRunner | undefined, jobs: number, count: number, body: (runner: JobRunner) => Promise<T>): Promise<T> {
  const threads = Math.max(1, Math.min(jobs, count));
  const runner = threads > 1 && start !== undefined ? start(threads) : inProcessRunner();
  try {
    return await body(runner);
  } finally {
    await runner.close();
  }
}
