import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { dyna, SAMPLE } from '../support/cli.js';
import { tempFile, tempPath } from '../support/temp.js';

const QUICK = ['--epochs', '5', '--end', '2014-12-31'];

test('dyna train writes a model and prints a summary against buy-and-hold', async () => {
  const out = tempPath('summary.model.json');
  const run = await dyna(['train', SAMPLE, ...QUICK, '--out', out]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Total return/);
  assert.match(run.stdout, /in-sample return [+-]?\d+\.\d+% vs buy-and-hold [+-]?\d+\.\d+%/);
  assert.match(run.stdout, new RegExp(`model: ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.ok(!/\x1b\[/.test(run.stdout + run.stderr), 'no colours when not a TTY');
  const model = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(model.schemaVersion, 2);
  assert.equal(model.data.file, 'sample.csv');
  assert.equal(model.data.sha256, createHash('sha256').update(readFileSync(SAMPLE)).digest('hex'));
  assert.equal(model.period.end, '2014-12-31');
  assert.equal(model.discretizer.thresholds.length, model.settings.trader.indicators.length);
  assert.equal(model.settings.market.commission, 9.95);
  assert.ok(!/\d{4}-\d{2}-\d{2}T\d{2}:/.test(readFileSync(out, 'utf8')), 'no timestamps in the model');
});

test('--json prints exactly one JSON document with the documented fields', async () => {
  const out = tempPath('json.model.json');
  const run = await dyna(['train', SAMPLE, ...QUICK, '--out', out, '--json', '--commission', '0', '--impact', '0.001']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '');
  const doc = JSON.parse(run.stdout);
  assert.equal(doc.schemaVersion, 2);
  assert.equal(doc.command, 'train');
  assert.equal(doc.symbol, 'sample');
  assert.deepEqual(Object.keys(doc.period), ['start', 'end', 'days']);
  assert.equal(doc.period.end, '2014-12-31');
  assert.deepEqual(doc.costs, { commission: 0, impact: 0.001 });
  for (const side of [doc.strategy, doc.benchmark]) {
    for (const key of ['startValue', 'endValue', 'totalReturn', 'sharpe', 'maxDrawdown', 'trades']) assert.ok(key in side, key);
    assert.equal(side.startValue, 100000);
    assert.ok(Math.abs(side.totalReturn - (side.endValue / side.startValue - 1)) < 1e-12);
  }
  assert.equal(doc.benchmark.trades, 1);
  assert.equal(doc.training.epochs, 5);
  const few = await dyna(['train', SAMPLE, '--epochs', '2', '--out', tempPath('few.model.json'), '--json']);
  assert.equal(few.code, 0, few.stderr);
  assert.equal(JSON.parse(few.stdout).training.epochs, 2, 'fewer epochs than minEpochs is fine');
  assert.ok(doc.training.realSteps > 0);
  assert.equal(doc.training.hallucinatedSteps, doc.training.realSteps * 200);
  assert.equal(typeof doc.training.seconds, 'number');
  assert.equal(doc.model, out);
});

test('same inputs and seed give byte-identical model and report files; another seed differs', async () => {
  const out = tempPath('same.model.json');
  const report = tempPath('same-report');
  const runOnce = async (seed: string) => {
    const run = await dyna(['train', SAMPLE, ...QUICK, '--seed', seed, '--out', out, '--report', report, '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '', '--quiet prints nothing');
    return [out, ...['report.json', 'equity.csv', 'trades.csv', 'report.html'].map((f) => join(report, f))].map((p) => readFileSync(p));
  };
  const a = await runOnce('3');
  const b = await runOnce('3');
  const c = await runOnce('4');
  a.forEach((bytes, i) => assert.ok(bytes.equals(b[i]), `file ${i} differs between identical runs`));
  const html = a[4].toString();
  assert.equal((html.match(/<svg /g) ?? []).length, 4, 'train reports add the learning curve');
  assert.match(html, /Learning curve/);
  assert.ok(!a[1].toString().includes('"seconds"'), 'report.json holds no wall-clock time');
  assert.ok(!a[0].equals(c[0]), 'another seed, another model');
});

test('precedence: flags over --config over config/defaults.json', async () => {
  const config = tempFile('cfg.json', JSON.stringify({ learner: { dyna: 7 }, market: { commission: 1.5 }, trader: { epochs: 3, minEpochs: 1 } }));
  const run = await dyna(['train', SAMPLE, '--end', '2014-12-31', '--config', config, '--commission', '2.5', '--out', tempPath('p.model.json'), '--json']);
  assert.equal(run.code, 0, run.stderr);
  const doc = JSON.parse(run.stdout);
  assert.equal(doc.costs.commission, 2.5, 'flag wins');
  assert.equal(doc.training.epochs, 3, 'config file wins over defaults');
  assert.equal(doc.training.hallucinatedSteps, doc.training.realSteps * 7);
  assert.equal(doc.costs.impact, 0.005, 'defaults fill the rest');
});

const expectError = async (args: string[], code: number, message: RegExp, options: { cwd?: string } = {}) => {
  const run = await dyna(args, options);
  assert.equal(run.code, code, `${args.join(' ')}: ${run.stderr}`);
  assert.match(run.stderr, message);
  assert.equal(run.stderr.trim().split('\n').length, 1, `one line: ${run.stderr}`);
  assert.ok(!run.stderr.includes('    at '), 'no stack trace');
  assert.equal(run.stdout, '');
};

test('errors: one line on stderr, a distinct exit code, nothing written', async () => {
  const dir = tempPath('errors');
  mkdirSync(dir);
  const out = join(dir, 'm.json');
  await expectError(['train', tempFile('bad.csv', 'Date,Close\n2020-01-01,abc\n'), '--out', out], 3, /bad\.csv:2 \(column Close\): "abc" is not a number/);
  await expectError(['train', '/no/such/file.csv', '--out', out], 5, /\/no\/such\/file\.csv: no such file/);
  await expectError(['train', SAMPLE, '--epochs', '-3', '--out', out], 2, /--epochs must be an integer in \[1, 10000\] \(got -3\)/);
  await expectError(['train', SAMPLE, '--alpha', '1.5', '--out', out], 2, /--alpha must be a number in \[0, 1\] \(got 1\.5\)/);
  await expectError(['train', SAMPLE, '--bogus'], 2, /unknown option '--bogus'/);
  await expectError(['train', SAMPLE, '--start', '2015-13-01', '--out', out], 2, /--start must be a date YYYY-MM-DD/);
  await expectError(['train', SAMPLE, '--start', '2030-01-01', '--out', out], 3, /no rows between 2030-01-01 and the end/);
  await expectError(['train', SAMPLE, '--out', SAMPLE], 2, /--out .*sample\.csv is an input file .*; refusing to overwrite it/);
  await expectError(['train', SAMPLE, '--config', tempFile('unknown.json', '{"trader":{"epoch":3}}'), '--out', out], 2, /unknown\.json: unknown key "trader\.epoch"/);
  await expectError(['train', SAMPLE, '--config', tempFile('broken.json', '{"trader":'), '--out', out], 2, /broken\.json: not valid JSON/);
  await expectError(['train', tempFile('short.csv', 'Date,Close\n2020-01-01,1\n2020-01-02,2\n'), '--out', out], 3, /too few rows: the indicators need 20 rows of warm-up/);
  const blocker = tempFile('not-a-dir', 'x');
  await expectError(['train', SAMPLE, ...QUICK, '--out', join(blocker, 'm.json')], 5, /not-a-dir\/m\.json: /);
  await expectError(['train', SAMPLE, ...QUICK, '--out', out, '--report', blocker], 5, /not-a-dir\/report\.json: /);
  if (existsSync('/proc/self')) await expectError(['train', SAMPLE, ...QUICK, '--out', '/proc/dyna-nope/m.json'], 5, /\/proc\/dyna-nope\/m\.json: /);
  assert.deepEqual(readdirSync(dir), [], 'no model and no temporary file left behind');
});

test('--debug adds the stack trace', async () => {
  const run = await dyna(['train', tempFile('bad2.csv', 'Date,Close\n2020-01-01,abc\n'), '--debug']);
  assert.equal(run.code, 3);
  assert.match(run.stderr, /DataError/);
  assert.match(run.stderr, /    at /);
});

test('colours only on a TTY and never with NO_COLOR; a short help with no arguments', async () => {
  const run = await dyna(['train', SAMPLE, ...QUICK, '--out', tempPath('c.model.json')], { env: { NO_COLOR: '1', FORCE_COLOR: '3' } });
  assert.equal(run.code, 0);
  assert.ok(!/\x1b\[/.test(run.stdout + run.stderr));
  const help = await dyna([]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: dyna/);
  assert.match(help.stdout, /train \[options\] <prices.csv>/);
  assert.ok(existsSync(SAMPLE));
});
