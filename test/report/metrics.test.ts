import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeMetrics, excessOver, maxDrawdown, roundTrips } from '../../src/report/index.js';
import { simulateTargets, type Simulation } from '../../src/market/index.js';

const near = (a: number | null, b: number, eps = 1e-9) => assert.ok(a !== null && Math.abs(a - b) < eps, `${a} != ${b}`);

function curve(startCash: number, values: number[], holdings = values.map(() => 0), dates = values.map((_, i) => `2021-01-${String(i + 4).padStart(2, '0')}`)): Simulation {
  return { startCash, dates, prices: Float64Array.from(values), values: Float64Array.from(values), holdings: Float64Array.from(holdings), exposure: new Float64Array(values.length), trades: [], commissions: 0, impactCosts: 0, marginCall: null };
}

test('return, risk and ratio metrics match hand-computed values', () => {
  // Daily returns from the start cash 100: +10%, -10%, +22.22%.
  const m = computeMetrics(curve(100, [110, 99, 121]));
  near(m.totalReturn, 0.21);
  assert.equal(m.startValue, 100);
  assert.equal(m.endValue, 121);
  assert.equal(m.days, 3);
  near(m.sharpe, 7.228765761341865, 1e-9);
  near(m.sortino, 20.36700308869265, 1e-9);
  near(m.annualizedVolatility, 0.16266808337776115 * Math.sqrt(252));
  near(m.annualizedReturn, 1.21 ** (252 / 3) - 1, 1e-3);
  near(m.maxDrawdown, 0.1);
  assert.equal(m.maxDrawdownDays, 2, 'peak on day 1, recovered on day 3');
  near(m.cagr, 1.21 ** (365.25 / 2) - 1, 1e-3 * 1.21 ** (365.25 / 2));
  near(m.calmar, (m.annualizedReturn as number) / 0.1, 1e-3);
});

test('max drawdown measures from the running peak and reports an unrecovered fall to the end', () => {
  assert.deepEqual(maxDrawdown([100, 120, 90, 100, 130, 117]), { depth: 0.25, days: 3 });
  assert.deepEqual(maxDrawdown([100, 80, 60]), { depth: 0.4, days: 2 });
  assert.deepEqual(maxDrawdown([1, 2, 3]), { depth: 0, days: 0 });
});

test('undefined metrics are null with a reason, never NaN', () => {
  const m = computeMetrics(curve(100, [100, 100, 100]));
  assert.equal(m.sharpe, null);
  assert.equal(m.undefinedBecause.sharpe, 'zero volatility');
  assert.equal(m.winRate, null);
  assert.equal(m.undefinedBecause.winRate, 'no round trips');
  assert.equal(m.profitFactor, null);
  assert.equal(m.calmar, null);
  assert.equal(m.undefinedBecause.calmar, 'no drawdown');
  assert.ok(!JSON.stringify(m).includes('NaN'));
  assert.ok(!JSON.stringify(m).includes('Infinity'));
});

test('round trips, win rate, best/worst, profit factor, expectancy, exposure and costs', () => {
  const costs = { commission: 10, impact: 0 };
  const prices = Float64Array.from([100, 110, 120, 100, 90, 95]);
  // long on day 0, reverse to short on day 2, flat on day 4, long on day 5 (still open)
  const sim = simulateTargets(['a', 'b', 'c', 'd', 'e', 'f'], prices, [100, 100, -100, -100, 0, 100], { cash: 100_000, costs, maintenance: 0 });
  const trips = roundTrips(sim);
  // Long 100 from 100 to 120: +2000 - 10 (entry) - 5 (half of the reversal's commission) = 1985
  // Short 100 from 120 to 90: +3000 - 5 - 10 = 2985. Open long at 95: 0 - 10 = -10.
  assert.deepEqual(trips.map((t) => [t.shares, t.profit, t.closed]), [[100, 1985, true], [-100, 2985, true], [100, -10, false]]);
  const m = computeMetrics(sim);
  assert.equal(m.trades, 4);
  assert.equal(m.roundTrips, 3);
  near(m.winRate, 2 / 3);
  near(m.bestTrade, 2985);
  near(m.worstTrade, -10);
  near(m.profitFactor, (1985 + 2985) / 10);
  near(m.expectancy, (1985 + 2985 - 10) / 3);
  near(m.exposure, 5 / 6);
  near(m.commissions, 40);
  near(m.totalReturn, (sim.values[5] - 100_000) / 100_000);
  near(sim.values[5] - 100_000, 1985 + 2985 - 10);
});

test('excess is strategy minus benchmark', () => {
  const a = computeMetrics(curve(100, [110, 120]));
  const b = computeMetrics(curve(100, [100, 105]));
  const e = excessOver(a, b);
  near(e.totalReturn, 0.15);
  near(e.sharpe, (a.sharpe as number) - (b.sharpe as number));
  assert.equal(excessOver(computeMetrics(curve(100, [110, 121])), b).sharpe, null, 'null when one side is undefined');
});

test('metrics and the HTML report handle a series of a million days: no spreading, a page of bounded size', async () => {
  const n = 1_000_000;
  const values = Float64Array.from({ length: n }, (_, i) => 100_000 * (1 + 0.1 * Math.sin(i / 500)));
  const holdings = Float64Array.from({ length: n }, (_, i) => (Math.floor(i / 1000) % 2 ? 100 : -100));
  const dates = Array.from({ length: n }, (_, i) => new Date(Date.UTC(1000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));
  const sim: Simulation = { ...curve(100_000, [1]), dates, prices: values, values, holdings, exposure: new Float64Array(n) };
  const m = computeMetrics(sim);
  assert.equal(m.days, n);
  assert.ok(m.maxDrawdown > 0);
  const { renderHtmlReport, buildReport } = await import('../../src/report/index.js');
  const doc = buildReport({ command: 'backtest', symbol: 'M', data: { file: 'm.csv', sha256: 'x' }, costs: { commission: 0, impact: 0 }, position: { sizing: 'fraction', size: 1, cash: 100_000, maintenance: 0.25 }, strategy: sim, benchmark: sim, model: 'm', warnings: [] });
  const html = renderHtmlReport(doc, sim, sim);
  assert.ok(html.length < 2_000_000, `report.html is ${html.length} bytes`);
});
