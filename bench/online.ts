/**
 * `npm run evaluate-online`: does continuing one model from window to window
 * (`dyna walk-forward --online`) trade better out of sample than training each
 * window afresh? Both through the walkForward workflow, exactly as the command
 * runs them, with `--train 504 --test 126` (the evaluation suite's walk-forward),
 * seeds 1 to 3, on the bundled patterned markets and, when ../shared/data/prices
 * is there, on the evaluation suite's real tickers. Prints one line per market
 * (medians over seeds) and a summary, and writes every run to reports/online.json.
 *
 *   npm run evaluate-online [-- --tickers AAPL,SPY] [--jobs N]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadRunner } from '../src/cli/jobs.js';
import { walkForward, type Simulation } from '../src/index.js';
import { pricesFolder, WALK_FORWARD, WALK_FORWARD_TICKERS } from './evaluation/markets.js';
import { median } from '../src/stats/median.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEEDS = [1, 2, 3];

interface Run {
  market: string;
  seed: number;
  mode: 'fresh' | 'online';
  sharpe: number | null;
  totalReturn: number;
  maxDrawdown: number;
  trades: number;
  meanPosition: number;
  buyAndHold: { sharpe: number | null; totalReturn: number };
}

function meanPosition(run: Simulation): number {
  const units = run.units ?? Float64Array.from(run.holdings, Math.sign);
  let sum = 0;
  for (const u of units) sum += u;
  return sum / Math.max(1, units.length);
}

/** The median of the finite values (NaN when there is none). */
const finiteMedian = (values: number[]) => median(values.filter(Number.isFinite));

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const jobs = Number(option('--jobs') ?? availableParallelism());
  const folder = pricesFolder(root);
  const tickers = option('--tickers')?.split(',') ?? WALK_FORWARD_TICKERS;
  const markets = [
    { name: 'sample (bundled)', file: join(root, 'data', 'sample.csv') },
    { name: 'regimes (bundled)', file: join(root, 'data', 'regimes.csv') },
    ...(folder ? tickers.map((t) => ({ name: t, file: join(folder, `${t}.csv`) })) : []),
  ];
  const runs: Run[] = [];
  const started = process.hrtime.bigint();
  for (const market of markets) {
    for (const seed of SEEDS) {
      for (const online of [false, true]) {
        const doc = await walkForward({ prices: market.file, ...WALK_FORWARD, seed, online, jobs }, { startRunner: threadRunner });
        runs.push({
          market: market.name,
          seed,
          mode: online ? 'online' : 'fresh',
          sharpe: doc.strategy.sharpe,
          totalReturn: doc.strategy.totalReturn,
          maxDrawdown: doc.strategy.maxDrawdown,
          trades: doc.strategy.trades,
          meanPosition: meanPosition(doc.views.strategy as Simulation),
          buyAndHold: { sharpe: doc.benchmark.sharpe, totalReturn: doc.benchmark.totalReturn },
        });
      }
    }
    const mine = (mode: Run['mode']) => runs.filter((r) => r.market === market.name && r.mode === mode);
    const f = mine('fresh');
    const o = mine('online');
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(10);
    const num = (x: number) => x.toFixed(2).padStart(7);
    console.log(
      `${market.name.padEnd(18)} Sharpe fresh ${num(finiteMedian(f.map((r) => r.sharpe ?? Number.NaN)))} online ${num(finiteMedian(o.map((r) => r.sharpe ?? Number.NaN)))} B&H ${num(finiteMedian(f.map((r) => r.buyAndHold.sharpe ?? Number.NaN)))}` +
        `  return fresh ${pct(finiteMedian(f.map((r) => r.totalReturn)))} online ${pct(finiteMedian(o.map((r) => r.totalReturn)))} B&H ${pct(finiteMedian(f.map((r) => r.buyAndHold.totalReturn)))}` +
        `  trades ${finiteMedian(f.map((r) => r.trades)).toFixed(0).padStart(4)} / ${finiteMedian(o.map((r) => r.trades)).toFixed(0).padStart(4)}  mean position ${num(finiteMedian(f.map((r) => r.meanPosition)))} / ${num(finiteMedian(o.map((r) => r.meanPosition)))}`,
    );
  }
  const real = runs.filter((r) => !r.market.includes('bundled'));
  if (real.length > 0) {
    const pairs = real.filter((r) => r.mode === 'fresh').map((f) => ({ f, o: real.find((r) => r.mode === 'online' && r.market === f.market && r.seed === f.seed) as Run }));
    const better = pairs.filter((p) => (p.o.sharpe ?? -Infinity) > (p.f.sharpe ?? -Infinity)).length;
    const sharpe = (mode: Run['mode']) => finiteMedian(real.filter((r) => r.mode === mode).map((r) => r.sharpe ?? Number.NaN));
    const drawdown = (mode: Run['mode']) => finiteMedian(real.filter((r) => r.mode === mode).map((r) => r.maxDrawdown));
    console.log(`\nreal tickers: ${pairs.length} ticker x seed pairs; median Sharpe fresh ${sharpe('fresh').toFixed(2)}, online ${sharpe('online').toFixed(2)}, buy-and-hold ${finiteMedian(pairs.map((p) => p.f.buyAndHold.sharpe ?? Number.NaN)).toFixed(2)}; online's Sharpe higher in ${better} of ${pairs.length}`);
    console.log(`median max drawdown fresh ${(drawdown('fresh') * 100).toFixed(1)}%, online ${(drawdown('online') * 100).toFixed(1)}%`);
  }
  const out = join(root, 'reports', 'online.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ walkForward: WALK_FORWARD, seeds: SEEDS, runs }, null, 2)}\n`);
  console.log(`\n${runs.length} walk-forwards in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s; wrote ${out}`);
}

await main();
