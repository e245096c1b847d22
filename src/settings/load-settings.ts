/** Reading config/defaults.json, the shipped presets and --config files. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { parseJsonData } from '../json.js';
import { InvalidOptionError, ioError } from '../errors.js';
import { quote } from '../text.js';
import { validateOverride, validateSettings, type Settings, type SettingsOverride } from './settings.js';

/** Path of the shipped defaults, config/defaults.json at the package root. */
export const DEFAULTS_URL = new URL('../../../config/defaults.json', import.meta.url);

/** The defaults shipped in config/defaults.json. */
export function loadDefaultSettings(): Settings {
  return validateSettings(readJson(DEFAULTS_URL, 'config/defaults.json'), 'config/defaults.json');
}

/** Folder of the shipped presets, config/presets/<name>.json at the package root. */
export const PRESETS_URL = new URL('../../../config/presets/', import.meta.url);

/** The names of the shipped presets (files in config/presets). */
export function presetNames(): string[] {
  return readdirSync(PRESETS_URL)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** A shipped preset (config/presets/<name>.json): a settings override applied over the defaults, under --config and flags. */
export function loadPreset(name: string): SettingsOverride {
  const known = presetNames();
  if (!known.includes(name)) throw new InvalidOptionError([{ option: 'preset' }, `: unknown preset ${quote(name)} (known: ${known.join(', ')})`]);
  const label = `config/presets/${name}.json`;
  return validateOverride(readJson(new URL(`${name}.json`, PRESETS_URL), label), label);
}

/** A user's --config file: any subset of the settings. */
export function loadSettingsFile(path: string): SettingsOverride {
  return validateOverride(readJson(path, path), path);
}

/** Largest settings file read: settings are a few hundred bytes. */
export const MAX_SETTINGS_BYTES = 1024 * 1024;

function readJson(path: string | URL, label: string): unknown {
  let text: string;
  try {
    const info = statSync(path);
    if (!info.isFile()) throw new InvalidOptionError(`${label}: not a regular file`);
    if (info.size > MAX_SETTINGS_BYTES) throw new InvalidOptionError(`${label}: ${info.size} bytes is too large for a settings file (limit ${MAX_SETTINGS_BYTES})`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof InvalidOptionError) throw error;
    throw ioError(label, error);
  }
  try {
    return parseJsonData(text);
  } catch (error) {
    throw new InvalidOptionError(`${label}: ${(error as Error).message}`);
  }
}
