/**
 * A sweep's results file: one JSON line per job, numbers as numbers. Encoding a
 * job's result as a line, decoding (and checking) the lines of a file, reading
 * a file, and putting lines in job order. A sweep appends lines as jobs end, so
 * a killed run leaves at most one unfinished last line: decoding drops it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { symbolFromPath } from '../data/load-prices.js';
import { DataError, ioError } from '../errors.js';
import { jobKey, type SweepJob, type SweepLine } from '../evaluation/sweep.js';
import { parseJsonData } from '../json.js';
import type { Metrics } from '../report/metrics.js';
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
}

/** The largest results file read (about 20,000 lines of a 500-day test, ~12 KB each): a JavaScript string holds at most ~512 M characters. */
export const MAX_RESULTS_BYTES = 256 * 1024 ** 2;

/** A job's line, without its newline. */
export function encodeSweepLine(job: SweepJob, result: JobResult): string {
  const line: SweepResultLine = { index: job.index, file: job.file, symbol: symbolFromPath(job.file), seed: job.seed, params: job.params, train: { ...result.trainMetrics, epochs: result.train.epochs }, test: result.strategy, benchmark: result.benchmark, moments: result.testMoments, dailyLogExcess: Array.from(result.dailyLogExcess) };
  return JSON.stringify(line);
}

/** The lines of a results file's text, each with its text and job key; `complete` is how many characters hold whole lines. */
export interface DecodedResults {
  lines: SweepResultLine[];
  texts: string[];
  keys: Set<string>;
  /** Characters of whole lines: an unfinished last line (a run killed mid-write) starts here. */
  complete: number;
}

/** Decodes a results file's text; an unfinished last line is left out, anything else that is not a result line is a DataError naming the line. */
export function decodeSweepLines(text: string, file: string): DecodedResults {
  const complete = text.lastIndexOf('\n') + 1;
  const decoded: DecodedResults = { lines: [], texts: [], keys: new Set(), complete };
  text
    .slice(0, complete)
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let value: SweepResultLine;
      try {
        value = parseJsonData(line) as SweepResultLine;
      } catch (error) {
        throw new DataError(`not a sweep result line (${(error as Error).message})`, { file, line: i + 1 });
      }
      if (typeof value !== 'object' || value === null || typeof value.params !== 'object' || typeof value.test?.totalReturn !== 'number' || typeof value.benchmark?.totalReturn !== 'number') throw new DataError('not a sweep result line', { file, line: i + 1 });
      if (value.dailyLogExcess !== undefined && !(Array.isArray(value.dailyLogExcess) && value.dailyLogExcess.every((x) => typeof x === 'number'))) throw new DataError('dailyLogExcess must be a list of numbers', { file, line: i + 1 });
      decoded.lines.push(value);
      decoded.texts.push(line);
      decoded.keys.add(jobKey(value));
    });
  return decoded;
}

/** Reads a results file's text (up to MAX_RESULTS_BYTES); with `missing: ''`, a file that does not exist reads as empty. */
export function readSweepResults(path: string, missing?: ''): string {
  if (missing !== undefined && !existsSync(path)) return missing;
  try {
    if (statSync(path).size > MAX_RESULTS_BYTES) throw new DataError('larger than 256 MiB; split the sweep into shards', { file: path });
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw ioError(path, error);
  }
}

/** Reads and decodes result files, one after another (merged shards). */
export function readSweepLines(paths: string[]): SweepResultLine[] {
  return paths.flatMap((path) => decodeSweepLines(readSweepResults(path), path).lines);
}

/** Positions of result lines sorted by job index (then by text, so that equal indices from different sweeps sort the same way too). */
export function jobOrder(lines: SweepLine[], texts: string[]): number[] {
  const index = (i: number) => (typeof lines[i].index === 'number' ? (lines[i].index as number) : Infinity);
  return lines.map((_, i) => i).sort((a, b) => index(a) - index(b) || (texts[a] < texts[b] ? -1 : texts[a] > texts[b] ? 1 : 0));
}
