import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataError, parseOrders, simulatePortfolio } from '../../src/index.js';

const rows = (text: string) => text.split('\n').map((l, i) => ({ fields: l.split(','), line: i + 1 }));

test('orders are parsed in any row order and sorted by date, stable within a day; other columns are ignored', () => {
  const orders = parseOrders(rows('Symbol,Date,Order,Shares,Note\nB,2020-01-03,SELL,5,\nA,2020-01-02,buy,10,x\nC,2020-01-03,BUY,7,\nA,2020-01-01,SELL,1,'), 'o.csv');
  assert.deepEqual(orders.map((o) => [o.date, o.symbol, o.shares, o.line]), [
    ['2020-01-01', 'A', -1, 5],
    ['2020-01-02', 'A', 10, 3],
    ['2020-01-03', 'B', -5, 2],
    ['2020-01-03', 'C', 7, 4],
  ]);
});

test('each bad order is a DataError naming the file, the line, the column and the value', () => {
  const bad = (line: string, message: RegExp) => assert.throws(() => parseOrders(rows(`Date,Symbol,Order,Shares\n2020-01-02,A,BUY,1\n${line}`), 'o.csv'), (e: unknown) => e instanceof DataError && message.test(e.message));
  bad('2020-02-30,A,BUY,1', /^o\.csv:3 \(column Date\): malformed date "2020-02-30"/);
  bad('2020-01-03,A,HOLD,1', /^o\.csv:3 \(column Order\): order must be BUY or SELL \(got "HOLD"\)/);
  bad('2020-01-03,A,BUY,1.5', /^o\.csv:3 \(column Shares\): shares must be a positive integer \(got "1\.5"\)/);
  bad('2020-01-03,A,BUY,0', /shares must be a positive integer \(got "0"\)/);
  bad('2020-01-03,A,BUY,-3', /shares must be a positive integer/);
  bad('2020-01-03,,BUY,3', /\(column Symbol\): "" is not a symbol/);
  assert.throws(() => parseOrders(rows('Date,Symbol,Shares\n2020-01-02,A,1'), 'o.csv'), /orders need a Order column/);
});

test('a two-symbol ledger matches hand-computed cash, holdings and values to the cent', () => {
  const dates = ['d0', 'd1', 'd2'];
  const close = new Map([['A', Float64Array.from([10, 11, 12])], ['B', Float64Array.from([50, 40, 45])]]);
  const orders = [
    { line: 2, date: 'd0', symbol: 'A', shares: 100 },
    { line: 3, date: 'd0', symbol: 'B', shares: -20 },
    { line: 4, date: 'd1', symbol: 'A', shares: -100 },
  ];
  const { account: simulation, holdings, bySymbol } = simulatePortfolio({ dates, close }, orders, { cash: 1000, costs: { commission: 1, impact: 0.01 }, maintenance: 0.25 });
  // d0: cash 1000 - (1000 + 1 + 10) + (1000 - 1 - 10) = 978; value 978 + 1000 - 1000 = 978.
  // d1: sell A at 11: cash += 1100 - 1 - 11 = 2066; value 2066 - 20*40 = 1266.  d2: 2066 - 900 = 1166.
  assert.deepEqual(Array.from(simulation.values), [978, 1266, 1166]);
  assert.deepEqual(Array.from(holdings.get('A') ?? []), [100, 0, 0]);
  assert.deepEqual(Array.from(holdings.get('B') ?? []), [-20, -20, -20]);
  assert.equal(simulation.trades.length, 3);
  assert.equal(simulation.commissions, 3);
  assert.equal(simulation.trades[1].symbol, 'B');
  assert.deepEqual(Array.from(simulation.netValue), [0, -800, -900], 'the net value of the positions, in money');
  assert.deepEqual(bySymbol.get('A')?.trades.map((t) => t.shares), [100, -100]);
});

test('a portfolio margin call closes every position, ignores later orders, and keeps equity at zero or above', () => {
  const dates = ['d0', 'd1', 'd2'];
  const close = new Map([['A', Float64Array.from([10, 30, 31])]]);
  const orders = [{ line: 2, date: 'd0', symbol: 'A', shares: -100 }, { line: 3, date: 'd2', symbol: 'A', shares: -10 }];
  const { account: simulation } = simulatePortfolio({ dates, close }, orders, { cash: 1000, costs: { commission: 0, impact: 0 }, maintenance: 0.25 });
  // d1: equity 2000 - 3000 = -1000: called, closed at 30; shown as 0.
  assert.equal(simulation.marginCall?.date, 'd1');
  assert.equal(simulation.marginCall?.equity, 0);
  assert.deepEqual(Array.from(simulation.values), [1000, 0, 0]);
  assert.equal(simulation.trades.length, 2, 'the order on d2 was not executed');
});
