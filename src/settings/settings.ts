/**
 * Every tunable of dyna, in four sections. Defaults live in config/defaults.json;
 * a --config file and then command-line flags override them, key by key.
 */
import { InvalidOptionError, invalidOption, type MessagePart } from '../errors.js';
import { quote, quoted } from '../text.js';
import { integerRangeText, isIntegerIn, SAFE_INTEGERS, type IntegerRange } from '../integers.js';
import { validateIndicator, type IndicatorSpec } from '../features/indicators.js';
import { positionLevels } from '../market/positions.js';
import type { RewardModel } from '../learner/transition-model.js';
import { SYNTH_RULES, type SyntheticMarketOptions } from '../synth/synthetic-market.js';

export interface LearnerSettings {
  alpha: number;
  gamma: number;
  rar: number;
  radr: number;
  dyna: number;
  rewardModel: RewardModel;
  /** Model of the world: "market" (one market model shared by all positions and actions) or "classic" (per state and action). */
  model: LearnerModel;
  /**
   * Market model only: the drift expected before any data, as an annual rate of
   * the daily moves (0.07: each day expects 0.07 / 252); 0 means no view.
   */
  priorDrift: number;
  /** Market model only: the weight of priorDrift, in days of data (the series' drift is shrunk toward it). */
  priorDays: number;
  /**
   * Market model only: how sure the model must be that market states differ
   * before it believes their differences, a level in [0, 1) (0.95: the spread
   * must exceed what noise gives 19 times in 20; 0: only its mean).
   */
  evidence: number;
  /**
   * Market model only: "factors" fits each indicator's own effect on the next
   * day's move (pooled over the other indicators' buckets) before the states'
   * own deviations; "states" pools the states alone.
   */
  pooling: Pooling;
  /** Market model only: how sure the model must be that an indicator's buckets differ before it believes it, a level in [0, 1). */
  factorEvidence: number;
  /**
   * Market model only: the relative mean-variance risk aversion k. A day at
   * exposure e in a market state of mean move mu and variance v is worth
   * e mu - (lambda / 2) e^2 v, with lambda = k |drift| / the period's usual
   * variance: at k = 1 a full position is best where the market moves as usual,
   * half a position where its variance is double. 0: risk-neutral.
   */
  riskAversion: number;
}

/** How the market model pools its states' outcomes (see learner/pooled-outcomes.ts). */
export type Pooling = 'factors' | 'states';

/** The trader's model kinds (see strategy/trainer.ts). */
export type LearnerModel = 'market' | 'classic';

export interface MarketSettings {
  /** Starting cash. */
  cash: number;
  /** Each new position is worth this fraction of equity (whole shares); above 1 is leverage. Used unless `shares` is set. */
  size: number;
  /** A fixed position size in shares (the ML4T convention), or null to size by `size`. */
  shares: number | null;
  /** Margin call when equity falls to this fraction of the position's value; 0 disables it. */
  maintenance: number;
  /** Fraction sizing: re-size a held position when its exposure leaves [below, above] x size. */
  rebalanceBelow: number;
  rebalanceAbove: number;
  /**
   * Volatility-targeted sizing: each position is scaled by min(1, target /
   * realized 20-day volatility), annual; 0 turns it off. The benchmark is not scaled.
   */
  volatilityTarget: number;
  /** The scale moves only when the new one is more than this away from the one held. */
  volatilityBand: number;
  /** Fixed cost per trade. */
  commission: number;
  /** Market impact: fraction of the traded value lost per trade. */
  impact: number;
}

export interface TraderSettings {
  /** Maximum passes over the training period. */
  epochs: number;
  /** Passes always made before stopping early (capped at `epochs`). */
  minEpochs: number;
  /** Stop once the in-sample result has not changed for this many passes. */
  patience: number;
  /** Buckets per indicator. */
  bins: number;
  /** The positions the trader may hold: exposures in units of a full position, sorted, including 0. */
  levels: number[];
  indicators: IndicatorSpec[];
  /** Seed of every random draw in a run. */
  seed: number;
}

/** The synthetic market's parameters plus the seed of its generator. */
export type SynthSettings = SyntheticMarketOptions & { seed: number };

export interface Settings {
  learner: LearnerSettings;
  market: MarketSettings;
  trader: TraderSettings;
  synth: SynthSettings;
}

/** Any subset of the settings, as a config file or flags give them. */
export type SettingsOverride = { [K in keyof Settings]?: Partial<Settings[K]> };

type Check = (value: unknown, path: string) => void;

const fail = (path: string, need: string, value: unknown): never => {
  throw invalidOption(path, `must be ${need} (got ${quoted(value)})`);
};

const unit: Check = (v, p) => (typeof v === 'number' && v >= 0 && v <= 1 ? undefined : fail(p, 'a number in [0, 1]', v));
/** The range of each integer setting: the one statement of it, which the flags that set them show and check too. */
export const INTEGER_SETTINGS = {
  dyna: [0, 100_000],
  epochs: [1, 10_000],
  minEpochs: [1, 10_000],
  patience: [1, 10_000],
  bins: [2, 100],
  shares: [1, 1e12],
  seed: SAFE_INTEGERS,
} as const satisfies Record<string, IntegerRange>;
const integer =
  (range: IntegerRange): Check =>
  (v, p) =>
    isIntegerIn(v, range) ? undefined : fail(p, integerRangeText(range), v);
const seed = integer(INTEGER_SETTINGS.seed);
const rewardModel: Check = (v, p) => (v === 'ema' || v === 'mean' ? undefined : fail(p, '"ema" or "mean"', v));
const pooling: Check = (v, p) => (v === 'factors' || v === 'states' ? undefined : fail(p, '"factors" or "states"', v));
const evidenceLevel: Check = (v, p) => (typeof v === 'number' && v >= 0 && v < 1 ? undefined : fail(p, 'a level in [0, 1)', v));
const learnerModel: Check = (v, p) => (v === 'market' || v === 'classic' ? undefined : fail(p, '"market" or "classic"', v));
const levels: Check = (v, p) => {
  try {
    positionLevels(v as number[]);
  } catch (error) {
    fail(p, `a list of exposures: ${(error as Error).message.replace(/^levels must /, '')}`, v);
  }
};
const indicators: Check = (v, p) => {
  if (!Array.isArray(v) || v.length === 0 || v.length > 6) fail(p, 'a list of 1 to 6 indicators', v);
  (v as unknown[]).forEach((spec, i) => validateIndicator(spec, `${p}[${i}]`));
};

const SCHEMA: { [K in keyof Settings]: Record<keyof Settings[K], Check> } = {
  learner: { alpha: unit, gamma: unit, rar: unit, radr: unit, dyna: integer(INTEGER_SETTINGS.dyna), rewardModel, model: learnerModel, priorDrift: (v, p) => (typeof v === 'number' && v >= -1 && v <= 1 ? undefined : fail(p, 'an annual rate in [-1, 1]', v)), priorDays: (v, p) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1e6 ? undefined : fail(p, 'a number of days in [0, 1000000]', v)), evidence: evidenceLevel, pooling, factorEvidence: evidenceLevel, riskAversion: (v, p) => (typeof v === 'number' && v >= 0 && v <= 1000 ? undefined : fail(p, 'a number in [0, 1000]', v)) },
  market: {
    cash: (v, p) => (typeof v === 'number' && v > 0 && v <= 1e15 ? undefined : fail(p, 'a number in (0, 1e15]', v)),
    size: (v, p) => (typeof v === 'number' && v > 0 && v <= 10 ? undefined : fail(p, 'a fraction of equity in (0, 10]', v)),
    shares: (v, p) => (v === null || isIntegerIn(v, INTEGER_SETTINGS.shares) ? undefined : fail(p, `null or ${integerRangeText(INTEGER_SETTINGS.shares)}`, v)),
    maintenance: (v, p) => (typeof v === 'number' && v >= 0 && v < 1 ? undefined : fail(p, 'a number in [0, 1)', v)),
    rebalanceBelow: (v, p) => (typeof v === 'number' && v >= 0 && v <= 1 ? undefined : fail(p, 'a number in [0, 1]', v)),
    rebalanceAbove: (v, p) => (typeof v === 'number' && v >= 1 && v <= 1000 ? undefined : fail(p, 'a number in [1, 1000]', v)),
    volatilityTarget: (v, p) => (typeof v === 'number' && v >= 0 && v <= 10 ? undefined : fail(p, 'an annual volatility in [0, 10] (0: off)', v)),
    volatilityBand: unit,
    commission: (v, p) => (typeof v === 'number' && v >= 0 && v <= 1e9 ? undefined : fail(p, 'a number in [0, 1000000000]', v)), impact: (v, p) => (typeof v === 'number' && v >= 0 && v < 1 ? undefined : fail(p, 'a number in [0, 1)', v)) },
  trader: { epochs: integer(INTEGER_SETTINGS.epochs), minEpochs: integer(INTEGER_SETTINGS.minEpochs), patience: integer(INTEGER_SETTINGS.patience), bins: integer(INTEGER_SETTINGS.bins), levels, indicators, seed },
  // The generator's own rules, so that its options have one definition and one message each.
  synth: { ...(Object.fromEntries(Object.entries(SYNTH_RULES).map(([key, [ok, need]]) => [key, (v: unknown, p: string) => (ok(v) ? undefined : fail(p, need, v))])) as Record<keyof SyntheticMarketOptions, Check>), seed },
};

/** The message for the two ways of sizing given at once as options. */
export const SIZE_AND_SHARES: readonly MessagePart[] = [{ option: 'size' }, ' and ', { option: 'shares' }, ' cannot be used together: size by a fraction of equity or by a number of shares'];

/** Every setting of the given sections, with its section (for --grid keys). */
export function settingKeys(sections: Array<keyof Settings>): Array<{ section: keyof Settings; key: string }> {
  return sections.flatMap((section) => Object.keys(SCHEMA[section]).map((key) => ({ section, key })));
}

/** How a setting is named in messages: as an option (startPrice, which the CLI shows as --start-price) or as a config path (synth.startPrice). */
export type SettingNames = 'flags' | 'paths';

/** Checks an override (from a config file or flags): known sections and keys, valid values. */
export function validateOverride(value: unknown, source: string, names: SettingNames = 'paths'): SettingsOverride {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidOptionError(`${source}: must be a JSON object`);
  for (const [section, body] of Object.entries(value)) {
    const schema = Object.hasOwn(SCHEMA, section) ? (SCHEMA[section as keyof Settings] as Record<string, Check>) : undefined;
    if (schema === undefined) throw new InvalidOptionError(`${source}: unknown section ${quote(section)} (known: ${Object.keys(SCHEMA).join(', ')})`);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new InvalidOptionError(`${source}: ${quote(section)} must be an object`);
    for (const [key, v] of Object.entries(body)) {
      const check = Object.hasOwn(schema, key) ? schema[key] : undefined;
      if (check === undefined) throw new InvalidOptionError(`${source}: unknown key ${quote(`${section}.${key}`)} (known: ${Object.keys(schema).join(', ')})`);
      if (v === undefined) continue;
      if (names === 'flags') {
        check(v, key);
        continue;
      }
      try {
        check(v, `${section}.${key}`);
      } catch (error) {
        throw new InvalidOptionError(`${source}: ${(error as Error).message}`);
      }
    }
  }
  return value as SettingsOverride;
}

/** Checks complete settings: every key of the given sections present and valid. */
export function validateSettings(value: unknown, source: string, sections = Object.keys(SCHEMA) as Array<keyof Settings>): Settings {
  const settings = validateOverride(value, source) as Settings;
  for (const section of sections) {
    for (const key of Object.keys(SCHEMA[section])) {
      if ((settings[section] as unknown as Record<string, unknown> | undefined)?.[key] === undefined) {
        throw new InvalidOptionError(`${source}: missing "${section}.${key}"`);
      }
    }
  }
  return settings;
}

/** Applies overrides in order (later wins), section by section, key by key; then validates the result. */
export function mergeSettings(base: Settings, overrides: Array<{ source: string; override: SettingsOverride; names?: SettingNames }>): Settings {
  const merged = structuredClone(base) as unknown as Record<string, Record<string, unknown>>;
  for (const { source, override, names } of overrides) {
    validateOverride(override, source, names);
    const sizing = override.market;
    if (sizing?.size !== undefined && sizing.shares !== undefined && sizing.shares !== null) {
      throw new InvalidOptionError(names === 'flags' ? SIZE_AND_SHARES : `${source}: market.size and market.shares cannot both be set`);
    }
    // The later layer's way of sizing wins: a size clears shares set by an earlier layer.
    if (sizing?.size !== undefined) merged.market.shares = null;
    for (const [section, body] of Object.entries(override)) {
      for (const [key, value] of Object.entries(body ?? {})) if (value !== undefined) merged[section][key] = value;
    }
  }
  return validateSettings(merged, overrides.map((o) => o.source).join(' + ') || 'defaults');
}

/** The settings a training run uses and a model records: all but the synth section. */
export function runSettings(settings: Settings): Omit<Settings, 'synth'> {
  return { learner: settings.learner, market: settings.market, trader: settings.trader };
}
