/**
 * Sweeps: many independent train-then-test jobs over files, settings grids and
 * seeds, in a fixed order, splittable into shards for other machines. Pure:
 * job lists, sharding arithmetic, and the summary of result lines.
 */
import { invalidOption } from '../errors.js';
import { settingKeys, type SettingsOverride } from '../settings/settings.js';
import { deflatedSharpe } from './significance.js';
import { meanAndStd } from '../report/performance.js';

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
  if (eq <= 0 || eq === text.length - 1) throw invalidOption('grid', `must look like key=v1,v2 (got "${text.slice(0, 60)}")`);
  const key = text.slice(0, eq).trim();
  const known = gridKeys();
  const found = known.find((k) => k.key === key);
  if (!found) throw invalidOption('grid', `names an unknown setting "${key.slice(0, 40)}" (known: ${known.map((k) => k.key).join(', ')})`);
  const values = text
    .slice(eq + 1)
    .split(',')
    .map((v) => v.trim())
    .map((v) => (v === 'null' ? null : v !== '' && Number.isFinite(Number(v)) ? Number(v) : v));
  if (values.some((v) => v === '')) throw invalidOption('grid', `${key}: empty value in "${text.slice(0, 60)}"`);
  if (new Set(values.map(String)).size !== values.length) throw invalidOption('grid', `${key}: a value is repeated`);
  return { key, section: found.section as Grid['section'], values };
}

/** Parses --seeds: a list such as `1,2,5` and ranges such as `1-10`. */
export function parseSeeds(text: string): number[] {
  const seeds: number[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(-?\d+)\s*(?:-\s*(-?\d+)\s*)?$/.exec(part);
    if (!m) throw invalidOption('seeds', `must be integers and ranges like 1,2,5-8 (got "${text.slice(0, 60)}")`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
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
  const shard = m ? { index: Number(m[1]), count: Number(m[2]) } : undefined;
  if (!shard || shard.count < 1 || shard.index < 1 || shard.index > shard.count) throw invalidOption('shard', `must be i/n with 1 <= i <= n, or auto (got "${text.slice(0, 40)}")`);
  return shard;
}

/**
 * The shard a scheduler gives this process, from its environment: Slurm array
 * jobs (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_COUNT) or a
 * Kubernetes Indexed Job (JOB_COMPLETION_INDEX, with the count given as auto/N).
 */
export function shardFromEnvironment(env: Record<string, string | undefined>, count?: number): Shard & { source: string } {
  const int = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);
  const slurmId = int(env.SLURM_ARRAY_TASK_ID);
  if (slurmId !== undefined) {
    const total = count ?? int(env.SLURM_ARRAY_TASK_COUNT);
    if (total === undefined) throw invalidOption('shard', 'auto: SLURM_ARRAY_TASK_ID is set but not SLURM_ARRAY_TASK_COUNT; use auto/N');
    const index = slurmId - (int(env.SLURM_ARRAY_TASK_MIN) ?? 0) + 1;
    return { ...parseShard(`${index}/${total}`), source: `Slurm array task ${slurmId}` };
  }
  const k8s = int(env.JOB_COMPLETION_INDEX);
  if (k8s !== undefined) {
    if (count === undefined) throw invalidOption('shard', 'auto: Kubernetes gives JOB_COMPLETION_INDEX but not the number of completions; use auto/N');
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
  const params = Object.keys(job.params)
    .sort()
    .map((k) => [k, job.params[k]]);
  return JSON.stringify([job.file, job.seed, params]);
}

/** What the summary needs of a result line. */
export interface SweepLine {
  /** The job's position in the whole sweep (absent in lines from elsewhere). */
  index?: number;
  file: string;
  seed: number;
  params: Record<string, number | string | null>;
  test: { totalReturn: number; sharpe: number | null };
  moments: { days: number; sharpe: number | null; skewness: number | null; kurtosis: number | null };
}

/** One parameter set's results over files and seeds. */
export interface SweepRow {
  params: Record<string, number | string | null>;
  jobs: number;
  meanReturn: number;
  sdReturn: number;
  meanSharpe: number | null;
  sdSharpe: number | null;
}

/** The ranked summary: best mean test Sharpe first, and the best set's deflated Sharpe ratio. */
export interface SweepSummary {
  rows: SweepRow[];
  parameterSets: number;
  /** Bailey and Lopez de Prado (2014): PSR of the best set against the Sharpe ratio expected from its best of N trials by luck. */
  deflatedSharpe: number | null;
}

/** Summarizes result lines (from one run or merged shards). */
export function summarizeSweep(lines: SweepLine[]): SweepSummary {
  // The same lines in any order (merged shards, resumed runs) give the same sums, to the last digit.
  const sorted = lines.map((line) => [jobKey(line), line] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const groups = new Map<string, SweepLine[]>();
  for (const [, line] of sorted) {
    const key = JSON.stringify(Object.keys(line.params).sort().map((k) => [k, line.params[k]]));
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)?.push(line);
  }
  const stats = (xs: number[]) => {
    const { mean, std } = meanAndStd(xs);
    return { mean, sd: xs.length > 1 ? std : 0 };
  };
  const rows: SweepRow[] = [...groups.values()].map((group) => {
    const returns = stats(group.map((l) => l.test.totalReturn));
    const sharpes = group.map((l) => l.test.sharpe).filter((s): s is number => s !== null);
    const sharpe = sharpes.length ? stats(sharpes) : undefined;
    return { params: group[0].params, jobs: group.length, meanReturn: returns.mean, sdReturn: returns.sd, meanSharpe: sharpe?.mean ?? null, sdSharpe: sharpe ? sharpe.sd : null };
  });
  rows.sort((a, b) => (b.meanSharpe ?? Number.NEGATIVE_INFINITY) - (a.meanSharpe ?? Number.NEGATIVE_INFINITY) || b.meanReturn - a.meanReturn);
  // Deflated Sharpe of the best set: its mean daily Sharpe, length and moments, against the trials' spread.
  const daily = [...groups.values()].map((group) => {
    const ok = group.filter((l) => l.moments.sharpe !== null && l.moments.skewness !== null && l.moments.kurtosis !== null);
    if (ok.length === 0) return undefined;
    const mean = (f: (l: SweepLine) => number) => ok.reduce((s, l) => s + f(l), 0) / ok.length;
    return { params: group[0].params, sharpe: mean((l) => l.moments.sharpe as number), days: mean((l) => l.moments.days), skewness: mean((l) => l.moments.skewness as number), kurtosis: mean((l) => l.moments.kurtosis as number) };
  });
  const best = rows[0] && daily.find((d) => d && JSON.stringify(d.params) === JSON.stringify(rows[0].params));
  const trials = daily.filter((d) => d !== undefined).map((d) => (d as NonNullable<typeof d>).sharpe);
  return { rows, parameterSets: rows.length, deflatedSharpe: best ? deflatedSharpe(best.sharpe, trials, best.days, best.skewness, best.kurtosis) : null };
}
