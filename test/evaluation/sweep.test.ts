import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inShard, jobKey, parseGrid, parseSeeds, parseShard, realityCheck, REALITY_CHECK_SAMPLES, shardFromEnvironment, summarizeSweep, sweepJobs, deflatedSharpe, inverseNormalCdf, type SweepLine } from '../../src/evaluation/index.js';
import { InvalidOptionError } from '../../src/index.js';
import { createRng } from '../../src/rng.js';

test('grids, seeds and the job order: file, then parameter set (last grid fastest), then seed', () => {
  const grids = [parseGrid('dyna=0,100'), parseGrid('bins=5,8'), parseGrid('model=market,classic')];
  assert.deepEqual(grids[0], { key: 'dyna', section: 'learner', values: [0, 100] });
  assert.deepEqual(grids[2].values, ['market', 'classic']);
  assert.deepEqual(parseSeeds('1,3-5, 9'), [1, 3, 4, 5, 9]);
  const jobs = sweepJobs(['a.csv', 'b.csv'], [1, 2], grids.slice(0, 2));
  assert.equal(jobs.length, 16);
  assert.deepEqual(jobs.slice(0, 5).map((j) => [j.file, j.params.dyna, j.params.bins, j.seed]), [['a.csv', 0, 5, 1], ['a.csv', 0, 5, 2], ['a.csv', 0, 8, 1], ['a.csv', 0, 8, 2], ['a.csv', 100, 5, 1]]);
  assert.deepEqual(jobs.map((j) => j.index), [...jobs.keys()]);
  assert.throws(() => parseGrid('dina=1,2'), (e: unknown) => e instanceof InvalidOptionError && /unknown setting "dina" \(known: .*dyna/.test(e.message));
  assert.throws(() => parseGrid('dyna'), /key=v1,v2/);
  assert.throws(() => parseSeeds('3-1'), /empty or too long/);
  assert.equal(jobKey({ file: 'a', seed: 1, params: { b: 1, a: 2 } }), jobKey({ file: 'a', seed: 1, params: { a: 2, b: 1 } }));
});

test('shards split the jobs into disjoint parts whose union is the whole sweep; schedulers give their index', () => {
  const jobs = sweepJobs(['a', 'b', 'c'], [1, 2, 3], [parseGrid('dyna=0,1')]);
  for (const n of [1, 2, 5, 18, 40]) {
    const seen = new Map<number, number>();
    for (let i = 1; i <= n; i++) for (const j of jobs.filter((job) => inShard(job, parseShard(`${i}/${n}`)))) seen.set(j.index, (seen.get(j.index) ?? 0) + 1);
    assert.equal(seen.size, jobs.length);
    assert.ok([...seen.values()].every((c) => c === 1));
  }
  assert.throws(() => parseShard('3/2'), /1 <= i <= n/);
  assert.deepEqual(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '4', SLURM_ARRAY_TASK_COUNT: '3' }), { index: 2, count: 3, source: 'Slurm array task 5' });
  assert.deepEqual(shardFromEnvironment({ JOB_COMPLETION_INDEX: '0' }, 4), { index: 1, count: 4, source: 'Kubernetes completion index 0' });
  assert.throws(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: '0' }), (e: unknown) => e instanceof InvalidOptionError && e.option === 'shard' && /use auto\/N/.test(e.message));
  assert.throws(() => shardFromEnvironment({}), /no scheduler index found/);
});

test('the summary ranks parameter sets by their mean daily log excess over buy-and-hold and deflates the best Sharpe for the number tried', () => {
  const line = (dyna: number, ret: number, sharpe: number | null, seed = 1, file = 'f', trades = 10): SweepLine => ({ file, seed, params: { dyna }, test: { totalReturn: ret, sharpe, trades, days: 500 }, benchmark: { totalReturn: 0.2 }, moments: { days: 500, sharpe: sharpe === null ? null : sharpe / Math.sqrt(252), skewness: sharpe === null ? null : 0, kurtosis: sharpe === null ? null : 3 } });
  const summary = summarizeSweep([line(0, 0.1, 0.5), line(0, 0.2, 0.7, 2), line(100, 0.3, 1.5), line(100, 0.1, 1.3, 2), line(200, -0.1, -0.2), line(200, 0, null, 2, 'f', 0)], createRng('s'));
  assert.deepEqual(summary.rows.map((r) => r.params.dyna), [100, 0, 200]);
  const top = summary.rows[0];
  assert.ok(Math.abs(top.meanSharpe - 1.4) < 1e-12);
  assert.ok(Math.abs(top.sdReturn - Math.sqrt(0.02)) < 1e-12);
  assert.ok(Math.abs(top.meanExcessReturn - 0) < 1e-12, 'mean of 0.3 - 0.2 and 0.1 - 0.2');
  // The mean over seeds of log((1 + r) / (1 + b)), over the 500 days of the one file.
  assert.ok(Math.abs(top.meanDailyLogExcess - (Math.log(1.3 / 1.2) + Math.log(1.1 / 1.2)) / 2 / 500) < 1e-15);
  // The set that sat out one job: its undefined Sharpe counts as 0 and it says so.
  const idle = summary.rows[2];
  assert.deepEqual([idle.undefinedSharpe, idle.neverTraded, idle.meanSharpe, idle.identicalSeeds], [1, 1, -0.1, false]);
  assert.equal(summary.parameterSets, 3);
  const dsr = summary.deflatedSharpe ?? -1;
  assert.ok(dsr > 0 && dsr < 1);
  assert.equal(summary.realityCheck, null, 'lines without daily excess returns');
  assert.match(summary.notes.join('\n'), /realityCheck is null: 6 of 6 result lines have no dailyLogExcess/);
  // With one trial there is nothing to deflate: the DSR is the PSR against 0.
  assert.ok(Math.abs(inverseNormalCdf(0.975) - 1.959963984540054) < 1e-9);
  assert.ok((deflatedSharpe(0.1, [0.1], 252, 0, 3) ?? 0) > (deflatedSharpe(0.1, [0.1, -0.05, 0.02, 0.08], 252, 0, 3) ?? 1));
});

test('seeds that gave the same result say so and count once; so do sets with identical results in the deflated Sharpe ratio', () => {
  const line = (params: Record<string, number>, seed: number, ret: number, sharpe: number): SweepLine => ({ file: 'f', seed, params, test: { totalReturn: ret, sharpe, trades: 4, days: 250 }, benchmark: { totalReturn: 0.1 }, moments: { days: 250, sharpe: sharpe / Math.sqrt(252), skewness: -0.2, kurtosis: 4 } });
  const a = [line({ bins: 3 }, 1, 0.2, 1.1), line({ bins: 3 }, 2, 0.2, 1.1)];
  const b = [line({ bins: 4 }, 1, 0.05, 0.3), line({ bins: 4 }, 2, 0.15, 0.8)];
  const twin = [line({ bins: 5 }, 1, 0.2, 1.1), line({ bins: 5 }, 2, 0.2, 1.1)];
  const summary = summarizeSweep([...a, ...b], createRng('s'));
  assert.deepEqual(summary.rows.map((r) => [r.params.bins, r.identicalSeeds]), [[3, true], [4, false]]);
  const withTwin = summarizeSweep([...a, ...b, ...twin], createRng('s'));
  assert.equal(withTwin.parameterSets, 3);
  assert.equal(withTwin.deflatedSharpe, summary.deflatedSharpe, 'a set with the same results as another is not another trial');
  assert.equal(summarizeSweep([a[0], ...b], createRng('s')).deflatedSharpe, summary.deflatedSharpe, 'identical seeds are one result');
});

test("the reality check's rows: each set's files in sweep order, each day averaged over its seeds, resampled file by file", () => {
  const rng = createRng('series');
  const series = (n: number, mean: number) => Array.from({ length: n }, () => mean + 0.01 * rng.normal());
  const days = { a: 120, b: 80 };
  const lines: SweepLine[] = [];
  const expected: number[][] = [];
  let index = 0;
  for (const [k, mean] of [0.002, -0.001, 0].entries()) {
    const row: number[] = [];
    for (const file of ['b', 'a'] as const) {
      const seeds = [series(days[file], mean), series(days[file], mean)];
      seeds.forEach((s, seed) => lines.push({ index: (file === 'b' ? 0 : 100) + index++, file, seed, params: { k }, test: { totalReturn: Math.exp(s.reduce((x, y) => x + y, 0)) - 1, sharpe: 1, trades: 5, days: days[file] }, benchmark: { totalReturn: 0 }, moments: { days: days[file], sharpe: 0.05, skewness: 0, kurtosis: 3 }, dailyLogExcess: s }));
      row.push(...seeds[0].map((x, t) => x / 2 + seeds[1][t] / 2));
    }
    expected.push(row);
  }
  const summary = summarizeSweep([...lines].reverse(), createRng('rc'));
  const direct = realityCheck(expected.map((r) => Float64Array.from(r)), REALITY_CHECK_SAMPLES, createRng('rc'), { test: 'spa', segments: [80, 120] });
  assert.equal(summary.realityCheck?.pValue, direct.pValue);
  assert.deepEqual([summary.realityCheck?.days, summary.realityCheck?.files, summary.realityCheck?.best], [200, 2, { k: 0 }]);
  assert.deepEqual(summary.rows[0].params, { k: 0 });
  assert.ok(Math.abs(summary.rows[0].meanDailyLogExcess - expected[0].reduce((x, y) => x + y, 0) / 200) < 1e-12, 'the ranking is the mean of the series');
});
