/**
 * `npm run significance`: does `--significance` measure skill, not exposure?
 *
 * The evidence for issue 19, through the library functions the commands use:
 * 1. the default trader (trained as `dyna train`, tested as `dyna backtest`)
 *    on 8 seeded random walks (no skill is possible: p should be > 0.05), on
 *    11 mean-reverting markets (a learnable signal: p should be < 0.05), with
 *    the market parameters of bench/evaluate.ts and other seeds, and on real
 *    tickers from ../shared/data/prices (train 2006-2009, test 2010-2011);
 * 2. fixed policies on the same test days: buy-and-hold (timing p >= 0.5,
 *    vs-benchmark p >= 0.3), 20 random long/flat policies (p < 0.05 at most
 *    3 times per test) and a look-ahead oracle (both p < 0.01);
 * 3. the time one assessment of 1000 samples takes over 3000 days;
 * 4. through the real binary (bench/significance-binary.ts): orders files by
 *    `dyna simulate --benchmark SYMBOL --significance N` on other random walks
 *    and the real tickers' 2010-2011 (buy-and-hold held and sold at the end:
 *    timing p >= 0.5, vs-benchmark p >= 0.3; 20 random long/flat files: p < 0.05
 *    at most 3 times per test; a look-ahead oracle: both p < 0.01), and
 *    `dyna sweep --json` of 8 settings over groups of 4 random walks
 *    (realityCheck.pValue > 0.05) and of 4 mean-reverting markets (< 0.05).
 *
 *   npm run significance [-- --samples N] [--out file.json] [--no-binary]
 *
 * Prints Markdown tables and writes everything as JSON (default reports/significance.json).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPrices, type PriceSeries } from '../src/data/index.js';
import { accountRulesOf, buyAndHold, simulatePositions, sizingOf, type Simulation } from '../src/market/index.js';
import { backtestPolicy, prepareData, trainTrader } from '../src/strategy/index.js';
import { loadDefaultSettings, type Settings } from '../src/settings/index.js';
import { barsToCsv, generateMarket, type SyntheticMarketOptions } from '../src/synth/synthetic-market.js';
import { assessSignificance, backtestSegment, type Significance } from '../src/evaluation/index.js';
import { createRng } from '../src/rng.js';
import { pricesFolder as pricesFolderOf, SYNTHETIC, TEST_DAYS, TRAIN_DAYS, WARMUP_DAYS } from './evaluation/markets.js';
import { ordersThroughBinary, randomLongFlat, sweepsThroughBinary, type OrdersMarket, type OrdersRow, type SweepRun } from './significance-binary.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The real prices (bench/evaluation/markets.ts finds them), or undefined when absent. */
const pricesFolder = pricesFolderOf(root);

/** bench/evaluate.ts's random-walk and mean-reverting parameters (the seeds differ from its own). */
const marketsOf = (kind: string) => SYNTHETIC.find((k) => k.kind === kind)?.markets ?? [];
const RANDOM_WALKS = marketsOf('random-walk');
const MEAN_REVERTING = marketsOf('mean-reverting');
const TICKERS = ['AAPL', 'IBM', 'JPM', 'XOM', 'GOOG', 'KO', 'HD', 'MSFT', 'SPY', 'GLD'];

/** A market split by date into a training and a test period. */
interface MarketCase {
  kind: string;
  name: string;
  series: PriceSeries;
  trainStart?: string;
  trainEnd: string;
  testStart: string;
  testEnd?: string;
}

/** One assessed run: what it made, what buy-and-hold made, and the significance document. */
interface Row {
  kind: string;
  market: string;
  policy: string;
  trades: number;
  strategyReturn: number;
  buyAndHoldReturn: number;
  significance: Significance;
}

function syntheticCases(): MarketCase[] {
  const defaults = loadDefaultSettings().synth;
  const make = (kind: string, params: Partial<SyntheticMarketOptions>, seed: string): MarketCase => {
    const bars = generateMarket({ ...defaults, days: WARMUP_DAYS + TRAIN_DAYS + TEST_DAYS, ...params }, createRng(seed));
    const series: PriceSeries = { symbol: seed, dates: bars.map((b) => b.date), close: Float64Array.from(bars, (b) => b.close) };
    return { kind, name: seed.replace('significance:', ''), series, trainEnd: series.dates[WARMUP_DAYS + TRAIN_DAYS - 1], testStart: series.dates[WARMUP_DAYS + TRAIN_DAYS] };
  };
  return [
    ...RANDOM_WALKS.flatMap((p, i) => [0, 1].map((j) => make('random-walk', p, `significance:random-walk:${i}:${j}`))),
    ...MEAN_REVERTING.map((p, i) => make('mean-reverting', p, `significance:mean-reverting:${i}`)),
  ];
}

async function realCases(): Promise<MarketCase[]> {
  if (pricesFolder === undefined) return [];
  const cases: MarketCase[] = [];
  for (const ticker of TICKERS) {
    const file = join(pricesFolder, `${ticker}.csv`);
    if (!existsSync(file)) continue;
    const { series } = await loadPrices(file);
    cases.push({ kind: 'real', name: `${ticker} 2010-2011`, series, trainStart: '2006-01-01', trainEnd: '2009-12-31', testStart: '2010-01-01', testEnd: '2011-12-31' });
  }
  return cases;
}

const totalReturn = (sim: Simulation) => sim.values[sim.values.length - 1] / sim.startCash - 1;

/** Trains the default trader as `dyna train` does, backtests it as `dyna backtest` does, and assesses it as `--significance` does. */
function traderRow(c: MarketCase, settings: Settings, samples: number): Row {
  const train = prepareData(c.series, settings.trader.indicators, { start: c.trainStart, end: c.trainEnd }, c.name);
  const result = trainTrader({ ...train, settings });
  const test = prepareData(c.series, settings.trader.indicators, { start: c.testStart, end: c.testEnd }, c.name);
  const sizing = sizingOf(settings.market);
  const rules = accountRulesOf(settings.market);
  const run = backtestPolicy(result.learner.qTable(), result.discretizer, test, sizing, rules, result.levels, settings.market);
  const { strategy, benchmark } = run;
  const significance = assessSignificance({ segments: [backtestSegment(run)], strategy, benchmark, samples, sizing, rules, rng: createRng(`significance:${settings.trader.seed}`) });
  return { kind: c.kind, market: c.name, policy: 'default trader', trades: strategy.trades.length, strategyReturn: totalReturn(strategy), buyAndHoldReturn: totalReturn(benchmark), significance };
}

/** The test days of a case, for fixed policies. */
function testDays(c: MarketCase, settings: Settings): { dates: string[]; prices: Float64Array } {
  const test = prepareData(c.series, settings.trader.indicators, { start: c.testStart, end: c.testEnd }, c.name);
  return { dates: test.series.dates.slice(test.period.from, test.period.to), prices: test.series.close.subarray(test.period.from, test.period.to) };
}

/** A fixed policy over the test days, assessed like a backtest. */
function policyRow(c: MarketCase, settings: Settings, policy: string, units: Int8Array, samples: number, seed: string): Row {
  const { dates, prices } = testDays(c, settings);
  const sizing = sizingOf(settings.market);
  const rules = accountRulesOf(settings.market);
  const strategy = simulatePositions(dates, prices, units, sizing, rules);
  const benchmark = buyAndHold(dates, prices, sizing, rules);
  const significance = assessSignificance({ segments: [{ dates, prices, units }], strategy, benchmark, samples, sizing, rules, rng: createRng(seed) });
  return { kind: c.kind, market: c.name, policy, trades: strategy.trades.length, strategyReturn: totalReturn(strategy), buyAndHoldReturn: totalReturn(benchmark), significance };
}

function table(rows: Row[]): string {
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
  const p = (x: number) => x.toFixed(3);
  const lines = ['| market | policy | trades | return | buy&hold | timing p | vs B&H p | PSR excess | verdict |', '|---|---|---:|---:|---:|---:|---:|---:|---|'];
  for (const r of rows) {
    const s = r.significance;
    const psr = s.vsBenchmark.probabilisticSharpe === null ? 'n/a' : s.vsBenchmark.probabilisticSharpe.toFixed(3);
    lines.push(`| ${r.market} | ${r.policy} | ${r.trades} | ${pct(r.strategyReturn)} | ${pct(r.buyAndHoldReturn)} | ${p(s.pValue)} | ${p(s.vsBenchmark.pValue)} | ${psr} | ${s.verdict} |`);
  }
  return lines.join('\n');
}

function count(rows: Row[], test: (r: Row) => boolean): string {
  return `${rows.filter(test).length} of ${rows.length}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let samples = 1000;
  let out = join(root, 'reports', 'significance.json');
  let binary = true;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--samples') samples = Number(args[++i]);
    else if (args[i] === '--out') out = args[++i];
    else if (args[i] === '--no-binary') binary = false;
    else throw new Error(`unknown argument ${args[i]} (use --samples N, --out FILE, --no-binary)`);
  }
  const settings = loadDefaultSettings();
  const cases = [...syntheticCases(), ...(await realCases())];
  const started = process.hrtime.bigint();
  const trader = cases.map((c) => traderRow(c, settings, samples));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`\n## The default trader (${trader.length} markets, ${samples} samples, ${seconds.toFixed(1)} s)\n`);
  console.log(table(trader));
  const walks = trader.filter((r) => r.kind === 'random-walk');
  const reverting = trader.filter((r) => r.kind === 'mean-reverting');
  console.log(`\nrandom walks: timing p > 0.05 in ${count(walks, (r) => r.significance.pValue > 0.05)}; vs B&H p > 0.05 in ${count(walks, (r) => r.significance.vsBenchmark.pValue > 0.05)} (target: at least 7 of 8)`);
  console.log(`mean-reverting: timing p < 0.05 in ${count(reverting, (r) => r.significance.pValue < 0.05)}; vs B&H p < 0.05 in ${count(reverting, (r) => r.significance.vsBenchmark.pValue < 0.05)} (target: at least 9 of 11)`);

  // Fixed policies on a random walk, a mean-reverting market and the real tickers' test days.
  const fixedCases = [cases[0], cases[8], ...cases.filter((c) => c.kind === 'real')];
  const fixed: Row[] = [];
  for (const c of fixedCases) {
    const { prices } = testDays(c, settings);
    fixed.push(policyRow(c, settings, 'buy-and-hold', new Int8Array(prices.length).fill(1), samples, `bh:${c.name}`));
    const oracle = Int8Array.from(prices, (p, t) => (t + 1 < prices.length && prices[t + 1] > p ? 1 : 0));
    fixed.push(policyRow(c, settings, 'look-ahead oracle', oracle, samples, `oracle:${c.name}`));
  }
  console.log(`\n## Fixed policies on the test days\n`);
  console.log(table(fixed));
  const bh = fixed.filter((r) => r.policy === 'buy-and-hold');
  const oracles = fixed.filter((r) => r.policy === 'look-ahead oracle');
  console.log(`\nbuy-and-hold: timing p >= 0.5 in ${count(bh, (r) => r.significance.pValue >= 0.5)}, vs B&H p >= 0.3 in ${count(bh, (r) => r.significance.vsBenchmark.pValue >= 0.3)}`);
  console.log(`look-ahead oracle: both p < 0.01 in ${count(oracles, (r) => r.significance.pValue < 0.01 && r.significance.vsBenchmark.pValue < 0.01)}`);

  const random: Array<{ market: string; timing: number; benchmark: number }> = [];
  for (const c of fixedCases) {
    const { prices } = testDays(c, settings);
    const rows = Array.from({ length: 20 }, (_, i) => policyRow(c, settings, `random ${i}`, randomLongFlat(prices.length, createRng(`random:${c.name}:${i}`)), samples, `random-test:${c.name}:${i}`));
    random.push({ market: c.name, timing: rows.filter((r) => r.significance.pValue < 0.05).length, benchmark: rows.filter((r) => r.significance.vsBenchmark.pValue < 0.05).length });
  }
  console.log(`\n## 20 random long/flat policies per market: how many get p < 0.05 (target: at most 3 per test)\n`);
  console.log(['| market | timing p < 0.05 | vs B&H p < 0.05 |', '|---|---:|---:|', ...random.map((r) => `| ${r.market} | ${r.timing} | ${r.benchmark} |`)].join('\n'));

  // Speed: one assessment of 1000 samples over 3000 days of a random walk, for a policy with about 75 holding periods.
  const speed = generateMarket({ ...settings.synth, days: 3000 }, createRng('significance:speed'));
  const dates = speed.map((b) => b.date);
  const prices = Float64Array.from(speed, (b) => b.close);
  const units = randomLongFlat(3000, createRng('speed-policy'));
  const sizing = sizingOf(settings.market);
  const rules = accountRulesOf(settings.market);
  const strategy = simulatePositions(dates, prices, units, sizing, rules);
  const benchmark = buyAndHold(dates, prices, sizing, rules);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    assessSignificance({ segments: [{ dates, prices, units }], strategy, benchmark, samples: 1000, sizing, rules, rng: createRng('speed') });
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  times.sort((a, b) => a - b);
  console.log(`\n1000 samples over 3000 days: median ${times[2].toFixed(2)} s (min ${times[0].toFixed(2)}, max ${times[4].toFixed(2)}; 5 runs)`);

  const throughBinary = binary ? await binaryChecks(samples) : undefined;

  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ samples, trainDays: TRAIN_DAYS, testDays: TEST_DAYS, trader, fixed, random, secondsFor1000Over3000Days: times[2], throughBinary }, null, 2)}\n`);
  console.log(`\nwrote ${out}`);
}

/** The checks through the real binary: orders files by `dyna simulate --significance`, sweeps' realityCheck by `dyna sweep --json`. */
async function binaryChecks(samples: number): Promise<{ orders: OrdersRow[]; sweeps: SweepRun[] }> {
  const bin = join(root, 'bin', 'dyna.js');
  const work = mkdtempSync(join(tmpdir(), 'dyna-orders-markets-'));
  try {
    const markets: OrdersMarket[] = RANDOM_WALKS.map((p, i) => {
      const bars = generateMarket({ ...loadDefaultSettings().synth, days: TEST_DAYS, ...p }, createRng(`bench-orders:walk:${i}`));
      const symbol = `WALK${i}`;
      writeFileSync(join(work, `${symbol}.csv`), barsToCsv(bars));
      return { name: `random walk ${i}`, symbol, folder: work, dates: bars.map((b) => b.date), closes: Float64Array.from(bars, (b) => b.close) };
    });
    for (const c of await realCases()) {
      const from = c.series.dates.findIndex((d) => d >= c.testStart);
      const to = c.series.dates.findIndex((d) => d > (c.testEnd as string));
      markets.push({ name: c.name, symbol: c.series.symbol, folder: pricesFolder as string, dates: c.series.dates.slice(from, to).map((d) => d.slice(0, 10)), closes: c.series.close.slice(from, to) });
    }
    const started = process.hrtime.bigint();
    const orders = ordersThroughBinary(bin, markets, samples);
    const ordersSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`\n## Orders files through \`dyna simulate --benchmark SYMBOL --significance ${samples}\` (${orders.length} runs, ${ordersSeconds.toFixed(0)} s)\n`);
    const p = (x: number) => x.toFixed(3);
    const lines = ['| market | buy&hold timing p | vs B&H p | sold at end: timing p | vs B&H p | random: timing p < 0.05 | vs B&H p < 0.05 | oracle timing p | vs B&H p |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|'];
    for (const m of markets) {
      const of = (name: string) => orders.find((r) => r.market === m.name && r.orders === name)?.significance as Significance;
      const random = orders.filter((r) => r.market === m.name && r.orders.startsWith('random'));
      const [held, sold, oracle] = [of('buy-and-hold'), of('buy-and-hold, sold at the end'), of('look-ahead oracle')];
      lines.push(`| ${m.name} | ${p(held.pValue)} | ${p(held.vsBenchmark.pValue)} | ${p(sold.pValue)} | ${p(sold.vsBenchmark.pValue)} | ${random.filter((r) => r.significance.pValue < 0.05).length} of 20 | ${random.filter((r) => r.significance.vsBenchmark.pValue < 0.05).length} of 20 | ${p(oracle.pValue)} | ${p(oracle.vsBenchmark.pValue)} |`);
    }
    console.log(lines.join('\n'));
    const named = (name: string) => orders.filter((r) => r.orders === name).map((r) => r.significance);
    const held = [...named('buy-and-hold'), ...named('buy-and-hold, sold at the end')];
    const oracles = named('look-ahead oracle');
    const randomBelow = (test: (s: Significance) => number) => markets.map((m) => orders.filter((r) => r.market === m.name && r.orders.startsWith('random') && test(r.significance) < 0.05).length);
    const most = (counts: number[]) => `at most 3 of 20 on ${counts.filter((c) => c <= 3).length} of ${counts.length} markets (most: ${Math.max(...counts)})`;
    console.log(`\nbuy-and-hold files: timing p >= 0.5 in ${held.filter((x) => x.pValue >= 0.5).length} of ${held.length}, vs B&H p >= 0.3 in ${held.filter((x) => x.vsBenchmark.pValue >= 0.3).length} of ${held.length}`);
    console.log(`random long/flat files: timing p < 0.05 ${most(randomBelow((x) => x.pValue))}; vs B&H ${most(randomBelow((x) => x.vsBenchmark.pValue))}`);
    console.log(`look-ahead oracle files: both p < 0.01 in ${oracles.filter((x) => x.pValue < 0.01 && x.vsBenchmark.pValue < 0.01).length} of ${oracles.length}`);
    const sweeps = sweepsThroughBinary(bin, sweepGroups(), ['bins=3,4,5,6', 'dyna=0,200'], 2);
    console.log(`\n## Sweeps of 8 settings (bins=3,4,5,6 x dyna=0,200) over 4 markets through \`dyna sweep --json\`\n`);
    console.log(['| markets | realityCheck.pValue | best set | its log excess a year | seconds |', '|---|---:|---|---:|---:|', ...sweeps.map((r) => `| ${r.name} | ${r.pValue === null ? 'null' : p(r.pValue)} | ${JSON.stringify(r.best)} | ${(r.bestLogExcessPerYear * 100).toFixed(1)}% | ${r.seconds.toFixed(1)} |`)].join('\n'));
    const walks = sweeps.filter((r) => r.kind === 'random-walk');
    const reverting = sweeps.filter((r) => r.kind === 'mean-reverting');
    console.log(`\nrandom walks: realityCheck.pValue > 0.05 in ${walks.filter((r) => r.pValue !== null && r.pValue > 0.05).length} of ${walks.length}; mean-reverting: < 0.05 in ${reverting.filter((r) => r.pValue !== null && r.pValue < 0.05).length} of ${reverting.length}`);
    return { orders, sweeps };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Groups of 4 markets for the sweeps: bench/evaluate.ts's random walks (three seeds) and its 11 mean-reverting markets in three groups. */
function sweepGroups(): Array<{ kind: string; name: string; markets: Array<Partial<SyntheticMarketOptions> & { seed: number }> }> {
  const walks = [0, 1, 2].map((g) => ({ kind: 'random-walk', name: `random walks, seeds ${101 + 10 * g}-${104 + 10 * g}`, markets: RANDOM_WALKS.map((m, i) => ({ ...m, seed: 101 + 10 * g + i })) }));
  const picks = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 1]];
  const reverting = picks.map((idx, g) => ({ kind: 'mean-reverting', name: `mean-reverting ${idx.join(', ')}`, markets: idx.map((k, i) => ({ ...MEAN_REVERTING[k], seed: 201 + 10 * g + i })) }));
  return [...walks, ...reverting];
}

await main();
