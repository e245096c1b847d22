import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { backtest, DataError, IoError, ModelError, reportFileContents, simulateOrders } from '../../src/index.js';
import { SAMPLE } from '../support/paths.js';
import { sampleModel } from '../support/models.js';
import { tempFile, tempPath } from '../support/temp.js';
import { openModel } from '../../src/workflows/saved-model.js';
import { loadPrices } from '../../src/data/index.js';
import { backtestPolicy, prepareData } from '../../src/strategy/index.js';
import { timingTest, unitsOf } from '../../src/evaluation/index.js';
import { createRng } from '../../src/rng.js';

const OUT_OF_SAMPLE = { prices: SAMPLE, start: '2015-01-01' } as const;

test('the document has the fields of train\u2019s, over the chosen period, with the model\u2019s costs unless given', async () => {
  const model = await sampleModel(8);
  const doc = await backtest({ ...OUT_OF_SAMPLE, model });
  assert.equal(doc.command, 'backtest');
  assert.equal(doc.symbol, 'sample');
  assert.deepEqual([doc.period.start, doc.period.end], ['2015-01-01', '2015-10-02']);
  assert.deepEqual(doc.costs, { commission: 9.95, impact: 0.005 });
  assert.equal(doc.model, model);
  for (const key of ['strategy', 'benchmark', 'excess', 'period', 'costs', 'conventions']) assert.ok(key in doc, key);
  assert.equal(doc.training, undefined);
  const cheaper = await backtest({ ...OUT_OF_SAMPLE, model, commission: 0, impact: 0, significance: 100 });
  assert.deepEqual(cheaper.costs, { commission: 0, impact: 0 });
  assert.deepEqual(Object.keys(cheaper.significance ?? {}), ['method', 'samples', 'pValue', 'absoluteProbabilisticSharpe', 'vsBenchmark', 'verdict', 'warnings']);
  assert.ok(cheaper.significance?.warnings.every((w) => cheaper.warnings.includes(w)), 'significance warnings are report warnings');
});

test('the report files: report.json is the document, equity.csv and trades.csv one line a day and a trade, one self-contained page', async () => {
  const doc = await backtest({ ...OUT_OF_SAMPLE, model: await sampleModel(8) });
  const files = reportFileContents(doc, doc.views);
  assert.deepEqual(JSON.parse(files['report.json']), JSON.parse(JSON.stringify(doc)));
  const equity = files['equity.csv'].trim().split('\n');
  const trades = files['trades.csv'].trim().split('\n');
  const html = files['report.html'];
  assert.equal(equity[0], 'Date,Strategy,Benchmark,Position');
  assert.equal(equity.length - 1, doc.period.days);
  assert.equal(trades[0], 'Date,Symbol,Order,Shares,Note');
  assert.equal(trades.length - 1, doc.strategy.trades);
  assert.ok(trades.slice(1).every((l) => /^\d{4}-\d{2}-\d{2},sample,(BUY|SELL),\d+,(margin call)?$/.test(l)));
  assert.match(html, /^<!DOCTYPE html>/);
  assert.ok(html.trimEnd().endsWith('</html>'));
  assert.equal((html.match(/<svg /g) ?? []).length, 5, 'equity, excess, drawdown, rolling Sharpe and position charts');
  assert.match(html, /class="(buy|sell)"/, 'trade markers');
  assert.ok(!/<script|https?:\/\/(?!www\.w3\.org)/i.test(html), 'no scripts, no network');
});

test('replaying trades.csv through the simulator gives equity.csv back exactly', async () => {
  const doc = await backtest({ ...OUT_OF_SAMPLE, model: await sampleModel(8) });
  const files = reportFileContents(doc, doc.views);
  const equity = files['equity.csv'].trim().split('\n').slice(1).map((l) => l.split(','));
  const dates = equity.map((r) => r[0]);
  const prices = new Map(readFileSync(SAMPLE, 'utf8').trim().split('\n').slice(1).map((l) => [l.split(',')[0], Number(l.split(',')[6])]));
  const orders = files['trades.csv'].trim().split('\n').slice(1).map((l) => {
    const [date, , order, shares] = l.split(',');
    return { day: dates.indexOf(date), shares: (order === 'BUY' ? 1 : -1) * Number(shares) };
  });
  const sim = simulateOrders(dates, Float64Array.from(dates, (d) => prices.get(d) as number), orders, { cash: 100_000, costs: { commission: 9.95, impact: 0.005 }, maintenance: 0 });
  assert.deepEqual(Array.from(sim.values, (v) => v.toFixed(2)), equity.map((r) => r[1]));
  assert.deepEqual(Array.from(sim.holdings, String), equity.map((r) => r[3]));
});

test('the CI gates: below target with the reason, or undefined when passed', async () => {
  const model = await sampleModel(8);
  const high = await backtest({ ...OUT_OF_SAMPLE, model, minSharpe: 100 });
  assert.equal(high.belowTarget?.option, 'minSharpe');
  assert.match(high.belowTarget?.reason ?? '', /^Sharpe ratio .* is below 100$/);
  assert.equal((await backtest({ ...OUT_OF_SAMPLE, model, minSharpe: -100 })).belowTarget, undefined);
  const under = await backtest({ ...OUT_OF_SAMPLE, model, failUnderBenchmark: true });
  assert.equal(under.belowTarget?.option, under.strategy.totalReturn < under.benchmark.totalReturn ? 'failUnderBenchmark' : undefined);
  // A flat market: any trading loses to buy-and-hold's single trade, so the gate must trip.
  const flat = tempFile('flat.csv', ['Date,Close', ...Array.from({ length: 200 }, (_, i) => `2020-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${(100 + (i % 2) * 0.5).toFixed(2)}`)].join('\n'));
  const flatDoc = await backtest({ prices: flat, model, failUnderBenchmark: true });
  assert.equal(flatDoc.belowTarget !== undefined, flatDoc.strategy.totalReturn < flatDoc.benchmark.totalReturn);
});

test('user-controlled strings are escaped in the HTML report and neutralised in CSV', async () => {
  const evil = '<script>alert(1)</script>&"';
  const doc = await backtest({ ...OUT_OF_SAMPLE, model: await sampleModel(8), symbol: evil });
  const files = reportFileContents(doc, doc.views);
  assert.ok(!files['report.html'].includes('<script>'));
  assert.ok(files['report.html'].includes('&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;'));
  assert.match(files['trades.csv'], /,"<script>alert\(1\)<\/script>&""",/);
});

test('the backtest says when the file is not the training data, and when days were used for training', async () => {
  const model = await sampleModel(3);
  const other = tempPath('OTHER.csv');
  writeFileSync(other, readFileSync(SAMPLE, 'utf8').replace(/,(\d+\.\d\d)\n/g, (_, p) => `,${(Number(p) * 1.01).toFixed(2)}\n`));
  const transfer = await backtest({ prices: other, model, start: '2015-01-01' });
  assert.equal(transfer.symbol, 'OTHER', "the price file's own name");
  assert.ok(transfer.warnings.some((w) => /OTHER\.csv is not the data the model was trained on \(sample\.csv; another file\)/.test(w)));
  const inside = await backtest({ prices: SAMPLE, model, start: '2014-06-01' });
  assert.ok(inside.warnings.some((w) => /^in-sample: \d+ days of this backtest \(2014-06-02 to 2014-12-31\) were used for training/.test(w)));
  assert.equal(inside.inSample?.end, '2014-12-31');
  assert.match(reportFileContents(inside, inside.views)['report.html'], /In-sample:<\/strong> these days were used for training/);
});

test('a corrupt model is a ModelError naming the file; data the model cannot use is a DataError', async () => {
  const path = await sampleModel(8);
  const text = readFileSync(path, 'utf8');
  const model = JSON.parse(text);
  const rejects = (file: string, check: RegExp, kind: new (...args: never[]) => Error = ModelError) => assert.rejects(backtest({ prices: SAMPLE, model: file }), (e: unknown) => e instanceof kind && check.test((e as Error).message));
  await rejects(tempFile('trunc.json', text.slice(0, 500)), /trunc\.json: not a dyna model: the file is not valid JSON/);
  await rejects(tempFile('v9.json', JSON.stringify({ ...model, schemaVersion: 9 })), /v9\.json: model schema version 9 is not supported \(this dyna reads versions 1 to 5\)/);
  await rejects(tempFile('other.json', '{"hello": 1}'), /other\.json: not a dyna model file/);
  await rejects(tempFile('badq.json', JSON.stringify({ ...model, learner: { ...model.learner, q: model.learner.q.slice(1) } })), /badq\.json: learner Q table must hold/);
  await rejects(tempFile('badt.json', JSON.stringify({ ...model, discretizer: { ...model.discretizer, thresholds: [[1]] } })), /badt\.json: discretizer/);
  await rejects('/no/model.json', /\/no\/model\.json: no such file/, IoError);
  const config = tempFile('stoch.json', JSON.stringify({ trader: { indicators: [{ name: 'stoch-k', period: 14 }], epochs: 2, minEpochs: 1 } }));
  const { train } = await import('../../src/index.js');
  const stoch = tempFile('stoch.model.json', (await train({ prices: SAMPLE, config })).modelFile);
  const closeOnly = tempFile('close-only.csv', readFileSync(SAMPLE, 'utf8').split('\n').map((l) => l.split(',').filter((_, i) => i === 0 || i === 6).join(',')).join('\n'));
  await assert.rejects(backtest({ prices: closeOnly, model: stoch }), (e: unknown) => e instanceof DataError && /close-only\.csv: stoch-k\(14\) needs a High column, which this file lacks/.test(e.message));
});

test('sizing: fully invested without leverage by default; size 0.5 keeps exposure near half; the document says which sizing', async () => {
  const model = await sampleModel(5);
  const full = await backtest({ ...OUT_OF_SAMPLE, model });
  assert.deepEqual(full.position, { sizing: 'fraction', size: 1, cash: 100000, maintenance: 0.25 });
  assert.ok((full.strategy.maxLeverage ?? 9) <= 1 + 1e-9 && (full.benchmark.maxLeverage ?? 9) <= 1 + 1e-9, `${full.strategy.maxLeverage}`);
  assert.deepEqual(full.warnings, []);
  // Without volatility targeting, which would scale the half further.
  const half = await backtest({ ...OUT_OF_SAMPLE, model, size: 0.5, volatilityTarget: 0 });
  assert.equal(half.position.sizing === 'fraction' && half.position.size, 0.5);
  const { holdings, prices, values } = half.views.strategy as typeof full.views.benchmark;
  for (let t = 0; t < values.length; t++) {
    if (holdings[t] === 0) continue;
    const exposure = Math.abs(holdings[t] * prices[t]) / values[t];
    assert.ok(exposure >= 0.35 && exposure <= 0.6, `exposure ${exposure} on day ${t}`);
  }
  await assert.rejects(backtest({ ...OUT_OF_SAMPLE, model, size: 0.5, shares: 100 }), /^InvalidOptionError: size and shares cannot be used together/);
});

test('shares re-size a saved policy; a fixed size above 1x equity is warned about once, and a size above 1 is leverage', async () => {
  const model = await sampleModel(5);
  const small = await backtest({ ...OUT_OF_SAMPLE, model, shares: 100 });
  assert.deepEqual(small.position, { sizing: 'shares', shares: 100, cash: 100000, maintenance: 0.25 });
  assert.ok((small.strategy.maxLeverage ?? 1) < 0.2);
  const big = await backtest({ ...OUT_OF_SAMPLE, model, shares: 3000 });
  assert.equal(big.warnings.filter((w) => /gross exposure reached \d+\.\d\dx equity/.test(w)).length, 1, 'once per run');
  const levered = await backtest({ ...OUT_OF_SAMPLE, model, size: 1.5 });
  assert.ok(levered.warnings.some((w) => /^size 1\.5 is leverage/.test(w)));
});

test('--significance times the policy\u2019s levels at each day\u2019s volatility scale, not the scaled units', async () => {
  const path = await sampleModel(8);
  const doc = await backtest({ ...OUT_OF_SAMPLE, model: path, significance: 300 });
  const { model, levels, settings, sizing, rules } = await openModel(path, {});
  const prices = await loadPrices(SAMPLE);
  const data = prepareData(prices.series, settings.trader.indicators, { start: OUT_OF_SAMPLE.start }, SAMPLE);
  const run = backtestPolicy(model.learner.qTable(), model.file.discretizer, data, sizing, rules, levels, settings.market);
  assert.ok(run.scale, 'the default sizing is volatility-targeted');
  const days = { dates: run.strategy.dates, prices: run.strategy.prices };
  const timed = (units: ArrayLike<number>, scale?: ArrayLike<number>) => timingTest([{ ...days, units, ...(scale ? { scale } : {}) }], 300, sizing, rules, createRng(`significance:${settings.trader.seed}`));
  assert.equal(doc.significance?.pValue, timed(run.policy, run.scale));
  assert.notEqual(timed(run.policy, run.scale), timed(unitsOf(run.strategy)), 'the two ways differ on this run');
});
