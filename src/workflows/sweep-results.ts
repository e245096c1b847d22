/**
 * A sweep's results file: one JSON line per job, numbers as numbers. Encoding a
 * job's result as a line, decoding (and checking every field of) the lines of a
 * file, reading a file as bytes, and putting lines in job order. A sweep appends
 * lines as jobs end, so a killed run leaves at most one unfinished last line:
 * decoding drops it.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { symbolFromPath } from '../data/load-prices.js';
import { DataError, DynaError, ioError } from '../errors.js';
import { jobKey, type SweepJob, type SweepLine } from '../evaluation/sweep.js';
import { jsonText, parseJsonData } from '../json.js';
import type { Metrics } from '../report/metrics.js';
import type { Settings } from '../settings/settings.js';
import type { JobResult } from './job.js';

/** One line of a results file: the job, the metrics of its training run, test run and benchmark, and the test's daily log excess returns. */
export interface SweepResultLine extends SweepLine {
  index: number;
  file: string;
  symbol: string;
  seed: number;
  params: Record<string, number | string | null>;
  train: Metrics & { epochs: number };
  test: Metrics;
  benchmark: Metrics;
  moments: JobResult['testMoments'];
  /** Daily log excess returns of the test run over buy-and-hold, at full precision (absent in lines written before the reality check). */
  dailyLogExcess?: number[];
  /** The sweep's fingerprint (sweepFingerprint): its base settings and dates; absent in lines written before it was recorded. */
  sweep?: string;
}

/** The largest results file read (about 20,000 lines of a 500-day test, ~12 KB each): a JavaScript string holds at most ~512 M characters. */
export const MAX_RESULTS_BYTES = 256 * 1024 ** 2;

/**
 * A sweep's fingerprint: 16 hex digits of the SHA-256 of its base settings (every default, the
 * preset and --config resolved) and its dates. A line carries it, so a resume or a summary can
 * tell lines that another sweep wrote (other settings, dates, or defaults of another dyna).
 */
export function sweepFingerprint(base: Settings, dates: { split: string; start?: string; end?: string }): string {
  return createHash('sha256').update(jsonText({ settings: base, split: dates.split, start: dates.start ?? null, end: dates.end ?? null })).digest('hex').slice(0, 16);
}

/** A job's line, without its newline. */
export function encodeSweepLine(job: SweepJob, result: JobResult, fingerprint: string): string {
  const line: SweepResultLine = { index: job.index, file: job.file, symbol: symbolFromPath(job.file), seed: job.seed, params: job.params, train: { ...result.trainMetrics, epochs: result.train.epochs }, test: result.strategy, benchmark: result.benchmark, moments: result.testMoments, dailyLogExcess: Array.from(result.dailyLogExcess), sweep: fingerprint };
  // Escaped like every JSON file dyna writes: no raw bidirectional or invisible marks from file names.
  return jsonText(line);
}

/** The lines of a results file's text, each with its text, line number and job key; `complete` is how many bytes hold whole lines. */
export interface DecodedResults {
  lines: SweepResultLine[];
  texts: string[];
  /** The line number (from 1) of each line in the file. */
  numbers: number[];
  keys: Set<string>;
  /** Bytes of whole lines (UTF-8): an unfinished last line (a run killed mid-write) starts here. */
  complete: number;
}

/** Decodes a results file's text; an unfinished last line is left out, anything else that is not a result line is a DataError naming the line. */
export function decodeSweepLines(text: string, file: string): DecodedResults {
  // Refused rather than skipped: the byte offsets that cut an unfinished last line count from the file's first byte.
  if (text.startsWith('\ufeff')) throw new DataError('starts with a byte-order mark (U+FEFF): results files are UTF-8 without one (remove its first 3 bytes)', { file, line: 1 });
  const whole = text.slice(0, text.lastIndexOf('\n') + 1);
  const decoded: DecodedResults = { lines: [], texts: [], numbers: [], keys: new Set(), complete: Buffer.byteLength(whole) };
  whole.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = parseJsonData(line);
    } catch (error) {
      throw new DataError(`not a sweep result line (${(error as Error).message})`, { file, line: i + 1 });
    }
    const problem = resultLineProblem(value);
    if (problem !== undefined) throw new DataError(problem, { file, line: i + 1 });
    const result = value as SweepResultLine;
    decoded.lines.push(result);
    decoded.texts.push(line);
    decoded.numbers.push(i + 1);
    decoded.keys.add(jobKey(result));
  });
  return decoded;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isInteger = (v: unknown): v is number => Number.isSafeInteger(v);

/** Metrics fields that hold text; every other field is a number (or null, where a metric can be undefined). */
const TEXT_METRICS = new Set(['startDate', 'endDate']);
/** Metrics every line has, from the first dyna that wrote sweeps on: never null (other fields are checked when present). */
const REQUIRED_METRICS = ['days', 'startValue', 'endValue', 'totalReturn', 'trades'];

/** True when a metrics field holds what a metric of that name can hold. */
function metricFits(key: string, v: unknown): boolean {
  if (TEXT_METRICS.has(key)) return typeof v === 'string';
  if (key === 'undefinedBecause') return isObject(v);
  if (key === 'marginCall') return v === null || (isObject(v) && isNumber(v.equity));
  return v === null || isNumber(v);
}

/** What is wrong with a metrics object (its name in the line is `name`), or undefined. */
function metricsProblem(value: unknown, name: string): string | undefined {
  if (!isObject(value)) return `${name} must be an object of metrics`;
  for (const key of REQUIRED_METRICS) if (!isNumber(value[key])) return `${name}.${key} must be a number (got ${JSON.stringify(value[key] ?? null).slice(0, 40)})`;
  const wrong = Object.entries(value).find(([key, v]) => !metricFits(key, v));
  return wrong && `${name}.${wrong[0]} has the wrong type (got ${JSON.stringify(wrong[1]).slice(0, 40)})`;
}

/** What keeps a parsed value from being a result line (every number a finite number, every field of its type), or undefined. */
function resultLineProblem(value: unknown): string | undefined {
  if (!isObject(value) || !isObject(value.params) || !isObject(value.test) || !isObject(value.benchmark)) return 'not a sweep result line';
  if (!isInteger(value.index) || value.index < 0) return 'index must be a job number (an integer from 0)';
  if (typeof value.file !== 'string' || typeof value.symbol !== 'string') return 'file and symbol must be text';
  if (!isInteger(value.seed)) return 'seed must be an integer';
  for (const [key, v] of Object.entries(value.params)) if (v !== null && typeof v !== 'string' && !isNumber(v)) return `params.${key} must be a number, text or null`;
  const metrics = metricsProblem(value.train, 'train') ?? metricsProblem(value.test, 'test') ?? metricsProblem(value.benchmark, 'benchmark');
  if (metrics !== undefined) return metrics;
  if (!isInteger((value.train as Json).epochs)) return 'train.epochs must be an integer';
  const moments = value.moments;
  if (!isObject(moments) || !isInteger(moments.days) || ['sharpe', 'skewness', 'kurtosis'].some((k) => moments[k] !== null && !isNumber(moments[k]))) return 'moments must hold days and the Sharpe ratio, skewness and kurtosis as numbers (or null)';
  const daily = value.dailyLogExcess;
  if (daily !== undefined && !(Array.isArray(daily) && daily.every(isNumber))) return 'dailyLogExcess must be a list of numbers';
  if (daily !== undefined && daily.length !== value.test.days) return `dailyLogExcess has ${daily.length} days, the test ${String(value.test.days)}`;
  if (value.sweep !== undefined && !(typeof value.sweep === 'string' && /^[0-9a-f]{16}$/.test(value.sweep))) return 'sweep must be the 16 hex digits of its sweep\'s fingerprint';
  return undefined;
}

/** A results file's bytes, read. */
export interface ResultsFile {
  text: string;
  /** Its device and inode, which tell one file given under two names. */
  id: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads a results file's bytes (up to MAX_RESULTS_BYTES) and decodes them as
 * UTF-8, refusing bytes that are not; with `missing: 'empty'`, a file that does
 * not exist reads as empty. Anything but a regular file (a device, a pipe, a
 * folder) is refused before it is opened, and opened without blocking, so that
 * nothing can make the read wait or never end.
 */
export function readResultsFile(path: string, missing?: 'empty'): ResultsFile {
  let fd: number | undefined;
  try {
    let info: Stats;
    try {
      info = statSync(path);
    } catch (error) {
      if (missing !== undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') return { text: '', id: '' };
      throw error;
    }
    const regular = (s: Stats) => {
      if (!s.isFile()) throw new DataError('not a regular file (a folder, a device or a pipe?): results files are read from disk', { file: path });
    };
    regular(info);
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const opened = fstatSync(fd);
    regular(opened);
    if (opened.size > MAX_RESULTS_BYTES) throw new DataError('larger than 256 MiB; split the sweep into shards', { file: path });
    const bytes = Buffer.alloc(opened.size);
    let read = 0;
    for (let n = 1; read < bytes.length && n > 0; read += n) n = readSync(fd, bytes, read, bytes.length - read, read);
    // Whole lines must be UTF-8; an unfinished last line (a write cut short, maybe inside a character) is only dropped.
    const whole = bytes.subarray(0, read).lastIndexOf(0x0a) + 1;
    const text = decodeUtf8(bytes.subarray(0, whole), path) + new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(whole, read));
    return { text, id: `${opened.dev}:${opened.ino}` };
  } catch (error) {
    if (error instanceof DynaError) throw error;
    throw ioError(path, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The text of UTF-8 bytes, or a DataError naming the line of the first byte that is not UTF-8. */
function decodeUtf8(bytes: Buffer, path: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    let good = 0;
    // The longest prefix that decodes: the bad byte is within 3 bytes after it.
    for (let lo = 0, hi = bytes.length; lo <= hi; ) {
      const mid = (lo + hi) >> 1;
      if (utf8Prefix(bytes.subarray(0, mid))) (good = mid), (lo = mid + 1);
      else hi = mid - 1;
    }
    // That prefix may end inside a character (its lead byte, then no continuation): the bad sequence starts where that character does.
    for (let back = 0; back < 3 && good > 0 && !utf8Whole(bytes.subarray(0, good)); back++) good--;
    let line = 1;
    for (let i = 0; i < good; i++) if (bytes[i] === 0x0a) line++;
    throw new DataError(`not UTF-8 text (byte ${good + 1}); a results file holds JSON lines, and this one is left as it is`, { file: path, line });
  }
}

/** True when `bytes` is UTF-8 whole, every character complete. */
function utf8Whole(bytes: Buffer): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** True when `bytes` is UTF-8, allowing a character cut at its end. */
function utf8Prefix(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Result lines of several files (merged shards), the file of each, and what was noticed: a file given twice (or under two names) is read once. */
export function readSweepLines(paths: string[]): { lines: SweepResultLine[]; files: string[]; warnings: string[] } {
  const seen = new Map<string, string>();
  const read: { lines: SweepResultLine[]; files: string[]; warnings: string[] } = { lines: [], files: [], warnings: [] };
  for (const path of paths) {
    const file = readResultsFile(path);
    const first = seen.get(file.id);
    if (first !== undefined) {
      read.warnings.push(`${path} is ${first === path ? 'given twice' : `the same file as ${first}`}: read once`);
      continue;
    }
    seen.set(file.id, path);
    const decoded = decodeSweepLines(file.text, path);
    for (const line of [...decoded.lines, ...lastLine(file.text, path, read.warnings)]) read.lines.push(line), read.files.push(path);
  }
  return read;
}

/**
 * A summary's view of a last line without its newline: a whole result line (a
 * file saved by an editor, or a write cut just before its newline) counts; anything
 * else is a write cut short, left out with a warning (a resume cuts it and runs its job again).
 */
function lastLine(text: string, path: string, warnings: string[]): SweepResultLine[] {
  const start = text.lastIndexOf('\n') + 1;
  if (text.slice(start).trim() === '') return [];
  try {
    return decodeSweepLines(`${text.slice(start)}\n`, path).lines;
  } catch {
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < start; i = text.indexOf('\n', i + 1)) line++;
    warnings.push(`${path}: line ${line} is unfinished (a sweep killed while writing it?) and left out`);
    return [];
  }
}
