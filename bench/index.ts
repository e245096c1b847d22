/** `npm run bench`: learner throughput, the ML4T grid worlds, and (when present) end-to-end training. */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { benchLearner } from './learner.js';
import { benchWorlds } from './worlds.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = join(root, '..', 'shared', 'data');
let failed = false;

console.log('Learner throughput (S=1000, A=3; best of 5 runs)');
for (const dyna of [0, 200]) {
  const runs = Array.from({ length: 5 }, () => benchLearner(1000, 3, dyna, dyna === 0 ? 2_000_000 : 100_000));
  const best = runs.reduce((a, b) => (a.updatesPerSecond > b.updatesPerSecond ? a : b));
  console.log(`  dyna ${String(dyna).padStart(3)}: ${(best.updatesPerSecond / 1e6).toFixed(1).padStart(5)} M Q-updates/s  (${best.qUpdates.toLocaleString('en-US')} updates in ${best.seconds.toFixed(2)} s)`);
}

const worlds = benchWorlds(join(shared, 'worlds'));
if (worlds === null) {
  console.log('\nGrid worlds: ../shared/data/worlds not found, skipped');
} else {
  console.log('\nML4T grid worlds (median episode score; pass = median >= 1.5 x reference, within the course time limit)');
  for (const r of worlds) {
    failed ||= !r.pass;
    console.log(`  ${r.world}  ${r.run.padEnd(11)}  median ${String(r.median).padStart(6)}  reference ${String(r.reference).padStart(6)}  ${r.seconds.toFixed(3)} s  ${r.pass ? 'pass' : 'FAIL'}`);
  }
}

process.exitCode = failed ? 1 : 0;
