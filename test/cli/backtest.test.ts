import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { dyna, SAMPLE } from '../support/cli.js';
import { tempFile, tempPath } from '../support/temp.js';
import { simulateOrders } from '../../src/market/index.js';

const MODEL = tempPath('bt.model.json');

before(async () => {
  const run = await dyna(['train', SAMPLE, '--epochs', '8', '--end', '2014-12-31', '--out', MODEL, '--quiet']);
  assert.equal(run.code, 0, run.stderr);
});

test('--json has the same fields as train --json, over the chosen period, with the model costs by default', async () => {
  const run = await dyna(['backtest', SAMPLE, '--model', MODEL, '--start', '2015-01-01', '--json']);
  assert.equal(run.code, 0, run.stderr);
  const doc = JSON.parse(run.stdout);
  assert.equal(doc.command, 'backtest');
  assert.equal(doc.symbol, 'sample');
  assert.equal(doc.period.start, '2015-01-01');
  assert.equal(doc.period.end, '2015-10-02');
  assert.deepEqual(doc.costs, { commission: 9.95, impact: 0.005 });
  assert.equal(doc.model, MODEL);
  for (const key of ['strategy', 'benchmark', 'excess', 'period', 'costs', 'conventions']) assert.ok(key in doc, key);
  assert.equal(doc.training, undefined);
  const cheaper = JSON.parse((await dyna(['backtest', SAMPLE, '--model', MODEL, '--start', '2015-01-01', '--json', '--commission', '0', '--impact', '0', '--significance', '100'])).stdout);
  assert.deepEqual(cheaper.costs, { commission: 0, impact: 0 });
  assert.deepEqual(Object.keys(cheaper.significance), ['method', 'samples', 'pValue', 'absoluteProbabilisticSharpe', 'vsBenchmark', 'verdict', 'warnings']);
  assert.ok(cheaper.significance.warnings.every((w: string) => cheaper.warnings.includes(w)), 'significance warnings are report warnings');
});

test('--report writes report.json, equity.csv, trades.csv and a self-contained report.html', async () => {
  const dir = tempPath('bt-report');
  const run = await dyna(['backtest', SAMPLE, '--model', MODEL, '--start', '2015-01-01', '--report', dir]);
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  const equity = readFileSync(join(dir, 'equity.csv'), 'utf8').trim().split('\n');
  const trades = readFileSync(join(dir, 'trades.csv'), 'utf8').trim().split('\n');
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  assert.equal(equity[0], 'Date,Strategy,Benchmark,Position');
  assert.equal(equity.length - 1, report.period.days);
  assert.equal(trades[0], 'Date,Symbol,Order,Shares,Note');
  assert.equal(trades.length - 1, report.strategy.trades);
  assert.ok(trades.slice(1).every((l) => /^\d{4}-\d{2}-\d{2},sample,(BUY|SELL),\d+,(margin call)?$/.test(l)));
  assert.match(html, /^<!DOCTYPE html>/);
  assert.ok(html.trimEnd().endsWith('</html>'));
  assert.equal((html.match(/<svg /g) ?? []).length, 3, 'equity, drawdown and position charts');
  assert.match(html, /Portfolio value/);
  assert.match(html, /class="(buy|sell)"/, 'trade markers');
  assert.ok(!/<script|https?:\/\/(?!www\.w3\.org)/i.test(html), 'no scripts, no network');
});

test('replaying trades.csv through the simulator gives equity.csv back exactly', async () => {
  const dir = tempPath('replay');
  assert.equal((await dyna(['backtest', SAMPLE, '--model', MODEL, '--start', '2015-01-01', '--report', dir, '--quiet'])).code, 0);
  const equity = readFileSync(join(dir, 'equity.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const dates = equity.map((r) => r[0]);
  const prices = new Map(readFileSync(SAMPLE, 'utf8').trim().split('\n').slice(1).map((l) => [l.split(',')[0], Number(l.split(',')[6])]));
  const orders = readFileSync(join(dir, 'trades.csv'), 'utf8').trim().split('\n').slice(1).map((l) => {
    const [date, , order, shares] = l.split(',');
    return { day: dates.indexOf(date), shares: (order === 'BUY' ? 1 : -1) * Number(shares) };
  });
  const sim = simulateOrders(dates, Float64Array.from(dates, (d) => prices.get(d) as number), orders, { cash: 100_000, costs: { commission: 9.95, impact: 0.005 }, maintenance: 0 });
  assert.deepEqual(Array.from(sim.values, (v) => v.toFixed(2)), equity.map((r) => r[1]));
  assert.deepEqual(Array.from(sim.holdings, String), equity.map((r) => r[3]));
});

test('CI gates exit 6 after printing the report; passing gates exit 0', async () => {
  const random = await dyna(['backtest', SAMPLE, '--model', MODEL, '--start', '2015-01-01', '--min-sharpe', '100']);
  assert.equal(random.code, 6);
  assert.match(random.stdout, /Total return/, 'the report is still printed');
  assert.match(random.stderr, /below target: Sharpe ratio .* is below 100 \(--min-sharpe\)/);
  const easy = await dyna(['backtest', SAMPLE, '--model', MODEL, '--start', '2015-01-01', '--min-sharpe', '-100', '--json']);
  assert.equal(easy.code, 0);
  const doc = JSON.parse(easy.stdout);
  const under = await dyna(['backtest', SAMPLE, '--model', MODEL, '--start', '2015-01-01', '--fail-under-benchmark', '--json']);
  assert.equal(under.code, doc.strategy.totalReturn < doc.benchmark.totalReturn ? 6 : 0);
  // A flat market: any trading loses to buy-and-hold's single trade, so the gate must trip.
  const flat = tempFile('flat.csv', ['Date,Close', ...Array.from({ length: 80 }, (_, i) => `2020-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${(100 + (i % 2) * 0.5).toFixed(2)}`)].join('\n'));
  const flatRun = await dyna(['backtest', flat, '--model', MODEL, '--fail-under-benchmark', '--json']);
  const flatDoc = JSON.parse(flatRun.stdout);
  assert.equal(flatRun.code, flatDoc.strategy.totalReturn < flatDoc.benchmark.totalReturn ? 6 : 0);
});

test('user-controlled strings are escaped in the HTML report', async () => {
  const dir = tempPath('xss');
  const evil = '<script>alert(1)</script>&"';
  const run = await dyna(['backtest', SAMPLE, '--model', MODEL, '--start', '2015-01-01', '--symbol', evil, '--report', dir, '--quiet']);
  assert.equal(run.code, 0, run.stderr);
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  assert.ok(!html.includes('<script>'));
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;'));
  assert.match(readFileSync(join(dir, 'trades.csv'), 'utf8'), /,"<script>alert\(1\)<\/script>&""",/);
});

test('model problems exit 4; data the model cannot use exits 3; nothing is written', async () => {
  const dir = tempPath('never');
  const check = async (args: string[], code: number, message: RegExp) => {
    const run = await dyna(['backtest', ...args, '--report', dir]);
    assert.equal(run.code, code, run.stderr);
    assert.match(run.stderr, message);
    assert.ok(!run.stderr.includes('    at '));
    assert.ok(!existsSync(dir));
  };
  const model = JSON.parse(readFileSync(MODEL, 'utf8'));
  await check([SAMPLE, '--model', tempFile('trunc.json', readFileSync(MODEL, 'utf8').slice(0, 500))], 4, /trunc\.json: not a dyna model: the file is not valid JSON/);
  await check([SAMPLE, '--model', tempFile('v9.json', JSON.stringify({ ...model, schemaVersion: 9 }))], 4, /v9\.json: model schema version 9 is not supported \(this dyna reads versions 1 to 3\)/);
  await check([SAMPLE, '--model', tempFile('other.json', '{"hello": 1}')], 4, /other\.json: not a dyna model file/);
  const badQ = { ...model, learner: { ...model.learner, q: model.learner.q.slice(1) } };
  await check([SAMPLE, '--model', tempFile('badq.json', JSON.stringify(badQ))], 4, /badq\.json: learner Q table must hold/);
  const badThresholds = { ...model, discretizer: { ...model.discretizer, thresholds: [[1]] } };
  await check([SAMPLE, '--model', tempFile('badt.json', JSON.stringify(badThresholds))], 4, /badt\.json: discretizer/);
  await check([SAMPLE, '--model', '/no/model.json'], 5, /\/no\/model\.json: no such file/);
  // A model whose indicators need High/Low, against a file with only a close.
  const stochModel = tempPath('stoch.model.json');
  const config = tempFile('stoch.json', JSON.stringify({ trader: { indicators: [{ name: 'stoch-k', period: 14 }], epochs: 2, minEpochs: 1 } }));
  assert.equal((await dyna(['train', SAMPLE, '--config', config, '--out', stochModel, '--quiet'])).code, 0);
  const closeOnly = tempFile('close-only.csv', readFileSync(SAMPLE, 'utf8').split('\n').map((l) => l.split(',').filter((_, i) => i === 0 || i === 6).join(',')).join('\n'));
  await check([closeOnly, '--model', stochModel], 3, /close-only\.csv: stoch-k\(14\) needs a High column, which this file lacks/);
  await check([SAMPLE, '--model', MODEL, '--min-sharpe', 'x'], 2, /--min-sharpe <x>' argument 'x' is invalid/);
});
