import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { backtest, DataError, decodeSweepLines, InvalidOptionError, planSweep, summarizeSweepFiles, sweep, train, type SweepOptions } from '../../src/index.js';
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
  assert.deepEqual(Object.keys(one), ['schemaVersion', 'command', 'rows', 'parameterSets', 'deflatedSharpe', 'realityCheck', 'ranking', 'notes', 'warnings']);
  assert.deepEqual(Object.keys(one.rows[0]), ['params', 'jobs', 'meanDailyLogExcess', 'meanExcessReturn', 'meanReturn', 'sdReturn', 'meanSharpe', 'sdSharpe', 'undefinedSharpe', 'neverTraded', 'identicalSeeds']);
  assert.deepEqual(Object.keys(one.realityCheck ?? {}), ['method', 'pValue', 'samples', 'blockLength', 'sets', 'files', 'days', 'best']);
  assert.deepEqual([one.realityCheck?.sets, one.realityCheck?.files, one.realityCheck?.days], [2, 2, 2 * one.lines[0].test.days]);
  assert.deepEqual(one.notes, []);
});

test("a caller's plan (planSweep of the same options, made to check them first) runs the same sweep as the one sweep makes itself", async () => {
  const options = { ...OPTIONS, jobs: 1 };
  const planned = await sweep(options, {}, planSweep(options));
  const one = await whole;
  assert.equal(planned.results, one.results);
  assert.deepEqual(planned, one);
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
  assert.deepEqual([done.results, done.ran, done.skipped], [(await whole).results, 0, 8], 'nothing to run: the same file back');
});

test('lines written before daily excess returns: the summary says why it has no reality check, and a resume runs those jobs again and replaces their lines', async () => {
  const all = lines((await whole).results);
  const old = all.map((text) => {
    const { dailyLogExcess: _dropped, ...rest } = JSON.parse(text) as Record<string, unknown>;
    return JSON.stringify(rest);
  });
  const file = tempFile('old.jsonl', `${old.join('\n')}\n`);
  const summary = summarizeSweepFiles([file]);
  assert.equal(summary.realityCheck, null);
  assert.deepEqual(summary.notes, ['realityCheck is null: 8 of 8 result lines have no dailyLogExcess (written by an older dyna); run the sweep again with the same --out, and those jobs run again']);
  assert.deepEqual(summary.rows, (await whole).rows, 'the rows are the same without the daily returns');
  // Half the lines old, one of them also present in its new form (a rerun killed after that job): the resume runs the other three.
  const mixed = tempFile('mixed.jsonl', `${[...all.slice(0, 4), ...old.slice(4), all[4]].join('\n')}\n`);
  const events: number[] = [];
  const resumed = await sweep({ ...OPTIONS, out: mixed }, { onProgress: (e) => (e.kind === 'resume' ? events.push(e.done, e.rerun) : undefined) });
  assert.deepEqual(events, [5, 3]);
  assert.deepEqual([resumed.ran, resumed.skipped], [3, 5]);
  assert.deepEqual(lines(resumed.results), all, 'the old lines replaced, in job order');
  assert.deepEqual(resumed.realityCheck, (await whole).realityCheck);
  // Merged by --summarize before any resume, a job found twice counts once (its line with daily returns).
  const twice = summarizeSweepFiles([tempFile('twice.jsonl', `${[...old.slice(0, 4), ...all].join('\n')}\n`)]);
  assert.deepEqual(twice.rows, (await whole).rows);
  assert.deepEqual(twice.realityCheck, (await whole).realityCheck);
  assert.deepEqual(twice.notes, ['4 duplicate lines of the same job (file, seed and parameters) were counted once']);
});

test('a line is exactly train --end <day before split> + backtest --start <split>; its format round-trips', async () => {
  const result = await whole;
  const line = result.lines[0];
  assert.deepEqual([line.index, line.file, line.symbol, line.seed, line.params], [0, SAMPLE, 'sample', 1, { dyna: 0 }]);
  assert.deepEqual(Object.keys(line), ['index', 'file', 'symbol', 'seed', 'params', 'train', 'test', 'benchmark', 'moments', 'dailyLogExcess', 'sweep']);
  assert.match(line.sweep ?? '', /^[0-9a-f]{16}$/);
  // The daily log excess returns over buy-and-hold add up to the log of the end values' ratio.
  assert.equal(line.dailyLogExcess?.length, line.test.days);
  const sum = (line.dailyLogExcess ?? []).reduce((s, x) => s + x, 0);
  assert.ok(Math.abs(sum - Math.log(line.test.endValue / line.benchmark.endValue)) < 1e-9);
  const model = tempFile('sweep-check.model.json', (await train({ prices: SAMPLE, end: '2012-05-31', seed: 1, dyna: 0, config })).modelFile);
  const tested = await backtest({ prices: SAMPLE, model, start: '2012-06-01', end: '2013-06-30' });
  assert.deepEqual(line.test, JSON.parse(JSON.stringify(tested.strategy)));
  assert.deepEqual(decodeSweepLines(result.results ?? '', 'r.jsonl').lines, result.lines);
  assert.throws(() => decodeSweepLines('{"x":1}\n', 'r.jsonl'), (e: unknown) => e instanceof DataError && e.message === 'r.jsonl:1: not a sweep result line');
  const bent = JSON.stringify({ ...JSON.parse(lines(result.results)[0]), dailyLogExcess: [0, 'x'] });
  assert.throws(() => decodeSweepLines(`${bent}\n`, 'r.jsonl'), (e: unknown) => e instanceof DataError && e.message === 'r.jsonl:1: dailyLogExcess must be a list of numbers');
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

test('a split outside a file is a data error naming the split, not the periods made from it', async () => {
  const refusal = (message: string) => (e: unknown) => e instanceof DataError && e.file === SAMPLE && e.message.startsWith(`${SAMPLE}: ${message}`);
  await assert.rejects(sweep({ prices: [SAMPLE], split: '1990-01-01' }), refusal('no training days before the split 1990-01-01 (file covers 2010-01-04 to '));
  await assert.rejects(sweep({ prices: [SAMPLE], split: '2099-01-01' }), refusal('no test days from the split 2099-01-01 on (file covers 2010-01-04 to '));
  await assert.rejects(sweep({ prices: [SAMPLE], split: '2013-01-01', end: '2012-12-31' }), (e: unknown) => e instanceof InvalidOptionError && e.option === 'split');
});

test('a sweep of factorEvidence under pooling "states" says the level is ignored there; under pooling by factors it does not', async () => {
  const ignored = "factorEvidence is ignored with pooling \"states\" (it is the level an indicator's own effect must pass; set pooling to factors to use it)";
  const states = await sweep({ ...OPTIONS, prices: [SAMPLE], seeds: '1', grid: ['pooling=states', 'factorEvidence=0.9,0.95'] });
  assert.ok(states.warnings.includes(ignored), states.warnings.join('\n'));
  const factors = await sweep({ ...OPTIONS, prices: [SAMPLE], seeds: '1', grid: ['factorEvidence=0.9,0.95'] });
  assert.ok(!factors.warnings.some((w) => w.startsWith('factorEvidence')));
});
