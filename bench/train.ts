/** End-to-end training time on a ten-year daily file with dyna 200, split into loading, features and learning. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPrices } from '../src/data/index.js';
import { loadDefaultSettings, mergeSettings } from '../src/settings/index.js';
import { prepareData, trainTrader } from '../src/strategy/index.js';
import { barsToCsv, generateMarket } from '../src/synth/synthetic-market.js';
import { createRng } from '../src/rng.js';

export interface TrainBenchResult {
  file: string;
  days: number;
  epochs: number;
  realSteps: number;
  hallucinatedSteps: number;
  loadSeconds: number;
  featureSeconds: number;
  learnSeconds: number;
}

const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;

/** Trains on `file` (whole file) with the default settings and dyna 200, timing each stage. */
export async function benchTrain(file: string): Promise<TrainBenchResult> {
  const settings = mergeSettings(loadDefaultSettings(), [{ source: 'bench', override: { learner: { dyna: 200 } } }]);
  let t = process.hrtime.bigint();
  const { series } = await loadPrices(file);
  const loadSeconds = seconds(t);
  t = process.hrtime.bigint();
  const data = prepareData(series, settings.trader.indicators, {}, file);
  const featureSeconds = seconds(t);
  t = process.hrtime.bigint();
  const result = trainTrader({ ...data, settings });
  const learnSeconds = seconds(t);
  return {
    file,
    days: data.period.to - data.period.from,
    epochs: result.epochs,
    realSteps: result.learner.realSteps,
    hallucinatedSteps: result.learner.hallucinatedSteps,
    loadSeconds,
    featureSeconds,
    learnSeconds,
  };
}

/** A ten-year (2520-day) synthetic daily file in a temporary folder; returns its path and a clean-up. */
export function tenYearSyntheticFile(): { file: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'dyna-bench-'));
  const file = join(dir, 'ten-years.csv');
  const options = { ...loadDefaultSettings().synth, days: 2520, cyclePeriod: 30, cycleAmplitude: 0.05 };
  writeFileSync(file, barsToCsv(generateMarket(options, createRng('bench'))));
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
