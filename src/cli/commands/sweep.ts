/** `dyna sweep`: files x settings grids x seeds of train-then-test jobs, on all cores, shardable, resumable. */
import type { Command } from 'commander';
import { appendFileSync, existsSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { InvalidOptionError, DataError } from '../../errors.js';
import { validateDateRange } from '../../data/date-range.js';
import { loadPrices, symbolFromPath } from '../../data/load-prices.js';
import type { PriceSeries } from '../../data/price-series.js';
import { parseJsonData } from '../../json.js';
import { mergeSettings, type Settings } from '../../settings/settings.js';
import { presetNames } from '../../settings/load-settings.js';
import { inShard, jobKey, paramsOverride, parseGrid, parseSeeds, parseShard, shardFromEnvironment, summarizeSweep, sweepJobs, type Shard, type SweepLine, type SweepSummary } from '../../evaluation/sweep.js';
import { estimatedCost, longestFirst } from '../../evaluation/schedule.js';
import { percent, printable, ratio } from '../../report/format.js';
import { refuseToOverwrite, writeFileAtomic } from '../files.js';
import { defaultJobs, preparedOnce, withJobRunner } from '../jobs.js';
import * as parse from '../option-parsers.js';
import { createJobProgress } from '../progress.js';
import { printWarnings } from '../report-output.js';
import type { CommandContext } from '../context.js';
import type { JobTask } from '../job-worker.js';
import { ioError } from '../../data/load-prices.js';

interface SweepFlags {
  split?: string;
  start?: string;
  end?: string;
  seeds?: string;
  grid: string[];
  jobs?: number;
  shard?: string;
  out?: string;
  config?: string;
  preset?: string;
  summarize?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/** Registers `dyna sweep` on the program. */
export function registerSweep(program: Command, context: CommandContext): void {
  program
    .command('sweep')
    .description('train and test every file x settings grid x seed on all cores; one JSON line per job; shardable and resumable')
    .argument('<files...>', 'price CSVs (or, with --summarize, result files to merge)')
    .option('--split <date>', 'first test day: each job trains before it and tests from it')
    .option('--start <date>', 'first training day (earlier rows warm up the indicators)')
    .option('--end <date>', 'last test day')
    .option('--seeds <list>', 'seeds: a list and ranges, e.g. 1,2,5-8 (default: the configured seed)')
    .option('--grid <key=v1,v2>', 'a setting and its values; repeat for a grid (e.g. --grid dyna=0,100 --grid bins=3,4)', (v: string, all: string[]) => [...all, v], [])
    .option('--config <file>', 'JSON settings file: the base every job starts from')
    .option('--preset <name>', `shipped settings under --config: ${presetNames().join(', ')} (config/presets/<name>.json)`)
    .option('--jobs <n>', `jobs at once, on worker threads (default: the number of cores, ${defaultJobs()})`, parse.positiveInteger)
    .option('--shard <i/n|auto>', 'run only jobs i, i+n, i+2n...; auto reads Slurm or Kubernetes indices (auto/N gives the count)')
    .option('--out <results.jsonl>', 'results, one JSON line per job; jobs already in it are skipped (resume)')
    .option('--summarize', 'summarize result files (merged shards) instead of running')
    .option('--json', 'print the summary as one JSON document on stdout')
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (files: string[], flags: SweepFlags) => {
      const quiet = flags.quiet === true || flags.json === true;
      if (flags.summarize) {
        printSummary(context, summarizeSweep(files.flatMap((f) => readLines(f).lines)), flags);
        return;
      }
      if (!flags.split) throw new InvalidOptionError('--split is required (the first test day)');
      if (!flags.out) throw new InvalidOptionError('--out is required (the results file)');
      validateDateRange({ start: flags.start, end: flags.split });
      validateDateRange({ start: flags.split, end: flags.end });
      const base = context.settings(flags.config, {}, flags.preset);
      const grids = flags.grid.map(parseGrid);
      if (new Set(grids.map((g) => g.key)).size !== grids.length) throw new InvalidOptionError('--grid names a setting twice');
      const seeds = flags.seeds ? parseSeeds(flags.seeds) : [base.trader.seed];
      const jobs = sweepJobs(files, seeds, grids);
      // Every parameter set is validated before any job runs, with the flags' messages.
      const settingsOf = new Map<string, Settings>();
      for (const job of jobs) {
        const key = JSON.stringify(job.params);
        if (!settingsOf.has(key)) settingsOf.set(key, mergeSettings(base, [{ source: 'command line', override: paramsOverride(grids, job.params), names: 'flags' }]));
      }
      const shard = flags.shard === undefined ? undefined : resolveShard(flags.shard);
      if (shard && 'source' in shard && !quiet) context.terminal.err(`shard ${shard.index}/${shard.count} from the environment (${shard.source})\n`);
      refuseToOverwrite(flags.out, [...files, ...(flags.config ? [flags.config] : [])], '--out');
      const previous = existsSync(flags.out) ? readLines(flags.out, true) : { lines: [], keys: new Set<string>(), texts: [] };
      const mine = jobs.filter((j) => inShard(j, shard));
      const todo = mine.filter((j) => !previous.keys.has(jobKey(j)));
      if (!quiet && previous.lines.length) context.terminal.err(`resuming: ${mine.length - todo.length} of ${mine.length} jobs already in ${printable(flags.out)}\n`);
      const warnings = new Set<string>();
      await withJobRunner(Math.min(flags.jobs ?? defaultJobs(), Math.max(1, todo.length)), async (runner) => {
        // Files load in the background, one after another, while the threads train on those already read: only the
        // first load keeps the threads waiting, and a bad file stops the sweep at the next job start.
        let failure: unknown;
        const loading = new Map<string, Promise<PriceSeries>>();
        let previousLoad: Promise<unknown> = Promise.resolve();
        for (const file of new Set(todo.map((j) => j.file))) {
          const series = previousLoad.then(() => loadPrices(file)).then((prices) => {
            for (const w of prices.warnings) warnings.add(w);
            return prices.series;
          });
          series.catch((error: unknown) => (failure ??= error));
          loading.set(file, series);
          previousLoad = series;
        }
        const prepare = preparedOnce();
        const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        const taskOf = async (i: number): Promise<JobTask> => {
          if (failure !== undefined) throw failure;
          const job = todo[i];
          const prices = await (loading.get(job.file) as Promise<PriceSeries>);
          const settings = settingsOf.get(JSON.stringify(job.params)) as Settings;
          return {
            settings: { ...settings, trader: { ...settings.trader, seed: job.seed } },
            train: prepare(prices, settings.trader.indicators, { start: flags.start, end: dayBefore(flags.split as string) }, job.file),
            test: prepare(prices, settings.trader.indicators, { start: flags.split, end: flags.end }, job.file),
            simulations: false,
          };
        };
        // Costliest settings first (files in order among equals), so the heaviest jobs do not end up alone at the
        // tail on one thread. Each line is appended as its job finishes (one write each): a kill loses only jobs in
        // flight, never half a line.
        const order = longestFirst(todo.map((j) => estimatedCost(settingsOf.get(JSON.stringify(j.params)) as Settings)));
        const progress = createJobProgress(context.terminal, todo.length, !quiet, 'sweep');
        await runner.run(todo.length, taskOf, {
          onDone: (done) => progress.update(done),
          onResult: (i, r) => {
            const job = todo[i];
            for (const w of r.warnings) warnings.add(w);
            appendFileSync(flags.out as string, `${JSON.stringify({ index: job.index, file: job.file, symbol: symbolFromPath(job.file), seed: job.seed, params: job.params, train: { ...r.trainMetrics, epochs: r.train.epochs }, test: r.strategy, benchmark: r.benchmark, moments: r.testMoments })}\n`);
          },
          order,
        });
        progress.stop();
      });
      // Then the file is put in job order (atomically), so it is the same bytes whatever --jobs and the run order were.
      const { lines: all, texts } = readLines(flags.out);
      if (todo.length > 0) await writeFileAtomic(flags.out, inJobOrder(all, texts));
      printWarnings(context.terminal, [...warnings], quiet);
      printSummary(context, summarizeSweep(all), flags, `${todo.length} jobs run, ${mine.length - todo.length} already done; ${all.length} lines in ${flags.out}`);
    });
}

/** The largest results file read (about 100,000 lines of ~2.5 KB). */
const MAX_RESULTS_BYTES = 256 * 1024 ** 2;

function resolveShard(text: string): Shard | (Shard & { source: string }) {
  const auto = /^auto(?:\/(\d+))?$/.exec(text.trim());
  if (auto) return shardFromEnvironment(process.env, auto[1] === undefined ? undefined : Number(auto[1]));
  return parseShard(text);
}

/** Reads result lines; an unfinished last line (a run killed mid-write) is dropped, and cut from the file when `repair`. */
function readLines(path: string, repair = false): { lines: SweepLine[]; keys: Set<string>; texts: string[] } {
  let text: string;
  try {
    // A JavaScript string holds at most ~512 M characters; the file is read (and rewritten in job order) as one.
    if (statSync(path).size > MAX_RESULTS_BYTES) throw new DataError('larger than 256 MiB; split the sweep into shards', { file: path });
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw ioError(path, error);
  }
  const complete = text.lastIndexOf('\n') + 1;
  if (repair && complete < text.length) truncateSync(path, Buffer.byteLength(text.slice(0, complete)));
  const lines: SweepLine[] = [];
  const keys = new Set<string>();
  const texts: string[] = [];
  text
    .slice(0, complete)
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let value: SweepLine & { file: string };
      try {
        value = parseJsonData(line) as SweepLine & { file: string };
      } catch (error) {
        throw new DataError(`not a sweep result line (${(error as Error).message})`, { file: path, line: i + 1 });
      }
      if (typeof value !== 'object' || value === null || typeof value.params !== 'object' || typeof value.test?.totalReturn !== 'number') throw new DataError('not a sweep result line', { file: path, line: i + 1 });
      lines.push(value);
      texts.push(line);
      keys.add(jobKey(value));
    });
  return { lines, keys, texts };
}

/** Result lines sorted by job index (then by text, so that equal indices from different sweeps sort the same way too). */
function inJobOrder(lines: SweepLine[], texts: string[]): string {
  const index = (i: number) => (typeof lines[i].index === 'number' ? (lines[i].index as number) : Infinity);
  const order = lines.map((_, i) => i).sort((a, b) => index(a) - index(b) || (texts[a] < texts[b] ? -1 : texts[a] > texts[b] ? 1 : 0));
  return order.map((i) => `${texts[i]}\n`).join('');
}

function printSummary(context: CommandContext, summary: SweepSummary, flags: SweepFlags, note?: string): void {
  const { terminal } = context;
  if (flags.json) {
    terminal.out(`${JSON.stringify({ schemaVersion: 1, command: 'sweep', ...summary }, null, 2)}\n`);
    return;
  }
  if (flags.quiet) return;
  const label = (params: Record<string, unknown>) => printable(Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ') || '(defaults)');
  const width = Math.max(10, ...summary.rows.slice(0, 20).map((r) => label(r.params).length));
  const lines = [`${'parameters'.padEnd(width)}  jobs  test return (mean +- sd)   Sharpe (mean +- sd)`];
  for (const r of summary.rows.slice(0, 20)) {
    lines.push(`${label(r.params).padEnd(width)}  ${String(r.jobs).padStart(4)}  ${percent(r.meanReturn).padStart(10)} +- ${percent(r.sdReturn, false).padStart(8)}   ${ratio(r.meanSharpe).padStart(6)} +- ${ratio(r.sdSharpe).padStart(5)}`);
  }
  if (summary.rows.length > 20) lines.push(`... ${summary.rows.length - 20} more parameter sets (--json for all)`);
  const dsr = summary.deflatedSharpe === null ? 'n/a' : summary.deflatedSharpe.toFixed(3);
  lines.push('', `best of ${summary.parameterSets} parameter sets: deflated Sharpe ratio ${dsr} (the probability its Sharpe ratio is real after trying ${summary.parameterSets})`);
  if (note) lines.push(note);
  terminal.out(`${lines.join('\n')}\n`);
}
