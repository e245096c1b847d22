/**
 * `synth`: a seeded synthetic market. Returns the summary `dyna synth --json`
 * prints, with the CSV attached for the caller to write (`result.csvChunks()`,
 * or `result.csv` whole).
 */
import { createRng } from '../rng.js';
import type { SynthSettings } from '../settings/settings.js';
import { csvChunks as csvChunksOf, marketBars } from '../synth/synthetic-market.js';
import { withOutputs } from './io.js';
import { checkOverride, resolveSettings } from './options.js';

/** The options of `synth`: its flags, camelCased (config/defaults.json's synth section). */
export interface SynthOptions extends Partial<SynthSettings> {
  /** Where the caller will write the CSV (the summary names it). */
  out?: string;
  /** A JSON settings file (its synth section). */
  config?: string;
}

/** What `synth --json` prints. */
export interface SynthDocument {
  schemaVersion: 1;
  command: 'synth';
  out: string | undefined;
  rows: number;
  first: string;
  last: string;
  settings: SynthSettings;
}

/** What `synth` attaches to its summary: the CSV, whole or in pieces. */
export interface SynthOutputs {
  /** The CSV's text (built on first read: for a long market, write `csvChunks()` instead). */
  readonly csv: string;
  /** The CSV in pieces, generated again as they are read: the same bytes as `csv` in little memory. */
  csvChunks(): Iterable<string>;
}

/**
 * Generates the market the options describe: same options, same bytes. One
 * pass here checks every day (a price past the limit throws now, before
 * anything is written) and finds the summary; the CSV is made again as it is read.
 */
export async function synth(options: SynthOptions): Promise<SynthDocument & Readonly<SynthOutputs>> {
  const { out, config, ...values } = options;
  const settings = resolveSettings(config, checkOverride({ synth: values })).synth;
  const { seed, ...market } = settings;
  const bars = () => marketBars(market, createRng(`synth:${seed}`));
  let rows = 0;
  let first = '';
  let last = '';
  for (const bar of bars()) {
    if (rows++ === 0) first = bar.date;
    last = bar.date;
  }
  const summary: SynthDocument = { schemaVersion: 1, command: 'synth', out, rows, first, last, settings };
  const csvChunks = () => csvChunksOf(bars());
  let csv: string | undefined;
  withOutputs(summary, { csvChunks });
  Object.defineProperty(summary, 'csv', { get: () => (csv ??= [...csvChunks()].join('')), enumerable: false });
  return summary as SynthDocument & SynthOutputs;
}
