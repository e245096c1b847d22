/**
 * Continuing a saved model on new days (`train --init-model`): what may change
 * and what may not, where the new period may start, and what the file says
 * about its data. The learned tables are indexed by the saved indicators,
 * buckets and levels and were learned with the saved learner, costs and
 * sizing, so every setting stays the model's except how long this run trains.
 * Each day is learned once: the move from a day to the next is recorded when
 * that day is in the training period and is not its last, so a continuation
 * starts on the model's last training day (whose move was not yet known) or
 * later. Pure.
 */
import { DataError, InvalidOptionError, ModelError, type MessagePart } from '../errors.js';
import type { PriceSeries } from '../data/price-series.js';
import type { Settings, SettingsOverride } from '../settings/settings.js';
import { quoted } from '../text.js';
import type { LoadedModel, ModelFile } from './model-file.js';
import type { PreparedData } from './prepare.js';
import { matchingPeriods, otherDataWarning } from './provenance.js';

/** The settings a continuation may change: how long this run trains. */
export const RUN_LENGTH_SETTINGS = ['epochs', 'minEpochs', 'patience'] as const;

/** The model's last training day: the end of its latest period. */
export function lastTrainingDay(model: ModelFile): string {
  return model.periods.reduce((last, p) => (p.end > last ? p.end : last), model.periods[0].end);
}

/** Throws unless the model's learner can be continued: files before version 3 learned with other rewards and models. */
export function checkContinuable(model: LoadedModel, path: string): void {
  if (model.writtenVersion < 3) throw new ModelError(`written by an older dyna (model schema version ${model.writtenVersion}), whose learner learned with other rewards: it can be backtested but not continued; train a new model`, path);
}

/**
 * Throws, in one line naming the first setting, when `settings` (the model's,
 * under the preset, the config file and the options) differ from the model's
 * anywhere but the run length. Settings the options set are named as options.
 */
export function checkUnchangedSettings(saved: Omit<Settings, 'synth'>, settings: Settings, override: SettingsOverride): void {
  const sections = ['trader', 'learner', 'market'] as const;
  const given = (section: (typeof sections)[number], key: string) => (override[section] as Record<string, unknown> | undefined)?.[key] !== undefined;
  const keys = sections.flatMap((section) => Object.keys(saved[section]).map((key) => ({ section, key })));
  // Settings the options name first, so that the message names what the user typed.
  keys.sort((a, b) => Number(given(b.section, b.key)) - Number(given(a.section, a.key)));
  for (const { section, key } of keys) {
    if ((RUN_LENGTH_SETTINGS as readonly string[]).includes(key) && section === 'trader') continue;
    const was = (saved[section] as unknown as Record<string, unknown>)[key];
    const now = (settings[section] as unknown as Record<string, unknown>)[key];
    if (JSON.stringify(was) === JSON.stringify(now)) continue;
    const name: MessagePart = given(section, key) ? { option: key } : `${section}.${key}`;
    throw new InvalidOptionError([
      name,
      ` ${quoted(now)} differs from the model's ${quoted(was)}: a continued model keeps the settings it learned with (only ${RUN_LENGTH_SETTINGS.join(', ')} may change); train a new model to change it`,
    ]);
  }
}

/**
 * Checks the new period of a continuation and returns what to warn about: at
 * least two rows (a day and its next close), no day whose move the model
 * already learned from the same data (unless `refit`: its tables start empty);
 * warnings when it leaves days unlearned after the model's last training day,
 * and when the file is not the model's data (a model may learn from several
 * series, but it should be said). `path` names the price file in errors.
 */
export function checkContinuation(model: ModelFile, source: { file: string; sha256: string }, series: PriceSeries, data: PreparedData, path: string, refit = false): string[] {
  const { from, to } = data.period;
  const { dates } = data.series;
  if (to - from < 2) {
    throw new DataError(`nothing new to learn: the period ${dates[from]} to ${dates[to - 1]} has ${to - from} row, and learning needs a day and the next close (the model's last training day is ${lastTrainingDay(model)})`, { file: path });
  }
  const matched = matchingPeriods(model, source, series);
  for (const p of refit ? [] : matched) {
    // Days learned from: the period's days but its last (whose next close came after it).
    for (let t = from; t < to - 1; t++) {
      if (dates[t] >= p.start && dates[t] < p.end) {
        throw new InvalidOptionError([
          { option: 'start' },
          ` ${dates[from].slice(0, 10)}: the model already learned from ${dates[t]} (trained on ${p.file}, ${p.start} to ${p.end}); each day is learned once, so continue from ${p.end.slice(0, 10)} or later`,
        ]);
      }
    }
  }
  const warnings: string[] = [];
  const last = lastTrainingDay(model);
  // On the model's own series, starting after its last training day leaves the moves in between unlearned.
  if (!refit && matched.some((p) => p.end === last) && dates[from].slice(0, 10) > last.slice(0, 10)) {
    warnings.push(`the period starts on ${dates[from]}, after the model's last training day ${last}: the moves from ${last} to ${dates[from]} are not learned (start on ${last.slice(0, 10)} to learn every day)`);
  }
  const other = otherDataWarning(model, source, matched, 'the model learns from another series');
  if (other !== undefined) warnings.push(other);
  return warnings;
}
