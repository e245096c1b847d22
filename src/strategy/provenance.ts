/**
 * What a backtest should say about its data: another file than the model was
 * trained on (legitimate, a transfer to another series, but to be said), and
 * days the model already saw in training (an in-sample backtest). Pure.
 */
import type { ModelFile } from './model-file.js';
import type { PreparedData } from './prepare.js';

/** Days of a backtest that were also training days. */
export interface InSampleDays {
  start: string;
  end: string;
  days: number;
}

/** The provenance warnings of a backtest on `data` (from the file `source`), and its in-sample days if there are any. */
export function provenanceWarnings(model: ModelFile, source: { file: string; sha256: string }, data: PreparedData): { warnings: string[]; inSample?: InSampleDays } {
  const warnings: string[] = [];
  const trainedOn = model.data;
  const sameData = source.sha256 === trainedOn.sha256;
  if (!sameData || source.file !== trainedOn.file) {
    const how = source.file !== trainedOn.file ? (sameData ? 'another name, same contents' : 'another file') : 'same name, different contents';
    warnings.push(`${source.file} is not the data the model was trained on (${trainedOn.file}; ${how}): the policy is applied to another series`);
  }
  if (!sameData) return { warnings };
  const { dates } = data.series;
  const from = data.period.from;
  const to = data.period.to;
  let first = -1;
  let last = -1;
  for (let t = from; t < to; t++) {
    const day = dates[t].slice(0, 10);
    if (day >= model.period.start.slice(0, 10) && day <= model.period.end.slice(0, 10)) {
      if (first < 0) first = t;
      last = t;
    }
  }
  if (first < 0) return { warnings };
  const inSample = { start: dates[first], end: dates[last], days: last - first + 1 };
  warnings.push(`in-sample: ${inSample.days} days of this backtest (${inSample.start} to ${inSample.end}) were used for training; judge the model on later days`);
  return { warnings, inSample };
}
