/** The ten ML4T robot-navigation worlds, run exactly as ../shared/data/worlds/README.md describes. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWorld, runWorld } from '../test/support/grid-world.js';

/** Reference medians from the worlds' README: [no planning, dyna 200]; null where it gives none. */
const REFERENCES: Record<string, [number, number | null]> = {
  world01: [-29.5, -29.5],
  world02: [-19, -19],
  world03: [-80, null],
  world04: [-33, null],
  world05: [-24, null],
  world06: [-23.5, null],
  world07: [-26, null],
  world08: [-19, null],
  world09: [-20, null],
  world10: [-42, null],
};

const RUNS = [
  { name: 'no planning', episodes: 500, options: { alpha: 0.2, gamma: 0.9, rar: 0.98, radr: 0.999, dyna: 0 }, limit: 2 },
  { name: 'dyna 200', episodes: 50, options: { alpha: 0.2, gamma: 0.9, rar: 0.5, radr: 0.99, dyna: 200 }, limit: 10 },
] as const;

export interface WorldResult {
  world: string;
  run: string;
  median: number;
  reference: number;
  seconds: number;
  pass: boolean;
}

/**
 * Runs every world both ways. A run passes when its median >= 1.5 x the reference
 * and it finishes inside the course's time limit. Where the README gives no dyna
 * reference, the no-planning one is the bar (planning must do at least as well).
 */
export function benchWorlds(folder: string): WorldResult[] | null {
  if (!existsSync(folder)) return null;
  const results: WorldResult[] = [];
  for (const [world, refs] of Object.entries(REFERENCES)) {
    const grid = parseWorld(readFileSync(join(folder, `${world}.csv`), 'utf8'));
    RUNS.forEach((run, i) => {
      const reference = refs[i] ?? refs[0];
      const start = process.hrtime.bigint();
      const { median } = runWorld(grid, run.episodes, run.options, 1);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      results.push({ world, run: run.name, median, reference, seconds, pass: median >= 1.5 * reference && seconds < run.limit });
    });
  }
  return results;
}
