/**
 * Train-then-test jobs on all cores: a piscina pool of worker threads, each
 * running the workflows' job function (job-worker.ts). Results come back in task
 * order, so the output is byte-identical whatever the number of threads.
 */
import { availableParallelism } from 'node:os';
import { laneRunner, MAX_JOBS, unwrapOutcome, type JobOutcome, type JobRunner } from '../workflows/index.js';

/** The default --jobs: every core (up to MAX_JOBS). */
export function defaultJobs(): number {
  return Math.min(availableParallelism(), MAX_JOBS);
}

/**
 * Starts `threads` worker threads (before the caller prepares its tasks, so that they boot meanwhile); two tasks per
 * thread in flight. piscina is loaded here, so that commands that run no threads do not pay for it at start-up.
 */
export function threadRunner(threads: number): JobRunner {
  const pool = import('piscina').then(({ Piscina }) => new Piscina({ filename: new URL('./job-worker.js', import.meta.url).href, maxThreads: threads, minThreads: threads, idleTimeout: 100 }));
  pool.catch(() => undefined); // A failure to start surfaces where the pool is used.
  return laneRunner(async (task) => unwrapOutcome((await (await pool).run(task)) as JobOutcome), 2 * threads, async () => (await pool).destroy());
}
