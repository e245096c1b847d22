import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport, positionSection, csvField, drawdownSeries, equityCsv, escapeHtml, renderHtmlReport, renderTerminalReport, tradesCsv } from '../../src/report/index.js';
import { buyAndHold, simulatePositions, simulateTargets } from '../../src/market/index.js';
import { ticks } from '../../src/report/render/svg.js';

const dates = ['2021-01-04', '2021-01-05', '2021-01-06', '2021-01-07'];
const prices = Float64Array.from([10, 11, 9, 12]);
const costs = { commission: 1, impact: 0 };
const strategy = simulateTargets(dates, prices, [100, 0, -100, 0], { cash: 10_000, costs, maintenance: 0.25 });
const benchmark = buyAndHold(dates, prices, { kind: 'shares', shares: 100 }, { cash: 10_000, costs, maintenance: 0.25 });
const plain = { bold: String, dim: String, green: String, red: String, cyan: String, yellow: String };

function report(symbol: string) {
  return buildReport({ command: 'backtest', symbol, data: { file: `${symbol}.csv`, sha256: 'ab' }, costs, position: { sizing: 'shares', shares: 100, cash: 10_000, maintenance: 0.25 }, strategy, benchmark, model: 'm.json', warnings: ['<b>careful</b>'] });
}

test('escaping covers the five HTML specials; CSV fields are quoted when needed', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  assert.equal(csvField('AAPL'), 'AAPL');
  assert.equal(csvField('A,B "x"'), '"A,B ""x"""');
});

test('equity.csv and trades.csv follow their formats', () => {
  assert.equal(equityCsv(strategy, benchmark).split('\n')[1], '2021-01-04,9999.00,9999.00,100');
  assert.deepEqual(tradesCsv(strategy, 'X').trim().split('\n'), ['Date,Symbol,Order,Shares,Note', '2021-01-04,X,BUY,100,', '2021-01-05,X,SELL,100,', '2021-01-06,X,SELL,100,', '2021-01-07,X,BUY,100,']);
});

test('the HTML report is one self-contained page with escaped text and its charts', () => {
  const html = renderHtmlReport(report('<evil>'), strategy, benchmark);
  assert.ok(!html.includes('<evil>'));
  assert.ok(html.includes('&lt;evil&gt;'));
  assert.ok(html.includes('&lt;b&gt;careful&lt;/b&gt;'));
  assert.equal((html.match(/<svg /g) ?? []).length, 4, 'equity, excess, drawdown, exposure (too short for a rolling Sharpe)');
  assert.ok(!/<script|<link|src=/i.test(html));
  assert.match(html, /Content-Security-Policy/);
});

test('the terminal report aligns its table and draws both curves', () => {
  const text = renderTerminalReport(report('X'), strategy.values, benchmark.values, plain);
  const rows = text.split('\n').filter((l) => /^(Total return|Sharpe ratio|Trades) /.test(l));
  assert.equal(rows.length, 3);
  assert.equal(new Set(rows.map((r) => r.length)).size, 1, 'columns line up');
  assert.match(text, /\*/);
  assert.match(text, /equity: \* strategy {2}\. benchmark/);
});

test('chart helpers: drawdown series and round ticks', () => {
  assert.deepEqual(Array.from(drawdownSeries([100, 120, 90, 130])), [0, 0, -0.25, 0]);
  assert.deepEqual(ticks(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(ticks(-0.3, 0), [-0.3, -0.2, -0.1, 0]);
  assert.ok(!Object.is(ticks(-0.3, 0)[3], -0), 'no negative zero label');
});

test('a margin call shows in the JSON, the terminal summary, the trades file and report.html; exposure is charted', () => {
  const days = ['2021-02-01', '2021-02-02', '2021-02-03', '2021-02-04'];
  const spike = Float64Array.from([100, 130, 170, 120]);
  const rules = { cash: 10_000, costs, maintenance: 0.25 };
  const short = simulatePositions(days, spike, [-1, -1, -1, -1], { kind: 'fraction', size: 1 }, rules);
  const hold = buyAndHold(days, spike, { kind: 'fraction', size: 1 }, rules);
  const doc = buildReport({ command: 'backtest', symbol: 'SPIKE', data: { file: 'spike.csv', sha256: 'ab' }, costs, position: positionSection({ kind: 'fraction', size: 1 }, 10_000, 0.25), strategy: short, benchmark: hold, model: 'm.json', warnings: [] });
  assert.deepEqual(doc.strategy.marginCall, { date: '2021-02-03', equity: short.marginCall?.equity });
  assert.equal(doc.benchmark.marginCall, null);
  assert.ok((doc.strategy.maxLeverage ?? 0) > 3);
  assert.match(renderTerminalReport(doc, short.values, hold.values, plain), /Margin call \(strategy\): position closed on 2021-02-03 at equity [\d,.]+; flat from then on/);
  assert.match(tradesCsv(short, 'SPIKE'), /\n2021-02-03,SPIKE,BUY,\d+,margin call\n$/);
  const html = renderHtmlReport(doc, short, hold);
  assert.match(html, /<strong>Margin call<\/strong>/);
  assert.match(html, /Exposure: position value \/ equity/);
  assert.deepEqual(JSON.parse(JSON.stringify(doc.position)), { sizing: 'fraction', size: 1, cash: 10_000, maintenance: 0.25 });
});
