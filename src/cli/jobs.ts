/**
 * Running independent train-then-test jobs on all cores: worker threads through
 * piscina, or the main thread for --jobs 1. Results come back in task order,
 * so the output is byte-identical whatever the number of workers.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import runJobOutcome, { type JobOutcome, type JobResult, type JobTask } from './job-worker.js';
import { DynaError } from '../errors.js';

/** The default --jobs: every core. */
export function defaultJobs(): number {
  return availableParallelism();
}

/**
 * Runs the tasks on `jobs` threads; `onDone` is told how many have finished (for
 * progress) and `onResult` gets each result with its task index as it comes. Results are in task order.
 */
export async function runJobs(tasks: JobTask[], jobs: number, onDone: (done: number) => void = () => undefined, onResult: (index: number, result: JobResult) => void = () => undefined): Promise<JobResult[]> {
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
  if (jobs <= 1 || tasks.length <= 1) {
    const out: JobResult[] = [];
    for (const [i, task] of tasks.entries()) out.push(finish(await runJobOutcome(task), i));
    return out;
  }
  // Every task goes to the pool at once: piscina hands each worker its next task as soon as it is free,
  // and the main thread stays idle so that handing-out never waits.
  const threads = Math.min(jobs, tasks.length);
  const pool = new Piscina({ filename: new URL('./job-worker.js', import.meta.url).href, maxThreads: threads, minThreads: threads, idleTimeout: 100 });
  // In task order: results then complete roughly in order, so a caller writing them in order holds few back.
  try {
    return await Promise.all(tasks.map((task, i) => pool.run(task).then((outcome: JobOutcome) => finish(outcome, i))));
  } finally {
    await pool.destroy();
  }
}

