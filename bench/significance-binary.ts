/**
 * The parts of `npm run significance` that go through the real binary, as an
 * independent harness would: orders files through `dyna simulate
 * --significance`, and sweeps through `dyna sweep --json` (their realityCheck).
 * Markets are written to a temporary folder; nothing is kept but the numbers.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Significance } from '../src/evaluation/index.js';
import type { SyntheticMarketOptions } from '../src/synth/synthetic-market.js';
import { createRng, type Rng } from '../src/rng.js';
import { TEST_DAYS, TRAIN_DAYS } from './evaluation/markets.js';

/** Rows the sweeps' files keep before their training days (the 100-day indicator's warm-up takes the rest from the training days). */
const SWEEP_WARMUP_DAYS = 60;

/** The binary, run as users run it. */
function dyna(bin: string, args: string[]): string {
  return execFileSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A market an orders file is tested on: its price file in a folder, and the days it covers. */
export interface OrdersMarket {
  name: string;
  symbol: string;
  folder: string;
  dates: string[];
  closes: Float64Array;
}

/** One orders file's result through `dyna simulate --significance`. */
export interface OrdersRow {
  market: string;
  orders: string;
  trades: number;
  strategyReturn: number;
  benchmarkReturn: number;
  significance: Significance;
}

/** The orders file of daily holdings `units[t] x shares` of a symbol (an order on each day the holding changes). */
function ordersCsv(market: OrdersMarket, units: ArrayLike<number>, shares: number): string {
  const rows = ['Date,Symbol,Order,Shares'];
  let held = 0;
  for (let t = 0; t < units.length; t++) {
    const want = units[t] * shares;
    if (want !== held) rows.push(`${market.dates[t]},${market.symbol},${want > held ? 'BUY' : 'SELL'},${Math.abs(want - held)}`);
    held = want;
  }
  return `${rows.join('\n')}\n`;
}

/** Random long/flat holdings: start long or flat at random, switch with probability 0.05 a day. */
export function randomLongFlat(days: number, rng: Rng): Int8Array {
  const out = new Int8Array(days);
  let position = rng.next() < 0.5 ? 1 : 0;
  for (let t = 0; t < days; t++) {
    if (rng.next() < 0.05) position = 1 - position;
    out[t] = position;
  }
  return out;
}

/**
 * Buy-and-hold (held to the end, and sold on the last day), 20 random
 * long/flat files and a look-ahead oracle on each market, each through
 * `dyna simulate --benchmark <symbol> --significance <samples> --json` over the
 * market's days. Positions are whole shares worth about 95% of the start cash.
 */
export function ordersThroughBinary(bin: string, markets: OrdersMarket[], samples: number): OrdersRow[] {
  const work = mkdtempSync(join(tmpdir(), 'dyna-significance-'));
  try {
    const rows: OrdersRow[] = [];
    for (const market of markets) {
      const n = market.dates.length;
      const shares = Math.floor((0.95 * 100_000) / market.closes[0]);
      const files: Array<[string, ArrayLike<number>]> = [
        ['buy-and-hold', new Int8Array(n).fill(1)],
        ['buy-and-hold, sold at the end', Int8Array.from({ length: n }, (_, t) => (t < n - 1 ? 1 : 0))],
        ...Array.from({ length: 20 }, (_, i): [string, Int8Array] => [`random ${i}`, randomLongFlat(n, createRng(`bench-orders:${market.name}:${i}`))]),
        ['look-ahead oracle', Int8Array.from(market.closes, (p, t) => (t + 1 < n && market.closes[t + 1] > p ? 1 : 0))],
      ];
      for (const [name, units] of files) {
        const path = join(work, 'orders.csv');
        writeFileSync(path, ordersCsv(market, units, shares));
        const args = ['simulate', path, '--prices', market.folder, '--start', market.dates[0], '--end', market.dates[n - 1], '--benchmark', market.symbol, '--cash', '100000', '--significance', String(samples), '--json'];
        const doc = JSON.parse(dyna(bin, args)) as { strategy: { trades: number; totalReturn: number }; benchmark: { totalReturn: number }; significance: Significance };
        rows.push({ market: market.name, orders: name, trades: doc.strategy.trades, strategyReturn: doc.strategy.totalReturn, benchmarkReturn: doc.benchmark.totalReturn, significance: doc.significance });
      }
    }
    return rows;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** One sweep's result through `dyna sweep --json`. */
export interface SweepRun {
  kind: string;
  name: string;
  pValue: number | null;
  best: Record<string, unknown> | null;
  /** The best row's mean daily log excess over buy-and-hold, a year of it (x 252). */
  bestLogExcessPerYear: number;
  seconds: number;
}

/**
 * Sweeps of `grid` (8 settings) over groups of 4 markets written by `dyna
 * synth` (SWEEP_WARMUP_DAYS + TRAIN_DAYS rows to warm up and train, then
 * TEST_DAYS to test), each through `dyna sweep --split <first test day> --json`
 * with the default trader.
 */
export function sweepsThroughBinary(bin: string, groups: Array<{ kind: string; name: string; markets: Array<Partial<SyntheticMarketOptions> & { seed: number }> }>, grid: string[], jobs: number): SweepRun[] {
  const work = mkdtempSync(join(tmpdir(), 'dyna-sweeps-'));
  try {
    return groups.map((group, g) => {
      const files = group.markets.map((m, i) => {
        const path = join(work, `${g}-${i}.csv`);
        const flags = Object.entries(m).flatMap(([key, value]) => [`--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, String(value)]);
        dyna(bin, ['synth', '--out', path, '--days', String(SWEEP_WARMUP_DAYS + TRAIN_DAYS + TEST_DAYS), ...flags]);
        return path;
      });
      // The first test day (line 0 is the header).
      const splitDay = readFileSync(files[0], 'utf8').split('\n')[SWEEP_WARMUP_DAYS + TRAIN_DAYS + 1].slice(0, 10);
      const started = process.hrtime.bigint();
      const out = join(work, `${g}.jsonl`);
      const doc = JSON.parse(dyna(bin, ['sweep', ...files, '--split', splitDay, ...grid.flatMap((x) => ['--grid', x]), '--jobs', String(jobs), '--out', out, '--json'])) as {
        realityCheck: { pValue: number; best: Record<string, unknown> } | null;
        rows: Array<{ meanDailyLogExcess: number }>;
      };
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      return { kind: group.kind, name: group.name, pValue: doc.realityCheck?.pValue ?? null, best: doc.realityCheck?.best ?? null, bestLogExcessPerYear: 252 * doc.rows[0].meanDailyLogExcess, seconds };
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
