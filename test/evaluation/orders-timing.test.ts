import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ordersForHoldings, ordersTimingTest, timingTest } from '../../src/evaluation/index.js';
import { simulatePortfolio } from '../../src/market/index.js';
import { createRng } from '../../src/rng.js';
import { oracle, randomLongFlat, randomWalk, RULES } from '../support/random-markets.js';

test('orders in one symbol are tested exactly as positions of that many shares: the same timings, the same p-value', () => {
  const period = randomWalk(300, 'orders-timing', 0.1);
  for (const [name, units] of [['random', randomLongFlat(300, 0.05, createRng('ot'))], ['oracle', oracle(period.prices)]] as const) {
    const holdings = new Map([['X', Float64Array.from(units, (u) => u * 200)]]);
    const prices = { dates: period.dates, close: new Map([['X', period.prices]]) };
    const orders = ordersTimingTest(prices, holdings, 300, RULES, createRng(name));
    const positions = timingTest([{ ...period, units }], 300, { kind: 'shares', shares: 200 }, RULES, createRng(name));
    assert.equal(orders.pValue, positions, name);
    assert.deepEqual(orders.groups, [['X']]);
  }
});

test('net orders replay the holdings they were made from', () => {
  const period = randomWalk(50, 'net-orders');
  const holdings = new Map([['A', Float64Array.from({ length: 50 }, (_, t) => (t % 7 < 3 ? 10 : 0))], ['B', Float64Array.from({ length: 50 }, (_, t) => (t > 20 ? -5 : 0))]]);
  const orders = ordersForHoldings(period.dates, holdings);
  assert.equal(orders.length, 8 + 7 + 1, "A enters 8 times and leaves 7, B goes short once");
  const run = simulatePortfolio({ dates: period.dates, close: new Map([['A', period.prices], ['B', period.prices]]) }, orders, RULES);
  assert.deepEqual(run.holdings, holdings);
});
