/**
 * `npm run acceptance`: the ML4T StrategyLearner bars on the course data in
 * ../shared/data/prices (skipped when absent), run through the real
 * `dyna train --preset ml4t --json` (1000 shares, $100,000, the course's costs and learner settings).
 * Training period 2008-01-01..2009-12-31; the in-sample return must beat each bar
 * (and ML4T-220's backtest over 2010-2011 must beat it too).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const prices = join(root, '..', 'shared', 'data', 'prices');

interface Case {
  symbol: string;
  commission: number;
  impact: number;
  /** Minimum in-sample total return, or 'benchmark' to beat buy-and-hold. */
  bar: number | 'benchmark';
  /** Also backtest 2010-2011 (out of sample) against the same bar. */
  outOfSample?: boolean;
}

const CASES: Case[] = [
  { symbol: 'ML4T-220', commission: 0, impact: 0, bar: 1.0, outOfSample: true },
  { symbol: 'SINE_FAST_NOISE', commission: 0, impact: 0, bar: 2.0 },
  { symbol: 'AAPL', commission: 0, impact: 0, bar: 0.1582 },
  { symbol: 'UNH', commission: 0, impact: 0, bar: -0.2524 },
  { symbol: 'JPM', commission: 9.95, impact: 0.005, bar: 'benchmark' },
];

interface TrainJson {
  strategy: { totalReturn: number; trades: number };
  benchmark: { totalReturn: number };
  training: { epochs: number; seconds: number };
}

function main(): number {
  if (!existsSync(prices)) {
    console.log('acceptance: ../shared/data/prices not found, skipped');
    return 0;
  }
  const seed = process.env.DYNA_SEED ?? '1';
  const out = mkdtempSync(join(tmpdir(), 'dyna-acceptance-'));
  let failures = 0;
  console.log(`ML4T StrategyLearner bars: dyna train --preset ml4t --start 2008-01-01 --end 2009-12-31 --seed ${seed} (course limit 25 s per run)`);
  for (const c of CASES) {
    const started = process.hrtime.bigint();
    const stdout = execFileSync(process.execPath, [
      join(root, 'bin', 'dyna.js'), 'train', join(prices, `${c.symbol}.csv`),
      '--start', '2008-01-01', '--end', '2009-12-31', '--seed', seed,
      '--preset', 'ml4t', '--commission', String(c.commission), '--impact', String(c.impact),
      '--out', join(out, `${c.symbol}.model.json`), '--json',
    ], { encoding: 'utf8' });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const doc = JSON.parse(stdout) as TrainJson;
    let outOfSample = '';
    if (c.outOfSample) {
      const test = JSON.parse(execFileSync(process.execPath, [
        join(root, 'bin', 'dyna.js'), 'backtest', join(prices, `${c.symbol}.csv`), '--model', join(out, `${c.symbol}.model.json`),
        '--start', '2010-01-01', '--end', '2011-12-31', '--json',
      ], { encoding: 'utf8' })) as TrainJson;
      const ok = c.bar !== 'benchmark' && test.strategy.totalReturn > c.bar;
      if (!ok) failures++;
      outOfSample = `; out of sample 2010-2011 ${(test.strategy.totalReturn * 100).toFixed(2)}% ${ok ? 'pass' : 'FAIL'}`;
    }
    const bar = c.bar === 'benchmark' ? doc.benchmark.totalReturn : c.bar;
    const pass = doc.strategy.totalReturn > bar && seconds < 25;
    if (!pass) failures++;
    const pct = (x: number) => `${(x * 100).toFixed(2)}%`.padStart(9);
    console.log(
      `  ${c.symbol.padEnd(16)} costs ${String(c.commission).padEnd(4)}/${String(c.impact).padEnd(5)} return ${pct(doc.strategy.totalReturn)}  ` +
        `bar ${pct(bar)}${c.bar === 'benchmark' ? ' (buy-and-hold)' : '               '}  trades ${String(doc.strategy.trades).padStart(3)}  ` +
        `epochs ${String(doc.training.epochs).padStart(2)}  ${seconds.toFixed(2)} s  ${pass ? 'pass' : 'FAIL'}${outOfSample}`,
    );
  }
  rmSync(out, { recursive: true, force: true });
  console.log(failures === 0 ? 'all bars passed' : `${failures} case(s) failed`);
  return failures === 0 ? 0 : 1;
}

process.exitCode = main();
