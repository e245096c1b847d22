import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tradeWindowsContinuously, type WindowPolicy } from '../../src/evaluation/continuous-account.js';
import { buyAndHold } from '../../src/market/simulate.js';
import { THREE_POSITIONS } from '../../src/market/positions.js';
import { randomWalk, RULES } from '../support/random-markets.js';

const SIZING = { kind: 'fraction', size: 1 } as const;
// One market state, three positions, three actions: Q rows of (state, position).
const prefer = (action: number | null) => Float64Array.from({ length: 9 }, (_, i) => (action !== null && i % 3 === action ? 1 : 0));
const LONG = 2;
const FLAT = 1;

function windows(policies: Array<number | null>, days = 60): WindowPolicy[] {
  const market = randomWalk(days * policies.length, 'continuous', 0.1);
  return policies.map((action, k) => ({
    dates: market.dates.slice(k * days, (k + 1) * days),
    prices: market.prices.subarray(k * days, (k + 1) * days),
    q: prefer(action),
    states: new Int32Array(days),
  }));
}

test('windows whose policies all hold long are one buy-and-hold: one trade, and every day counts, each window’s first included', () => {
  const parts = windows([LONG, LONG, LONG]);
  const run = tradeWindowsContinuously(parts, THREE_POSITIONS, SIZING, RULES);
  const held = buyAndHold(run.dates, run.prices, SIZING, RULES);
  assert.equal(run.trades.length, 1);
  assert.equal(run.dates.length, 180);
  assert.deepEqual(Array.from(run.values), Array.from(held.values));
});

test('a window whose policy has no preference keeps the position the previous window ended in; a flat policy sells on its first day', () => {
  const run = tradeWindowsContinuously(windows([LONG, null, FLAT]), THREE_POSITIONS, SIZING, RULES);
  assert.deepEqual(run.trades.map((t) => t.day), [0, 120]);
  assert.ok(run.holdings[119] > 0 && run.holdings[120] === 0);
  // Started flat, a policy without a preference stays flat.
  assert.equal(tradeWindowsContinuously(windows([null, null]), THREE_POSITIONS, SIZING, RULES).trades.length, 0);
});

test('each window’s volatility scale sizes its days', () => {
  const parts = windows([LONG, LONG]);
  parts[1].scale = new Float64Array(60).fill(0.5);
  const run = tradeWindowsContinuously(parts, THREE_POSITIONS, SIZING, RULES);
  assert.equal(run.trades.length, 2, 'bought, then cut to half at the second window');
  assert.ok(run.exposure[60] > 0.45 && run.exposure[60] <= 0.5, `${run.exposure[60]}`);
});

test('days between windows (a step longer than the test) are not held through: the account goes flat at the earlier window’s last close', () => {
  const parts = windows([LONG, LONG]);
  parts[1].follows = false;
  const run = tradeWindowsContinuously(parts, THREE_POSITIONS, SIZING, RULES);
  assert.deepEqual(run.trades.map((t) => t.day), [0, 59, 60]);
  assert.equal(run.holdings[59], 0);
});
