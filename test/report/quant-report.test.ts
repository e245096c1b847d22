/** What a quantstats or pyfolio reader checks first on report.html, and the figures behind it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backtest, reportFileContents, synth, train, walkForward } from '../../src/index.js';
import { tempFile } from '../support/temp.js';
import { buyAndHold } from '../../src/market/index.js';
import { rollingSharpe, worstDrawdowns } from '../../src/report/performance.js';
import { dateTicks, logTicks } from '../../src/report/render/svg.js';
import { renderSweepReport } from '../../src/report/render/html-sweep.js';
import { sampleModel } from '../support/models.js';
import { SAMPLE } from '../support/paths.js';

test('a backtest page and its JSON name the model: training file, period and main settings, and say it is out of sample', async () => {
  const model = await sampleModel(3);
  const doc = await backtest({ prices: SAMPLE, model, start: '2015-01-01' });
  const info = doc.modelInfo;
  assert.ok(info);
  assert.equal(info.data.file, 'sample.csv');
  assert.equal(info.periods.length, 1);
  assert.equal(info.periods[0].end.slice(0, 10) <= '2014-12-31', true);
  assert.equal(info.settings.learner.dyna, 200);
  const html = reportFileContents(doc, doc.views)['report.html'];
  assert.match(html, /The model replayed/);
  assert.ok(html.includes(`${info.periods[0].start.slice(0, 10)} to ${info.periods[0].end.slice(0, 10)}`), 'the training period');
  assert.match(html, /dyna 200 hallucinated updates per real step; alpha 0\.05, gamma 0\.99/);
  assert.match(html, /bollinger-pb\(20\), momentum\(20\), price-sma\(100\) in 4 buckets each/);
  assert.match(html, /<strong>Out of sample:<\/strong>/);
});

test('equity spanning more than 10x is drawn on a log scale and says so; the trades are listed; the policy is one grid per position', async () => {
  // A strong synthetic cycle: in sample the learner multiplies its money many times over.
  const strong = tempFile('strong.csv', (await synth({ days: 1500, seed: 7, volatility: 0.15, cyclePeriod: 30, cycleAmplitude: 0.05 })).csv);
  // Two indicators, so the policy is drawn as grids (three or more get one compact table).
  const twoIndicators = tempFile('two-indicators.json', JSON.stringify({ trader: { indicators: [{ name: 'bollinger-pb', period: 20 }, { name: 'momentum', period: 20 }] } }));
  const trained = await train({ prices: strong, end: '2014-12-31', epochs: 3, config: twoIndicators });
  assert.ok(trained.strategy.endValue / trained.strategy.startValue > 10);
  const files = reportFileContents(trained, trained.views);
  const html = files['report.html'];
  assert.match(html, /Portfolio value \(log scale\)/);
  assert.match(html, /<h2>Trades<\/h2>/);
  const dates = files['trades.csv'].trim().split('\n').slice(1).map((l) => l.split(',')[0]);
  for (const day of dates.slice(-300)) assert.ok(html.includes(`<td class="text">${day}</td>`), `trade on ${day} listed`);
  assert.equal((html.match(/<table class="policy-grid">/g) ?? []).length, 3, 'short, flat, long');
  assert.match(html, /Monthly and yearly returns[\s\S]*<th>Year<\/th>/);
  assert.match(html, /Rolling Sharpe ratio/);
  assert.match(html, /<h2>Worst drawdowns<\/h2>/);
  assert.match(html, /Excess: strategy \/ buy-and-hold/);
  assert.match(html, /\+[\d]{1,3}(,\d{3})+\.\d\d%/, 'thousands separators');
  assert.equal(trained.drawdowns.length, 5);
  // A calm backtest stays linear.
  const calm = await backtest({ prices: SAMPLE, model: await sampleModel(3), start: '2015-06-01', end: '2015-07-31' });
  assert.doesNotMatch(reportFileContents(calm, calm.views)['report.html'], /Portfolio value \(log scale\)/);
  assert.doesNotMatch(html, /class="value good"|class="good"/, 'no fixed green');
});

test("walk-forward trade statistics are the account's: expectancy x round trips is the equity change; one buy-and-hold trade", async () => {
  const doc = await walkForward({ prices: SAMPLE, train: 300, test: 200, epochs: 3, dyna: 20 });
  const s = doc.strategy;
  const change = s.endValue - s.startValue;
  assert.ok(s.expectancy !== null && s.roundTrips > doc.windows.length);
  assert.ok(Math.abs(s.expectancy * s.roundTrips - change) <= 0.01 * Math.abs(change), `${s.expectancy * s.roundTrips} vs ${change}`);
  assert.equal(doc.benchmark.trades, 1, 'buy-and-hold buys once');
  assert.equal(doc.modelInfo?.periods.length, doc.windows.length);
  const html = reportFileContents(doc, doc.views)['report.html'];
  assert.match(html, /class="axis boundary">2</, 'window boundaries are numbered');
});

test('drawdown episodes, rolling Sharpe, date and log ticks', () => {
  const dates = ['2020-01-01', '2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07'];
  const episodes = worstDrawdowns({ startCash: 100, values: Float64Array.from([110, 99, 121, 100, 110]), dates });
  assert.deepEqual(episodes.map((e) => [e.peak, e.trough, e.recovery, Number(e.depth.toFixed(4))]), [
    ['2020-01-03', '2020-01-06', null, 0.1736],
    ['2020-01-01', '2020-01-02', '2020-01-03', 0.1],
  ]);
  const sharpe = rollingSharpe([0.01, -0.01, 0.02, 0.0, 0.01], 3);
  assert.ok(Number.isNaN(sharpe[1]) && Number.isFinite(sharpe[2]));
  const days = Array.from({ length: 800 }, (_, i) => new Date(Date.UTC(2010, 0, 4) + i * 86_400_000).toISOString().slice(0, 10));
  assert.deepEqual(dateTicks(days).map((t) => t.label), ['Jul 2010', 'Jan 2011', 'Jul 2011', 'Jan 2012'], 'half-years: quarters would be more than 8 ticks');
  assert.deepEqual(dateTicks(days.slice(0, 100)).map((t) => t.label), ['Feb 2010', 'Mar 2010', 'Apr 2010']);
  assert.ok(dateTicks(days).every((t) => days[t.index].slice(8, 10) === '01'), 'ticks on the first day of a month');
  assert.deepEqual(logTicks(90_000, 40_000_000), [100_000, 1_000_000, 10_000_000]);
});

test('the sweep page: heat map, files named in an SVG, the ranked table with the excess over buy-and-hold, and the reality check', () => {
  const line = (file: string, dyna: number, bins: number, ret: number) => ({ file, symbol: file.replace('.csv', ''), seed: 1, params: { dyna, bins }, test: { totalReturn: ret, sharpe: ret * 2, trades: 3 }, benchmark: { totalReturn: 0.1, sharpe: 0.5 } });
  const lines = [line('a.csv', 0, 3, 0.1), line('a.csv', 0, 4, 0.2), line('a.csv', 50, 3, 0.3), line('a.csv', 50, 4, 0.4), line('<b>.csv', 0, 3, -0.1), line('<b>.csv', 0, 4, 0), line('<b>.csv', 50, 3, 0.1), line('<b>.csv', 50, 4, 0.2)];
  const rows = [{ params: { dyna: 50, bins: 4 }, jobs: 2, meanDailyLogExcess: 0.0004, meanExcessReturn: 0.2, meanReturn: 0.3, sdReturn: 0.1, meanSharpe: 0.6, sdSharpe: 0.2, undefinedSharpe: 0, neverTraded: 0, identicalSeeds: true }];
  const realityCheck = { pValue: 0.31, method: "Hansen's SPA", samples: 1000, blockLength: 1, sets: 4, files: 2, days: 500, best: { dyna: 50, bins: 4 } };
  const html = renderSweepReport({ rows, parameterSets: 4, deflatedSharpe: 0.4, realityCheck, notes: ['a <note>'] }, lines);
  assert.match(html, /Mean test Sharpe ratio by dyna \(rows\) and bins \(columns\)/);
  const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
  assert.ok(svgs.some((svg) => svg.includes('a.csv') && svg.includes('&lt;b&gt;.csv')), 'an SVG chart names the files, escaped');
  assert.ok(!html.includes('<b>.csv'));
  assert.match(html, /Reality check: p = 0\.310<\/strong> for &ldquo;the best set \(<code>dyna=50 bins=4<\/code>\) beats buy-and-hold&rdquo;/);
  assert.match(html, /<th>log excess a year<\/th><th>excess over buy-and-hold<\/th>/);
  assert.match(html, /<td>\+10\.08%<\/td><td>\+20\.00%<\/td>/);
  assert.match(html, /jobs that never traded/);
  assert.match(html, /<li>a &lt;note&gt;<\/li>/);
  assert.match(renderSweepReport({ rows, parameterSets: 4, deflatedSharpe: 0.99, realityCheck: null, notes: [] }, lines), /class="warn"><strong>Is the best set more than luck\?/, 'no reality check, no claim');
});

test('buy-and-hold over a period has one trade', () => {
  const run = buyAndHold(['2020-01-01', '2020-01-02'], Float64Array.from([1, 2]), { kind: 'fraction', size: 1 }, { cash: 100, costs: { commission: 0, impact: 0 }, maintenance: 0 });
  assert.equal(run.trades.length, 1);
});
