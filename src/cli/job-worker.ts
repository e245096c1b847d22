/** The worker thread's entry point, loaded by file name: one train-then-test job, its errors returned as data. */
export { runJobOutcome as default } from '../workflows/job.js';
