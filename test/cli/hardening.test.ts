import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, dyna, SAMPLE } from '../support/cli.js';
import { tempFile, tempPath } from '../support/temp.js';

const QUICK = ['--epochs', '3', '--end', '2014-12-31'];

test('an input cannot be overwritten through a symlink, nor a device replaced', async () => {
  const dir = tempPath('symlinked');
  mkdirSync(join(dir, 'x'), { recursive: true });
  const input = join(dir, 'x', 'p.csv');
  copyFileSync(SAMPLE, input);
  symlinkSync('x', join(dir, 'link'));
  const before = readFileSync(input);
  const run = await dyna(['train', input, '-o', join(dir, 'link', 'p.csv'), ...QUICK]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /is an input file .*refusing to overwrite it/);
  assert.ok(readFileSync(input).equals(before), 'the input is unchanged');
  const trades = join(dir, 'x', 'trades.csv');
  copyFileSync(SAMPLE, trades);
  const report = await dyna(['train', trades, '-o', tempPath('sym.model.json'), '--report', join(dir, 'link'), ...QUICK]);
  assert.equal(report.code, 2, report.stderr);
  for (const device of ['/dev/full', '/dev/null']) {
    if (!existsSync(device)) continue;
    const synth = await dyna(['synth', '-o', device, '--days', '30']);
    assert.equal(synth.code, 2);
    assert.match(synth.stderr, /exists and is not a regular file; refusing to replace it/);
    assert.ok(lstatSync(device).isCharacterDevice());
  }
  assert.equal((await dyna(['train', SAMPLE, '-o', ''])).code, 2);
  assert.match((await dyna(['train', SAMPLE, '-o', ''])).stderr, /--out must not be empty/);
});

test('settings files cannot reach JavaScript built-ins: __proto__, constructor and prototype exit 2 naming the key', async () => {
  for (const [text, key] of [['{"__proto__":{"toString":"pwned"}}', '__proto__'], ['{"constructor":{"keys":1}}', 'constructor'], ['{"learner":{"prototype":{"x":1}}}', 'prototype'], ['{"learner":{"\\u005f_proto__":{}}}', '__proto__']]) {
    const run = await dyna(['train', SAMPLE, '--config', tempFile('evil.json', text), ...QUICK, '-o', tempPath('evil.model.json')]);
    assert.equal(run.code, 2, `${text}: ${run.stderr}`);
    assert.match(run.stderr, new RegExp(`the key "${key}" is not allowed`));
  }
});

test('temporary files are never left behind: a SIGTERM cleans up, and the next run removes those of a kill -9', async () => {
  const dir = tempPath('temps');
  mkdirSync(dir);
  const out = join(dir, 'm.json');
  writeFileSync(`${out}.999999.deadbeef.tmp`, 'left by a killed run');
  const run = await dyna(['train', SAMPLE, ...QUICK, '-o', out, '--quiet']);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(readdirSync(dir), ['m.json']);
  const child = spawn(process.execPath, [BIN, 'train', SAMPLE, '--epochs', '50', '--dyna', '3000', '-o', join(dir, 'slow.json'), '--quiet'], { stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 700));
  child.kill('SIGTERM');
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  assert.equal(code, 143);
  assert.ok(!readdirSync(dir).some((f) => f.endsWith('.tmp')));
});

test('oversized or hostile inputs get short, readable errors', async () => {
  const big = tempFile('big.json', `{"trader":{"bins":"${'x'.repeat(1_100_000)}"}}`);
  const run = await dyna(['train', SAMPLE, '--config', big]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /too large for a settings file/);
  const long = tempFile('long.json', `{"trader":{"bins":"${'y'.repeat(50_000)}"}}`);
  const message = await dyna(['train', SAMPLE, '--config', long]);
  assert.equal(message.code, 2);
  assert.ok(message.stderr.length < 300, `a short line: ${message.stderr.length} characters`);
  const huge = tempFile('huge.csv', `Date,Close\n2020-01-01,1e300\n`);
  const prices = await dyna(['train', huge]);
  assert.equal(prices.code, 3);
  assert.match(prices.stderr, /huge\.csv:2 \(column Close\): Close 1e300 is too large to compute with \(limit 1e\+100\)/);
  assert.equal((await dyna(['train', SAMPLE, '--commission', '1e308'])).code, 2);
  assert.match((await dyna(['train', SAMPLE, '--commission', '1e308'])).stderr, /--commission/);
  const synth = await dyna(['synth', '-o', tempPath('s.csv'), '--start-date', '2020-02-30']);
  assert.equal(synth.code, 2);
  assert.match(synth.stderr, /--start-date must be a real date/);
  const far = await dyna(['synth', '-o', tempPath('far.csv'), '--days', '5000', '--start-date', '9990-01-01', '--drift', '0', '--volatility', '0']);
  assert.equal(far.code, 2);
  assert.match(far.stderr, /past the year 9999/);
  const fifo = tempPath('pipe.csv');
  if (process.platform !== 'win32') {
    const made = spawn('mkfifo', [fifo]);
    await new Promise((resolve) => made.on('exit', resolve));
    const pipe = await dyna(['train', fifo]);
    assert.equal(pipe.code, 3);
    assert.match(pipe.stderr, /not a regular file/);
  }
});

test('control characters in a symbol never reach the terminal', async () => {
  const run = await dyna(['train', SAMPLE, ...QUICK, '--symbol', 'A\u001b]0;owned\u0007\u001b[2JB', '-o', tempPath('ctl.model.json')]);
  assert.equal(run.code, 0, run.stderr);
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(run.stdout + run.stderr), 'no control characters printed');
  assert.match(run.stdout, /A\?\]0;owned\?\?\[2JB/);
});

test('backtests say when the file is not the training data, and when days were used for training', async () => {
  const model = tempPath('prov.model.json');
  assert.equal((await dyna(['train', SAMPLE, ...QUICK, '-o', model, '--quiet'])).code, 0);
  const other = tempPath('OTHER.csv');
  writeFileSync(other, readFileSync(SAMPLE, 'utf8').replace(/,(\d+\.\d\d)\n/g, (_, p) => `,${(Number(p) * 1.01).toFixed(2)}\n`));
  const transfer = JSON.parse((await dyna(['backtest', other, '--model', model, '--start', '2015-01-01', '--json'])).stdout);
  assert.equal(transfer.symbol, 'OTHER', "the price file's own name");
  assert.ok(transfer.warnings.some((w: string) => /OTHER\.csv is not the data the model was trained on \(sample\.csv; another file\)/.test(w)));
  const dir = tempPath('insample');
  const inside = await dyna(['backtest', SAMPLE, '--model', model, '--start', '2014-06-01', '--report', dir]);
  assert.equal(inside.code, 0);
  assert.match(inside.stderr, /in-sample: \d+ days of this backtest \(2014-06-02 to 2014-12-31\) were used for training/);
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  assert.equal(report.inSample.end, '2014-12-31');
  assert.match(readFileSync(join(dir, 'report.html'), 'utf8'), /In-sample:<\/strong> these days were used for training/);
  const empty = await dyna(['backtest', SAMPLE, '--model', model, '--symbol', '']);
  assert.equal(empty.code, 2);
});

test('report.json has monthly returns and the policy map, and report.html shows both; CSV cells cannot be formulas', async () => {
  const dir = tempPath('explain');
  const run = await dyna(['train', SAMPLE, ...QUICK, '-o', tempPath('explain.model.json'), '--report', dir, '--symbol', '=HYPERLINK("http://x","y")']);
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  assert.ok(report.monthlyReturns.length >= 12);
  assert.deepEqual(Object.keys(report.monthlyReturns[0]), ['month', 'strategy', 'benchmark', 'excess']);
  assert.equal(report.policy.rows.length, 16);
  assert.deepEqual(report.policy.indicators, ['bollinger-pb(20)', 'momentum(20)']);
  const row = report.policy.rows[0];
  assert.deepEqual(Object.keys(row.positions), ['short', 'flat', 'long']);
  assert.equal(row.buckets[0].from, null, 'the lowest bucket is unbounded below');
  const days = report.policy.rows.reduce((sum: number, r: { visits: number }) => sum + r.visits, 0);
  assert.ok(days === report.period.days - 1, `training days per state add up to the period (less its last day): ${days}`);
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  assert.match(html, /<h2>Monthly returns<\/h2>/);
  assert.match(html, /<h2>What did it learn\?<\/h2>/);
  assert.match(html, /green is better than it, red worse/);
  // The market model's view: its drift and spread between states, and each visited state's expected move and weight.
  assert.equal(typeof report.policy.model.drift, 'number');
  assert.equal(typeof report.policy.model.statesDiffer, 'boolean');
  const seen = report.policy.rows.find((r: { visits: number }) => r.visits > 0);
  assert.ok(seen.evidence.shrinkage >= 0 && seen.evidence.shrinkage <= 1);
  assert.ok(Math.abs(seen.evidence.expectedMove - seen.evidence.deviation - report.policy.model.drift / 252) < 1e-12);
  assert.match(html, /The market model expects a drift of -?\d+\.\d% a year/);
  assert.match(html, /<th>expected move \(bp\/day\)<\/th>/);
  assert.ok(['uses-market', 'never-trades', 'buy-and-hold', 'keeps-start', 'ignores-market'].includes(report.training.policy));
  for (const file of ['trades.csv', 'equity.csv']) {
    for (const line of readFileSync(join(dir, file), 'utf8').trim().split('\n')) {
      for (const cell of line.split(',')) assert.ok(!/^[=+@\t\r]/.test(cell) && !/^-[^\d]/.test(cell), `${file}: ${cell}`);
    }
  }
  assert.match(readFileSync(join(dir, 'trades.csv'), 'utf8'), /\n\d{4}-\d\d-\d\d,"'=HYPERLINK\(""http:\/\/x"",""y""\)",(BUY|SELL)/);
});

test('two runs creating the same new report folder at once both succeed', async () => {
  for (let i = 0; i < 4; i++) {
    const dir = tempPath(`race-${i}/deep/report`);
    const runs = await Promise.all([0, 1].map((k) => dyna(['train', SAMPLE, '--epochs', '1', '--end', '2011-12-31', '-o', tempPath(`race-${i}-${k}.json`), '--report', dir, '--quiet'])));
    for (const r of runs) assert.equal(r.code, 0, r.stderr);
  }
});
