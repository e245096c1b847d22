/**
 * Sweeps: many independent train-then-test jobs over files, settings grids and
 * seeds, in a fixed order, splittable into shards for other machines. Pure:
 * job lists, sharding arithmetic, and the summary of result lines.
 */
import { InvalidOptionError, invalidOption } from '../errors.js';
import { quote } from '../text.js';
import { integerRangeText, parseInteger, SAFE_INTEGERS } from '../integers.js';
import { settingKeys, type SettingsOverride } from '../settings/settings.js';
import { deflatedSharpe } from './significance.js';
import { realityCheck } from './reality-check.js';
import { logGrowth, meanAndStd, meanOf } from '../report/performance.js';
import type { Rng } from '../rng.js';

/** One --grid: a setting and the values to try. */
export interface Grid {
  key: string;
  section: 'learner' | 'market' | 'trader';
  values: Array<number | string | null>;
}

/** One job of a sweep. */
export interface SweepJob {
  /** Position in the full sweep (before sharding). */
  index: number;
  file: string;
  seed: number;
  params: Record<string, number | string | null>;
}

/** The settings a --grid may vary: every learner, market and trader setting but the indicators and the seed (--seeds varies it). */
export function gridKeys(): Array<{ section: Grid['section']; key: string }> {
  return settingKeys(['learner', 'market', 'trader']).filter((k) => k.key !== 'indicators' && k.key !== 'seed') as Array<{ section: Grid['section']; key: string }>;
}

/** Parses `key=v1,v2,...`; the key is any learner, market or trader setting (not indicators). */
export function parseGrid(text: string): Grid {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) throw invalidOption('grid', `must look like key=v1,v2 (got ${quote(text)})`);
  const key = text.slice(0, eq).trim();
  const known = gridKeys();
  const found = known.find((k) => k.key === key);
  if (!found) throw invalidOption('grid', `names an unknown setting ${quote(key)} (known: ${known.map((k) => k.key).join(', ')})`);
  const values = text
    .slice(eq + 1)
    .split(',')
    .map((v) => v.trim())
    .map((v) => (v === 'null' ? null : v !== '' && Number.isFinite(Number(v)) ? Number(v) : v));
  if (values.some((v) => v === '')) throw invalidOption('grid', `${key}: empty value in ${quote(text)}`);
  if (new Set(values.map(String)).size !== values.length) throw invalidOption('grid', `${key}: a value is repeated`);
  return { key, section: found.section as Grid['section'], values };
}

/** Parses --seeds: a list such as `1,2,5` and ranges such as `1-10`. */
export function parseSeeds(text: string): number[] {
  const seeds: number[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(-?\d+)\s*(?:-\s*(-?\d+)\s*)?$/.exec(part);
    if (!m) throw invalidOption('seeds', `must be integers and ranges like 1,2,5-8 (got ${quote(text)})`);
    const [from, to] = [parseInteger(m[1]), m[2] === undefined ? parseInteger(m[1]) : parseInteger(m[2])];
    if (from === undefined || to === undefined) throw invalidOption('seeds', `must be ${integerRangeText(SAFE_INTEGERS)} (got ${quote(part)})`);
    if (to < from || to - from > 100_000) throw invalidOption('seeds', `range ${part.trim()} is empty or too long`);
    for (let s = from; s <= to; s++) seeds.push(s);
  }
  if (new Set(seeds).size !== seeds.length) throw invalidOption('seeds', 'lists a seed twice');
  return seeds;
}

/** The settings override of one parameter set. */
export function paramsOverride(grids: Grid[], params: Record<string, number | string | null>): SettingsOverride {
  const override: Record<string, Record<string, unknown>> = {};
  for (const g of grids) (override[g.section] ??= {})[g.key] = params[g.key];
  return override as SettingsOverride;
}

/** Every parameter set of the grids: their cartesian product, the last grid varying fastest. */
export function parameterSets(grids: Grid[]): Array<Record<string, number | string | null>> {
  let sets: Array<Record<string, number | string | null>> = [{}];
  for (const g of grids) sets = sets.flatMap((set) => g.values.map((v) => ({ ...set, [g.key]: v })));
  return sets;
}

/** All jobs, in the documented order: file, then parameter set, then seed (innermost). */
export function sweepJobs(files: string[], seeds: number[], grids: Grid[]): SweepJob[] {
  const jobs: SweepJob[] = [];
  for (const file of files) for (const params of parameterSets(grids)) for (const seed of seeds) jobs.push({ index: jobs.length, file, seed, params });
  return jobs;
}

/** A shard: run the jobs whose index is congruent to `index - 1` modulo `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `i/n` (1 <= i <= n). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const shard = m ? { index: parseInteger(m[1]) ?? 0, count: parseInteger(m[2]) ?? 0 } : undefined;
  if (!shard || shard.count < 1 || shard.index < 1 || shard.index > shard.count) throw invalidOption('shard', `must be i/n with 1 <= i <= n, or auto (got ${quote(text)})`);
  return shard;
}

/**
 * The shard a scheduler gives this process, from its environment: Slurm array
 * jobs (SLURM_ARRAY_TASK_ID from SLURM_ARRAY_TASK_MIN, 0 or 1 or any start, in
 * steps of SLURM_ARRAY_TASK_STEP; the count from SLURM_ARRAY_TASK_COUNT, or from
 * SLURM_ARRAY_TASK_MAX) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, from 0,
 * with the count given as auto/N). Task k of n (counted from the first) runs shard k/n.
 */
export function shardFromEnvironment(env: Record<string, string | undefined>, count?: number): Shard & { source: string } {
  const int = (v: string | undefined) => (v !== undefined && /^\s*\d+\s*$/.test(v) ? Number(v) : undefined);
  const slurmId = int(env.SLURM_ARRAY_TASK_ID);
  if (slurmId !== undefined) {
    const step = Math.max(1, int(env.SLURM_ARRAY_TASK_STEP) ?? 1);
    const max = int(env.SLURM_ARRAY_TASK_MAX);
    const given = int(env.SLURM_ARRAY_TASK_COUNT);
    // Slurm sets MIN; without it, MAX and COUNT tell it, else the array is taken to start at 0.
    const min = int(env.SLURM_ARRAY_TASK_MIN) ?? (max !== undefined && given !== undefined ? max - (given - 1) * step : 0);
    const total = count ?? given ?? (max !== undefined && max >= min ? Math.floor((max - min) / step) + 1 : undefined);
    if (total === undefined) throw invalidOption('shard', 'auto: SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX; use auto/N');
    const offset = slurmId - min;
    if (offset < 0 || offset % step !== 0 || offset / step >= total) throw new InvalidOptionError([{ option: 'shard' }, ` auto: Slurm array task ${slurmId} is not one of ${total} tasks from ${min} in steps of ${step} (an array given as a list?); use `, { option: 'shard' }, ' i/n']);
    return { ...parseShard(`${offset / step + 1}/${total}`), source: `Slurm array task ${slurmId}` };
  }
  const k8s = int(env.JOB_COMPLETION_INDEX);
  if (k8s !== undefined) {
    if (count === undefined) throw invalidOption('shard', 'auto: Kubernetes gives JOB_COMPLETION_INDEX but not the number of completions; use auto/N');
    if (k8s >= count) throw invalidOption('shard', `auto: JOB_COMPLETION_INDEX ${k8s} is not below the count ${count} of auto/${count}`);
    return { ...parseShard(`${k8s + 1}/${count}`), source: `Kubernetes completion index ${k8s}` };
  }
  throw invalidOption('shard', 'auto: no scheduler index found (SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX)');
}

/** True when the job belongs to the shard. */
export function inShard(job: SweepJob, shard: Shard | undefined): boolean {
  return shard === undefined || job.index % shard.count === shard.index - 1;
}

/** The identity of a job across runs and shards: file, seed and parameters, canonically written. */
export function jobKey(job: { file: string; seed: number; params: Record<string, unknown> }): string {
  return JSON.stringify([job.file, job.seed, sortedParams(job.params)]);
}

/** Parameters as [key, value] pairs in key order: the canonical form of a set in job and set keys. */
function sortedParams(params: Record<string, unknown>): Array<[string, unknown]> {
  return Object.keys(params)
    .sort()
    .map((k) => [k, params[k]]);
}

/** What the summary needs of a result line. */
export interface SweepLine {
  /** The job's position in the whole sweep (absent in lines from elsewhere). */
  index?: number;
  file: string;
  seed: number;
  params: Record<string, number | string | null>;
  test: { totalReturn: number; sharpe: number | null; trades: number; days: number };
  benchmark: { totalReturn: number };
  moments: { days: number; sharpe: number | null; skewness: number | null; kurtosis: number | null };
  /** Daily log excess returns of the test over buy-and-hold (absent in lines written before the reality check). */
  dailyLogExcess?: ArrayLike<number>;
}

/** One parameter set's results over files and seeds. */
export interface SweepRow {
  params: Record<string, number | string | null>;
  jobs: number;
  /** The ranking criterion: the mean daily log excess return over buy-and-hold, over every file's test days, each day averaged over the seeds. */
  meanDailyLogExcess: number;
  /** Mean over jobs of the test return minus buy-and-hold's over the same days. */
  meanExcessReturn: number;
  meanReturn: number;
  sdReturn: number;
  /** Mean and spread over jobs of the test Sharpe ratio, an undefined one (no variation: a job that never traded) counted as 0. */
  meanSharpe: number;
  sdSharpe: number;
  /** Jobs whose Sharpe ratio was undefined, counted as 0 in meanSharpe. */
  undefinedSharpe: number;
  /** Jobs that never traded in the test period. */
  neverTraded: number;
  /** True when the set ran several seeds and on every file they all gave the same test result: its jobs are not independent samples. */
  identicalSeeds: boolean;
}

/** The reality check of a sweep: does the best parameter set beat buy-and-hold once the search is paid for? */
export interface SweepRealityCheck {
  method: string;
  /** One-sided p of "no parameter set beats buy-and-hold" (small: the best set's excess is more than the search's luck). */
  pValue: number;
  samples: number;
  /** Mean block length of the bootstrap, in days. */
  blockLength: number;
  /** Parameter sets compared, files whose test days make up each set's series, and days in each series. */
  sets: number;
  files: number;
  days: number;
  /** The set with the largest mean daily log excess: the one the test is about. */
  best: Record<string, number | string | null>;
}

/** The ranked summary: the best mean daily log excess over buy-and-hold first, the best set's deflated Sharpe ratio and the reality check. */
export interface SweepSummary {
  rows: SweepRow[];
  parameterSets: number;
  /** Bailey and Lopez de Prado (2014): PSR of the set with the best mean daily Sharpe ratio against the Sharpe ratio expected from the best of N trials by luck (sets with identical results count once). */
  deflatedSharpe: number | null;
  /** White (2000) / Hansen (2005) over the sets' daily excess returns; null when the lines cannot give it (see notes). */
  realityCheck: SweepRealityCheck | null;
  /** How rows are ranked. */
  ranking: string;
  /** What the summary could not use, and why. */
  notes: string[];
}

/** Bootstrap samples of a sweep's reality check. */
export const REALITY_CHECK_SAMPLES = 1000;

/** The ranking, as the summary states it. */
export const SWEEP_RANKING =
  'by meanDailyLogExcess: the mean daily log excess return over buy-and-hold over every file\'s test days, each day averaged over the seeds (the sum over files of the mean over seeds of log((1 + test return) / (1 + buy-and-hold return)), divided by the test days); ties by meanExcessReturn. A set that only holds the market scores about 0, one that beats it above 0: exposure alone is not rewarded';

/** A set's key: its parameters, canonically written. */
function paramsKey(params: Record<string, unknown>): string {
  return JSON.stringify(sortedParams(params));
}

/** Summarizes result lines (from one run or merged shards); `rng` draws the reality check's bootstrap. */
export function summarizeSweep(input: SweepLine[], rng: Rng): SweepSummary {
  const notes: string[] = [];
  const lines = uniqueJobs(input);
  if (lines.length < input.length) notes.push(duplicatesNote(input.length - lines.length));
  const files = fileOrder(lines);
  const groups = new Map<string, SweepLine[]>();
  for (const line of lines) {
    const key = paramsKey(line.params);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)?.push(line);
  }
  const sets = [...groups.values()].map((group) => ({ group, byFile: byFile(group, files) }));
  const partial = sets.filter((s) => s.byFile.some((f) => f.length === 0)).length;
  if (partial) notes.push(`${partial} of ${sets.length} parameter sets lack the results of some files (a shard or an unfinished sweep?): they are ranked on the files they have, and the reality check uses the files every set has`);
  const rows = sets.map(({ group, byFile: perFile }) => summarizeSet(group, perFile));
  const order = rows.map((_, k) => k).sort((a, b) => rows[b].meanDailyLogExcess - rows[a].meanDailyLogExcess || rows[b].meanExcessReturn - rows[a].meanExcessReturn || rows[b].meanSharpe - rows[a].meanSharpe);
  return {
    rows: order.map((k) => rows[k]),
    parameterSets: rows.length,
    deflatedSharpe: deflatedSharpeOfSweep(sets.map((s) => s.byFile)),
    realityCheck: sweepRealityCheck(sets.map((s) => s.byFile), files, rows.map((r) => r.params), rng, notes),
    ranking: SWEEP_RANKING,
    notes,
  };
}

/** The lines in a fixed order (so merged shards and resumed runs give the same sums, to the last digit), one per job: a job found twice counts once, its line with daily excess returns first. */
export function uniqueJobs<T extends SweepLine>(lines: T[]): T[] {
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const complete = (l: SweepLine) => (l.dailyLogExcess ? 0 : 1);
  const sorted = lines.map((line) => [jobKey(line), line] as const).sort((a, b) => text(a[0], b[0]) || complete(a[1]) - complete(b[1]) || text(JSON.stringify(a[1].test), JSON.stringify(b[1].test)));
  return sorted.filter(([key], i) => i === 0 || sorted[i - 1][0] !== key).map(([, line]) => line);
}

/** The note of a summary whose lines held `duplicates` lines of jobs already counted. */
export function duplicatesNote(duplicates: number): string {
  return `${duplicates} duplicate lines of the same job (file, seed and parameters) were counted once`;
}

/** The files in sweep order: by their first job index, then by name. */
function fileOrder(lines: SweepLine[]): string[] {
  const first = new Map<string, number>();
  for (const l of lines) first.set(l.file, Math.min(first.get(l.file) ?? Infinity, l.index ?? Infinity));
  return [...first.keys()].sort((a, b) => (first.get(a) as number) - (first.get(b) as number) || (a < b ? -1 : a > b ? 1 : 0));
}

/** A set's lines per file, in the files' order. */
function byFile(group: SweepLine[], files: string[]): SweepLine[][] {
  return files.map((file) => group.filter((l) => l.file === file));
}

/** log((1 + strategy's return) / (1 + buy-and-hold's)): the sum of a job's daily log excess returns. */
function logExcess(line: SweepLine): number {
  return logGrowth(line.test.totalReturn) - logGrowth(line.benchmark.totalReturn);
}

/** The distinct test results among a file's lines (seeds that gave the same result count once). */
function distinct(lines: SweepLine[]): SweepLine[] {
  const seen = new Set<string>();
  return lines.filter((l) => {
    const key = JSON.stringify(l.test);
    return !seen.has(key) && (seen.add(key), true);
  });
}

/** A parameter set as text, `bins=5 dyna=200` (or `(defaults)`), as the tables show it; escaped or neutralised by each renderer. */
export function paramsLabel(params: Record<string, unknown>): string {
  return Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ') || '(defaults)';
}

function summarizeSet(group: SweepLine[], perFile: SweepLine[][]): SweepRow {
  const stats = (xs: number[]) => {
    const { mean, std } = meanAndStd(xs);
    return { mean, sd: xs.length > 1 ? std : 0 };
  };
  const returns = stats(group.map((l) => l.test.totalReturn));
  const sharpe = stats(group.map((l) => l.test.sharpe ?? 0));
  const present = perFile.filter((f) => f.length > 0);
  // Each file's days count once, each day averaged over the seeds: the sum over files of the seeds' mean log excess, over the days.
  const days = present.reduce((s, f) => s + f[0].test.days, 0);
  const logSum = present.reduce((s, f) => s + meanOf(f.map(logExcess)), 0);
  return {
    params: group[0].params,
    jobs: group.length,
    meanDailyLogExcess: days > 0 ? logSum / days : 0,
    meanExcessReturn: meanOf(group.map((l) => l.test.totalReturn - l.benchmark.totalReturn)),
    meanReturn: returns.mean,
    sdReturn: returns.sd,
    meanSharpe: sharpe.mean,
    sdSharpe: sharpe.sd,
    undefinedSharpe: group.filter((l) => l.test.sharpe === null).length,
    neverTraded: group.filter((l) => l.test.trades === 0).length,
    identicalSeeds: present.some((f) => f.length > 1) && present.every((f) => distinct(f).length === 1),
  };
}

/**
 * The deflated Sharpe ratio of the set with the best mean daily Sharpe ratio:
 * each set's trial is the mean over its distinct results (seeds that gave the
 * same result count once, an undefined Sharpe ratio as 0), and sets with
 * identical results are one trial.
 */
function deflatedSharpeOfSweep(sets: SweepLine[][][]): number | null {
  const trials = new Map<string, { sharpe: number; days: number; skewness: number | null; kurtosis: number | null }>();
  for (const perFile of sets) {
    const distinctPerFile = perFile.map(distinct);
    const results = distinctPerFile.flat();
    const signature = JSON.stringify(distinctPerFile.map((f) => f.map((l) => JSON.stringify(l.test)).sort()));
    if (results.length === 0 || trials.has(signature)) continue;
    const shaped = results.filter((l) => l.moments.skewness !== null && l.moments.kurtosis !== null);
    trials.set(signature, {
      sharpe: meanOf(results.map((l) => l.moments.sharpe ?? 0)),
      days: meanOf(results.map((l) => l.moments.days)),
      skewness: shaped.length ? meanOf(shaped.map((l) => l.moments.skewness as number)) : null,
      kurtosis: shaped.length ? meanOf(shaped.map((l) => l.moments.kurtosis as number)) : null,
    });
  }
  const all = [...trials.values()];
  if (all.length === 0) return null;
  const best = all.reduce((b, t) => (t.sharpe > b.sharpe ? t : b));
  if (best.skewness === null || best.kurtosis === null) return null;
  return deflatedSharpe(best.sharpe, all.map((t) => t.sharpe), best.days, best.skewness, best.kurtosis);
}

/**
 * Hansen's SPA test over the sets' daily log excess returns: row k is set k's
 * series (the test days of every file in sweep order, each day averaged over
 * its seeds), resampled file by file. Null, with a note, when a line has no
 * daily excess returns or no file is common to every set.
 */
function sweepRealityCheck(sets: SweepLine[][][], files: string[], params: Array<SweepRow['params']>, rng: Rng, notes: string[]): SweepRealityCheck | null {
  if (sets.length === 0) return null;
  const lines = sets.flat(2);
  const missing = lines.filter((l) => l.dailyLogExcess === undefined).length;
  if (missing > 0) {
    notes.push(`realityCheck is null: ${missing} of ${lines.length} result lines have no dailyLogExcess (written by an older dyna); run the sweep again with the same --out, and those jobs run again`);
    return null;
  }
  // The files every set has, with the same number of test days in every line.
  const usable = files.map((_, f) => f).filter((f) => {
    const lengths = new Set(sets.flatMap((perFile) => perFile[f].map((l) => (l.dailyLogExcess as ArrayLike<number>).length)));
    return sets.every((perFile) => perFile[f].length > 0) && lengths.size === 1 && !lengths.has(0);
  });
  const unequal = files.filter((_, f) => !usable.includes(f) && sets.every((perFile) => perFile[f].length > 0));
  if (unequal.length) notes.push(`the reality check leaves out ${unequal.length} file(s) whose lines cover different numbers of test days: ${unequal.slice(0, 5).join(', ')}`);
  if (usable.length === 0) {
    notes.push('realityCheck is null: no file has the results of every parameter set');
    return null;
  }
  const segments = usable.map((f) => (sets[0][f][0].dailyLogExcess as ArrayLike<number>).length);
  const days = segments.reduce((s, m) => s + m, 0);
  const rows = sets.map((perFile) => {
    const row = new Float64Array(days);
    let offset = 0;
    usable.forEach((f, u) => {
      const seeds = perFile[f];
      for (const line of seeds) {
        const series = line.dailyLogExcess as ArrayLike<number>;
        for (let t = 0; t < segments[u]; t++) row[offset + t] += series[t] / seeds.length;
      }
      offset += segments[u];
    });
    return row;
  });
  const result = realityCheck(rows, REALITY_CHECK_SAMPLES, rng, { test: 'spa', segments });
  return {
    method: `${result.method}; each set's series is the test days of its ${usable.length} file(s) in sweep order, each day averaged over its seeds, resampled within each file; H0: no set's mean daily log excess over buy-and-hold is above 0`,
    pValue: result.pValue,
    samples: result.samples,
    blockLength: result.blockLength,
    sets: sets.length,
    files: usable.length,
    days,
    best: params[result.best],
  };
}
