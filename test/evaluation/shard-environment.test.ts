import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inShard, InvalidOptionError, parseGrid, shardFromEnvironment, sweepJobs } from '../../src/index.js';

const jobs = sweepJobs(['a.csv', 'b.csv'], [1, 2, 3], [parseGrid('dyna=0,20')]);

/** How often each job runs when every task of the array runs with its environment. */
function coverage(tasks: Array<Record<string, string>>, count?: number): number[] {
  const runs = jobs.map(() => 0);
  for (const env of tasks) {
    const shard = shardFromEnvironment(env, count);
    for (const job of jobs) if (inShard(job, shard)) runs[job.index]++;
  }
  return runs;
}

test('Slurm arrays from 0, from 1 or from any start, in steps, with the count from COUNT, MAX or auto/N: every job runs exactly once', () => {
  const once = jobs.map(() => 1);
  for (const n of [1, 4, 5, 12, 20]) {
    for (const min of [0, 1, 7]) {
      for (const step of [1, 3]) {
        const ids = Array.from({ length: n }, (_, k) => min + k * step);
        const max = String(ids[n - 1]);
        const base = (id: number) => ({ SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_MIN: String(min), ...(step > 1 ? { SLURM_ARRAY_TASK_STEP: String(step) } : {}) });
        assert.deepEqual(coverage(ids.map((id) => ({ ...base(id), SLURM_ARRAY_TASK_COUNT: String(n), SLURM_ARRAY_TASK_MAX: max }))), once, `--array=${min}-${max}:${step}`);
        assert.deepEqual(coverage(ids.map((id) => ({ ...base(id), SLURM_ARRAY_TASK_MAX: max }))), once, `${min}-${max}:${step}, MAX only`);
        assert.deepEqual(coverage(ids.map((id) => base(id)), n), once, `${min}-${max}:${step}, auto/${n}`);
        assert.deepEqual(coverage(ids.map((id) => ({ SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_COUNT: String(n), SLURM_ARRAY_TASK_MAX: max, ...(step > 1 ? { SLURM_ARRAY_TASK_STEP: String(step) } : {}) }))), once, `${min}-${max}:${step}, no MIN`);
      }
    }
  }
  // The last task of a 1-based array of 4 is shard 4/4, its first 1/4.
  assert.deepEqual(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '4', SLURM_ARRAY_TASK_COUNT: '4' }), { index: 4, count: 4, source: 'Slurm array task 4' });
  assert.deepEqual(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '4' }), { index: 1, count: 4, source: 'Slurm array task 1' });
});

test('Kubernetes completion indices from 0 cover every job once; an index or task outside its array is refused, not run as another shard', () => {
  for (const n of [1, 3, 12, 13]) assert.deepEqual(coverage(Array.from({ length: n }, (_, k) => ({ JOB_COMPLETION_INDEX: String(k) })), n), jobs.map(() => 1));
  const refused = (env: Record<string, string>, message: RegExp, count?: number) => assert.throws(() => shardFromEnvironment(env, count), (e: unknown) => e instanceof InvalidOptionError && e.option === 'shard' && message.test(e.message));
  refused({ JOB_COMPLETION_INDEX: '4' }, /JOB_COMPLETION_INDEX 4 is not below the count 4 of auto\/4/, 4);
  // --array=1,3,8: a list, not a range (MAX - MIN + 1 is not the count).
  refused({ SLURM_ARRAY_TASK_ID: '8', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MAX: '8' }, /Slurm array task 8 is not one of 3 tasks from 1 in steps of 1 \(an array given as a list\?\); use shard i\/n/);
  // The core names the option, not the flag: the CLI shows it as --shard, twice.
  assert.throws(
    () => shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '8', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MAX: '8' }),
    (e: unknown) => e instanceof InvalidOptionError && !e.message.includes('--') && /^--shard auto: .*; use --shard i\/n$/.test(e.naming((o) => `--${o}`)),
  );
  refused({ SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '3' }, /task 0 is not one of 3 tasks from 1/);
  refused({ SLURM_ARRAY_TASK_ID: '2' }, /neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX; use auto\/N/);
});
