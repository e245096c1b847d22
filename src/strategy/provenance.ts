/**
 * What a run on a model should say about its data: another file than the model
 * was trained on (legitimate, a transfer to another series, but to be said),
 * and days the model already learned from (an in-sample backtest). A model
 * lists every period it learned from (model-file.ts `periods`); a file is that
 * period's data when it is the same file (SHA-256) or holds the same rows for
 * the period's days (the same series with days appended, as a nightly job
 * keeps it). Pure.
 */
import { createHash } from 'node:crypto';
import type { PriceSeries } from '../data/price-series.js';
import type { ModelFile, TrainingPeriod } from './model-file.js';
import type { PreparedData } from './prepare.js';

/** Days of a backtest that were also training days. */
export interface InSampleDays {
  start: string;
  end: string;
  days: number;
}

/** SHA-256 of rows [from, to) of a series, each `date,close` as dyna read it: the fingerprint of a training period's data. */
export function rowsFingerprint(series: PriceSeries, from: number, to: number): string {
  const hash = createHash('sha256');
  for (let t = from; t < to; t++) hash.update(`${series.dates[t]},${series.close[t]}\n`);
  return hash.digest('hex');
}

/** The rows [from, to) of a series whose dates fall in a period (dates compare as ISO text). */
function rowsOf(series: PriceSeries, period: { start: string; end: string }): { from: number; to: number } {
  const { dates } = series;
  let from = 0;
  while (from < dates.length && dates[from] < period.start) from++;
  let to = from;
  while (to < dates.length && dates[to] <= period.end) to++;
  return { from, to };
}

/** The model's training periods whose data `series` (the whole file `source`) holds: the same file, or the same rows. */
export function matchingPeriods(model: ModelFile, source: { file: string; sha256: string }, series: PriceSeries): TrainingPeriod[] {
  return model.periods.filter((p) => {
    if (p.sha256 === source.sha256) return true;
    if (p.rows === undefined) return false;
    const { from, to } = rowsOf(series, p);
    return to - from === p.days && rowsFingerprint(series, from, to) === p.rows;
  });
}

/**
 * The warning that `source` is not the model's data (or undefined when it is
 * among the files it learned from), given the periods it matches; `consequence` ends the sentence.
 */
export function otherDataWarning(model: ModelFile, source: { file: string }, matched: TrainingPeriod[], consequence = 'the policy is applied to another series'): string | undefined {
  if (matched.some((p) => p.file === source.file)) return undefined;
  const named = model.periods.some((p) => p.file === source.file);
  const how = matched.length > 0 ? 'another name, same contents' : named ? 'same name, different contents' : 'another file';
  const trainedOn = matched.length > 0 ? matched[matched.length - 1].file : model.data.file;
  return `${source.file} is not the data the model was trained on (${trainedOn}; ${how}): ${consequence}`;
}

/**
 * The provenance warnings of a run on the period of `data`, from the file
 * `source` (`series`: the whole file, not cut at the period's end), and its
 * in-sample days if there are any.
 */
export function provenanceWarnings(model: ModelFile, source: { file: string; sha256: string }, data: PreparedData, series: PriceSeries = data.series): { warnings: string[]; inSample?: InSampleDays } {
  const matched = matchingPeriods(model, source, series);
  const other = otherDataWarning(model, source, matched);
  const warnings = other === undefined ? [] : [other];
  if (matched.length === 0) return { warnings };
  const { dates } = data.series;
  let first = -1;
  let last = -1;
  let days = 0;
  for (let t = data.period.from; t < data.period.to; t++) {
    const day = dates[t].slice(0, 10);
    if (!matched.some((p) => day >= p.start.slice(0, 10) && day <= p.end.slice(0, 10))) continue;
    if (first < 0) first = t;
    last = t;
    days++;
  }
  if (first < 0) return { warnings };
  const inSample = { start: dates[first], end: dates[last], days };
  warnings.push(`in-sample: ${inSample.days} days of this backtest (${inSample.start} to ${inSample.end}) were used for training; judge the model on later days`);
  return { warnings, inSample };
}
