/**
 * `npm run acceptance`: the ML4T StrategyLearner bars on the course data in
 * ../shared/data/prices (skipped when absent). Training on 2008-01-01..2009-12-31.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { loadPrices } from '../src/data/index.js';
import { loadDefaultSettings, mergeSettings } from '../src/settings/index.js';
import { prepareData, trainTrader } from '../src/strategy/index.js';
import { buyAndHold } from '../src/market/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const prices = join(root, '..', 'shared', 'data', 'prices');

interface Case {
  symbol: string;
  commission: number;
  impact: number;
  /** Minimum in-sample total return, or 'benchmark' to beat buy-and-hold. */
  bar: number | 'benchmark';
}

const CASES: Case[] = [
  { symbol: 'ML4T-220', commission: 0, impact: 0, bar: 1.0 },
  { symbol: 'SINE_FAST_NOISE', commission: 0, impact: 0, bar: 2.0 },
  { symbol: 'AAPL', commission: 0, impact: 0, bar: 0.1582 },
  { symbol: 'UNH', commission: 0, impact: 0, bar: -0.2524 },
  { symbol: 'JPM', commission: 9.95, impact: 0.005, bar: 'benchmark' },
];

async function main(): Promise<number> {
  if (!existsSync(prices)) {
    console.log('acceptance: ../shared/data/prices not found, skipped');
    return 0;
  }
  const seed = Number(process.env.DYNA_SEED ?? 1);
  let failures = 0;
  console.log('ML4T StrategyLearner bars, in-sample 2008-01-01..2009-12-31 (course limit 25 s per run)');
  for (const c of CASES) {
    const file = join(prices, `${c.symbol}.csv`);
    const started = process.hrtime.bigint();
    const { series } = await loadPrices(file);
    const settings = mergeSettings(loadDefaultSettings(), [{ source: 'acceptance', override: { market: { commission: c.commission, impact: c.impact }, trader: { seed } } }]);
    const data = prepareData(series, settings.trader.indicators, { start: '2008-01-01', end: '2009-12-31' }, file);
    const result = trainTrader({ ...data, settings });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const values = result.inSample.values;
    const totalReturn = values[values.length - 1] / settings.market.cash - 1;
    const bench = buyAndHold(result.inSample.dates, result.inSample.prices, settings.market.shares, settings.market.cash, settings.market);
    const benchReturn = bench.values[bench.values.length - 1] / settings.market.cash - 1;
    const bar = c.bar === 'benchmark' ? benchReturn : c.bar;
    const pass = totalReturn > bar && seconds < 25;
    if (!pass) failures++;
    const pct = (x: number) => `${(x * 100).toFixed(2)}%`.padStart(9);
    console.log(
      `  ${c.symbol.padEnd(16)} costs ${String(c.commission).padEnd(4)}/${String(c.impact).padEnd(5)} return ${pct(totalReturn)}  bar ${pct(bar)}${c.bar === 'benchmark' ? ' (buy-and-hold)' : ''}  ` +
        `trades ${String(result.inSample.trades.length).padStart(3)}  epochs ${String(result.epochs).padStart(2)}  ${seconds.toFixed(2)} s  ${pass ? 'pass' : 'FAIL'}`,
    );
  }
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main();
