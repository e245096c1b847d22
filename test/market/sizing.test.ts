import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeMetrics, leverageWarnings } from '../../src/report/index.js';
import { loadDefaultSettings } from '../../src/settings/index.js';
import { accountRulesOf, buyAndHold, leveredTrade, maxLeverage, sharesFor, simulatePositions, simulateTargets, sizingOf, type AccountRules } from '../../src/market/index.js';

const near = (a: number, b: number, eps = 1e-6) => assert.ok(Math.abs(a - b) < eps, `${a} != ${b}`);
const costs = { commission: 9.95, impact: 0.005 };
const rules: AccountRules = { cash: 100_000, costs, maintenance: 0.25 };
const days = (n: number) => Array.from({ length: n }, (_, i) => `2020-01-${String(i + 1).padStart(2, '0')}`);

test('a fraction of equity buys whole shares whose value fits in size x equity after the costs of the trade', () => {
  // (100000 - 9.95) / (100 * 1.005) = 994.92 -> 994 shares.
  assert.equal(sharesFor(1, { kind: 'fraction', size: 1 }, 100_000, 100, costs), 994);
  assert.equal(sharesFor(-1, { kind: 'fraction', size: 0.5 }, 100_000, 100, costs), -Math.floor((0.5 * (100_000 - 9.95)) / (100 * 1.0025)));
  // Reversing from 994 long also pays impact on closing them.
  assert.equal(sharesFor(-1, { kind: 'fraction', size: 1 }, 100_000, 100, costs, 994), -Math.floor((100_000 - 9.95 - 0.005 * 100 * 994) / (100 * 1.005)));
  assert.equal(sharesFor(1, { kind: 'shares', shares: 1000 }, 5, 600, costs), 1000);
  assert.equal(sharesFor(1, { kind: 'fraction', size: 1 }, 0, 100, costs), 0, 'no equity, no position');
  assert.deepEqual(sizingOf({ size: 0.5, shares: null }), { kind: 'fraction', size: 0.5 });
  assert.deepEqual(sizingOf({ size: 1, shares: 1000 }), { kind: 'shares', shares: 1000 });
});

test('a fraction of a position buys that fraction of the equity; growing or shrinking it pays impact on the shares traded only', () => {
  const fraction = { kind: 'fraction', size: 1 } as const;
  // (0.5 * (100000 - 9.95)) / (100 * (1 + 0.5 * 0.005)) = 498.7 -> 498 shares.
  assert.equal(sharesFor(0.5, fraction, 100_000, 100, costs), 498);
  // From 498 to a full position: n*p <= equity - commission - impact*p*(n - 498).
  const full = sharesFor(1, fraction, 100_000, 100, costs, 498);
  assert.equal(full, Math.floor((100_000 - 9.95 + 0.005 * 100 * 498) / (100 * 1.005)));
  assert.ok(full * 100 <= 100_000 - 9.95 - 0.005 * 100 * (full - 498));
  // From a full position down to half: only the shares sold pay impact.
  const half = sharesFor(0.5, fraction, 100_000, 100, costs, 994);
  assert.ok(half < 994 && half * 100 <= 0.5 * (100_000 - 9.95 - 0.005 * 100 * (994 - half)), `${half}`);
  assert.equal(sharesFor(-0.5, { kind: 'shares', shares: 1001 }, 5, 100, costs), -500);
  // A held half position is re-sized back into its band, not to a full one.
  const prices = Float64Array.from([100, 100, 160, 160]);
  const sim = simulatePositions(days(4), prices, [0.5, 0.5, 0.5, 0.5], fraction, { ...rules, rebalance: { below: 0.7, above: 1.05 } });
  assert.equal(sim.holdings[0], 498);
  assert.ok(sim.exposure[3] <= 0.5 * 1.05 + 1e-9, `exposure ${sim.exposure[3]}`);
});

test('positions are sized when opened or reversed, from the equity of that close, and kept in shares while held', () => {
  const prices = Float64Array.from([100, 120, 120, 90, 90]);
  const sim = simulatePositions(days(5), prices, [1, 1, -1, -1, 0], { kind: 'fraction', size: 1 }, rules);
  assert.equal(sim.holdings[0], 994);
  assert.equal(sim.holdings[1], 994, 'held, not re-sized as the price moves');
  const equity2 = sim.values[1]; // before the reversal on day 2, at price 120
  const short = sharesFor(-1, { kind: 'fraction', size: 1 }, equity2, 120, costs, 994);
  assert.equal(sim.holdings[2], short);
  assert.ok(sim.exposure[2] <= 1 && sim.exposure[2] > 0.98, `exposure after the reversal ${sim.exposure[2]}`);
  assert.equal(sim.holdings[4], 0);
  assert.equal(leveredTrade(sim), undefined, 'size 1 is never leverage at a trade');
});

test('fixed shares reproduce the ML4T numbers exactly (the simulator as it was)', () => {
  const prices = Float64Array.from([100, 102, 110, 108, 105]);
  const units = [1, 1, -1, -1, 0];
  const sized = simulatePositions(days(5), prices, units, { kind: 'shares', shares: 1000 }, rules);
  const written = simulateTargets(days(5), prices, units.map((u) => u * 1000), { ...rules, maintenance: 0 });
  assert.deepEqual(Array.from(sized.values), Array.from(written.values));
  near(sized.values[4], 112_845.15);
  assert.equal(sized.marginCall, null);
});

test('a margin call closes the position at that close, records the date and equity, and the run stays flat', () => {
  // Short 994 shares at 100, then the price spikes: equity = cash - 994 p; call when equity <= 0.25 * 994 p.
  const prices = Float64Array.from([100, 130, 165, 170, 90]);
  const sim = simulatePositions(days(5), prices, [-1, -1, -1, -1, -1], { kind: 'fraction', size: 1 }, rules);
  const cash = 100_000 + 994 * 100 - 9.95 - 0.005 * 994 * 100;
  near(sim.values[1], cash - 994 * 130);
  const equityAtCall = cash - 994 * 165;
  assert.ok(equityAtCall <= 0.25 * 994 * 165 && cash - 994 * 130 > 0.25 * 994 * 130, 'the call falls on day 2');
  assert.deepEqual(sim.marginCall, { day: 2, date: days(5)[2], equity: equityAtCall, exposure: (994 * 165) / equityAtCall });
  assert.deepEqual(Array.from(sim.holdings), [-994, -994, 0, 0, 0]);
  assert.equal(sim.trades.at(-1)?.marginCall, true);
  near(sim.values[2], equityAtCall - 9.95 - 0.005 * 994 * 165);
  assert.equal(sim.values[4], sim.values[2], 'flat from then on, though the policy still wants short');
  assert.ok(Array.from(sim.values).every((v) => v >= 0));
});

test('equity never goes below zero, even when a gap wipes the account out', () => {
  const prices = Float64Array.from([100, 400, 50]);
  const sim = simulatePositions(days(3), prices, [-1, -1, -1], { kind: 'fraction', size: 1 }, rules);
  assert.equal(sim.values[1], 0);
  assert.equal(sim.values[2], 0);
  assert.equal(sim.marginCall?.equity, 0);
  assert.equal(sim.marginCall?.day, 1);
});

test('leverage: fixed shares on a high-priced stock are warned about with the largest exposure; buy-and-hold is sized alike', () => {
  const prices = Float64Array.from([600, 610, 620]);
  const sim = buyAndHold(days(3), prices, { kind: 'shares', shares: 1000 }, { ...rules, maintenance: 0 });
  assert.match(leverageWarnings({ kind: 'shares', shares: 1000 }, sim, sim, 0)[0] ?? '', /^strategy: gross exposure reached 6\.\d\dx equity \(on 2020-01-01\)/);
  assert.equal(leveredTrade(sim)?.date, '2020-01-01');
  assert.ok(maxLeverage(sim) > 6);
  const half = buyAndHold(days(3), prices, { kind: 'fraction', size: 0.5 }, rules);
  assert.ok(half.exposure[0] > 0.49 && half.exposure[0] <= 0.5, `${half.exposure[0]}`);
});

test('fraction sizing re-sizes a held position when its exposure leaves the band or passes the size; fixed shares are never re-sized', () => {
  const banded: AccountRules = { ...rules, rebalance: { below: 0.7, above: 1.05 } };
  // A half short: each rise of the price lifts exposure; above 1.05 x its half it is cut back to its half.
  const prices = Float64Array.from([100, 101, 104, 104, 90]);
  const half = simulatePositions(days(5), prices, [-0.5, -0.5, -0.5, -0.5, -0.5], { kind: 'fraction', size: 1 }, banded);
  assert.equal(half.holdings[1], half.holdings[0], 'inside the band: no trade');
  assert.ok(Math.abs(half.holdings[2]) < Math.abs(half.holdings[1]), 'trimmed on day 2');
  // A full short is capped at the size itself: trimmed at each close where it is worth more than equity.
  const sim = simulatePositions(days(5), prices, [-1, -1, -1, -1, -1], { kind: 'fraction', size: 1 }, banded);
  assert.ok(Array.from(sim.exposure).every((e) => e <= 1), `exposure ${Array.from(sim.exposure)}`);
  assert.deepEqual(sim.trades.map((t) => t.day), [0, 1, 2]);
  const fixed = simulatePositions(days(5), prices, [-1, -1, -1, -1, -1], { kind: 'shares', shares: 994 }, banded);
  assert.equal(fixed.trades.length, 1);
  // A trim stays inside one round trip.
  const trips = computeMetrics(sim).roundTrips;
  assert.equal(trips, 1);
});

test('at the default account rules a short on a rising price never carries more exposure than its size at any close', () => {
  const defaults = accountRulesOf(loadDefaultSettings().market);
  const prices = Float64Array.from({ length: 60 }, (_, t) => 100 * 1.004 ** t + (t % 3));
  const short = simulatePositions(days(60), prices, new Float64Array(60).fill(-1), { kind: 'fraction', size: 1 }, defaults);
  assert.ok(maxLeverage(short) <= 1 + 1e-9, `exposure reached ${maxLeverage(short)}`);
  assert.ok(short.trades.length > 1, 'the short was trimmed as the price rose');
  // A smaller size keeps to its band (1.05 x its size), and a long at a size below 1 is not trimmed on every rise.
  const small = simulatePositions(days(60), prices, new Float64Array(60).fill(-1), { kind: 'fraction', size: 0.6 }, defaults);
  assert.ok(maxLeverage(small) <= 0.6 * 1.05 + 1e-9, `exposure reached ${maxLeverage(small)}`);
  const half = buyAndHold(days(60), prices, { kind: 'fraction', size: 0.5 }, defaults);
  assert.ok(maxLeverage(half) <= 0.5 * 1.05 + 1e-9 && half.trades.length <= 3, `${half.trades.length} trades`);
  // Leverage asked for (size 2) is left to the band: a levered long is not trimmed on every dip.
  const dips = Float64Array.from({ length: 60 }, (_, t) => 100 + (t % 2 ? -1 : 1) * 0.5);
  assert.equal(buyAndHold(days(60), dips, { kind: 'fraction', size: 2 }, defaults).trades.length, 1);
  // A scaled-down long on the same rise stays inside its band and under the size: bought once, never trimmed.
  const long = simulatePositions(days(60), prices, new Float64Array(60).fill(0.8), { kind: 'fraction', size: 1 }, defaults);
  assert.equal(long.trades.length, 1);
});
