import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dyna, SAMPLE } from '../support/cli.js';
import { tempPath } from '../support/temp.js';

const FAST = ['--epochs', '5', '--dyna', '50'];

test('window 0 equals dyna train + dyna backtest to the last digit; stitched days are the windows\u2019 sum', async () => {
  const run = await dyna(['walk-forward', SAMPLE, '--train', '500', '--test', '250', ...FAST, '--json', '--jobs', '2']);
  assert.equal(run.code, 0, run.stderr);
  const doc = JSON.parse(run.stdout);
  assert.equal(doc.command, 'walk-forward');
  assert.equal(doc.windows.length, 4);
  assert.equal(doc.strategy.days, doc.windows.reduce((s: number, w: { test: { days: number } }) => s + w.test.days, 0));
  for (let i = 1; i < doc.windows.length; i++) assert.ok(doc.windows[i].test.start > doc.windows[i - 1].test.end, 'non-overlapping, in order');
  const w = doc.windows[0];
  const model = tempPath('wf0.model.json');
  assert.equal((await dyna(['train', SAMPLE, '--start', w.train.start, '--end', w.train.end, ...FAST, '-o', model, '--quiet'])).code, 0);
  const backtest = JSON.parse((await dyna(['backtest', SAMPLE, '--model', model, '--start', w.test.start, '--end', w.test.end, '--json'])).stdout);
  assert.deepEqual(backtest.strategy, w.strategy);
  assert.deepEqual(backtest.benchmark, w.benchmark);
});

test('the output is byte-identical whatever --jobs is; --significance adds a p-value; the report marks the windows', async () => {
  const run = async (jobs: string, report: string) => {
    const r = await dyna(['walk-forward', SAMPLE, '--train', '600', '--test', '300', '--anchored', ...FAST, '--jobs', jobs, '--significance', '200', '--report', report, '--json']);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout;
  };
  const one = await run('1', tempPath('wf-1'));
  const two = await run('2', tempPath('wf-2'));
  assert.equal(one, two);
  for (const f of ['report.json', 'equity.csv', 'trades.csv', 'report.html']) {
    assert.ok(readFileSync(join(tempPath('wf-1'), f)).equals(readFileSync(join(tempPath('wf-2'), f))), f);
  }
  const doc = JSON.parse(one);
  assert.equal(doc.windows[1].train.start, doc.windows[0].train.start, 'anchored');
  assert.deepEqual(Object.keys(doc.significance), ['method', 'samples', 'pValue', 'absoluteProbabilisticSharpe', 'vsBenchmark', 'verdict', 'warnings']);
  assert.deepEqual(Object.keys(doc.significance.vsBenchmark), ['method', 'blockLength', 'meanDailyLogExcess', 'pValue', 'probabilisticSharpe']);
  assert.ok(doc.significance.pValue > 0 && doc.significance.pValue <= 1);
  assert.ok(doc.significance.vsBenchmark.pValue > 0 && doc.significance.vsBenchmark.pValue <= 1);
  const html = readFileSync(join(tempPath('wf-1'), 'report.html'), 'utf8');
  assert.match(html, /<h2>Walk-forward windows<\/h2>/);
  assert.match(html, /stroke-dasharray="4 3"/, 'window boundaries on the equity chart');
  const equity = readFileSync(join(tempPath('wf-1'), 'equity.csv'), 'utf8').trim().split('\n');
  assert.equal(equity.length - 1, doc.strategy.days);
});

test('too few rows for one window is a usage error naming the numbers; the terminal shows the window table', async () => {
  const short = await dyna(['walk-forward', SAMPLE, '--train', '5000', '--test', '10']);
  assert.equal(short.code, 2);
  assert.match(short.stderr, /--train 5000 plus at least one test row needs 5001 usable rows, but the period has \d+/);
  const text = await dyna(['walk-forward', SAMPLE, '--train', '700', '--test', '400', ...FAST, '--significance', '100']);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /test period\s+days\s+return\s+buy&hold\s+trades/);
  assert.match(text.stdout, /stitched out-of-sample run \(2 windows\)/);
  assert.match(text.stdout, /timing vs 100 random timings with its exposure: p = \d\.\d{3}\nexcess over buy-and-hold \(block bootstrap, 100 samples\): p = \d\.\d{3}/);
  assert.match(text.stdout, /\nverdict: (indistinguishable from random timing|beats random timing|equals buy-and-hold|never trades)/);
});
