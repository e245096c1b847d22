/**
 * The flags shared by several commands, declared once: learning flags (any
 * command that trains) and account and sizing flags (any that simulates). Flags
 * only parse numbers; the workflows check values, with errors naming the
 * option, which the CLI shows as its flag (`flagName`).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { presetNames } from '../workflows/index.js';

/** Parses a number (its range is checked where the option is used, with one message per option). */
export function number(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('expected a number.');
  return n;
}

/** The flag of an option: `startDate` -> `--start-date`. */
export function flagName(option: string): string {
  return `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Adds the learner and trader flags (with --preset). */
export function addLearningFlags(command: Command): Command {
  return addPresetFlag(command)
    .option('--seed <n>', 'random seed: same inputs and seed give identical files', number)
    .option('--model <kind>', 'model of the world: market (shared by all positions) or classic (per state and action)')
    .option('--dyna <n>', 'hallucinated updates per real step', number)
    .option('--epochs <n>', 'maximum passes over the training period', number)
    .option('--bins <n>', 'buckets per indicator', number)
    .option('--alpha <x>', 'learning rate, 0..1', number)
    .option('--gamma <x>', 'discount factor, 0..1', number)
    .option('--rar <x>', 'initial random action rate, 0..1 (classic model)', number)
    .option('--radr <x>', 'random action decay rate per step, 0..1 (classic model)', number);
}

/** Adds --preset: a shipped settings file (config/presets) under --config and flags. */
export function addPresetFlag(command: Command, under = '--config and flags'): Command {
  return command.option('--preset <name>', `shipped settings under ${under}: ${presetNames().join(', ')} (config/presets/<name>.json${under === '--config' ? '' : "; ml4t = the course's conventions"})`);
}

/** Adds the account flags (costs, cash, margin); `fallback` says where unset values come from (the defaults, or the model). */
export function addAccountFlags(command: Command, fallback: string): Command {
  return command
    .option('--commission <x>', `cost per trade (default: ${fallback})`, number)
    .option('--impact <x>', `market impact, fraction of traded value (default: ${fallback})`, number)
    .option('--cash <x>', `starting cash (default: ${fallback})`, number)
    .option('--maintenance <x>', `margin call when equity falls to this fraction of the position's value, 0 = never (default: ${fallback})`, number);
}

/** Adds the account flags and the sizing flags (--size, --shares). */
export function addMarketFlags(command: Command, fallback: string): Command {
  return addAccountFlags(command, fallback)
    .option('--size <fraction>', `each new position is worth this fraction of equity, whole shares; above 1 is leverage (default: ${fallback})`, number)
    .option('--shares <n>', 'a fixed position size in shares instead (the ML4T convention; levers high-priced stocks)', number)
    .option('--volatility-target <x>', `scale each position by min(1, x / realized 20-day volatility), annual; 0 = off (default: ${fallback})`, number);
}

/** Adds --json and --quiet. */
export function addOutputFlags(command: Command): Command {
  return command.option('--json', 'print one JSON document on stdout and nothing else').option('-q, --quiet', 'print nothing but errors');
}
