import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dyna, SAMPLE } from '../support/cli.js';
import { tempPath } from '../support/temp.js';

const dir = tempPath('sim-prices');
mkdirSync(dir);
const days = ['2011-01-03', '2011-01-04', '2011-01-05', '2011-01-06', '2011-01-07'];
const write = (symbol: string, closes: number[], skip = -1) =>
  writeFileSync(join(dir, `${symbol}.csv`), `Date,Close\n${days.map((d, i) => (i === skip ? '' : `${d},${closes[i]}\n`)).join('')}`);
write('AAA', [10, 11, 12, 13, 14]);
write('BBB', [100, 90, 95, 100, 110], 2);
write('SPY', [50, 51, 52, 53, 54]);

const orders = (name: string, text: string) => {
  const path = tempPath(name);
  writeFileSync(path, text);
  return path;
};

test('simulate replays unsorted multi-symbol orders to the cent and writes holdings per symbol', async () => {
  const file = orders('o1.csv', 'Date,Symbol,Order,Shares\n2011-01-06,AAA,SELL,100\n2011-01-03,AAA,BUY,100\n2011-01-04,BBB,SELL,10\n');
  const out = tempPath('sim-report');
  const run = await dyna(['simulate', file, '--prices', dir, '--commission', '1', '--impact', '0.01', '--cash', '10000', '--benchmark', 'SPY', '--json', '--report', out]);
  assert.equal(run.code, 0, run.stderr);
  const doc = JSON.parse(run.stdout);
  assert.equal(doc.command, 'simulate');
  assert.equal(doc.period.days, 4, 'first to last order date on the trading days of the price files');
  // cash: 10000 - 1000 - 1 - 10 = 8989; +900 - 1 - 9 = 9879; +1300 - 1 - 13 = 11165; end: 11165 - 10*100 = 10165.
  assert.equal(doc.strategy.endValue, 10165);
  assert.equal(doc.benchmarkName, 'buy-and-hold SPY');
  assert.equal(doc.benchmark.trades, 1);
  const equity = readFileSync(join(out, 'equity.csv'), 'utf8').trim().split('\n');
  assert.equal(equity[0], 'Date,Strategy,Benchmark,AAA,BBB');
  assert.equal(equity[2], '2011-01-04,10079.00,' + equity[2].split(',')[2] + ',100,-10');
  const trades = readFileSync(join(out, 'trades.csv'), 'utf8').trim().split('\n');
  assert.deepEqual(trades.slice(1), ['2011-01-03,AAA,BUY,100,', '2011-01-04,BBB,SELL,10,', '2011-01-06,AAA,SELL,100,']);
  const alone = JSON.parse((await dyna(['simulate', file, '--prices', dir, '--json'])).stdout);
  assert.ok(!('benchmark' in alone) && !('excess' in alone), 'no benchmark without --benchmark');
});

test('bad orders fail before anything is written: one line naming the file, line and value, exit 3, nothing on stdout', async () => {
  const out = tempPath('never');
  const cases: Array<[string, RegExp]> = [
    ['2011-01-03,ZZZ,BUY,1', /o-bad\.csv:2 \(column Symbol\): no price file for ZZZ/],
    ['2011-01-03,AAA,SHORT,1', /o-bad\.csv:2 \(column Order\): order must be BUY or SELL \(got "SHORT"\)/],
    ['2011-01-03,AAA,BUY,2.5', /o-bad\.csv:2 \(column Shares\): shares must be a positive integer \(got "2\.5"\)/],
    ['2011-13-03,AAA,BUY,1', /o-bad\.csv:2 \(column Date\): malformed date "2011-13-03"/],
    ['2011-01-05,BBB,BUY,1', /o-bad\.csv:2 \(column Date\): BBB has no price on 2011-01-05/],
    ['2011-01-08,AAA,BUY,1', /o-bad\.csv:2 \(column Date\): AAA has no price on 2011-01-08/],
  ];
  for (const [line, message] of cases) {
    const run = await dyna(['simulate', orders('o-bad.csv', `Date,Symbol,Order,Shares\n${line}\n`), '--prices', dir, '--report', out]);
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, message);
    assert.equal(run.stderr.trim().split('\n').length, 1);
    assert.equal(run.stdout, '');
  }
  assert.throws(() => readdirSync(out), 'no report folder');
});

test("simulating a backtest's trades.csv over the same days gives the backtest's end value to the cent", async () => {
  const model = tempPath('sim.model.json');
  assert.equal((await dyna(['train', SAMPLE, '--end', '2014-12-31', '--epochs', '5', '--out', model, '--quiet'])).code, 0);
  const report = tempPath('sim-bt');
  const backtest = JSON.parse((await dyna(['backtest', SAMPLE, '--model', model, '--start', '2015-01-01', '--report', report, '--json'])).stdout);
  assert.ok(backtest.strategy.trades > 2);
  const run = await dyna(['simulate', join(report, 'trades.csv'), '--prices', join(SAMPLE, '..'), '--start', backtest.period.start, '--end', backtest.period.end, '--json']);
  assert.equal(run.code, 0, run.stderr);
  const simulated = JSON.parse(run.stdout);
  assert.equal(simulated.period.days, backtest.period.days);
  assert.equal(simulated.strategy.endValue.toFixed(2), backtest.strategy.endValue.toFixed(2));
});
