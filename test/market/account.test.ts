import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Account, buyAndHold, marginCallDue, simulateOrders, simulateTargets } from '../../src/market/index.js';

const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-6, `${a} != ${b}`);
const costs = { commission: 9.95, impact: 0.005 };

test('a trade costs q*p + commission + |q|*p*impact, is recorded, and shorting and covering work the same way', () => {
  const account = new Account(100_000, costs);
  const buy = account.trade(0, 'd0', 1000, 100); // buy 1000 @ 100
  near(account.cash, 100_000 - 100_000 - 9.95 - 500);
  near(account.value(100), 99_490.05);
  assert.deepEqual([buy.day, buy.date, buy.shares, buy.price, buy.commission, buy.impactCost], [0, 'd0', 1000, 100, 9.95, 500]);
  account.trade(1, 'd1', -2000, 110); // long to short
  near(account.cash, -509.95 + 220_000 - 9.95 - 1100);
  assert.equal(account.shares[0], -1000);
  near(account.value(110), 108_380.1);
  near(account.value(100), 118_380.1); // a short gains when the price falls
  account.trade(2, 'd2', 1000, 105); // cover
  near(account.cash, 218_380.1 - 105_000 - 9.95 - 525);
  near(account.commissions, 3 * 9.95);
  near(account.impactCosts, 500 + 1100 + 525);
  assert.equal(account.trades.length, 3);
  near(account.trades.reduce((sum, t) => sum + t.commission + t.impactCost, 0), account.commissions + account.impactCosts);
});

test('several symbols share one cash balance; the margin rule looks at the gross value of the positions', () => {
  const account = new Account(10_000, { commission: 0, impact: 0 }, 2);
  account.trade(0, 'd0', 100, 50, 0, 'A');
  account.trade(0, 'd0', -100, 50, 1, 'B');
  assert.deepEqual(Array.from(account.shares), [100, -100]);
  assert.equal(account.cash, 10_000);
  assert.equal(account.trades[1].symbol, 'B');
  assert.equal(marginCallDue(2_500, 10_000, 0.25), true);
  assert.equal(marginCallDue(2_501, 10_000, 0.25), false);
  assert.equal(marginCallDue(-5, 10_000, 0), false, 'maintenance 0: never');
  assert.equal(marginCallDue(-5, 0, 0.25), false, 'no position, no call');
});

test('simulateTargets records values, holdings and trades day by day, with flat days costing nothing', () => {
  const dates = ['d0', 'd1', 'd2', 'd3', 'd4'];
  const prices = Float64Array.from([100, 102, 110, 108, 105]);
  const sim = simulateTargets(dates, prices, [1000, 1000, -1000, -1000, 0], { cash: 100_000, costs, maintenance: 0 });
  near(sim.values[0], 99_490.05);
  near(sim.values[1], 99_490.05 + 2000);
  near(sim.values[2], 108_380.1);
  near(sim.values[3], 110_380.1);
  near(sim.values[4], 112_845.15);
  assert.deepEqual(Array.from(sim.holdings), [1000, 1000, -1000, -1000, 0]);
  assert.deepEqual(sim.trades.map((t) => [t.date, t.shares, t.price]), [['d0', 1000, 100], ['d2', -2000, 110], ['d4', 1000, 105]]);
  near(sim.trades[1].impactCost, 1100);
  const replay = simulateOrders(dates, prices, sim.trades.map((t) => ({ day: t.day, shares: t.shares })), { cash: 100_000, costs, maintenance: 0 });
  assert.deepEqual(Array.from(replay.values), Array.from(sim.values));
});

test('buy-and-hold buys the position on the first day and pays the same costs', () => {
  const sim = buyAndHold(['a', 'b'], Float64Array.from([50, 60]), { kind: 'shares', shares: 1000 }, { cash: 100_000, costs, maintenance: 0.25 });
  near(sim.values[0], 100_000 - 9.95 - 250);
  near(sim.values[1], 100_000 - 9.95 - 250 + 10_000);
  assert.equal(sim.trades.length, 1);
});
