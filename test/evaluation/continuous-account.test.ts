import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountByWindow, accountSegments, tradeWindowsContinuously, windowSpans, type WindowPolicy } from '../../src/evaluation/continuous-account.js';
import { buyAndHold, simulatePositions } from '../../src/market/simulate.js';
import { THREE_POSITIONS } from '../../src/market/positions.js';
import { volatilityScale } from '../../src/market/volatility-scale.js';
import { randomWalk, RULES, SIZING } from '../support/random-markets.js';

const UNSCALED = { volatilityTarget: 0, volatilityBand: 0, shares: null };
// One market state, three positions, three actions: Q rows of (state, position).
const prefer = (action: number | null) => Float64Array.from({ length: 9 }, (_, i) => (action !== null && i % 3 === action ? 1 : 0));
const LONG = 2;
const FLAT = 1;

function windows(policies: Array<number | null>, days = 60): WindowPolicy[] {
  const market = randomWalk(days * policies.length, 'continuous', 0.1);
  // A volatility that swings, so a fresh scale at each window would differ from one banded through them.
  const volatility = Float64Array.from(market.prices, (_, t) => 0.2 + 0.15 * Math.sin(t / 7));
  return policies.map((action, k) => ({
    dates: market.dates.slice(k * days, (k + 1) * days),
    prices: market.prices.subarray(k * days, (k + 1) * days),
    q: prefer(action),
    states: new Int32Array(days),
    volatility: volatility.subarray(k * days, (k + 1) * days),
  }));
}

test('windows whose policies all hold long are one buy-and-hold: one trade, and every day counts, each window’s first included', () => {
  const { strategy, benchmark } = tradeWindowsContinuously(windows([LONG, LONG, LONG]), THREE_POSITIONS, SIZING, RULES, UNSCALED);
  assert.equal(strategy.trades.length, 1);
  assert.equal(strategy.dates.length, 180);
  assert.deepEqual(Array.from(strategy.values), Array.from(buyAndHold(strategy.dates, strategy.prices, SIZING, RULES).values));
  assert.deepEqual(Array.from(benchmark.values), Array.from(strategy.values));
});

test('a window whose policy has no preference keeps the position the previous window ended in; a flat policy sells on its first day', () => {
  const { strategy } = tradeWindowsContinuously(windows([LONG, null, FLAT]), THREE_POSITIONS, SIZING, RULES, UNSCALED);
  assert.deepEqual(strategy.trades.map((t) => t.day), [0, 120]);
  assert.ok(strategy.holdings[119] > 0 && strategy.holdings[120] === 0);
  // Started flat, a policy without a preference stays flat.
  assert.equal(tradeWindowsContinuously(windows([null, null]), THREE_POSITIONS, SIZING, RULES, UNSCALED).strategy.trades.length, 0);
});

test('the volatility scale keeps its band across window boundaries: a kept position is re-sized only where one band over all the days would', () => {
  const parts = windows([LONG, LONG, LONG]);
  const market = { volatilityTarget: 0.2, volatilityBand: 0.25, shares: null };
  const { strategy } = tradeWindowsContinuously(parts, THREE_POSITIONS, SIZING, RULES, market);
  const all = Float64Array.from(parts.flatMap((w) => Array.from(w.volatility)));
  const once = simulatePositions(strategy.dates, strategy.prices, volatilityScale(all, 0.2, 0.25), SIZING, RULES);
  assert.deepEqual(strategy.trades.map((t) => t.day), once.trades.map((t) => t.day));
  assert.ok(strategy.trades.length > 1, 'the scale moved');
});

test('the account gives its policies\' levels and the scale apart, and its segments carry both for the timing test', () => {
  const parts = windows([LONG, FLAT, LONG]);
  const market = { volatilityTarget: 0.2, volatilityBand: 0.25, shares: null };
  const account = tradeWindowsContinuously(parts, THREE_POSITIONS, SIZING, RULES, market);
  assert.deepEqual(Array.from(account.policy), [...Array(60).fill(1), ...Array(60).fill(0), ...Array(60).fill(1)]);
  assert.ok(account.scale && account.scale.some((s) => s < 1));
  const scaled = Float64Array.from(account.policy, (u, t) => u * account.scale![t]);
  assert.deepEqual(Array.from(simulatePositions(account.strategy.dates, account.strategy.prices, scaled, SIZING, RULES).values), Array.from(account.strategy.values));
  const segments = accountSegments(account, [60, 60, 60]);
  assert.deepEqual(segments.map((s) => [s.units[0], s.scale?.[0], s.dates[0]]), [0, 60, 120].map((t) => [account.policy[t], account.scale![t], account.strategy.dates[t]]));
  // Unscaled sizing has no scale to carry.
  const plain = tradeWindowsContinuously(parts, THREE_POSITIONS, SIZING, RULES, UNSCALED);
  assert.equal(plain.scale, undefined);
  assert.equal(accountSegments(plain, [60, 60, 60])[1].scale, undefined);
});

test('days between windows (a step longer than the test) are not held through, by the account or by buy-and-hold', () => {
  const parts = windows([LONG, LONG]);
  parts[1].afterGap = true;
  const { strategy, benchmark } = tradeWindowsContinuously(parts, THREE_POSITIONS, SIZING, RULES, UNSCALED);
  assert.deepEqual(strategy.trades.map((t) => t.day), [0, 59, 60]);
  assert.deepEqual(benchmark.trades.map((t) => t.day), [0, 59, 60]);
  assert.equal(strategy.holdings[59], 0);
});

test('the account by window: returns from the close before compound to the total, trades add up; spans are consecutive', () => {
  assert.deepEqual(windowSpans([3, 0, 2]), [[0, 3], [3, 3], [3, 5]]);
  const { strategy } = tradeWindowsContinuously(windows([LONG, FLAT, LONG]), THREE_POSITIONS, SIZING, RULES, UNSCALED);
  const byWindow = accountByWindow(strategy, [60, 60, 60]);
  assert.deepEqual(byWindow.map((w) => w.trades), [1, 1, 1]);
  const compounded = byWindow.reduce((g, w) => g * (1 + w.totalReturn), 1);
  assert.ok(Math.abs(compounded - strategy.values[179] / strategy.startCash) < 1e-12);
});

test('a margin call ends the account: later windows do not trade again', () => {
  const parts = windows([LONG, LONG], 40);
  // A short into a doubling price: the margin call comes in the first window.
  parts[0].q = prefer(0);
  parts[0].prices = Float64Array.from({ length: 40 }, (_, t) => 100 * 1.03 ** t);
  parts[1].prices = Float64Array.from({ length: 40 }, (_, t) => 100 * 1.03 ** (40 + t));
  const { strategy } = tradeWindowsContinuously(parts, THREE_POSITIONS, SIZING, { ...RULES, rebalance: undefined }, UNSCALED);
  assert.ok(strategy.marginCall !== null && strategy.marginCall.day < 40);
  assert.ok(strategy.trades.every((t) => t.day <= (strategy.marginCall?.day ?? 0)), 'nothing after the call');
});
