/**
 * How `dyna sweep` scales with --jobs: the grid (2 files x 3 seeds x
 * dyna 0,100 x bins 5,8 = 24 jobs) run by the real binary with --jobs 1 and
 * --jobs N, alternately, timed end to end (process start included).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDefaultSettings } from '../src/settings/index.js';
import { barsToCsv, generateMarket } from '../src/synth/synthetic-market.js';
import { createRng } from '../src/rng.js';
import { median } from '../src/stats/median.js';

export interface SweepBenchResult {
  jobs: number;
  /** Median wall-clock seconds with --jobs 1 and with --jobs `jobs`. */
  serial: number;
  parallel: number;
  /** Every run wrote the same bytes. */
  identical: boolean;
}


/** Two synthetic daily files of `days` rows (a cycle, so that there is something to learn) in a temporary folder. */
export function syntheticPair(days: number): { files: string[]; split: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'dyna-bench-sweep-'));
  const files = ['a', 'b'].map((name) => {
    const file = join(dir, `${name}.csv`);
    const bars = generateMarket({ ...loadDefaultSettings().synth, days, cyclePeriod: 30, cycleAmplitude: 0.05 }, createRng(`bench-sweep-${name}`));
    writeFileSync(file, barsToCsv(bars));
    return file;
  });
  const dates = readFileSync(files[0], 'utf8').split('\n');
  return { files, split: dates[Math.floor((2 * days) / 3)].slice(0, 10), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Times the sweep `runs` times with --jobs 1 and --jobs `jobs`, alternating, and compares the files. */
export function benchSweep(bin: string, files: string[], split: string, jobs: number, runs: number): SweepBenchResult {
  const dir = mkdtempSync(join(tmpdir(), 'dyna-bench-sweep-out-'));
  const times: Record<number, number[]> = { 1: [], [jobs]: [] };
  const outputs = new Set<string>();
  for (let r = 0; r < runs; r++) {
    for (const n of [1, jobs]) {
      const out = join(dir, `r${r}-j${n}.jsonl`);
      const start = process.hrtime.bigint();
      execFileSync(process.execPath, [bin, 'sweep', ...files, '--split', split, '--seeds', '1-3', '--grid', 'dyna=0,100', '--grid', 'bins=5,8', '--jobs', String(n), '--out', out, '--quiet']);
      times[n].push(Number(process.hrtime.bigint() - start) / 1e9);
      outputs.add(readFileSync(out, 'utf8'));
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return { jobs, serial: median(times[1]), parallel: median(times[jobs]), identical: outputs.size === 1 };
}
