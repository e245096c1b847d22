import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../support/cli.js';
import { tempFile, tempPath } from '../support/temp.js';

const dir = tempPath('sim-prices');
mkdirSync(dir);
writeFileSync(join(dir, 'AAA.csv'), 'Date,Close\n2011-01-03,10\n2011-01-04,11\n2011-01-05,12\n');

test('simulate writes its report folder; a bad order exits 3 with one line, nothing on stdout and no report folder', async () => {
  const out = tempPath('sim-report');
  const orders = tempFile('o.csv', 'Date,Symbol,Order,Shares\n2011-01-03,AAA,BUY,10\n2011-01-05,AAA,SELL,10\n');
  const run = await cli(['simulate', orders, '--prices', dir, '--report', out, '--commission', '0', '--impact', '0']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Excess return over cash: \+0\.02%/);
  assert.equal(readFileSync(join(out, 'equity.csv'), 'utf8').split('\n')[0], 'Date,Strategy,Benchmark,AAA');
  const never = tempPath('never');
  const bad = await cli(['simulate', tempFile('o-bad.csv', 'Date,Symbol,Order,Shares\n2011-01-03,ZZZ,BUY,1\n'), '--prices', dir, '--report', never]);
  assert.equal(bad.code, 3, bad.stderr);
  assert.match(bad.stderr, /^error: .*o-bad\.csv:2 \(column Symbol\): no price file for ZZZ/);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
  assert.equal(bad.stdout, '');
  assert.throws(() => readdirSync(never), 'no report folder');
  const benchmark = await cli(['simulate', orders, '--prices', dir, '--benchmark', 'QQQ']);
  assert.equal(benchmark.stderr, `error: --benchmark QQQ: no price file for QQQ (looked for ${join(dir, 'QQQ.csv')})\n`);
  // A symbol named "trades": its price file is where --report would write trades.csv.
  writeFileSync(join(dir, 'trades.csv'), readFileSync(join(dir, 'AAA.csv')));
  const clash = await cli(['simulate', tempFile('o-trades.csv', 'Date,Symbol,Order,Shares\n2011-01-03,trades,BUY,1\n'), '--prices', dir, '--report', dir]);
  assert.equal(clash.code, 2, clash.stderr);
  assert.match(clash.stderr, /--report .*trades\.csv is an input file/);
});

test('simulate --significance prints both p-values and the verdict after the table, against the benchmark it names', async () => {
  const orders = tempFile('o-sig.csv', 'Date,Symbol,Order,Shares\n2011-01-03,AAA,BUY,10\n2011-01-04,AAA,SELL,10\n2011-01-05,AAA,BUY,10\n');
  const run = await cli(['simulate', orders, '--prices', dir, '--benchmark', 'AAA', '--significance', '99']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout.replace(/\n {2}/g, ' '), /\ntiming vs 99 random timings with its exposure: p = \d\.\d{3}\nexcess over buy-and-hold 10 AAA \(block bootstrap, 99 samples\): p = \d\.\d{3}; probabilistic Sharpe ratio of the excess (\d\.\d{3}|n\/a)\nabsolute probabilistic Sharpe ratio \(Sharpe > 0, not vs buy-and-hold 10 AAA\) (\d\.\d{3}|n\/a)\nverdict: [^\n]+\n$/);
  const json = JSON.parse((await cli(['simulate', orders, '--prices', dir, '--significance', '10', '--json'])).stdout);
  assert.equal(json.benchmarkName, 'cash');
  assert.match(json.significance.vsBenchmark.method, /over cash/);
  assert.match(json.significance.warnings[0], /^10 samples cannot give a p-value below 0\.091/);
  assert.ok(json.warnings.includes(json.significance.warnings[0]), 'the significance warnings are the report\'s');
});
