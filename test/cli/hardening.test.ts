import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inputFiles, writeFilesAtomic } from '../../src/cli/files.js';
import { cli, SAMPLE } from '../support/cli.js';
import { tempPath } from '../support/temp.js';

const QUICK = ['--epochs', '3', '--end', '2014-12-31'];

test('an input cannot be overwritten through a symlink, nor a device replaced', async () => {
  const dir = tempPath('symlinked');
  mkdirSync(join(dir, 'x'), { recursive: true });
  const input = join(dir, 'x', 'p.csv');
  copyFileSync(SAMPLE, input);
  symlinkSync('x', join(dir, 'link'));
  const before = readFileSync(input);
  const run = await cli(['train', input, '-o', join(dir, 'link', 'p.csv'), ...QUICK]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /is an input file .*refusing to overwrite it/);
  assert.ok(readFileSync(input).equals(before), 'the input is unchanged');
  const trades = join(dir, 'x', 'trades.csv');
  copyFileSync(SAMPLE, trades);
  const report = await cli(['train', trades, '-o', tempPath('sym.model.json'), '--report', join(dir, 'link'), ...QUICK]);
  assert.equal(report.code, 2, report.stderr);
  for (const device of ['/dev/full', '/dev/null']) {
    if (!existsSync(device)) continue;
    const synth = await cli(['synth', '-o', device, '--days', '30']);
    assert.equal(synth.code, 2);
    assert.match(synth.stderr, /exists and is not a regular file; refusing to replace it/);
    assert.ok(lstatSync(device).isCharacterDevice());
  }
});

test('the next run removes the temporary files a kill -9 left; a named pipe is not a price file', async () => {
  const dir = tempPath('temps');
  mkdirSync(dir);
  const out = join(dir, 'm.json');
  writeFileSync(`${out}.999999.deadbeef.tmp`, 'left by a killed run');
  const run = await cli(['train', SAMPLE, '--epochs', '1', '--end', '2011-12-31', '-o', out, '--quiet']);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(readdirSync(dir), ['m.json']);
  const fifo = tempPath('pipe.csv');
  if (process.platform !== 'win32' && spawnSync('mkfifo', [fifo]).status === 0) {
    const pipe = await cli(['train', fifo]);
    assert.equal(pipe.code, 3);
    assert.match(pipe.stderr, /not a regular file/);
  }
});

test('control characters in a symbol never reach the terminal; CSV cells cannot run as formulas', async () => {
  const run = await cli(['train', SAMPLE, ...QUICK, '--symbol', 'A\u001b]0;owned\u0007\u001b[2JB', '-o', tempPath('ctl.model.json')]);
  assert.equal(run.code, 0, run.stderr);
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(run.stdout + run.stderr), 'no control characters printed');
  assert.match(run.stdout, /A\?\]0;owned\?\?\[2JB/);
  const dir = tempPath('explain');
  assert.equal((await cli(['train', SAMPLE, ...QUICK, '-o', tempPath('explain.model.json'), '--report', dir, '--symbol', '=HYPERLINK("http://x","y")'])).code, 0);
  for (const file of ['trades.csv', 'equity.csv']) {
    for (const line of readFileSync(join(dir, file), 'utf8').trim().split('\n')) {
      for (const cell of line.split(',')) assert.ok(!/^[=+@\t\r]/.test(cell) && !/^-[^\d]/.test(cell), `${file}: ${cell}`);
    }
  }
  assert.match(readFileSync(join(dir, 'trades.csv'), 'utf8'), /\n\d{4}-\d\d-\d\d,"'=HYPERLINK\(""http:\/\/x"",""y""\)",(BUY|SELL)/);
});

test('report.json has monthly returns and the policy map, and report.html shows both', async () => {
  const dir = tempPath('explained');
  assert.equal((await cli(['train', SAMPLE, ...QUICK, '-o', tempPath('explained.model.json'), '--report', dir])).code, 0);
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  assert.ok(report.monthlyReturns.length >= 12);
  assert.deepEqual(Object.keys(report.monthlyReturns[0]), ['month', 'strategy', 'benchmark', 'excess']);
  assert.equal(report.policy.rows.length, 64);
  assert.deepEqual(report.policy.indicators, ['bollinger-pb(20)', 'momentum(20)', 'price-sma(100)']);
  const row = report.policy.rows[0];
  assert.deepEqual(Object.keys(row.positions), ['short', 'flat', 'long']);
  assert.equal(row.buckets[0].from, null, 'the lowest bucket is unbounded below');
  const days = report.policy.rows.reduce((sum: number, r: { visits: number }) => sum + r.visits, 0);
  assert.ok(days === report.period.days - 1, `training days per state add up to the period (less its last day): ${days}`);
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  assert.match(html, /<h2>Monthly and yearly returns<\/h2>/);
  assert.match(html, /<h2>What did it learn\?<\/h2>/);
  assert.match(html, /&#9650; blue is better<\/span>, <span class="worse">&#9660; vermillion is worse/);
  // The market model's view: its drift and spread between states, and each visited state's expected move and weight.
  assert.equal(typeof report.policy.model.drift, 'number');
  assert.equal(typeof report.policy.model.statesDiffer, 'boolean');
  assert.deepEqual(report.policy.model.byIndicator.map((f: { indicator: string }) => f.indicator), report.policy.indicators, 'each indicator its own spread');
  assert.match(html, /pooling by factors at evidence 0\.95/);
  const seen = report.policy.rows.find((r: { visits: number }) => r.visits > 0);
  assert.ok(seen.evidence.shrinkage >= 0 && seen.evidence.shrinkage <= 1);
  assert.ok(Math.abs(seen.evidence.expectedMove - seen.evidence.deviation - report.policy.model.drift / 252) < 1e-12);
  assert.match(html, /The market model expects a drift of -?\d+\.\d% a year/);
  // Three indicators: the visited states as one compact table, with each state's expected move and weight.
  assert.match(html, /<table class="small policy"><thead><tr><th>bollinger-pb\(20\)<\/th><th>momentum\(20\)<\/th><th>price-sma\(100\)<\/th><th>days<\/th><th>expects \(bp\/day\)<\/th><th>weight<\/th>/);
  assert.doesNotMatch(html, /<table class="policy-grid">/);
  assert.ok(['uses-market', 'never-trades', 'buy-and-hold', 'keeps-start', 'ignores-market'].includes(report.training.policy));
});

test('two writers creating the same new report folder at once both succeed', async () => {
  for (let i = 0; i < 4; i++) {
    const dir = tempPath(`race-${i}/deep/report`);
    await Promise.all([0, 1].map((k) => writeFilesAtomic([{ path: join(dir, `f${k}.txt`), content: String(k) }, { path: join(dir, 'shared.txt'), content: 'x' }])));
    assert.deepEqual(readdirSync(dir).sort(), ['f0.txt', 'f1.txt', 'shared.txt']);
  }
});

test('the inputs a run names are the paths given, in order: an option not given, or given empty, names none', () => {
  assert.deepEqual(inputFiles('prices.csv', undefined, 'config.json', '', 'model.json'), ['prices.csv', 'config.json', 'model.json']);
  assert.deepEqual(inputFiles(), []);
});
