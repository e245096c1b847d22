/**
 * The settings options shared by the commands (their flags in camelCase) and
 * how they become settings: config/defaults.json, then a shipped `preset`, then
 * a `config` file, then the options, later winning. Each value is checked once,
 * by the settings schema, with errors naming the option; the CLI shows the names as flags.
 */
import { invalidOption } from '../errors.js';
import { WINDOW_RANGES } from '../evaluation/windows.js';
import { atLeast, integerRangeText, isIntegerIn, type IntegerRange } from '../integers.js';
import { SYNTH_DAYS } from '../synth/synthetic-market.js';
import { loadDefaultSettings, loadPreset, loadSettingsFile } from '../settings/load-settings.js';
import { INTEGER_SETTINGS, mergeSettings, type LearnerModel, type Settings, type SettingsOverride } from '../settings/settings.js';

/** Options of any command that trains (keys of config/defaults.json's learner and trader sections). */
export interface LearningOptions {
  /** A shipped settings file, config/presets/<name>.json (`ml4t`: the course's conventions), over the defaults and under `config` and the options. */
  preset?: string;
  seed?: number;
  /** The model of the world: "market" (one market model shared by all positions) or "classic" Dyna-Q. */
  model?: LearnerModel;
  dyna?: number;
  epochs?: number;
  bins?: number;
  alpha?: number;
  gamma?: number;
  rar?: number;
  radr?: number;
}

/** Options of any command that keeps an account (costs, cash, margin). */
export interface AccountOptions {
  commission?: number;
  impact?: number;
  cash?: number;
  maintenance?: number;
}

/** Account options plus position sizing: a fraction of equity (`size`) or a number of `shares`, not both. */
export interface MarketOptions extends AccountOptions {
  size?: number;
  shares?: number;
  /** Volatility-targeted sizing: scale positions by min(1, target / realized 20-day volatility); 0 turns it off. */
  volatilityTarget?: number;
}

/** The learning options as a settings override. */
export function learningOverride(o: LearningOptions): SettingsOverride {
  return {
    learner: { dyna: o.dyna, alpha: o.alpha, gamma: o.gamma, rar: o.rar, radr: o.radr, model: o.model },
    trader: { epochs: o.epochs, seed: o.seed, bins: o.bins },
  };
}

/** The account and sizing options as a settings override. */
export function marketOverride(o: MarketOptions): SettingsOverride {
  return { market: { commission: o.commission, impact: o.impact, size: o.size, shares: o.shares, cash: o.cash, maintenance: o.maintenance, volatilityTarget: o.volatilityTarget } };
}

/** Checks options given as a settings override, before any input is read, with the one settings validator (size with shares included); returns it. */
export function checkOverride(override: SettingsOverride): SettingsOverride {
  mergeSettings(loadDefaultSettings(), [{ source: 'options', override, names: 'flags' }]);
  return override;
}

/**
 * Defaults (or another `base`, such as a saved model's settings), then the `preset` (config/presets/<name>.json,
 * if any), then the `config` file (if any), then the options: later wins.
 */
export function resolveSettings(config: string | undefined, override: SettingsOverride, preset?: string, base: Settings = loadDefaultSettings()): Settings {
  const layers: Parameters<typeof mergeSettings>[1] = [];
  if (preset !== undefined) layers.push({ source: `config/presets/${preset}.json`, override: loadPreset(preset) });
  if (config !== undefined) layers.push({ source: config, override: loadSettingsFile(config) });
  layers.push({ source: 'options', override, names: 'flags' });
  return mergeSettings(base, layers);
}

/** A saved model's settings, then the options: later wins (a model's sizing and costs can be overridden). */
export function settingsOver(saved: Omit<Settings, 'synth'>, override: SettingsOverride): Settings {
  return mergeSettings(savedSettings(saved), [{ source: 'options', override, names: 'flags' }]);
}

/** A saved model's settings as complete settings (the synth section from the defaults). */
export function savedSettings(saved: Omit<Settings, 'synth'>): Settings {
  return { ...loadDefaultSettings(), ...structuredClone(saved) };
}

/** Checks an optional name option (such as `symbol`): absent, or not blank. */
export function checkName(option: string, value: string | undefined): void {
  if (value !== undefined && value.trim() === '') throw invalidOption(option, 'must not be empty');
}

/** The most samples a significance test draws. */
export const MAX_SIGNIFICANCE_SAMPLES = 100_000;

/** The most job threads a command starts (`--jobs`): well above any machine's cores, well below what memory holds. */
export const MAX_JOBS = 256;

/**
 * The range of every integer option of every command (their flags show, parse
 * and check these; the settings' own come from the settings schema).
 */
export const INTEGER_OPTIONS = {
  ...INTEGER_SETTINGS,
  ...WINDOW_RANGES,
  days: SYNTH_DAYS,
  significance: [1, MAX_SIGNIFICANCE_SAMPLES],
  // Each job thread costs tens of MiB: thousands of them would exhaust memory long before they helped.
  jobs: [1, MAX_JOBS],
  staleDays: atLeast(0),
} as const satisfies Record<string, IntegerRange>;

/** An integer option's name. */
export type IntegerOption = keyof typeof INTEGER_OPTIONS;

/** Checks an optional integer option against its range (INTEGER_OPTIONS). */
export function checkInteger(option: IntegerOption, value: number | undefined): void {
  const range = INTEGER_OPTIONS[option];
  if (value !== undefined && !isIntegerIn(value, range)) throw invalidOption(option, `must be ${integerRangeText(range)} (got ${value})`);
}

/** Learner settings that only one model of the world reads. */
const ONLY_FOR: Record<LearnerModel, string[]> = { classic: ['rar', 'radr', 'rewardModel'], market: ['priorDrift', 'priorDays', 'evidence', 'pooling', 'factorEvidence', 'riskAversion'] };

/**
 * A warning for each learner setting given (as an option or a grid key) that the chosen learner ignores: one
 * the other model of the world reads (rar under the market model), or factorEvidence when the market model pools
 * its states alone.
 */
export function ignoredSettingWarnings(learner: Pick<Settings['learner'], 'model' | 'pooling'>, given: Iterable<string>): string[] {
  const { model } = learner;
  const keys = [...new Set(given)];
  const other: LearnerModel = model === 'market' ? 'classic' : 'market';
  const ignored = keys.filter((key) => ONLY_FOR[other].includes(key));
  const why = model === 'market' ? "the classic model's exploration and rewards" : "the market model's prior and pooling";
  return [
    ...(ignored.length ? [`${ignored.join(' and ')} ${ignored.length === 1 ? 'is' : 'are'} ignored by the ${model} model (${ignored.length === 1 ? 'it steers' : 'they steer'} ${why}; set model to ${other} to use ${ignored.length === 1 ? 'it' : 'them'})`] : []),
    ...(model === 'market' && learner.pooling === 'states' && keys.includes('factorEvidence') ? ['factorEvidence is ignored with pooling "states" (it is the level an indicator\'s own effect must pass; set pooling to factors to use it)'] : []),
  ];
}

/** The shipped volatility target, read once: a target that differs from it was asked for. */
let defaultTarget: number | undefined;

/**
 * Said when a volatility target is asked for with fixed shares, which are never re-sized (so never
 * scaled): by the flag, or by a config file or preset that sets one other than the default.
 */
function sizingWarnings(market: { shares: number | null; volatilityTarget: number }, override: SettingsOverride): string[] {
  if (market.shares === null || !(market.volatilityTarget > 0)) return [];
  defaultTarget ??= loadDefaultSettings().market.volatilityTarget;
  const asked = (override.market?.volatilityTarget ?? 0) > 0 || market.volatilityTarget !== defaultTarget;
  return asked ? ['volatility-target is ignored with shares: fixed shares are never re-sized (size sets a volatility-targeted fraction of equity)'] : [];
}

/** What a run's settings and options say about themselves: learner settings its model or pooling ignores, and a volatility target fixed shares ignore. */
export function settingsWarnings(settings: Settings, override: SettingsOverride): string[] {
  const given = learnerKeysOf(override);
  return [...ignoredSettingWarnings(settings.learner, given), ...sizingWarnings(settings.market, override)];
}

/** The learner keys an override sets. */
function learnerKeysOf(override: SettingsOverride): string[] {
  return Object.entries(override.learner ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
}
