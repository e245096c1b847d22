/**
 * `sweep`: files x settings grids x seeds of train-then-test jobs (each exactly
 * `train --end <day before split>` + `backtest --start <split>`), shardable and
 * resumable from a results file. Returns the ranked summary (what `dyna sweep
 * --json` prints) with the results file's content, in job order, attached.
 * Lines go to `io.sink` as jobs end, so that a killed sweep loses only the jobs in flight.
 */
import { rangeWarnings, validateDateRange } from '../data/date-range.js';
import { loadPrices } from '../data/load-prices.js';
import { columnsRead } from '../features/features.js';
import type { PriceSeries } from '../data/price-series.js';
import { DataError, DynaError, invalidOption, ioError } from '../errors.js';
import { estimatedCost, longestFirst } from '../evaluation/schedule.js';
import { duplicatesNote, inShard, jobKey, paramsOverride, parseGrid, parseSeeds, parseShard, shardFromEnvironment, summarizeSweep, sweepJobs, uniqueJobs, type Shard, type SweepJob, type SweepSummary } from '../evaluation/sweep.js';
import type { IndicatorSpec } from '../features/indicators.js';
import { createRng } from '../rng.js';
import { mergeSettings, type Settings } from '../settings/settings.js';
import { prepareData, type PreparedData } from '../strategy/prepare.js';
import type { DateRange } from '../data/date-range.js';
import { Warnings, withOutputs, type WorkflowIo } from './io.js';
import { withRunner, type JobTask } from './job.js';
import { checkInteger, ignoredSettingWarnings, resolveSettings } from './options.js';
import { resumeResults } from './sweep-resume.js';
import { decodeSweepLines, encodeSweepLine, readResultsFile, readSweepLines, sweepFingerprint, type SweepResultLine } from './sweep-results.js';

/** The options of `sweep`: its flags, camelCased. */
export interface SweepOptions {
  /** The price CSVs. */
  prices: string[];
  /** The first test day: each job trains on the rows before it and tests from it. */
  split: string;
  /** First training day (earlier rows warm up the indicators) and last test day. */
  start?: string;
  end?: string;
  /** Seeds, as a list and ranges such as `1,2,5-8` (default: the configured seed). */
  seeds?: string;
  /** Settings and their values, `key=v1,v2`; several make a grid (the last varies fastest). */
  grid?: string[];
  /** A shipped settings file (config/presets/<name>.json) under `config`. */
  preset?: string;
  /** A JSON settings file: the base every job starts from. */
  config?: string;
  /** Jobs at once (default 1: in this thread; more need `io.startRunner`, and give the same lines). */
  jobs?: number;
  /** Run only jobs i, i+n, ...: `i/n`, or `auto` (`auto/N`) for the index a scheduler gives in the environment. */
  shard?: string;
  /** A results file to resume: the jobs already in it are skipped. Every line must be a job of this sweep (else a DataError, and the file is left alone); duplicates are dropped with a warning. */
  out?: string;
}

/** Where lines go as jobs end: the results file, appended to (the CLI's file module does the writing). A file-system error they throw becomes an IoError naming `out`. */
export interface SweepSink {
  /** Appends one finished line with its newline, in one write. */
  append(text: string): void;
  /** Cuts the results file to `bytes`, dropping an unfinished last line that a killed run left. */
  truncate(bytes: number): void;
}

/** The I/O of a sweep: a workflow's, plus the results file's sink and the environment `shard: 'auto'` reads. */
export interface SweepIo extends WorkflowIo {
  sink?: SweepSink;
  /** Default: process.env. */
  env?: Record<string, string | undefined>;
}

/** What `sweep --json` prints: the summary, and the warnings of the files and the jobs, each once. */
export type SweepDocument = { schemaVersion: 2; command: 'sweep' } & SweepSummary & { warnings: string[] };

/** What a sweep attaches to its document. */
export interface SweepOutputs {
  /** The whole results file (earlier lines and new ones, each job once, older lines of jobs run again left out), in job order: what `out` is rewritten with, the same bytes as an uninterrupted run's (empty for a shard without jobs). */
  results: string;
  /** Every line of the results file (those it held and the new ones), in job order. */
  lines: SweepResultLine[];
  /** Jobs run now, and jobs of this shard already in `out`. */
  ran: number;
  skipped: number;
}

/** The summary document of result lines (the reality check's bootstrap seeded by a constant: the same lines give the same document). */
function sweepDocument(lines: SweepResultLine[], warnings: string[]): SweepDocument {
  return { schemaVersion: 2, command: 'sweep', ...summarizeSweep(lines, createRng('sweep:reality-check')), warnings };
}

/** Summarizes result files (merged shards) without running anything: what `dyna sweep --summarize --json` prints. A file given twice is read once, and a job found in several lines counts once (both with a warning). */
export function summarizeSweepFiles(files: string[]): SweepDocument & Readonly<{ lines: SweepResultLine[] }> {
  const read = readSweepLines(files);
  const unique = new Set(uniqueJobs(read.lines));
  const lines = read.lines.filter((line) => unique.has(line));
  const sweeps = new Set(lines.map((line) => line.sweep ?? 'none'));
  const mixed = sweeps.size > 1 ? [`the files hold lines of ${sweeps.size} different sweeps (other settings or dates${sweeps.has('none') ? ', or lines of an older dyna' : ''}): their rows mix them`] : [];
  const warnings = [...read.warnings, ...repeatWarnings(read.lines, read.files, unique), ...mixed];
  const duplicates = read.lines.length - lines.length;
  const document = sweepDocument(lines, warnings);
  if (duplicates > 0) document.notes.push(duplicatesNote(duplicates));
  return withOutputs(document, { lines });
}

/** Per file, its lines of jobs counted from another line: "b.jsonl: 3 line(s) of jobs also in a.jsonl: counted once". */
function repeatWarnings(lines: SweepResultLine[], files: string[], counted: Set<SweepResultLine>): string[] {
  const countedIn = new Map<string, string>();
  lines.forEach((line, i) => counted.has(line) && countedIn.set(jobKey(line), files[i]));
  const repeats = new Map<string, { count: number; also: Set<string> }>();
  lines.forEach((line, i) => {
    if (counted.has(line)) return;
    const repeat = repeats.get(files[i]) ?? { count: 0, also: new Set<string>() };
    repeat.count++;
    repeat.also.add(countedIn.get(jobKey(line)) ?? '');
    repeats.set(files[i], repeat);
  });
  return [...repeats].map(([file, { count, also }]) => `${file}: ${count} line(s) of jobs also in ${[...also].join(', ')}: counted once`);
}

/** A sweep's jobs and settings, every option checked: what `sweep` runs. */
export interface SweepPlan {
  grids: ReturnType<typeof parseGrid>[];
  jobs: SweepJob[];
  settingsOf: Map<string, Settings>;
  shard: (Shard & { source?: string }) | undefined;
  /** The sweep's fingerprint, which every line it writes carries. */
  fingerprint: string;
}

/** Checks every option of a sweep (dates, jobs, settings, grid, seeds, shard) without reading or writing any file of results. */
export function planSweep(options: SweepOptions, env: Record<string, string | undefined> = process.env): SweepPlan {
  const { split, start, end } = options;
  if (!split) throw invalidOption('split', 'is required (the first test day)');
  validateDateRange({ start, end: split }, { start: 'start', end: 'split' });
  validateDateRange({ start: split, end }, { start: 'split', end: 'end' });
  checkInteger('jobs', options.jobs);
  const base = resolveSettings(options.config, {}, options.preset);
  const grids = (options.grid ?? []).map(parseGrid);
  if (new Set(grids.map((g) => g.key)).size !== grids.length) throw invalidOption('grid', 'names a setting twice');
  const seeds = options.seeds !== undefined ? parseSeeds(options.seeds) : [base.trader.seed];
  const jobs = sweepJobs(options.prices, seeds, grids);
  // Every parameter set is validated before any job runs, with the options' messages.
  const settingsOf = new Map<string, Settings>();
  for (const job of jobs) {
    const key = JSON.stringify(job.params);
    if (!settingsOf.has(key)) settingsOf.set(key, mergeSettings(base, [{ source: 'options', override: paramsOverride(grids, job.params), names: 'flags' }]));
  }
  const shard = options.shard === undefined ? undefined : resolveShard(options.shard, env);
  return { grids, jobs, settingsOf, shard, fingerprint: sweepFingerprint(base, { split, start, end }) };
}

/**
 * Runs a sweep (or the part of it in `shard` that `out` does not hold yet) and summarizes every line. `plan` is
 * planSweep's of these options and `io.env`, for a caller that checked them already (before taking a lock).
 */
export async function sweep(options: SweepOptions, io: SweepIo = {}, plan: SweepPlan = planSweep(options, io.env)): Promise<SweepDocument & Readonly<SweepOutputs>> {
  const { split, start, end } = options;
  const { grids, jobs, settingsOf, shard, fingerprint } = plan;
  if (shard?.source !== undefined) io.onProgress?.({ kind: 'shard', index: shard.index, count: shard.count, source: shard.source });
  const out = options.out ?? 'results';
  const previousText = options.out === undefined ? '' : readResultsFile(options.out, 'empty').text;
  // Every line is checked before the file is touched: a file refused here is left byte for byte.
  const decoded = decodeSweepLines(previousText, out);
  const previous = resumeResults(decoded, jobs, out, fingerprint);
  const mine = jobs.filter((j) => inShard(j, shard));
  // Lines written before daily excess returns were recorded are run again (the reality check needs them), and their new lines replace them.
  const todo = mine.filter((j) => !previous.done.has(j.index));
  const todoIndices = new Set(todo.map((j) => j.index));
  const rerun = new Set(previous.lines.filter((l) => !previous.done.has(l.index) && todoIndices.has(l.index)).map((l) => l.index));
  const kept = previous.lines.map((line, k) => ({ line, text: previous.texts[k] })).filter(({ line }) => !rerun.has(line.index));
  // A run killed mid-write left an unfinished last line: it is cut before new lines are appended.
  const sink = io.sink;
  if (decoded.complete < Buffer.byteLength(previousText) && sink) namingOut(out, () => sink.truncate(decoded.complete));
  if (decoded.lines.length && options.out !== undefined) io.onProgress?.({ kind: 'resume', done: mine.length - todo.length, of: mine.length, file: options.out, rerun: rerun.size });
  const warnings = new Warnings(io, true);
  warnings.add(...previous.warnings);
  const gridKeys = grids.filter((g) => g.section === 'learner' && g.key !== 'model').map((g) => g.key);
  for (const settings of settingsOf.values()) warnings.add(...ignoredSettingWarnings(settings.learner, gridKeys));
  await withRunner(io.startRunner, options.jobs ?? 1, todo.length, async (runner) => {
    // Files load in the background, one after another, while the threads train on those already read: only the
    // first load keeps the threads waiting, and a bad file stops the sweep at the next job start.
    let failure: unknown;
    const loading = new Map<string, Promise<PriceSeries>>();
    let previousLoad: Promise<unknown> = Promise.resolve();
    // Only the optional columns some parameter set's indicators read are kept (a long file's memory).
    const columns = [...new Set([...settingsOf.values()].flatMap((s) => columnsRead(s.trader.indicators)))];
    for (const file of new Set(todo.map((j) => j.file))) {
      const series = previousLoad.then(() => loadPrices(file, { columns })).then((prices) => {
        warnings.add(...prices.warnings, ...rangeWarnings(prices.series, { start, end }, file));
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
      checkSplitInside(prices, { start, end }, split, job.file);
      const settings = settingsOf.get(JSON.stringify(job.params)) as Settings;
      return {
        settings: { ...settings, trader: { ...settings.trader, seed: job.seed } },
        train: prepare(prices, settings.trader.indicators, { start, end: dayBefore(split) }, job.file),
        test: prepare(prices, settings.trader.indicators, { start: split, end }, job.file),
        simulations: false,
      };
    };
    // Costliest settings first (files in order among equals), so the heaviest jobs do not end up alone at the
    // tail on one thread. Each line goes to the sink as its job finishes (one write each).
    const order = longestFirst(todo.map((j) => estimatedCost(settingsOf.get(JSON.stringify(j.params)) as Settings)));
    const total = todo.length;
    io.onProgress?.({ kind: 'jobs', label: 'sweep', done: 0, total });
    await runner.run(total, taskOf, {
      onDone: (done) => io.onProgress?.({ kind: 'jobs', label: 'sweep', done, total }),
      onResult: (i, r) => {
        warnings.add(...r.warnings);
        const text = encodeSweepLine(todo[i], r, fingerprint);
        kept.push({ line: JSON.parse(text) as SweepResultLine, text });
        if (sink) namingOut(out, () => sink.append(`${text}\n`));
      },
      order,
    });
  });
  const all = kept.sort((a, b) => a.line.index - b.line.index);
  const results = all.map(({ text }) => `${text}\n`).join('');
  const lines = all.map(({ line }) => line);
  return withOutputs(sweepDocument(lines, warnings.list), { results, lines, ran: todo.length, skipped: mine.length - todo.length });
}

/** Runs a write to the results file; a file-system error (disk full, read-only, ...) becomes an IoError naming it. */
function namingOut(out: string, write: () => void): void {
  try {
    write();
  } catch (error) {
    throw error instanceof DynaError ? error : ioError(out, error);
  }
}

function resolveShard(text: string, env: Record<string, string | undefined>): Shard & { source?: string } {
  const auto = /^auto(?:\/(\d+))?$/.exec(text.trim());
  if (auto) return shardFromEnvironment(env, auto[1] === undefined ? undefined : Number(auto[1]));
  return parseShard(text);
}

/** Prepares each (file, indicators, period) once for many jobs: a sweep's jobs share two periods per file. */
function preparedOnce(): (series: PriceSeries, indicators: IndicatorSpec[], range: DateRange, file: string) => PreparedData {
  const cache = new Map<string, PreparedData>();
  return (series, indicators, range, file) => {
    const key = JSON.stringify([file, indicators, range.start ?? null, range.end ?? null]);
    let data = cache.get(key);
    if (data === undefined) cache.set(key, (data = prepareData(series, indicators, range, file)));
    return data;
  };
}

/** Refuses a file whose period has no days before the split, or none from it, naming the split the user gave (not the periods made from it). */
function checkSplitInside(series: PriceSeries, { start, end }: DateRange, split: string, file: string): void {
  const first = series.dates[0].slice(0, 10);
  const last = series.dates[series.dates.length - 1].slice(0, 10);
  const covers = `(file covers ${first} to ${last})`;
  if ((start !== undefined && start > first ? start : first) >= split) throw new DataError(`no training days before the split ${split} ${covers}`, { file });
  if ((end !== undefined && end < last ? end : last) < split) throw new DataError(`no test days from the split ${split} on ${covers}`, { file });
}
