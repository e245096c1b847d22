/** Reading config/defaults.json and --config files. */
import { readFileSync } from 'node:fs';
import { InvalidOptionError } from '../errors.js';
import { ioError } from '../data/load-prices.js';
import { validateOverride, validateSettings, type Settings, type SettingsOverride } from './settings.js';

/** Path of the shipped defaults, config/defaults.json at the package root. */
export const DEFAULTS_URL = new URL('../../../config/defaults.json', import.meta.url);

/** The defaults shipped in config/defaults.json. */
export function loadDefaultSettings(): Settings {
  return validateSettings(readJson(DEFAULTS_URL, 'config/defaults.json'), 'config/defaults.json');
}

/** A user's --config file: any subset of the settings. */
export function loadSettingsFile(path: string): SettingsOverride {
  return validateOverride(readJson(path, path), path);
}

function readJson(path: string | URL, label: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw ioError(label, error);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidOptionError(`${label}: not valid JSON (${(error as Error).message})`);
  }
}
