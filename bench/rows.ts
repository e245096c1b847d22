/**
 * Millions of rows in bounded memory: `dyna synth`, `dyna train --epochs 1
 * --dyna 0` and `dyna backtest` on one long synthetic file, each the binary
 * end to end, with its wall-clock time and its peak resident memory (the
 * child's own maxRSS, read by a preloaded exit hook: what `/usr/bin/time -v`
 * reports as "Maximum resident set size").
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One command's figures. */
export interface RowsBenchStep {
  command: 'synth' | 'train' | 'backtest';
  /** The arguments after `dyna`, with the temporary folder written as `$TMP`. */
  args: string;
  seconds: number;
  peakMiB: number;
  /** The most it may take (the bound). */
  limitMiB: number;
}

/** The peak memory each command may reach on 2,000,000 rows (issue 23). */
const LIMITS_MIB = { synth: 300, train: 700, backtest: 700 } as const;

/** What the benchmark found: each command's figures, and the peak of `dyna --version` (the process itself, no rows). */
export interface RowsBench {
  steps: RowsBenchStep[];
  baseMiB: number;
}

/** Runs synth, train and backtest on `rows` rows through the binary at `dyna`. */
export function benchRows(dyna: string, rows: number): RowsBench {
  const dir = mkdtempSync(join(tmpdir(), 'dyna-rows-'));
  const hook = join(dir, 'max-rss.cjs');
  // CommonJS, preloaded with --require: works on every Node >= 20, and runs however the command exits.
  writeFileSync(hook, "process.on('exit', () => require('node:fs').writeFileSync(process.env.DYNA_BENCH_RSS, String(process.resourceUsage().maxRSS)));\n");
  const file = join(dir, 'prices.csv');
  const model = join(dir, 'model.json');
  // No drift and a pull back to the trend: over thousands of years a free walk leaves synth's price range (it refuses).
  const steps: Array<[RowsBenchStep['command'], string[]]> = [
    ['synth', ['synth', '--days', String(rows), '--drift', '0', '--reversion', '0.01', '--out', file]],
    ['train', ['train', file, '--epochs', '1', '--dyna', '0', '--quiet', '--out', model]],
    ['backtest', ['backtest', file, '--model', model, '--quiet']],
  ];
  const run = (args: string[]): { seconds: number; peakMiB: number } => {
    const rss = join(dir, 'max-rss');
    const start = process.hrtime.bigint();
    // stderr is kept (execFileSync puts it in the error of a failed run) but not shown.
    execFileSync(process.execPath, ['--require', hook, dyna, ...args], { env: { ...process.env, DYNA_BENCH_RSS: rss }, stdio: ['ignore', 'ignore', 'pipe'] });
    return { seconds: Number(process.hrtime.bigint() - start) / 1e9, peakMiB: Number(readFileSync(rss, 'utf8')) / 1024 };
  };
  try {
    const baseMiB = run(['--version']).peakMiB;
    return { baseMiB, steps: steps.map(([command, args]) => ({ command, args: args.join(' ').replaceAll(dir, '$TMP'), ...run(args), limitMiB: LIMITS_MIB[command] })) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
