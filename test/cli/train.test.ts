import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, SAMPLE } from '../support/cli.js';
import { tempFile, tempPath } from '../support/temp.js';

const QUICK = ['--epochs', '5', '--end', '2014-12-31'];

test('dyna train writes the model (and a report folder) and prints a summary against buy-and-hold', async () => {
  const out = tempPath('summary.model.json');
  const report = tempPath('summary-report');
  const run = await cli(['train', SAMPLE, ...QUICK, '--out', out, '--report', report]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Total return/);
  assert.match(run.stdout.replace(/\n  /g, ' '), /\ntrained 5 epochs \((converged: the greedy policy's positions did not change for 3 epochs|epoch limit; the last epoch still changed the position on [\d,]+ training\s+days?)\):\s+[\d,]+\s+real\s+steps,\s+[\d,]+\s+hallucinated,\s+192\s+states,\s+\d+\.\d\d\s+s\n/);
  assert.match(run.stdout, /in-sample return [+-]?\d+\.\d+% vs buy-and-hold [+-]?\d+\.\d+%/);
  assert.ok(run.stdout.replace(/\n  /g, ' ').endsWith(`model: ${out}\nreport: ${join(report, 'report.html')} (with report.json, equity.csv, trades.csv)\n`));
  assert.equal(JSON.parse(readFileSync(out, 'utf8')).schemaVersion, 5);
  assert.deepEqual(readdirSync(report).sort(), ['equity.csv', 'report.html', 'report.json', 'trades.csv']);
  const quiet = await cli(['train', SAMPLE, '--epochs', '2', '--end', '2012-12-31', '--out', out, '--quiet']);
  assert.deepEqual([quiet.code, quiet.stdout, quiet.stderr], [0, '', '']);
});

test('--json prints the workflow\u2019s document and nothing else', async () => {
  const run = await cli(['train', SAMPLE, '--epochs', '2', '--end', '2012-12-31', '--out', tempPath('json.model.json'), '--json', '--shares', '3000']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '', 'no warnings with --json: they are in the document');
  const doc = JSON.parse(run.stdout);
  assert.equal(doc.command, 'train');
  assert.equal(doc.training.epochs, 2);
  assert.ok(doc.warnings.length > 0);
});

const expectError = async (args: string[], code: number, message: RegExp) => {
  const run = await cli(args);
  assert.equal(run.code, code, `${args.join(' ')}: ${run.stderr}`);
  assert.match(run.stderr, message);
  assert.equal(run.stderr.trim().split('\n').length, 1, `one line: ${run.stderr}`);
  assert.ok(!run.stderr.includes('    at '), 'no stack trace');
  assert.equal(run.stdout, '');
};

test('errors: one line on stderr naming the flag, the file or the line; a distinct exit code; nothing written', async () => {
  const dir = tempPath('errors');
  mkdirSync(dir);
  const out = join(dir, 'm.json');
  await expectError(['train', tempFile('bad.csv', 'Date,Close\n2020-01-01,abc\n'), '--out', out], 3, /^error: .*bad\.csv:2 \(column Close\): "abc" is not a number$/m);
  await expectError(['train', '/no/such/file.csv', '--out', out], 5, /\/no\/such\/file\.csv: no such file/);
  await expectError(['train', SAMPLE, '--epochs', '-3', '--out', out], 2, /^error: --epochs must be an integer in \[1, 10000\] \(got -3\)$/m);
  await expectError(['train', SAMPLE, '--alpha', '1.5', '--out', out], 2, /^error: --alpha must be a number in \[0, 1\] \(got 1\.5\)$/m);
  await expectError(['train', SAMPLE, '--alpha', 'x', '--out', out], 2, /--alpha <x>' argument 'x' is invalid\. expected a number/);
  await expectError(['train', SAMPLE, '--size', '0.5', '--shares', '100', '--out', out], 2, /^error: --size and --shares cannot be used together/m);
  await expectError(['train', SAMPLE, '--config', tempFile('both.json', JSON.stringify({ market: { size: 0.5, shares: 10 } })), '--out', out], 2, /both\.json: market\.size and market\.shares cannot both be set/);
  await expectError(['train', SAMPLE, '--symbol', '', '--out', out], 2, /^error: --symbol must not be empty$/m);
  await expectError(['train', SAMPLE, '--bogus'], 2, /unknown option '--bogus'/);
  await expectError(['train', SAMPLE, '--start', '2015-13-01', '--out', out], 2, /^error: --start must be a date YYYY-MM-DD/m);
  await expectError(['train', SAMPLE, '--start', '2030-01-01', '--out', out], 3, /no rows between 2030-01-01 and the end/);
  await expectError(['train', SAMPLE, '--out', SAMPLE], 2, /--out .*sample\.csv is an input file .*; refusing to overwrite it/);
  await expectError(['train', SAMPLE, '-o', ''], 2, /--out must not be empty/);
  await expectError(['train', SAMPLE, ...QUICK, '--out', out, '--report', ''], 2, /--report must not be empty/);
  await expectError(['train', SAMPLE, '--config', tempFile('unknown.json', '{"trader":{"epoch":3}}'), '--out', out], 2, /unknown\.json: unknown key "trader\.epoch"/);
  await expectError(['train', SAMPLE, '--config', tempFile('evil.json', '{"__proto__":{"x":1}}'), '--out', out], 2, /the key "__proto__" is not allowed/);
  // These fail when writing, after training: one short epoch is enough.
  const blocker = tempFile('not-a-dir', 'x');
  const brief = ['--epochs', '1', '--end', '2011-12-31'];
  await expectError(['train', SAMPLE, ...brief, '--out', join(blocker, 'm.json')], 5, /not-a-dir\/m\.json: /);
  await expectError(['train', SAMPLE, ...brief, '--out', out, '--report', blocker], 5, /not-a-dir\/report\.json: /);
  if (existsSync('/proc/self')) await expectError(['train', SAMPLE, ...brief, '--out', '/proc/dyna-nope/m.json'], 5, /\/proc\/dyna-nope\/m\.json: /);
  assert.deepEqual(readdirSync(dir), [], 'no model and no temporary file left behind');
});

test('--debug adds the stack trace; train --help lists the indicators', async () => {
  const run = await cli(['train', tempFile('bad2.csv', 'Date,Close\n2020-01-01,abc\n'), '--debug']);
  assert.equal(run.code, 3);
  assert.match(run.stderr, /DataError/);
  assert.match(run.stderr, /    at /);
  const help = await cli(['train', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Indicators \(trader\.indicators in a --config file/);
  assert.match(help.stdout, /macd-hist/);
});
