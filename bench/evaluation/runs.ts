/**
 * One evaluation run: train on a period and test on the next, exactly as
 * `dyna train` + `dyna backtest` do (walk-forward: as `dyna walk-forward`
 * does), then score simple baselines on the same test days with the same
 * sizing and costs. Training runs on the job runner's threads; baselines on
 * the main thread.
 */
import type { PriceSeries } from '../../src/data/index.js';
import { walkForwardWindows, bollingerRule, momentumRule, randomPolicy, volatilityManagedRule, type Window } from '../../src/evaluation/index.js';
import { computeIndicator, warmupOf } from '../../src/features/index.js';
import { accountRulesOf, maxLeverage, simulatePositions, sizingOf, type Simulation } from '../../src/market/index.js';
import { computeMetrics } from '../../src/report/index.js';
import { prepareData, type PreparedData } from '../../src/strategy/index.js';
import type { Settings } from '../../src/settings/index.js';
import { createRng } from '../../src/rng.js';
import { simulationsOf, windowsAccount, type JobResult, type JobRunner } from '../../src/workflows/index.js';
import { WALK_FORWARD, type SplitCase } from './markets.js';

const RANDOM_POLICIES = 20;

/** The baselines' excess returns over buy-and-hold on the same test days. */
export interface Baselines {
  flat: number;
  bollinger: number;
  momentum: number;
  /** min(1, 20% / realized 20-day volatility) of a long position, re-sized beyond a 0.25 band. */
  volManaged: number;
  random: number;
}

/** One trained-and-tested split run, as excess returns over buy-and-hold on the test days. */
export interface SplitResult {
  kind: string;
  market: string;
  seed: number;
  testDays: number;
  strategyReturn: number;
  buyAndHoldReturn: number;
  excess: number;
  trades: number;
  costDrag: number;
  sharpe: number | null;
  /** Mean signed position over the test days (1 = always long, -1 = always short). */
  meanPosition: number;
  inSampleReturn: number;
  epochs: number;
  /** Largest gross exposure of the strategy, and its lowest equity as a fraction of the start. */
  maxLeverage: number;
  minEquity: number;
  baselines: Baselines;
}

/** One ticker walked forward with one seed: the out-of-sample run (one account through the windows) against buy-and-hold on the same days. */
export interface WalkForwardResult {
  market: string;
  seed: number;
  windows: number;
  testDays: number;
  strategy: { totalReturn: number; sharpe: number | null; maxDrawdown: number; trades: number; meanPosition: number };
  buyAndHold: { totalReturn: number; sharpe: number | null; maxDrawdown: number };
  /** Sharpe ratios (and drawdowns) of simple rules traded over the same test days. */
  baselines: { momentum: number | null; volManaged: { sharpe: number | null; maxDrawdown: number } };
}

const totalReturn = (sim: Simulation) => sim.values[sim.values.length - 1] / sim.startCash - 1;

function meanPosition(sim: Simulation): number {
  let sum = 0;
  const units = sim.units ?? Float64Array.from(sim.holdings, Math.sign);
  for (const u of units) sum += u;
  return sum / Math.max(1, units.length);
}

function withSeed(settings: Settings, seed: number): Settings {
  return { ...settings, trader: { ...settings.trader, seed } };
}

/** Daily target positions of a rule on the prepared test rows. */
function ruleUnits(test: PreparedData, rule: 'bollinger' | 'momentum' | 'volatility-managed'): ArrayLike<number> {
  const { from, to } = test.period;
  if (rule === 'volatility-managed') return volatilityManagedRule(computeIndicator({ name: 'volatility', period: 20 }, test.series).subarray(from, to));
  if (rule === 'bollinger') return bollingerRule(computeIndicator({ name: 'bollinger-pb', period: 20 }, test.series).subarray(from, to));
  return momentumRule(computeIndicator({ name: 'momentum', period: 20 }, test.series).subarray(from, to));
}

/** Simulates daily units over the prepared test rows with the run's sizing and costs. */
function simulateUnits(test: PreparedData, units: ArrayLike<number>, settings: Settings): Simulation {
  const { from, to } = test.period;
  return simulatePositions(test.series.dates.slice(from, to), test.series.close.subarray(from, to), units, sizingOf(settings.market), accountRulesOf(settings.market));
}

/** Runs every split case with every seed. */
export async function runSplits(cases: SplitCase[], settings: Settings, seeds: number[], runner: JobRunner): Promise<SplitResult[]> {
  const jobs = cases.flatMap((c) => seeds.map((seed) => ({ c, seed })));
  const prepared = cases.map((c) => ({
    train: prepareData(c.series, settings.trader.indicators, { end: c.trainEnd }, c.name),
    test: prepareData(c.series, settings.trader.indicators, { start: c.testStart, end: c.testEnd }, c.name),
  }));
  const results = await runner.run(jobs.length, (i) => {
    const k = Math.floor(i / seeds.length);
    return { settings: withSeed(settings, jobs[i].seed), ...prepared[k], simulations: true };
  });
  return results.map((r, i) => splitResult(jobs[i].c, jobs[i].seed, r, prepared[Math.floor(i / seeds.length)].test, settings));
}

function splitResult(c: SplitCase, seed: number, r: JobResult, test: PreparedData, settings: Settings): SplitResult {
  const { strategy, benchmark } = simulationsOf(r);
  const bh = totalReturn(benchmark);
  const excessOf = (units: ArrayLike<number>) => totalReturn(simulateUnits(test, units, settings)) - bh;
  const rng = createRng(`evaluate-random:${c.name}:${seed}`);
  let random = 0;
  for (let i = 0; i < RANDOM_POLICIES; i++) random += excessOf(randomPolicy(strategy.values.length, 0.05, rng)) / RANDOM_POLICIES;
  let lowest = strategy.startCash;
  for (const v of strategy.values) lowest = Math.min(lowest, v);
  return {
    kind: c.kind,
    market: c.name,
    seed,
    testDays: strategy.values.length,
    strategyReturn: totalReturn(strategy),
    buyAndHoldReturn: bh,
    excess: totalReturn(strategy) - bh,
    trades: strategy.trades.length,
    costDrag: (strategy.commissions + strategy.impactCosts) / strategy.startCash,
    sharpe: r.strategy.sharpe,
    meanPosition: meanPosition(strategy),
    inSampleReturn: r.train.totalReturn,
    epochs: r.train.epochs,
    maxLeverage: maxLeverage(strategy),
    minEquity: lowest / strategy.startCash,
    baselines: { flat: -bh, bollinger: excessOf(ruleUnits(test, 'bollinger')), momentum: excessOf(ruleUnits(test, 'momentum')), volManaged: excessOf(ruleUnits(test, 'volatility-managed')), random },
  };
}

/** Walks every series forward (`--train 504 --test 126`, rolling windows over the whole file) with every seed. */
export async function runWalkForwards(series: PriceSeries[], settings: Settings, seeds: number[], runner: JobRunner): Promise<WalkForwardResult[]> {
  const day = (s: PriceSeries, row: number) => s.dates[row].slice(0, 10);
  const rows = series.map((s) => walkForwardWindows(warmupOf(settings.trader.indicators), s.dates.length, WALK_FORWARD));
  const windows = series.map((s, k) =>
    rows[k].map((w) => ({
      train: prepareData(s, settings.trader.indicators, { start: day(s, w.trainFrom), end: day(s, w.trainTo - 1) }, s.symbol),
      test: prepareData(s, settings.trader.indicators, { start: day(s, w.testFrom), end: day(s, w.testTo - 1) }, s.symbol),
    })),
  );
  const jobs = series.flatMap((_, k) => seeds.flatMap((seed) => windows[k].map((w) => ({ k, seed, w }))));
  const results = await runner.run(jobs.length, (i) => ({ settings: withSeed(settings, jobs[i].seed), ...jobs[i].w, simulations: true }));
  const out: WalkForwardResult[] = [];
  let at = 0;
  for (let k = 0; k < series.length; k++) {
    for (const seed of seeds) {
      const mine = results.slice(at, at + windows[k].length);
      at += windows[k].length;
      out.push(walkForwardResult(series[k].symbol, seed, mine, rows[k], testSpan(series[k], mine, settings), settings));
    }
  }
  return out;
}

/** The prepared rows of every test window at once (first test day to last): the days the rules trade as one account. */
function testSpan(s: PriceSeries, results: JobResult[], settings: Settings): PreparedData {
  return prepareData(s, settings.trader.indicators, { start: results[0].test.start, end: results[results.length - 1].test.end }, s.symbol);
}

function walkForwardResult(market: string, seed: number, results: JobResult[], windows: Window[], tests: PreparedData, settings: Settings): WalkForwardResult {
  // One account through the windows and one buy-and-hold, as `dyna walk-forward` trades them (its own function); the rules likewise.
  const { strategy, benchmark } = windowsAccount(results, windows, settings);
  const momentum = simulateUnits(tests, ruleUnits(tests, 'momentum'), settings);
  const managed = computeMetrics(simulateUnits(tests, ruleUnits(tests, 'volatility-managed'), settings));
  const s = computeMetrics(strategy);
  const b = computeMetrics(benchmark);
  return {
    market,
    seed,
    windows: results.length,
    testDays: strategy.values.length,
    strategy: { totalReturn: s.totalReturn, sharpe: s.sharpe, maxDrawdown: s.maxDrawdown, trades: strategy.trades.length, meanPosition: meanPosition(strategy) },
    buyAndHold: { totalReturn: b.totalReturn, sharpe: b.sharpe, maxDrawdown: b.maxDrawdown },
    baselines: { momentum: computeMetrics(momentum).sharpe, volManaged: { sharpe: managed.sharpe, maxDrawdown: managed.maxDrawdown } },
  };
}
