/**
 * The flags shared by several commands, declared once: learning flags (any
 * command that trains) and account and sizing flags (any that simulates). Flags
 * only parse numbers; the workflows check values, with errors naming the
 * option, which the CLI shows as its flag (`flagName`). Help shows each default,
 * read from config/defaults.json (flags carry no default value of their own, so
 * that a --config file can still set it), and marks required options.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { integerRangeText, parseInteger } from '../integers.js';
import { defaultSettings, INTEGER_OPTIONS, presetNames, type IntegerOption } from '../workflows/index.js';

/** Parses a number (its range is checked where the option is used, with one message per option). */
export function number(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('expected a number.');
  return n;
}

/**
 * The parser of an integer option: decimal digits within the safe integers
 * (where `n + 1 === n` never holds), else a parse error stating the option's
 * range (INTEGER_OPTIONS) in the words its check and its help use; the check
 * itself, with the option's own message, is the workflow's.
 */
export function integer(option: IntegerOption): (value: string) => number {
  return (value) => {
    const n = parseInteger(value);
    if (n === undefined) throw new InvalidArgumentError(`expected ${integerRangeText(INTEGER_OPTIONS[option])}.`);
    return n;
  };
}

/** ", an integer in [min, max]": an integer option's range for its help. */
export function rangeHelp(option: IntegerOption): string {
  return `, ${integerRangeText(INTEGER_OPTIONS[option])}`;
}

/** Collects a repeatable option's values (no default, so help shows no `(default: [])`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The flag of an option: `startDate` -> `--start-date`. */
export function flagName(option: string): string {
  return `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** " (default: x)" for help texts. */
function shown(value: unknown): string {
  return ` (default: ${value === null ? 'none' : Array.isArray(value) ? value.join(',') : String(value)})`;
}

/** A command with its description, one argument and one required option: the shape of backtest, signal and simulate. */
export function commandWithRequired(program: Command, name: string, description: string, argument: [string, string], required: [string, string]): Command {
  return requiredOption(program.command(name).description(description).argument(...argument), ...required);
}

/**
 * Adds an option the command cannot run without, marked "(required)" in help.
 * It is checked after commander has parsed the whole line, so that an unknown
 * or misspelt option (`--modle`) is reported as such rather than as a missing `--model`.
 */
export function requiredOption(command: Command, flags: string, description: string, parse?: (value: string) => unknown): Command {
  const option = new Option(flags, `${description} (required)`);
  if (parse) option.argParser(parse);
  command.addOption(option);
  command.hook('preAction', (self) => {
    if (self.getOptionValue(option.attributeName()) === undefined) self.error(`error: required option '${flags}' not specified`, { code: 'commander.missingMandatoryOptionValue', exitCode: 2 });
  });
  return command;
}

/** Adds the learner and trader flags (with --preset), each with its default. */
export function addLearningFlags(command: Command): Command {
  const { learner, trader } = defaultSettings();
  return addPresetFlag(command)
    .option('--seed <n>', `random seed: same inputs and seed give identical files${rangeHelp('seed')}${shown(trader.seed)}`, integer('seed'))
    .option('--model <kind>', `model of the world: market (shared by all positions) or classic (per state and action)${shown(learner.model)}`)
    .option('--dyna <n>', `hallucinated updates per real step${rangeHelp('dyna')}${shown(learner.dyna)}`, integer('dyna'))
    .option('--epochs <n>', `maximum passes over the training period${rangeHelp('epochs')}${shown(trader.epochs)}`, integer('epochs'))
    .option('--bins <n>', `buckets per indicator${rangeHelp('bins')}${shown(trader.bins)}`, integer('bins'))
    .option('--alpha <x>', `learning rate, 0..1${shown(learner.alpha)}`, number)
    .option('--gamma <x>', `discount factor, 0..1${shown(learner.gamma)}`, number)
    .option('--rar <x>', `initial random action rate, 0..1; classic model only${shown(learner.rar)}`, number)
    .option('--radr <x>', `random action decay rate per step, 0..1; classic model only${shown(learner.radr)}`, number);
}

/** Adds --preset: a shipped settings file (config/presets) under --config and flags. */
export function addPresetFlag(command: Command, under = '--config and flags'): Command {
  return command.option('--preset <name>', `shipped settings under ${under}: ${presetNames().join(', ')} (config/presets/<name>.json${under === '--config' ? '' : "; ml4t = the course's conventions"}; default: none)`);
}

/** Where unset account and sizing values come from: config/defaults.json (shown as values) or the model file. */
type Fallback = 'defaults' | 'model';

/** A flag's default in its help: the value from config/defaults.json, or the model's. */
const defaultText = (fallback: Fallback, value: unknown) => (fallback === 'model' ? " (default: the model's)" : shown(value));

/** Adds the account flags (costs, cash, margin), with their defaults (`model`: they default to the model's). */
export function addAccountFlags(command: Command, fallback: Fallback): Command {
  const { market } = defaultSettings();
  const from = (value: unknown) => defaultText(fallback, value);
  return command
    .option('--commission <x>', `cost per trade${from(market.commission)}`, number)
    .option('--impact <x>', `market impact, fraction of traded value${from(market.impact)}`, number)
    .option('--cash <x>', `starting cash${from(market.cash)}`, number)
    .option('--maintenance <x>', `margin call when equity falls to this fraction of the position's value, 0 = never${from(market.maintenance)}`, number);
}

/** Adds the account flags and the sizing flags (--size, --shares, --volatility-target). */
export function addMarketFlags(command: Command, fallback: Fallback): Command {
  const { market } = defaultSettings();
  const from = (value: unknown) => defaultText(fallback, value);
  return addAccountFlags(command, fallback)
    .option('--size <fraction>', `each new position is worth this fraction of equity, whole shares; above 1 is leverage${from(market.size)}`, number)
    .option('--shares <n>', `a fixed position size in shares instead (the ML4T convention; levers high-priced stocks)${rangeHelp('shares')}${from(market.shares)}`, integer('shares'))
    .option('--volatility-target <x>', `scale each position by min(1, x / realized 20-day volatility), annual; 0 = off; not with --shares, which is never re-sized${from(market.volatilityTarget)}`, number);
}

/** Adds --significance as the commands that replay a trader's positions take it (backtest, walk-forward): its timing against random timings of the same exposure. */
export function addSignificanceFlag(command: Command): Command {
  return command.option('--significance <n>', `also test timing against n random timings with the same exposure, and the excess over buy-and-hold by n bootstrap samples${rangeHelp('significance')}`, integer('significance'));
}

/** Adds --json and --quiet. */
export function addOutputFlags(command: Command): Command {
  return command.option('--json', 'print one JSON document on stdout and nothing else').option('-q, --quiet', 'print nothing but errors');
}
