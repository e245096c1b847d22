/**
 * `npm run evaluate`: how well the trader trades on days it never saw.
 *
 * Seeded synthetic markets of several kinds (with a learnable signal and
 * without: random walks in antithetic pairs are the null) and real tickers
 * from ../shared/data/prices (when present), each split by date into a
 * training and a test period, trained with several seeds exactly as
 * `dyna train` + `dyna backtest` do, and compared on the same test days with
 * buy-and-hold, doing nothing, a Bollinger rule, a momentum rule and random policies.
 *
 *   npm run evaluate [-- --config a.json --config b.json] [--quick] [--out file.json]
 *
 * Each --config is a candidate (a settings override, as for `dyna train --config`);
 * without one, the defaults are evaluated. Prints one table per candidate and writes
 * everything as JSON (default reports/evaluation.json).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPrices, type PriceSeries } from '../src/data/index.js';
import { computeIndicator } from '../src/features/index.js';
import { accountRulesOf, maxLeverage, simulatePositions, sizingOf, type Simulation } from '../src/market/index.js';
import { backtestPolicy, prepareData, trainTrader } from '../src/strategy/index.js';
import { loadDefaultSettings, mergeSettings, validateOverride, type Settings, type SettingsOverride } from '../src/settings/index.js';
import { generateMarket, type SyntheticMarketOptions } from '../src/synth/synthetic-market.js';
import { SYNTHETIC } from './markets.js';
import { bollingerRule, momentumRule, randomPolicy } from '../src/evaluation/index.js';
import { computeMetrics } from '../src/report/index.js';
import { createRng } from '../src/rng.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pricesFolder = join(root, '..', 'shared', 'data', 'prices');

/** One market, split by date. */
interface MarketCase {
  kind: string;
  name: string;
  series: PriceSeries;
  /** Last training day and first test day. */
  trainEnd: string;
  testStart: string;
  testEnd?: string;
}

/** One trained-and-tested run with its baselines, as excess returns over buy-and-hold on the test days. */
export interface RunResult {
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
  inSampleReturn: number;
  epochs: number;
  /** Largest gross exposure of the strategy, and its lowest equity as a fraction of the start. */
  maxLeverage: number;
  minEquity: number;
  baselines: { flat: number; bollinger: number; momentum: number; random: number };
}

const TRAIN_DAYS = 700;
const TEST_DAYS = 500;
const SEEDS = [1, 2, 3];
const RANDOM_POLICIES = 20;

const TICKERS = ['AAPL', 'IBM', 'JPM', 'XOM', 'GOOG', 'UNH', 'KO', 'HD', 'MSFT', 'GLD', 'SPY', 'AMZN'];
const SPLITS = [
  { trainStart: '2006-01-01', trainEnd: '2007-12-31', testStart: '2008-01-01', testEnd: '2009-12-31' },
  { trainStart: '2008-01-01', trainEnd: '2009-12-31', testStart: '2010-01-01', testEnd: '2011-12-31' },
];

/** The synthetic markets: every kind's parameter sets; random walks come with their antithetic mirror. */
function syntheticCases(): MarketCase[] {
  const defaults = loadDefaultSettings().synth;
  const cases: MarketCase[] = [];
  for (const { kind, markets } of SYNTHETIC) {
    markets.forEach((params, i) => {
      const options: SyntheticMarketOptions = { ...defaults, days: TRAIN_DAYS + TEST_DAYS + 60, ...params };
      const bars = generateMarket(options, createRng(`evaluate:${kind}:${i}`));
      const series: PriceSeries = { symbol: `${kind}-${i}`, dates: bars.map((b) => b.date), close: Float64Array.from(bars, (b) => b.close) };
      const split = { trainEnd: series.dates[60 + TRAIN_DAYS - 1], testStart: series.dates[60 + TRAIN_DAYS] };
      cases.push({ kind, name: series.symbol, series, ...split });
      if (kind === 'random-walk') {
        // The antithetic path: the same shocks with the opposite sign around the drift line.
        const daily = options.drift / 252;
        const mirror = Float64Array.from(series.close, (p, t) => Math.max(0.01, (options.startPrice ** 2 * Math.exp(2 * daily * t)) / p));
        cases.push({ kind, name: `${series.symbol}-mirror`, series: { ...series, symbol: `${series.symbol}-mirror`, close: mirror }, ...split });
      }
    });
  }
  return cases;
}

/** Real tickers split by date (none when ../shared/data/prices is absent). */
async function realCases(): Promise<MarketCase[]> {
  if (!existsSync(pricesFolder)) return [];
  const cases: MarketCase[] = [];
  for (const ticker of TICKERS) {
    const { series } = await loadPrices(join(pricesFolder, `${ticker}.csv`));
    for (const split of SPLITS) {
      // Keep 60 rows before the training start for warm-up, nothing earlier.
      let first = series.dates.findIndex((d) => d >= split.trainStart);
      first = Math.max(0, first - 60);
      const last = series.dates.findIndex((d) => d > split.testEnd);
      const to = last < 0 ? series.dates.length : last;
      const cut: PriceSeries = { symbol: ticker, dates: series.dates.slice(first, to), close: series.close.slice(first, to) };
      cases.push({ kind: 'real', name: `${ticker} ${split.testStart.slice(0, 4)}-${split.testEnd.slice(0, 4)}`, series: cut, trainEnd: split.trainEnd, testStart: split.testStart, testEnd: split.testEnd });
    }
  }
  return cases;
}

/** Trains and tests one market with one seed, exactly as train + backtest do, and scores the baselines on the test days. */
function runCase(c: MarketCase, settings: Settings, seed: number): RunResult {
  const s: Settings = { ...settings, trader: { ...settings.trader, seed } };
  const train = prepareData(c.series, s.trader.indicators, { end: c.trainEnd }, c.name);
  const result = trainTrader({ ...train, settings: s });
  const test = prepareData(c.series, s.trader.indicators, { start: c.testStart, end: c.testEnd }, c.name);
  const sizing = sizingOf(s.market);
  const rules = accountRulesOf(s.market);
  const { strategy, benchmark } = backtestPolicy(result.learner.qTable(), result.discretizer, test, sizing, rules);
  const totalReturn = (sim: Simulation) => sim.values[sim.values.length - 1] / sim.startCash - 1;
  const bh = totalReturn(benchmark);
  const { from, to } = test.period;
  const prices = test.series.close.subarray(from, to);
  const dates = test.series.dates.slice(from, to);
  const unitsReturn = (units: Int8Array) => totalReturn(simulatePositions(dates, prices, units, sizing, rules)) - bh;
  const percentB = computeIndicator({ name: 'bollinger-pb', period: 20 }, test.series).subarray(from, to);
  const roc = computeIndicator({ name: 'momentum', period: 20 }, test.series).subarray(from, to);
  const rng = createRng(`evaluate-random:${c.name}:${seed}`);
  let random = 0;
  for (let i = 0; i < RANDOM_POLICIES; i++) random += unitsReturn(randomPolicy(prices.length, 0.05, rng)) / RANDOM_POLICIES;
  const { sharpe } = computeMetrics(strategy);
  let lowest = strategy.startCash;
  for (const v of strategy.values) lowest = Math.min(lowest, v);
  return {
    kind: c.kind,
    market: c.name,
    seed,
    testDays: prices.length,
    strategyReturn: totalReturn(strategy),
    buyAndHoldReturn: bh,
    excess: totalReturn(strategy) - bh,
    trades: strategy.trades.length,
    costDrag: (strategy.commissions + strategy.impactCosts) / strategy.startCash,
    sharpe,
    inSampleReturn: totalReturn(result.inSample),
    maxLeverage: maxLeverage(strategy),
    minEquity: lowest / strategy.startCash,
    epochs: result.epochs,
    baselines: { flat: -bh, bollinger: unitsReturn(bollingerRule(percentB)), momentum: unitsReturn(momentumRule(roc)), random },
  };
}

/** Per market kind: wins against buy-and-hold, mean excess returns (strategy and baselines), trades, cost drag, Sharpe. */
export interface KindSummary {
  kind: string;
  runs: number;
  winsVsBuyAndHold: number;
  winsVsBollinger: number;
  meanExcess: number;
  medianExcess: number;
  meanReturn: number;
  meanTrades: number;
  meanEpochs: number;
  medianCostDrag: number;
  meanSharpe: number | null;
  maxLeverage: number;
  minEquity: number;
  baselines: { flat: number; bollinger: number; momentum: number; random: number };
}

function summarize(runs: RunResult[]): KindSummary[] {
  const kinds = [...new Set(runs.map((r) => r.kind)), 'all'];
  return kinds.map((kind) => {
    const rs = kind === 'all' ? runs : runs.filter((r) => r.kind === kind);
    const mean = (f: (r: RunResult) => number) => rs.reduce((s, r) => s + f(r), 0) / rs.length;
    const sharpes = rs.map((r) => r.sharpe).filter((x): x is number => x !== null);
    return {
      kind,
      runs: rs.length,
      winsVsBuyAndHold: rs.filter((r) => r.excess > 0).length,
      winsVsBollinger: rs.filter((r) => r.excess > r.baselines.bollinger).length,
      meanExcess: mean((r) => r.excess),
      medianExcess: median(rs.map((r) => r.excess)),
      meanReturn: mean((r) => r.strategyReturn),
      meanTrades: mean((r) => r.trades),
      meanEpochs: mean((r) => r.epochs),
      medianCostDrag: median(rs.map((r) => r.costDrag)),
      maxLeverage: Math.max(...rs.map((r) => r.maxLeverage)),
      minEquity: Math.min(...rs.map((r) => r.minEquity)),
      meanSharpe: sharpes.length ? sharpes.reduce((s, x) => s + x, 0) / sharpes.length : null,
      baselines: {
        flat: mean((r) => r.baselines.flat),
        bollinger: mean((r) => r.baselines.bollinger),
        momentum: mean((r) => r.baselines.momentum),
        random: mean((r) => r.baselines.random),
      },
    };
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The summary as a Markdown table (the README and docs/evaluation.md show it). */
export function markdownTable(summary: KindSummary[]): string {
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;
  const lines = [
    '| market kind | runs | wins vs B&H | mean excess | median excess | mean return | trades | epochs | median cost drag | Sharpe | max leverage | flat | Bollinger | momentum | random |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const k of summary) {
    lines.push(
      `| ${k.kind} | ${k.runs} | ${k.winsVsBuyAndHold} | ${pct(k.meanExcess)} | ${pct(k.medianExcess)} | ${pct(k.meanReturn)} | ${k.meanTrades.toFixed(1)} | ${k.meanEpochs.toFixed(1)} | ${(k.medianCostDrag * 100).toFixed(2)}% | ` +
        `${k.meanSharpe === null ? 'n/a' : k.meanSharpe.toFixed(2)} | ${k.maxLeverage.toFixed(2)}x | ${pct(k.baselines.flat)} | ${pct(k.baselines.bollinger)} | ${pct(k.baselines.momentum)} | ${pct(k.baselines.random)} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const configs: string[] = [];
  let out = join(root, 'reports', 'evaluation.json');
  let quick = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--config') configs.push(args[++i]);
    else if (args[i] === '--out') out = args[++i];
    else if (args[i] === '--quick') quick = true;
    else throw new Error(`unknown argument ${args[i]} (use --config FILE, --out FILE, --quick)`);
  }
  const defaults = loadDefaultSettings();
  const candidates: Array<{ name: string; settings: Settings }> = configs.length
    ? configs.map((file) => {
        const override = validateOverride(JSON.parse(readFileSync(file, 'utf8')), file) as SettingsOverride;
        return { name: file, settings: mergeSettings(defaults, [{ source: file, override }]) };
      })
    : [{ name: 'defaults', settings: defaults }];
  let cases = [...syntheticCases(), ...(await realCases())];
  const seeds = quick ? SEEDS.slice(0, 1) : SEEDS;
  if (quick) cases = cases.filter((_, i) => i % 2 === 0);
  const document: Record<string, unknown> = { cases: cases.length, seeds, trainDays: TRAIN_DAYS, testDays: TEST_DAYS, candidates: [] as unknown[] };
  for (const candidate of candidates) {
    const started = process.hrtime.bigint();
    const runs = cases.flatMap((c) => seeds.map((seed) => runCase(c, candidate.settings, seed)));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const summary = summarize(runs);
    console.log(`\n${candidate.name}: ${runs.length} runs in ${seconds.toFixed(1)} s (excess = test-period return minus buy-and-hold's, in points)`);
    console.log(markdownTable(summary));
    (document.candidates as unknown[]).push({ name: candidate.name, settings: candidate.settings, summary, runs });
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`\nwrote ${out}`);
}

await main();
