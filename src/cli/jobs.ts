/**
 * Train-then-test jobs on all cores: a piscina pool of worker threads, each
 * running the workflows' job function (job-worker.ts). Results come back in task
 * order, so the output is byte-identical whatever the number of threads.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { laneRunner, unwrapOutcome, type JobOutcome, type JobRunner } from '../workflows/index.js';

/** The default --jobs: every core. */
export function defaultJobs(): number {
  return availableParallelism();
}

/** Starts `threads` worker threads (before the caller prepares its tasks, so that they boot meanwhile); two tasks per thread in flight. */
export function threadRunner(threads: number): JobRunner {
  const pool = new Piscina({ filename: new URL('./job-worker.js', import.meta.url).href, maxThreads: threads, minThreads: threads, idleTimeout: 100 });
  return laneRunner(async (task) => unwrapOutcome((await pool.run(task)) as JobOutcome), 2 * threads, () => pool.destroy());
}
