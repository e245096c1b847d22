import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dyna, ROOT, SAMPLE } from '../support/cli.js';
import { tempPath } from '../support/temp.js';

const WALK = join(ROOT, 'data', 'random-walk.csv');
const ARGS = [SAMPLE, WALK, '--split', '2012-06-01', '--end', '2013-06-30', '--seeds', '1-2', '--grid', 'dyna=0,20', '--config'];
const config = tempPath('sweep-config.json');
writeFileSync(config, JSON.stringify({ trader: { epochs: 3, minEpochs: 1 } }));
const run = (out: string, extra: string[] = []) => dyna(['sweep', ...ARGS, config, '--out', out, '-q', ...extra]);
const lines = (path: string) => readFileSync(path, 'utf8').trim().split('\n');

test('--jobs 1 and --jobs 2 write the same lines; the union of two shards is the whole sweep', async () => {
  const one = tempPath('s1.jsonl');
  const two = tempPath('s2.jsonl');
  assert.equal((await run(one, ['--jobs', '1'])).code, 0);
  assert.equal((await run(two, ['--jobs', '2'])).code, 0);
  assert.equal(readFileSync(one, 'utf8'), readFileSync(two, 'utf8'));
  assert.equal(lines(one).length, 8);
  const first = tempPath('shard1.jsonl');
  const second = tempPath('shard2.jsonl');
  assert.equal((await run(first, ['--shard', '1/2'])).code, 0);
  assert.equal((await run(second, ['--shard', '2/2'])).code, 0);
  assert.deepEqual([...lines(first), ...lines(second)].sort(), lines(one).sort());
  const merged = await dyna(['sweep', '--summarize', first, second, '--json']);
  const whole = await dyna(['sweep', '--summarize', one, '--json']);
  assert.equal(merged.code, 0, merged.stderr);
  assert.deepEqual(JSON.parse(merged.stdout), JSON.parse(whole.stdout));
  const summary = JSON.parse(whole.stdout);
  assert.equal(summary.rows.length, 2);
  assert.equal(summary.rows[0].jobs, 4);
});

test('a killed sweep resumes: finished lines are kept, a half line is dropped, the rest is run', async () => {
  const whole = tempPath('whole.jsonl');
  assert.equal((await run(whole)).code, 0);
  const partial = tempPath('partial.jsonl');
  const all = lines(whole);
  writeFileSync(partial, `${all.slice(0, 3).join('\n')}\n${all[3].slice(0, 40)}`);
  const resumed = await dyna(['sweep', ...ARGS, config, '--out', partial]);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stderr, /resuming: 3 of 8 jobs already in/);
  assert.match(resumed.stdout, /5 jobs run, 3 already done; 8 lines/);
  assert.equal(readFileSync(partial, 'utf8'), readFileSync(whole, 'utf8'));
  // Lines are appended as jobs finish (costliest first), so a killed run leaves them out of order; the finished file
  // is in job order all the same.
  const shuffled = tempPath('shuffled.jsonl');
  writeFileSync(shuffled, `${[all[5], all[0], all[7]].join('\n')}\n`);
  assert.equal((await dyna(['sweep', ...ARGS, config, '--out', shuffled, '-q', '--jobs', '2'])).code, 0);
  assert.equal(readFileSync(shuffled, 'utf8'), readFileSync(whole, 'utf8'));
});

test('a line is exactly train --end <day before split> + backtest --start <split>; bad grids are usage errors', async () => {
  const out = tempPath('check.jsonl');
  assert.equal((await run(out, ['--shard', '1/8'])).code, 0);
  const line = JSON.parse(lines(out)[0]);
  assert.deepEqual([line.file, line.seed, line.params], [SAMPLE, 1, { dyna: 0 }]);
  const model = tempPath('sweep-check.model.json');
  assert.equal((await dyna(['train', SAMPLE, '--end', '2012-05-31', '--seed', '1', '--dyna', '0', '--config', config, '-o', model, '-q'])).code, 0);
  const backtest = JSON.parse((await dyna(['backtest', SAMPLE, '--model', model, '--start', '2012-06-01', '--end', '2013-06-30', '--json'])).stdout);
  assert.deepEqual(line.test, backtest.strategy);
  const bad = await dyna(['sweep', SAMPLE, '--split', '2012-06-01', '--grid', 'alpha=0.1,2', '--out', tempPath('bad.jsonl')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--alpha must be a number in \[0, 1\] \(got 2\)/);
  const auto = await dyna(['sweep', SAMPLE, '--split', '2012-06-01', '--shard', 'auto', '--out', tempPath('auto.jsonl')]);
  assert.equal(auto.code, 2);
  assert.match(auto.stderr, /no scheduler index found/);
});

test('a bad file among good ones stops the sweep with its file and line, without a stack trace', async () => {
  const bad = tempPath('bad-prices.csv');
  writeFileSync(bad, 'Date,Close\n2012-01-03,10\n2012-01-04,abc\n');
  for (const jobs of ['1', '2']) {
    const result = await dyna(['sweep', SAMPLE, bad, '--split', '2012-06-01', '--config', config, '--out', tempPath(`bad-${jobs}.jsonl`), '--jobs', jobs]);
    assert.equal(result.code, 3, result.stderr);
    assert.equal(result.stderr.trim(), `error: ${bad}:3 (column Close): "abc" is not a number`);
  }
});
