import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, SAMPLE } from '../support/cli.js';
import { sampleModel } from '../support/models.js';
import { tempFile, tempPath } from '../support/temp.js';

test('--report writes the four files and the terminal lists them; --significance prints its line', async () => {
  const model = await sampleModel(8);
  const dir = tempPath('bt-report');
  const run = await cli(['backtest', SAMPLE, '--model', model, '--start', '2015-01-01', '--report', dir, '--significance', '50']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^sample {2}2015-01-01 to 2015-10-02 {2}\(197 days\)\n/);
  // Long lines are wrapped at 80 columns, continuing with two spaces.
  assert.match(run.stdout.replace(/\n  /g, ' '), /\ntiming vs 50 random timings with its exposure: p = \d\.\d{3}\nexcess over buy-and-hold \(block bootstrap, 50 samples\): p = \d\.\d{3}; probabilistic Sharpe\s+ratio of the excess (\d\.\d{3}|n\/a)\nabsolute probabilistic Sharpe ratio \(Sharpe > 0, not vs buy-and-hold\) (\d\.\d{3}|n\/a)\nverdict: [^\n]+\n/);
  assert.ok(run.stdout.replace(/\n  /g, ' ').endsWith(`\nreport: ${join(dir, 'report.html')} (with report.json, equity.csv, trades.csv)\n`));
  assert.equal(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).command, 'backtest');
  assert.match(readFileSync(join(dir, 'report.html'), 'utf8'), /<section class="significance" id="significance">\n<h2>Is the edge more than luck\?<\/h2>\n<p><strong>Verdict: [^<]+\.<\/strong><\/p>[\s\S]*<td>p = \d\.\d{3}<\/td>/);
});

test('CI gates exit 6 after printing the report, naming the flag; passing gates exit 0', async () => {
  const model = await sampleModel(8);
  const high = await cli(['backtest', SAMPLE, '--model', model, '--start', '2015-01-01', '--min-sharpe', '100']);
  assert.equal(high.code, 6);
  assert.match(high.stdout, /Total return/, 'the report is still printed');
  assert.match(high.stderr, /^below target: Sharpe ratio .* is below 100 \(--min-sharpe\)\n$/);
  const easy = await cli(['backtest', SAMPLE, '--model', model, '--start', '2015-01-01', '--min-sharpe', '-100', '--json']);
  assert.equal(easy.code, 0);
  const doc = JSON.parse(easy.stdout);
  const under = await cli(['backtest', SAMPLE, '--model', model, '--start', '2015-01-01', '--fail-under-benchmark', '--json']);
  assert.equal(under.code, doc.strategy.totalReturn < doc.benchmark.totalReturn ? 6 : 0);
  if (under.code === 6) assert.match(under.stderr, /\(--fail-under-benchmark\)/);
});

test('model problems exit 4, data the model cannot use exits 3, a missing file 5, a bad flag 2; nothing is written', async () => {
  const model = await sampleModel(8);
  const dir = tempPath('never');
  const check = async (args: string[], code: number, message: RegExp) => {
    const run = await cli(['backtest', ...args, '--report', dir]);
    assert.equal(run.code, code, run.stderr);
    assert.match(run.stderr, message);
    assert.ok(!run.stderr.includes('    at '));
    assert.ok(!existsSync(dir));
  };
  await check([SAMPLE, '--model', tempFile('trunc.json', readFileSync(model, 'utf8').slice(0, 500))], 4, /trunc\.json: not a dyna model: the file is not valid JSON/);
  await check([SAMPLE, '--model', '/no/model.json'], 5, /\/no\/model\.json: no such file/);
  await check([SAMPLE, '--model', ''], 2, /^error: --model must not be empty$/m);
  await check([tempFile('close-only.csv', 'Date,Close\n2020-01-01,1\n'), '--model', model], 3, /close-only\.csv: too few rows/);
  await check([SAMPLE, '--model', model, '--min-sharpe', 'x'], 2, /--min-sharpe <x>' argument 'x' is invalid/);
  await check([SAMPLE, '--model', model, '--significance', '200000'], 2, /^error: --significance must be an integer in \[1, 100000\] \(got 200000\)$/m);
  await check([SAMPLE, '--model', model, '--start', '2015-01-01', '--end', '2014-01-01'], 2, /^error: --start 2015-01-01 is after --end 2014-01-01$/m);
  await check([SAMPLE, '--model', model, '--symbol', ''], 2, /--symbol must not be empty/);
  await check([SAMPLE, '--model', model, '--size', '0.5', '--shares', '100'], 2, /--size and --shares cannot be used together/);
  await check([SAMPLE, '--model', '/no/model.json', '--size', '0.5', '--shares', '100'], 2, /--size and --shares cannot be used together/);
  await check([SAMPLE, '--model', model, '--shares', '2.5'], 2, /^error: option '--shares <n>' argument '2\.5' is invalid\. expected an integer in \[1, 1000000000000\]\.$/m);
  await check([SAMPLE, '--model', model, '--shares', '0'], 2, /^error: --shares must be null or an integer in \[1, 1000000000000\] \(got 0\)$/m);
});
