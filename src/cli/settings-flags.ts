/**
 * The settings flags, declared once and shared by every command that takes
 * them: learning flags (train and any command that trains) and market flags
 * (any command that simulates). Each maps to a key of config/defaults.json.
 */
import type { Command } from 'commander';
import type { LearnerModel, SettingsOverride } from '../settings/settings.js';
import * as parse from './option-parsers.js';
import { InvalidOptionError } from '../errors.js';
import { SIZE_AND_SHARES } from '../settings/settings.js';
import { presetNames } from '../settings/load-settings.js';

/** Values of the learning flags. */
export interface LearningFlags {
  preset?: string;
  seed?: number;
  dyna?: number;
  epochs?: number;
  bins?: number;
  alpha?: number;
  gamma?: number;
  rar?: number;
  radr?: number;
  model?: string;
}

/** Values of the market flags. */
export interface MarketFlags {
  commission?: number;
  impact?: number;
  size?: number;
  shares?: number;
  cash?: number;
  maintenance?: number;
}

/** Adds the learner and trader flags. */
export function addLearningFlags(command: Command): Command {
  return addPresetFlag(command)
    .option('--seed <n>', 'random seed: same inputs and seed give identical files', parse.seed)
    .option('--model <kind>', 'model of the world: market (shared by all positions) or classic (per state and action)')
    .option('--dyna <n>', 'hallucinated updates per real step', parse.count)
    .option('--epochs <n>', 'maximum passes over the training period', parse.positiveInteger)
    .option('--bins <n>', 'buckets per indicator', parse.positiveInteger)
    .option('--alpha <x>', 'learning rate, 0..1', parse.number)
    .option('--gamma <x>', 'discount factor, 0..1', parse.number)
    .option('--rar <x>', 'initial random action rate, 0..1 (classic model)', parse.number)
    .option('--radr <x>', 'random action decay rate per step, 0..1 (classic model)', parse.number);
}

/** Adds --preset: a shipped settings file (config/presets) under --config and flags. */
export function addPresetFlag(command: Command): Command {
  return command.option('--preset <name>', `shipped settings under --config and flags: ${presetNames().join(', ')} (config/presets/<name>.json; ml4t = the course's conventions)`);
}

/** Adds the account flags (costs, cash, margin); `fallback` says where unset values come from (the defaults, or the model). */
export function addAccountFlags(command: Command, fallback: string): Command {
  return command
    .option('--commission <x>', `cost per trade (default: ${fallback})`, parse.nonNegative)
    .option('--impact <x>', `market impact, fraction of traded value (default: ${fallback})`, parse.nonNegative)
    .option('--cash <x>', `starting cash (default: ${fallback})`, parse.positive)
    .option('--maintenance <x>', `margin call when equity falls to this fraction of the position's value, 0 = never (default: ${fallback})`, parse.nonNegative);
}

/** Adds the account flags and the sizing flags (--size, --shares). */
export function addMarketFlags(command: Command, fallback: string): Command {
  return addAccountFlags(command, fallback)
    .option('--size <fraction>', `each new position is worth this fraction of equity, whole shares; above 1 is leverage (default: ${fallback})`, parse.positive)
    .option('--shares <n>', 'a fixed position size in shares instead (the ML4T convention; levers high-priced stocks)', parse.positiveInteger);
}

/** The learning flags as a settings override. */
export function learningOverride(flags: LearningFlags): SettingsOverride {
  return {
    learner: { dyna: flags.dyna, alpha: flags.alpha, gamma: flags.gamma, rar: flags.rar, radr: flags.radr, model: flags.model as LearnerModel | undefined },
    trader: { epochs: flags.epochs, seed: flags.seed, bins: flags.bins },
  };
}

/** The market flags as a settings override; --size with --shares is a usage error, found before any file is read. */
export function marketOverride(flags: MarketFlags): SettingsOverride {
  if (flags.size !== undefined && flags.shares !== undefined) throw new InvalidOptionError(SIZE_AND_SHARES);
  return { market: { commission: flags.commission, impact: flags.impact, size: flags.size, shares: flags.shares, cash: flags.cash, maintenance: flags.maintenance } };
}
