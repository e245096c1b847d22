/**
 * `npm run evaluate`: how well the trader trades on days it never saw.
 *
 * - Seeded synthetic markets of several kinds (with a learnable signal and
 *   without: random walks in antithetic pairs are the null), and real tickers
 *   from ../shared/data/prices (when present), each split by date into a
 *   training and a test period, trained with several seeds exactly as
 *   `dyna train` + `dyna backtest` do, and compared on the same test days with
 *   buy-and-hold, doing nothing, a Bollinger rule, a momentum rule and random policies.
 * - Real tickers walked forward exactly as `dyna walk-forward --train 504
 *   --test 126` does (one account through the windows): the Sharpe ratio and drawdown
 *   next to buy-and-hold's on the same days.
 *
 *   npm run evaluate [-- --config a.json --config b.json] [--quick] [--no-walk-forward] [--jobs N] [--out file.json]
 *
 * Each --config is a candidate (a settings override, as for `dyna train --config`);
 * without one, the defaults are evaluated. Prints the tables of each candidate and
 * writes everything as JSON (default reports/evaluation.json).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPrices } from '../src/data/index.js';
import { loadDefaultSettings, mergeSettings, validateOverride, type Settings, type SettingsOverride } from '../src/settings/index.js';
import { threadRunner } from '../src/cli/jobs.js';
import { withRunner } from '../src/workflows/index.js';
import { pricesFolder, realSplitCases, syntheticCases, TEST_DAYS, TRAIN_DAYS, WALK_FORWARD, WALK_FORWARD_TICKERS } from './evaluation/markets.js';
import { runSplits, runWalkForwards } from './evaluation/runs.js';
import { splitTable, summarizeSplits, summarizeWalkForwards, walkForwardTable, walkForwardTickerTable } from './evaluation/tables.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEEDS = [1, 2, 3];

interface Arguments {
  configs: string[];
  out: string;
  quick: boolean;
  walkForward: boolean;
  jobs: number;
}

function parseArguments(args: string[]): Arguments {
  const parsed: Arguments = { configs: [], out: join(root, 'reports', 'evaluation.json'), quick: false, walkForward: true, jobs: availableParallelism() };
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--config') parsed.configs.push(args[++i]);
    else if (args[i] === '--out') parsed.out = args[++i];
    else if (args[i] === '--quick') parsed.quick = true;
    else if (args[i] === '--no-walk-forward') parsed.walkForward = false;
    else if (args[i] === '--jobs') parsed.jobs = Number(args[++i]);
    else throw new Error(`unknown argument ${args[i]} (use --config FILE, --out FILE, --quick, --no-walk-forward, --jobs N)`);
  }
  return parsed;
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const defaults = loadDefaultSettings();
  const candidates: Array<{ name: string; settings: Settings }> = args.configs.length
    ? args.configs.map((file) => {
        const override = validateOverride(JSON.parse(readFileSync(file, 'utf8')), file) as SettingsOverride;
        return { name: file, settings: mergeSettings(defaults, [{ source: file, override }]) };
      })
    : [{ name: 'defaults', settings: defaults }];
  const folder = pricesFolder(root);
  let cases = [...syntheticCases(), ...(await realSplitCases(folder))];
  const seeds = args.quick ? SEEDS.slice(0, 1) : SEEDS;
  if (args.quick) cases = cases.filter((_, i) => i % 2 === 0);
  const walkSeries = folder && args.walkForward ? await Promise.all(WALK_FORWARD_TICKERS.map(async (t) => (await loadPrices(join(folder, `${t}.csv`))).series)) : [];
  const document: Record<string, unknown> = { cases: cases.length, seeds, trainDays: TRAIN_DAYS, testDays: TEST_DAYS, walkForward: { ...WALK_FORWARD, tickers: walkSeries.map((s) => s.symbol) }, candidates: [] as unknown[] };
  await withRunner(threadRunner, args.jobs, args.jobs, async (runner) => {
    for (const candidate of candidates) {
      const started = process.hrtime.bigint();
      const splits = await runSplits(cases, candidate.settings, seeds, runner);
      const walks = await runWalkForwards(walkSeries, candidate.settings, seeds, runner);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const summary = summarizeSplits(splits);
      const walkSummary = summarizeWalkForwards(walks);
      console.log(`\n${candidate.name}: ${splits.length} split runs and ${walks.length} walk-forwards in ${seconds.toFixed(1)} s (excess = test-period return minus buy-and-hold's, in points)`);
      console.log(splitTable(summary));
      if (walkSummary) {
        console.log(`\n${walkForwardTable(walkSummary)}\n`);
        console.log(walkForwardTickerTable(walks));
      }
      (document.candidates as unknown[]).push({ name: candidate.name, settings: candidate.settings, summary, walkForward: walkSummary ?? null, runs: splits, walkForwards: walks });
    }
  });
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`\nwrote ${args.out}`);
}

await main();
