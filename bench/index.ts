/**
 * `npm run bench`: learner throughput, the ML4T grid worlds, (when present)
 * end-to-end training, loading, 2,000,000 rows in bounded memory and sweeps.
 * DYNA_BENCH_ROWS sets the rows of the memory bench (0 skips it).
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { benchFactoredLearner, benchLearner } from './learner.js';
import { benchWorlds } from './worlds.js';
import { benchTrain, tenYearSyntheticFile } from './train.js';
import { benchLoad } from './load.js';
import { benchRows } from './rows.js';
import { benchSweep, syntheticPair } from './sweep.js';
import { DynaQLearner } from '../src/learner/index.js';

/** Wall-clock seconds of `dyna train FILE --dyna 200 --report DIR` as a separate process. */
function timeBinaryTrain(file: string): number {
  const out = mkdtempSync(join(tmpdir(), 'dyna-bench-out-'));
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, [join(root, 'bin', 'dyna.js'), 'train', file, '--dyna', '200', '--quiet', '--out', join(out, 'm.json'), '--report', join(out, 'report')]);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  rmSync(out, { recursive: true, force: true });
  return seconds;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = join(root, '..', 'shared', 'data');
let failed = false;

console.log('Learner throughput (S=1000, A=3; best of 5 runs)');
for (const dyna of [0, 200]) {
  const runs = Array.from({ length: 5 }, () => benchLearner(1000, 3, dyna, dyna === 0 ? 2_000_000 : 100_000));
  const best = runs.reduce((a, b) => (a.updatesPerSecond > b.updatesPerSecond ? a : b));
  console.log(`  dyna ${String(dyna).padStart(3)}: ${(best.updatesPerSecond / 1e6).toFixed(1).padStart(5)} M Q-updates/s  (${best.qUpdates.toLocaleString('en-US')} updates in ${best.seconds.toFixed(2)} s)`);
}

console.log('Factored (market-model) learner throughput (1000 market states x 3 positions, A=3; best of 5 runs)');
for (const dyna of [0, 200]) {
  const runs = Array.from({ length: 5 }, () => benchFactoredLearner(1000, dyna, dyna === 0 ? 500_000 : 100_000));
  const best = runs.reduce((a, b) => (a.updatesPerSecond > b.updatesPerSecond ? a : b));
  console.log(`  dyna ${String(dyna).padStart(3)}: ${(best.updatesPerSecond / 1e6).toFixed(1).padStart(5)} M Q-updates/s  (${best.qUpdates.toLocaleString('en-US')} updates in ${best.seconds.toFixed(2)} s)`);
}

{
  // Memory: a million states by three actions, trained with planning.
  const before = process.memoryUsage();
  const learner = new DynaQLearner({ numStates: 1_000_000, numActions: 3, dyna: 200, seed: 1 });
  let s = 0;
  learner.querySetState(s);
  for (let i = 0; i < 50_000; i++) learner.query((s = (s * 7919 + 13) % 1_000_000), i % 3);
  const after = process.memoryUsage();
  const mib = (after.rss - before.rss) / 2 ** 20;
  console.log(`  1,000,000 states x 3 actions, 50,000 real steps with dyna 200: +${mib.toFixed(0)} MiB resident (limit 600)`);
  failed ||= mib >= 600;
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

console.log('\nEnd-to-end training (default settings, dyna 200, whole file)');
const files: Array<[string, string]> = [];
const synthetic = tenYearSyntheticFile();
files.push(['synthetic, 2520 days', synthetic.file]);
const spy = join(shared, 'prices', 'SPY.csv');
if (existsSync(spy)) files.push(['SPY.csv (ML4T data)', spy]);
for (const [label, file] of files) {
  const binary = timeBinaryTrain(file);
  const r = await benchTrain(file);
  const total = r.loadSeconds + r.featureSeconds + r.learnSeconds;
  console.log(
    `  ${label.padEnd(22)} ${r.days} days, ${r.epochs} epochs, ${r.realSteps.toLocaleString('en-US')} real + ${r.hallucinatedSteps.toLocaleString('en-US')} hallucinated steps: ` +
      `${total.toFixed(2)} s = load ${r.loadSeconds.toFixed(3)} + features ${r.featureSeconds.toFixed(3)} + learning ${r.learnSeconds.toFixed(3)}; ` +
      `the dyna binary end to end (process start, model and report files): ${binary.toFixed(2)} s`,
  );
}
synthetic.remove();

console.log('\nLoading a large intraday file (1-minute bars, streamed through csv-parse)');
const load = await benchLoad(1_000_000);
console.log(`  ${load.rows.toLocaleString('en-US')} rows (${load.megabytes.toFixed(0)} MB) in ${load.seconds.toFixed(2)} s; process resident ${load.rssMiB.toFixed(0)} MiB`);

const rows = Number(process.env.DYNA_BENCH_ROWS ?? 2_000_000);
if (!(Number.isInteger(rows) && rows >= 0)) throw new Error(`DYNA_BENCH_ROWS must be a whole number of rows (got ${process.env.DYNA_BENCH_ROWS})`);
if (rows === 0) console.log('\nMillions of rows: skipped (DYNA_BENCH_ROWS=0)');
else {
  console.log(`\nMillions of rows: synth, train and backtest on ${rows.toLocaleString('en-US')} rows, the binary end to end (peak resident memory; limits for 2,000,000 rows)`);
  const { steps, baseMiB } = benchRows(join(root, 'bin', 'dyna.js'), rows);
  for (const step of steps) {
    const over = rows <= 2_000_000 && step.peakMiB >= step.limitMiB;
    failed ||= over;
    const perRow = ((step.peakMiB - baseMiB) * 2 ** 20) / rows;
    console.log(`  dyna ${step.args}\n    ${step.seconds.toFixed(1)} s, peak ${step.peakMiB.toFixed(0)} MiB (limit ${step.limitMiB}): ${perRow.toFixed(0)} bytes a row over the ${baseMiB.toFixed(0)} MiB of dyna --version${over ? '  OVER THE LIMIT' : ''}`);
  }
}

const cores = availableParallelism();
console.log(`\ndyna sweep on ${cores} cores: 2 files x 3 seeds x dyna 0,100 x bins 5,8 = 24 jobs, the binary end to end (median of 7, alternating)`);
const sweepSets: Array<[string, string[], string]> = [];
const pairs = [3000, 2000, 1000].map((days) => ({ days, ...syntheticPair(days) }));
for (const pair of pairs) sweepSets.push([`synthetic, 2 x ${pair.days} days`, pair.files, pair.split]);
const [aapl, ibm] = ['AAPL.csv', 'IBM.csv'].map((f) => join(shared, 'prices', f));
if (existsSync(aapl) && existsSync(ibm)) sweepSets.push(['AAPL + IBM (ML4T data)', [aapl, ibm], '2009-01-01']);
for (const [label, files, split] of sweepSets) {
  const r = benchSweep(join(root, 'bin', 'dyna.js'), files, split, Math.max(2, cores), 7);
  console.log(`  ${label.padEnd(30)} --jobs 1 ${r.serial.toFixed(2)} s, --jobs ${r.jobs} ${r.parallel.toFixed(2)} s: ${(r.serial / r.parallel).toFixed(2)}x; ${r.identical ? 'identical files' : 'FILES DIFFER'}`);
  if (!r.identical) failed = true;
}
for (const pair of pairs) pair.remove();

process.exitCode = failed ? 1 : 0;
