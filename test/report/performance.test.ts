import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backtest, computeMetrics, drawdownSeries, endGrowth, logGrowth, maxDrawdown, meanAndStd, momentsOf, renderHtmlReport, reportCharts, runDrawdowns, simulationReturns, totalReturn, type Simulation } from '../../src/index.js';
import { SAMPLE } from '../support/paths.js';
import { sampleModel } from '../support/models.js';
import { createRng } from '../../src/rng.js';

const run = (startCash: number, values: number[]): Simulation => ({ startCash, dates: values.map((_, i) => `d${i}`), prices: Float64Array.from(values), values: Float64Array.from(values), holdings: new Float64Array(values.length), exposure: new Float64Array(values.length), trades: [], commissions: 0, impactCosts: 0, marginCall: null });

test('returns are measured from the start cash, so the first day counts; a wiped-out account returns 0 afterwards', () => {
  assert.deepEqual(Array.from(simulationReturns(run(100, [90, 99]))), [90 / 100 - 1, 99 / 90 - 1]);
  assert.deepEqual(Array.from(simulationReturns(run(100, [0, 0]))), [-1, 0]);
  assert.equal(totalReturn(run(100, [90, 120])), 120 / 100 - 1);
  const { mean, std } = meanAndStd([1, 2, 3, 4]);
  assert.deepEqual([mean, std], [2.5, Math.sqrt(5 / 3)]);
  const m = momentsOf([0.01, -0.02, 0.03, 0.01]);
  assert.ok(m !== null && Math.abs(m.sharpe - meanAndStd([0.01, -0.02, 0.03, 0.01]).mean / meanAndStd([0.01, -0.02, 0.03, 0.01]).std) < 1e-15, 'the same sample sd');
});

test('the drawdown chart and maxDrawdown are one definition: from the start cash, the deepest point of the same series', () => {
  // The first day is already below the start cash (its costs): a drawdown measured from the first close would miss it.
  const r = run(100, [95, 97, 90, 99, 101, 96]);
  const series = runDrawdowns(r);
  assert.deepEqual(Array.from(series), [-0.05, -0.03, -0.1, (99 - 100) / 100, 0, (96 - 101) / 101]);
  assert.equal(-Math.min(...series), computeMetrics(r).maxDrawdown);
  assert.deepEqual(maxDrawdown([100, 95, 97, 90, 99, 101, 96]), { depth: 0.1, days: 5 });
  assert.deepEqual(Array.from(drawdownSeries([100, 120, 90, 130])), [0, 0, -0.25, 0]);
});

test('on a real backtest, the drawdown the page draws reaches exactly the reported max drawdown', async () => {
  const doc = await backtest({ prices: SAMPLE, model: await sampleModel(5), start: '2015-01-01' });
  for (const [sim, metrics] of [[doc.views.strategy, doc.strategy], [doc.views.benchmark, doc.benchmark]] as const) {
    assert.equal(-Math.min(...runDrawdowns(sim)), metrics.maxDrawdown);
  }
  // That is the series the page draws.
  const drawn = reportCharts(doc.views.report, doc.views.strategy, doc.views.benchmark).find((c) => c.title.startsWith('Drawdown'));
  assert.deepEqual(drawn?.lines.map((l) => -Math.min(...Array.from(l.values))), [doc.strategy.maxDrawdown, doc.benchmark.maxDrawdown]);
  assert.ok(renderHtmlReport(doc.views.report, doc.views.strategy, doc.views.benchmark).includes('aria-label="Drawdown from the running peak"'));
});

test('maxDrawdown is the deepest point of drawdownSeries and its episode, with or without a start value', () => {
  // The definition it replaces: the drawdown series of [start, ...values], walked from its deepest row.
  const reference = (values: number[]) => {
    const series = drawdownSeries(values);
    let depth = 0;
    let worst = 0;
    for (let i = 0; i < series.length; i++) if (-series[i] > depth) (depth = -series[i]), (worst = i);
    if (depth === 0) return { depth, days: 0 };
    let peak = worst;
    while (series[peak] !== 0) peak--;
    let recovery = worst;
    while (recovery < values.length - 1 && series[recovery] !== 0) recovery++;
    return { depth, days: recovery - peak };
  };
  const rng = createRng('max-drawdown');
  for (let run = 0; run < 200; run++) {
    const values = Array.from({ length: 1 + Math.floor(rng.next() * 60) }, () => Math.round(100 + 20 * rng.normal()));
    if (run % 7 === 0) values.fill(values[0]);
    const start = Math.round(100 + 20 * rng.normal());
    assert.deepEqual(maxDrawdown(values), reference(values));
    assert.deepEqual(maxDrawdown(Float64Array.from(values), start), reference([start, ...values]));
  }
});

test('log growth is log(1 + r), and a period that wipes out equity counts as log(1e-12) rather than -Infinity', () => {
  assert.equal(logGrowth(0), 0);
  assert.equal(logGrowth(0.1), Math.log(1.1));
  assert.equal(logGrowth(-1), Math.log(1e-12));
  assert.equal(logGrowth(-2), Math.log(1e-12));
});

test('end growth is the last value over the start cash, and 1 for a run without days or without start cash', () => {
  assert.equal(endGrowth(run(100, [90, 120])), 1.2);
  assert.equal(endGrowth(run(100, [])), 1);
  assert.equal(endGrowth(run(0, [0, 0])), 1);
});
