import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { backtest, DataError, decodeSweepLines, InvalidOptionError, summarizeSweepFiles, sweep, train, type SweepOptions } from '../../src/index.js';
import { threadRunner } from '../../src/cli/jobs.js';
import { SAMPLE, WALK } from '../support/paths.js';
import { tempFile, tempPath } from '../support/temp.js';

const config = tempFile('sweep-config.json', JSON.stringify({ trader: { epochs: 3, minEpochs: 1 } }));
const OPTIONS: SweepOptions = { prices: [SAMPLE, WALK], split: '2012-06-01', end: '2013-06-30', seeds: '1,5', grid: ['dyna=0,20'], config };
const lines = (text: string | undefined) => (text ?? '').trim().split('\n');
/** The whole sweep in this thread, shared by the tests that compare with it. */
const whole = sweep({ ...OPTIONS, jobs: 1 });

test('the same lines in one thread or on two; the union of two shards is the whole sweep, and their merged summary the same', async () => {
  const one = await whole;
  const two = await sweep({ ...OPTIONS, jobs: 2 }, { startRunner: threadRunner });
  assert.equal(one.results, two.results);
  assert.deepEqual(two, one, 'the same summary');
  assert.equal(lines(one.results).length, 8);
  assert.deepEqual([one.ran, one.skipped, one.lines.length], [8, 0, 8]);
  assert.deepEqual(one.lines.map((l) => l.index), [0, 1, 2, 3, 4, 5, 6, 7], 'in job order');
  const first = await sweep({ ...OPTIONS, shard: '1/2' });
  const second = await sweep({ ...OPTIONS, shard: '2/2' });
  assert.deepEqual([...lines(first.results), ...lines(second.results)].sort(), lines(one.results).sort());
  const files = [tempFile('shard1.jsonl', first.results ?? ''), tempFile('shard2.jsonl', second.results ?? '')];
  assert.deepEqual(summarizeSweepFiles(files), summarizeSweepFiles([tempFile('whole.jsonl', one.results ?? '')]));
  assert.equal(one.rows.length, 2);
  assert.equal(one.rows[0].jobs, 4);
  assert.deepEqual(Object.keys(one), ['schemaVersion', 'command', 'rows', 'parameterSets', 'deflatedSharpe']);
});

test('a preset is the base under the config file: every job starts from it', async () => {
  const doc = await sweep({ prices: [SAMPLE], split: '2012-06-01', end: '2012-12-31', config, preset: 'ml4t' });
  const line = JSON.parse(lines(doc.results)[0]);
  assert.equal(line.train.epochs, 3, 'the config file over the preset');
  const plain = await sweep({ prices: [SAMPLE], split: '2012-06-01', end: '2012-12-31', config });
  assert.notEqual(doc.results, plain.results, 'the ml4t conventions (1000 shares) change the runs');
  await assert.rejects(sweep({ prices: [SAMPLE], split: '2012-06-01', preset: 'nope' }), (e: unknown) => e instanceof InvalidOptionError && e.option === 'preset');
});

test('a killed sweep resumes: finished lines are kept, a half line is cut from the file, the rest is run and put in job order', async () => {
  const all = lines((await whole).results);
  const out = tempPath('partial.jsonl');
  const partial = `${all.slice(0, 3).join('\n')}\n${all[3].slice(0, 40)}`;
  writeFileSync(out, partial);
  const writes: Array<['append', string] | ['truncate', number]> = [];
  const resumed = await sweep({ ...OPTIONS, out }, { sink: { append: (text) => writes.push(['append', text]), truncate: (bytes) => writes.push(['truncate', bytes]) }, onProgress: (e) => (e.kind === 'resume' ? writes.push(['append', `resume ${e.done}/${e.of}`]) : undefined) });
  assert.deepEqual(writes[0], ['truncate', Buffer.byteLength(partial) - 40], 'the half line goes first');
  assert.deepEqual(writes[1], ['append', 'resume 3/8']);
  assert.equal(writes.filter((w) => w[0] === 'append').length, 1 + 5, 'one append per job run');
  assert.deepEqual([resumed.ran, resumed.skipped], [5, 3]);
  assert.deepEqual(lines(resumed.results), all);
  // Lines are appended as jobs finish (costliest first), so a killed run leaves them out of order; the result is in job order all the same.
  const shuffled = tempFile('shuffled.jsonl', `${[all[5], all[0], all[7]].join('\n')}\n`);
  assert.deepEqual(lines((await sweep({ ...OPTIONS, out: shuffled })).results), all);
  const done = await sweep({ ...OPTIONS, out: tempFile('done.jsonl', `${all.join('\n')}\n`) });
  assert.deepEqual([done.results, done.ran, done.skipped], [undefined, 0, 8], 'nothing to run, nothing to rewrite');
});

test('a line is exactly train --end <day before split> + backtest --start <split>; its format round-trips', async () => {
  const result = await whole;
  const line = result.lines[0];
  assert.deepEqual([line.index, line.file, line.symbol, line.seed, line.params], [0, SAMPLE, 'sample', 1, { dyna: 0 }]);
  assert.deepEqual(Object.keys(line), ['index', 'file', 'symbol', 'seed', 'params', 'train', 'test', 'benchmark', 'moments']);
  const model = tempFile('sweep-check.model.json', (await train({ prices: SAMPLE, end: '2012-05-31', seed: 1, dyna: 0, config })).modelFile);
  const tested = await backtest({ prices: SAMPLE, model, start: '2012-06-01', end: '2013-06-30' });
  assert.deepEqual(line.test, JSON.parse(JSON.stringify(tested.strategy)));
  assert.deepEqual(decodeSweepLines(result.results ?? '', 'r.jsonl').lines, result.lines);
  assert.throws(() => decodeSweepLines('{"x":1}\n', 'r.jsonl'), (e: unknown) => e instanceof DataError && e.message === 'r.jsonl:1: not a sweep result line');
});

test('every option and every grid value is checked before any job runs, with the options\u2019 names', async () => {
  const rejects = (options: Partial<SweepOptions>, message: string) => assert.rejects(sweep({ ...OPTIONS, ...options }), (e: unknown) => e instanceof InvalidOptionError && e.naming((o) => `--${o}`).startsWith(message));
  await rejects({ grid: ['alpha=0.1,2'] }, '--alpha must be a number in [0, 1] (got 2)');
  await rejects({ grid: ['dina=1'] }, '--grid names an unknown setting "dina"');
  await rejects({ grid: ['dyna=1', 'dyna=2'] }, '--grid names a setting twice');
  await rejects({ seeds: '3-1' }, '--seeds range 3-1 is empty or too long');
  await rejects({ shard: '3/2' }, '--shard must be i/n with 1 <= i <= n');
  await rejects({ split: '2012-13-01' }, '--split must be a date YYYY-MM-DD (got "2012-13-01")');
  await rejects({ split: '' }, '--split is required');
  await rejects({ start: '2013-01-01' }, '--start 2013-01-01 is after --split 2012-06-01');
  await assert.rejects(sweep({ ...OPTIONS, shard: 'auto' }, { env: {} }), /no scheduler index found/);
  const fromSlurm = await sweep({ ...OPTIONS, seeds: '1', shard: 'auto' }, { env: { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '4' }, onProgress: (e) => assert.ok(e.kind !== 'shard' || e.source === 'Slurm array task 2') });
  assert.deepEqual(fromSlurm.lines.map((l) => l.index), [2], 'shard 3/4 of four jobs');
});

test('a bad file among good ones stops the sweep with its file and line, in this thread and on worker threads', async () => {
  const bad = tempFile('bad-prices.csv', 'Date,Close\n2012-01-03,10\n2012-01-04,abc\n');
  for (const jobs of [1, 2]) {
    await assert.rejects(sweep({ ...OPTIONS, prices: [SAMPLE, bad], jobs }, { startRunner: threadRunner }), (e: unknown) => e instanceof DataError && e.file === bad && e.line === 3 && e.message === `${bad}:3 (column Close): "abc" is not a number`);
  }
});
