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

/** Runs the tasks on `jobs` threads; `onDone` is told as each finishes (for progress). Results are in task order. */
export async function runJobs(tasks: JobTask[], jobs: number, onDone: (done: number) => void = () => undefined): Promise<JobResult[]> {
  let done = 0;
  const finish = (outcome: JobOutcome): JobResult => {
    if ('error' in outcome) {
      if (outcome.error.kind === 'internal') throw new Error(outcome.error.message);
      throw new DynaError(outcome.error.kind, outcome.error.message);
    }
    onDone(++done);
    return outcome.ok;
  };
  if (jobs <= 1 || tasks.length <= 1) {
    const out: JobResult[] = [];
    for (const task of tasks) out.push(finish(await runJobOutcome(task)));
    return out;
  }
  const pool = new Piscina({ filename: new URL('./job-worker.js', import.meta.url).href, maxThreads: Math.min(jobs, tasks.length), minThreads: 1, idleTimeout: 100 });
  try {
    return await Promise.all(tasks.map((task) => pool.run(task).then((outcome: JobOutcome) => finish(outcome))));
  } finally {
    await pool.destroy();
  }
}
