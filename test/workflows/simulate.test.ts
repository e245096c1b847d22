import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backtest, DataError, InvalidOptionError, reportFileContents, simulate } from '../../src/index.js';
import { SAMPLE } from '../support/paths.js';
import { sampleModel } from '../support/models.js';
import { tempFile, tempPath } from '../support/temp.js';

const dir = tempPath('sim-prices');
mkdirSync(dir);
const days = ['2011-01-03', '2011-01-04', '2011-01-05', '2011-01-06', '2011-01-07'];
const write = (symbol: string, closes: number[], skip = -1) => writeFileSync(join(dir, `${symbol}.csv`), `Date,Close\n${days.map((d, i) => (i === skip ? '' : `${d},${closes[i]}\n`)).join('')}`);
write('AAA', [10, 11, 12, 13, 14]);
write('BBB', [100, 90, 95, 100, 110], 2);
write('SPY', [50, 51, 52, 53, 54]);

test('unsorted multi-symbol orders are replayed to the cent, with holdings per symbol in equity.csv', async () => {
  const orders = tempFile('o1.csv', 'Date,Symbol,Order,Shares\n2011-01-06,AAA,SELL,100\n2011-01-03,AAA,BUY,100\n2011-01-04,BBB,SELL,10\n');
  const open = await simulate({ orders, prices: dir, commission: 1, impact: 0.01, cash: 10000, benchmark: 'SPY' });
  assert.equal(open.period.days, 5, 'the BBB short is still open after the last order: marked to the end of the data');
  assert.equal(open.strategy.endValue, 10065);
  const doc = await simulate({ orders, prices: dir, commission: 1, impact: 0.01, cash: 10000, benchmark: 'SPY', end: '2011-01-06' });
  assert.equal(doc.command, 'simulate');
  assert.equal(doc.period.days, 4, 'to --end on the trading days of the price files');
  // cash: 10000 - 1000 - 1 - 10 = 8989; +900 - 1 - 9 = 9879; +1300 - 1 - 13 = 11165; end: 11165 - 10*100 = 10165.
  assert.equal(doc.strategy.endValue, 10165);
  assert.equal(doc.benchmarkName, 'buy-and-hold SPY');
  assert.ok('benchmark' in doc && doc.benchmark.trades === 1);
  assert.deepEqual(doc.inputs, [join(dir, 'AAA.csv'), join(dir, 'BBB.csv'), join(dir, 'SPY.csv')]);
  const files = reportFileContents(doc, doc.views);
  const equity = files['equity.csv'].trim().split('\n');
  assert.equal(equity[0], 'Date,Strategy,Benchmark,AAA,BBB');
  assert.equal(equity[2], `2011-01-04,10079.00,${equity[2].split(',')[2]},100,-10`);
  assert.deepEqual(files['trades.csv'].trim().split('\n').slice(1), ['2011-01-03,AAA,BUY,100,', '2011-01-04,BBB,SELL,10,', '2011-01-06,AAA,SELL,100,']);
  const alone = await simulate({ orders, prices: dir });
  assert.ok(!('benchmark' in alone) && !('excess' in alone), 'no benchmark without one asked for');
});

test('a bad order is a DataError naming the orders file, the line and the value', async () => {
  const cases: Array<[string, RegExp]> = [
    ['2011-01-03,ZZZ,BUY,1', /o-bad\.csv:2 \(column Symbol\): no price file for ZZZ/],
    ['2011-01-03,AAA,SHORT,1', /o-bad\.csv:2 \(column Order\): order must be BUY or SELL \(got "SHORT"\)/],
    ['2011-01-03,AAA,BUY,2.5', /o-bad\.csv:2 \(column Shares\): shares must be a positive integer \(got "2\.5"\)/],
    ['2011-13-03,AAA,BUY,1', /o-bad\.csv:2 \(column Date\): malformed date "2011-13-03"/],
    ['2011-01-05,BBB,BUY,1', /o-bad\.csv:2 \(column Date\): BBB has no price on 2011-01-05/],
    ['2011-01-08,AAA,BUY,1', /o-bad\.csv:2 \(column Date\): AAA has no price on 2011-01-08/],
  ];
  for (const [line, message] of cases) {
    const orders = tempFile('o-bad.csv', `Date,Symbol,Order,Shares\n${line}\n`);
    await assert.rejects(simulate({ orders, prices: dir }), (e: unknown) => e instanceof DataError && e.line === 2 && message.test(e.message));
  }
  const good = tempFile('o-good.csv', 'Date,Symbol,Order,Shares\n2011-01-03,AAA,BUY,1\n');
  await assert.rejects(simulate({ orders: good, prices: dir, benchmark: 'QQQ' }), (e: unknown) => e instanceof InvalidOptionError && e.option === 'benchmark' && /QQQ: no price file/.test(e.message));
  await assert.rejects(simulate({ orders: good, prices: dir, benchmark: '$(rm -rf)' }), /benchmark must be a symbol/);
});

test("simulating a backtest's trades.csv over the same days gives the backtest's end value to the cent", async () => {
  const tested = await backtest({ prices: SAMPLE, model: await sampleModel(5), start: '2015-01-01' });
  assert.ok(tested.strategy.trades > 2);
  const orders = tempFile('bt-trades.csv', reportFileContents(tested, tested.views)['trades.csv']);
  const simulated = await simulate({ orders, prices: join(SAMPLE, '..'), start: tested.period.start, end: tested.period.end });
  assert.equal(simulated.period.days, tested.period.days);
  assert.equal(simulated.strategy.endValue.toFixed(2), tested.strategy.endValue.toFixed(2));
});

test('--benchmark of a symbol the orders trade holds the most shares they hold of it, and says when that is levered', async () => {
  const orders = tempFile('o-bench.csv', 'Date,Symbol,Order,Shares\n2011-01-03,AAA,BUY,100\n2011-01-05,AAA,BUY,200\n2011-01-07,AAA,SELL,300\n');
  const doc = await simulate({ orders, prices: dir, commission: 0, impact: 0, cash: 10000, benchmark: 'AAA' });
  assert.equal(doc.benchmarkName, 'buy-and-hold 300 AAA');
  assert.ok('benchmark' in doc && doc.benchmark.endValue === 10000 + 300 * (14 - 10));
  const levered = await simulate({ orders, prices: dir, commission: 0, impact: 0, cash: 2000, maintenance: 0, benchmark: 'AAA' });
  assert.ok(levered.warnings.includes('the benchmark holds 300 AAA (the most the orders hold), up to 1.50x its equity: it is levered as the orders are'), levered.warnings.join('\n'));
});
