/**
 * `synth`: a seeded synthetic market. Returns the summary `dyna synth --json`
 * prints, with the CSV attached for the caller to write (`result.csv`).
 */
import { createRng } from '../rng.js';
import type { SynthSettings } from '../settings/settings.js';
import { barsToCsv, generateMarket } from '../synth/synthetic-market.js';
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

/** Generates the market the options describe: same options, same bytes. */
export async function synth(options: SynthOptions): Promise<SynthDocument & Readonly<{ csv: string }>> {
  const { out, config, ...values } = options;
  const settings = resolveSettings(config, checkOverride({ synth: values })).synth;
  const { seed, ...market } = settings;
  const bars = generateMarket(market, createRng(`synth:${seed}`));
  const summary: SynthDocument = { schemaVersion: 1, command: 'synth', out, rows: bars.length, first: bars[0].date, last: bars[bars.length - 1].date, settings };
  return withOutputs(summary, { csv: barsToCsv(bars) });
}
