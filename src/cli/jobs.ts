/**
 * Running independent train-then-test jobs on all cores: worker threads through
 * piscina, or the main thread for --jobs 1. Results come back in task order,
 * so the output is byte-identical whatever the number of workers.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import runJobOutcome, { type JobOutcome, type JobResult, type JobTask } from './job-worker.js';
import { DynaError } from '../errors.js';
import { prepareData, type PreparedData } from '../strategy/prepare.js';
import type { PriceSeries } from '../data/price-series.js';
import type { IndicatorSpec } from '../features/indicators.js';
import type { DateRange } from '../data/date-range.js';

/** Prepares each (file, indicators, period) once for many jobs: a sweep's jobs share two periods per file. */
export function preparedOnce(): (series: PriceSeries, indicators: IndicatorSpec[], range: DateRange, file: string) => PreparedData {
  const cache = new Map<string, PreparedData>();
  return (series, indicators, range, file) => {
    const key = JSON.stringify([file, indicators, range.start ?? null, range.end ?? null]);
    let data = cache.get(key);
    if (data === undefined) cache.set(key, (data = prepareData(series, indicators, range, file)));
    return data;
  };
}

/** The default --jobs: every core. */
export function defaultJobs(): number {
  return availableParallelism();
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

/** Runs jobs: on worker threads, or on the main thread for --jobs 1. */
export interface JobRunner {
  /**
   * Runs `count` tasks, each made by `task(i)` only when a thread is about to
   * need it (so memory holds a few prepared tasks, not all). Results are in task
   * order, whatever order the tasks started in.
   */
  run(count: number, task: (index: number) => JobTask | Promise<JobTask>, options?: RunOptions): Promise<JobResult[]>;
  /** Stops the worker threads. */
  close(): Promise<void>;
}

/**
 * Starts `jobs` worker threads (none for 1) before the caller prepares its
 * tasks, so that the threads boot while the main thread loads and prepares data.
 */
export function startJobRunner(jobs: number): JobRunner {
  const pool = jobs > 1 ? new Piscina({ filename: new URL('./job-worker.js', import.meta.url).href, maxThreads: jobs, minThreads: jobs, idleTimeout: 100 }) : undefined;
  return {
    async run(count, task, { onDone = () => undefined, onResult = () => undefined, order } = {}) {
      const indexAt = (k: number) => (order === undefined ? k : order[k]);
      let done = 0;
      const finish = (outcome: JobOutcome, index: number): JobResult => {
        if ('error' in outcome) {
          if (outcome.error.kind === 'internal') throw new Error(outcome.error.message);
          throw new DynaError(outcome.error.kind, outcome.error.message);
        }
        onResult(index, outcome.ok);
        onDone(++done);
        return outcome.ok;
      };
      const results: JobResult[] = new Array(count);
      if (pool === undefined) {
        for (let k = 0; k < count; k++) {
          const i = indexAt(k);
          results[i] = finish(runJobOutcome(await task(i)), i);
          // Let progress bars and writers run between jobs.
          await new Promise((resolve) => setImmediate(resolve));
        }
        return results;
      }
      // Two per thread in flight: each thread has its next task queued (it goes to whichever thread frees up
      // first, so a long task never holds another back), and memory stays bounded.
      let next = 0;
      const lane = async () => {
        while (next < count) {
          const i = indexAt(next++);
          results[i] = finish((await pool.run(await task(i))) as JobOutcome, i);
        }
      };
      await Promise.all(Array.from({ length: Math.min(count, 2 * jobs) }, lane));
      return results;
    },
    async close() {
      await pool?.destroy();
    },
  };
}

/** Starts a runner, gives it to `body` (which prepares tasks and runs them), and always stops it. */
export async function withJobRunner<T>(jobs: number, body: (runner: JobRunner) => Promise<T>): Promise<T> {
  const runner = startJobRunner(jobs);
  try {
    return await body(runner);
  } finally {
    await runner.close();
  }
}
