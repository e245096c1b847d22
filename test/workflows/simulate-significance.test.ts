import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { barsToCsv, generateMarket, loadDefaultSettings, reportFileContents, simulate, timingGroups, type SimulateOptions, type Significance, type SyntheticMarketOptions } from '../../src/index.js';
import { createRng } from '../../src/rng.js';
import { oracle, randomLongFlat } from '../support/random-markets.js';
import { tempFile, tempPath } from '../support/temp.js';

const DAYS = 500;
const SHARES = 500;
const dir = tempPath('significance-prices');
mkdirSync(dir);
const defaults = loadDefaultSettings().synth;
/** Seeded random walks of 500 days (a true null: no timing can be skilled), with their dates and closes. */
const MARKETS: Record<string, Partial<SyntheticMarketOptions>> = { FLAT: { drift: 0, volatility: 0.2 }, BULL: { drift: 0.1, volatility: 0.2 }, WILD: { drift: 0.03, volatility: 0.35 } };
const closes = new Map<string, { dates: string[]; prices: Float64Array }>();
for (const [symbol, params] of Object.entries(MARKETS)) {
  const bars = generateMarket({ ...defaults, days: DAYS, ...params }, createRng(`simulate-significance:${symbol}`));
  writeFileSync(join(dir, `${symbol}.csv`), barsToCsv(bars));
  closes.set(symbol, { dates: bars.map((b) => b.date), prices: Float64Array.from(bars, (b) => b.close) });
}

/** An orders file holding `units[t]` x SHARES of `symbol` at each close (the first day included). */
function ordersFile(name: string, symbol: string, units: ArrayLike<number>): string {
  const { dates } = closes.get(symbol) as { dates: string[] };
  const rows = ['Date,Symbol,Order,Shares'];
  let held = 0;
  for (let t = 0; t < units.length; t++) {
    const want = units[t] * SHARES;
    if (want !== held) rows.push(`${dates[t]},${symbol},${want > held ? 'BUY' : 'SELL'},${Math.abs(want - held)}`);
    held = want;
  }
  return tempFile(`${name}.csv`, `${rows.join('\n')}\n`);
}

/** The whole period of a market, against buy-and-hold of it, tested with `samples`. */
async function assess(orders: string, symbol: string, samples: number, extra: Partial<SimulateOptions> = {}) {
  const { dates } = closes.get(symbol) as { dates: string[] };
  return simulate({ orders, prices: dir, start: dates[0], end: dates[DAYS - 1], benchmark: symbol, significance: samples, ...extra });
}

const significanceOf = (doc: { significance?: Significance }) => doc.significance as Significance;

test('a buy-and-hold orders file: timing p = 1, no edge over the benchmark, and a warning instead of a claim', async () => {
  for (const symbol of Object.keys(MARKETS)) {
    const held = await assess(ordersFile(`hold-${symbol}`, symbol, new Int8Array(DAYS).fill(1)), symbol, 500);
    const s = significanceOf(held);
    assert.equal(held.benchmarkName, `buy-and-hold ${SHARES} ${symbol}`, 'the benchmark holds the shares the orders hold');
    assert.ok(s.pValue >= 0.5 && s.vsBenchmark.pValue >= 0.3, `${symbol}: timing p = ${s.pValue}, vs benchmark p = ${s.vsBenchmark.pValue}`);
    assert.equal(s.verdict, `equals buy-and-hold ${SHARES} ${symbol}: there is no timing to judge`);
    assert.ok(held.warnings.some((w) => /is buy-and-hold 500 .*no claim to make/.test(w)), 'the warning reaches the report');
    // Sold on the last day: it pays the exit the benchmark does not, and still has no other timing.
    const sold = significanceOf(await assess(ordersFile(`hold-sell-${symbol}`, symbol, Int8Array.from({ length: DAYS }, (_, t) => (t < DAYS - 1 ? 1 : 0))), symbol, 500));
    assert.ok(sold.pValue >= 0.5 && sold.vsBenchmark.pValue >= 0.3, `${symbol} sold: timing p = ${sold.pValue}, vs benchmark p = ${sold.vsBenchmark.pValue}`);
  }
});

test('20 random long/flat orders files on each of three random walks: each test gives p < 0.05 at most 3 times in 20', async () => {
  for (const symbol of Object.keys(MARKETS)) {
    const below = { timing: 0, benchmark: 0 };
    for (let i = 0; i < 20; i++) {
      const units = randomLongFlat(DAYS, 0.05, createRng(`simulate-random:${symbol}:${i}`));
      const s = significanceOf(await assess(ordersFile(`random-${symbol}-${i}`, symbol, units), symbol, 200));
      if (s.pValue < 0.05) below.timing++;
      if (s.vsBenchmark.pValue < 0.05) below.benchmark++;
    }
    assert.ok(below.timing <= 3 && below.benchmark <= 3, `${symbol}: ${below.timing} timing and ${below.benchmark} vs-benchmark p-values below 0.05 in 20`);
  }
});

test('a look-ahead oracle orders file: both p < 0.01, and report.html shows the significance section', async () => {
  for (const symbol of Object.keys(MARKETS)) {
    const orders = ordersFile(`oracle-${symbol}`, symbol, oracle((closes.get(symbol) as { prices: Float64Array }).prices));
    const doc = await assess(orders, symbol, 999);
    const s = significanceOf(doc);
    assert.ok(s.pValue < 0.01 && s.vsBenchmark.pValue < 0.01, `${symbol}: timing p = ${s.pValue}, vs benchmark p = ${s.vsBenchmark.pValue}`);
    assert.equal(s.verdict, `beats random timing and buy-and-hold ${SHARES} ${symbol}`);
    const html = reportFileContents(doc, doc.views)['report.html'];
    const section = /<section class="significance" id="significance">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    assert.match(section, /<strong>Verdict: beats random timing and buy-and-hold 500 [A-Z]+\.<\/strong>/);
    assert.match(section, /Timing: 999 random timings with the strategy&#39;s own exposure<\/th><td>p = 0\.001<\/td>/);
    assert.match(section, /Excess over buy-and-hold 500 [A-Z]+: stationary block bootstrap, 999 samples, mean block \d+\.\d days<\/th><td>p = 0\.0\d\d<\/td>/);
    assert.match(section, /Absolute probabilistic Sharpe ratio: the strategy&#39;s own returns against Sharpe 0, not against buy-and-hold 500 [A-Z]+<\/th><td>\d\.\d{3}<\/td>/);
    assert.match(section, /Probabilistic Sharpe ratio of the daily excess over buy-and-hold 500 [A-Z]+<\/th><td>\d\.\d{3}<\/td>/);
    assert.match(section, /Timing: random timings with the orders&#39; own exposure/);
  }
});

test('the same orders give the same document; without --benchmark the excess is over cash, and the page and JSON say so', async () => {
  const units = randomLongFlat(DAYS, 0.05, createRng('simulate-det'));
  const orders = ordersFile('det', 'BULL', units);
  const first = await assess(orders, 'BULL', 300);
  assert.deepEqual(first, await assess(orders, 'BULL', 300));
  assert.deepEqual(Object.keys(first.significance ?? {}), ['method', 'samples', 'pValue', 'absoluteProbabilisticSharpe', 'vsBenchmark', 'verdict', 'warnings', 'timedTogether']);
  const copy = await assess(ordersFile('det-copy', 'BULL', units), 'BULL', 300);
  assert.deepEqual(copy.significance, first.significance, 'seeded by the orders, not by the file name');
  const alone = await assess(orders, 'BULL', 300, { benchmark: undefined });
  const s = significanceOf(alone);
  assert.equal(alone.benchmarkName, 'cash');
  assert.ok(!('benchmark' in alone), 'no benchmark in the JSON without one asked for');
  assert.match(s.vsBenchmark.method, /over cash \(no benchmark symbol was given/);
  assert.ok(s.verdict.includes('cash') || s.verdict === 'indistinguishable from random timing', s.verdict);
  assert.equal(s.pValue, significanceOf(first).pValue, 'the timing test does not depend on the benchmark');
  assert.match(reportFileContents(alone, alone.views)['report.html'], /Excess over cash: stationary block bootstrap/);
});

test('symbols traded on the same days are timed together; the others on their own', async () => {
  const { dates } = closes.get('FLAT') as { dates: string[] };
  const rows = ['Date,Symbol,Order,Shares'];
  // A pair: long FLAT and short WILD from day 10 to 60 and from 200 to 300; BULL on days of its own.
  for (const [from, to] of [[10, 60], [200, 300]]) rows.push(`${dates[from]},FLAT,BUY,100`, `${dates[from]},WILD,SELL,100`, `${dates[to]},FLAT,SELL,100`, `${dates[to]},WILD,BUY,100`);
  for (const [from, to] of [[30, 90], [150, 400]]) rows.push(`${dates[from]},BULL,BUY,50`, `${dates[to]},BULL,SELL,50`);
  const doc = await simulate({ orders: tempFile('pair.csv', `${rows.join('\n')}\n`), prices: dir, start: dates[0], end: dates[DAYS - 1], significance: 200 });
  const s = significanceOf(doc);
  assert.deepEqual(s.timedTogether, [['FLAT', 'WILD']]);
  assert.ok(s.pValue > 0 && s.pValue <= 1);
  assert.deepEqual(timingGroups(new Map([['A', [0, 1, 1, 0]], ['B', [0, -2, -2, 0]], ['C', [1, 1, 0, 0]], ['D', [3, 3, 3, 3]]])), [['A', 'B'], ['C'], ['D']]);
  await assert.rejects(simulate({ orders: tempFile('one.csv', `Date,Symbol,Order,Shares\n${dates[0]},FLAT,BUY,1\n`), prices: dir, significance: 0 }), /significance must be an integer in \[1, 100000\] \(got 0\)/);
});
