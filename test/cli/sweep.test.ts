import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { cli, SAMPLE, WALK } from '../support/cli.js';
import { tempFile, tempPath } from '../support/temp.js';

const config = tempFile('sweep-config.json', JSON.stringify({ trader: { epochs: 3, minEpochs: 1 } }));
const ARGS = [SAMPLE, WALK, '--split', '2012-06-01', '--end', '2013-06-30', '--grid', 'dyna=0,20', '--config', config];

test('a killed sweep resumes from its file: finished lines kept, the half line cut, the rest appended, the file put in job order', async () => {
  const whole = tempPath('whole.jsonl');
  const first = await cli(['sweep', ...ARGS, '--out', whole, '--jobs', '2']);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /^parameters {2}jobs {2}never {2}log exc\/yr {5}vs B&H {8}return \+- sd {2}Sharpe\n/);
  assert.deepEqual(first.stdout.split('\n').filter((l) => l.length > 80), [], 'within 80 columns');
  assert.match(first.stdout, /best of 2 parameter sets: deflated Sharpe ratio (\d\.\d{3}|n\/a)/);
  assert.match(first.stdout.replace(/\n {2}/g, ' '), /\nreality check \(does the best set beat buy-and-hold once the search is paid for\?\): p = \d\.\d{3} for dyna=\d+ \(Hansen's SPA test, 1000 samples, 2 sets over \d+ days\)\n/);
  assert.match(first.stdout, /4 jobs run, 0 already done; 4 lines in /);
  const all = readFileSync(whole, 'utf8').trim().split('\n');
  const partial = tempPath('partial.jsonl');
  writeFileSync(partial, `${all.slice(0, 2).join('\n')}\n${all[2].slice(0, 40)}`);
  const resumed = await cli(['sweep', ...ARGS, '--out', partial, '--jobs', '1']);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stderr, /^resuming: 2 of 4 jobs already in .*partial\.jsonl\n/);
  assert.match(resumed.stdout, /2 jobs run, 2 already done; 4 lines/);
  assert.equal(readFileSync(partial, 'utf8'), readFileSync(whole, 'utf8'));
  const merged = await cli(['sweep', '--summarize', whole, partial, '--json']);
  const summary = JSON.parse(merged.stdout);
  assert.equal(summary.rows[0].jobs, 2, 'the same jobs in two files count once');
  assert.deepEqual(summary.notes, ['4 duplicate lines of the same job (file, seed and parameters) were counted once']);
  assert.equal(typeof summary.realityCheck.pValue, 'number');
  // With --json the warnings are in the document, as for every command, and stderr stays empty.
  const twice = await cli(['sweep', '--summarize', whole, whole, '--json']);
  assert.equal(twice.stderr, '');
  assert.deepEqual(JSON.parse(twice.stdout).warnings, [`${whole} is given twice: read once`]);
  const said = await cli(['sweep', '--summarize', whole, whole]);
  assert.match(said.stderr, /^warning: .*whole\.jsonl is given twice: read once\n$/);
});

test('usage and data errors name the flag, the file and the line, in one line and without a stack trace', async () => {
  const expect = async (args: string[], code: number, stderr: string | RegExp) => {
    const run = await cli(['sweep', ...args]);
    assert.equal(run.code, code, run.stderr);
    if (typeof stderr === 'string') assert.equal(run.stderr, stderr);
    else assert.match(run.stderr, stderr);
  };
  await expect([SAMPLE, '--split', '2012-06-01', '--grid', 'alpha=0.1,2', '--out', tempPath('bad.jsonl')], 2, 'error: --alpha must be a number in [0, 1] (got 2)\n');
  await expect([SAMPLE, '--split', '2012-13-01', '--out', tempPath('bad.jsonl')], 2, 'error: --split must be a date YYYY-MM-DD (got "2012-13-01")\n');
  await expect([SAMPLE, '--out', tempPath('bad.jsonl')], 2, 'error: --split is required (the first test day)\n');
  await expect([SAMPLE, '--split', '2012-06-01'], 2, 'error: --out is required (the results file)\n');
  await expect([SAMPLE, '--split', '2012-06-01', '--out', SAMPLE], 2, /--out .* is an input file/);
  const bad = tempFile('bad-prices.csv', 'Date,Close\n2012-01-03,10\n2012-01-04,abc\n');
  await expect([SAMPLE, bad, '--split', '2012-06-01', '--config', config, '--out', tempPath('bad-2.jsonl'), '--jobs', '2'], 3, `error: ${bad}:3 (column Close): "abc" is not a number\n`);
});
