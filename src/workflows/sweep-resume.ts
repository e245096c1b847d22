/**
 * Resuming a sweep from its results file: every line must be a job of this
 * sweep (its index, file, seed and parameters those of that job), and each job
 * is kept once. A line of another sweep refuses the whole file, which is then
 * left as it is: the run would otherwise drop that line when it rewrites the
 * file in job order. Duplicates (two runs that wrote the same file) are dropped,
 * with a warning.
 */
import { DataError } from '../errors.js';
import { jobKey, type SweepJob } from '../evaluation/sweep.js';
import type { DecodedResults, SweepResultLine } from './sweep-results.js';

/** What a resume keeps of a results file. */
export interface ResumedResults {
  /** One line per job found (its text beside it), in the file's order. */
  lines: SweepResultLine[];
  texts: string[];
  /** Jobs (by index) whose line has daily excess returns: done. The others found were written by an older dyna. */
  done: Set<number>;
  warnings: string[];
}

const HINT = 'a results file holds one sweep: give this one another results file, or run it with the same price files, grid and seeds';

/**
 * The lines of `decoded` (the results file `file`) that a resume of `jobs` (the sweep of `fingerprint`) keeps; a line that is not one
 * of them, or that another sweep wrote, is a DataError naming it.
 */
export function resumeResults(decoded: DecodedResults, jobs: readonly SweepJob[], file: string, fingerprint: string): ResumedResults {
  const chosen = new Map<number, number>();
  const dropped: number[] = [];
  let unmarked = 0;
  decoded.lines.forEach((line, k) => {
    const job = jobs[line.index];
    const where = { file, line: decoded.numbers[k] };
    if (line.sweep === undefined) unmarked++;
    else if (line.sweep !== fingerprint) throw new DataError(`was written by a sweep with other settings or dates (its base config, preset, --split, --start or --end, or the defaults of another dyna); ${HINT}`, where);
    if (job === undefined) throw new DataError(`job ${line.index} is not in this sweep of ${jobs.length} jobs; ${HINT}`, where);
    if (jobKey(job) !== jobKey(line)) throw new DataError(`is not job ${line.index} of this sweep (its file, seed or parameters differ); ${HINT}`, where);
    const kept = chosen.get(line.index);
    // A line with daily excess returns replaces an older one of the same job (a rerun of old lines killed midway); otherwise the first is kept.
    if (kept !== undefined && (decoded.lines[kept].dailyLogExcess !== undefined || line.dailyLogExcess === undefined)) return void dropped.push(decoded.numbers[k]);
    chosen.set(line.index, k);
  });
  const keep = [...chosen.values()].sort((a, b) => a - b);
  const lines = keep.map((k) => decoded.lines[k]);
  const shown = dropped.sort((a, b) => a - b).slice(0, 5).join(', ') + (dropped.length > 5 ? ', ...' : '');
  return {
    lines,
    texts: keep.map((k) => decoded.texts[k]),
    done: new Set(lines.filter((l) => l.dailyLogExcess !== undefined).map((l) => l.index)),
    warnings: [
      ...(dropped.length ? [`${file}: ${dropped.length} duplicate line(s) of jobs it already holds dropped (line ${shown}); two sweeps wrote this --out?`] : []),
      ...(unmarked ? [`${file}: ${unmarked} line(s) written by an older dyna carry no settings fingerprint: kept as this sweep's, unchecked`] : []),
    ],
  };
}
