/** `dyna synth`: write a seeded synthetic price CSV. */
import type { Command } from 'commander';
import { printable } from '../../report/render/index.js';
import { synth, type SynthOptions } from '../../workflows/index.js';
import { refuseToOverwrite, writeFileAtomic } from '../files.js';
import { number } from '../flags.js';
import { printJson, type CommandContext } from '../output.js';

type SynthFlags = SynthOptions & { out: string; json?: boolean };

/** Registers `dyna synth` on the program. */
export function registerSynth(program: Command, context: CommandContext): void {
  const command = program
    .command('synth')
    .description('write a seeded synthetic daily price CSV (Date,Open,High,Low,Close,Volume,Adj Close)')
    .requiredOption('-o, --out <file>', 'output CSV file');
  for (const [flag, what] of [
    ['--days <n>', 'trading days (rows) to generate'],
    ['--seed <n>', 'random seed: same seed, same bytes'],
    ['--start-date <date>', 'first date, YYYY-MM-DD (rows fall on weekdays)'],
    ['--start-price <x>', 'first close'],
    ['--drift <x>', 'annual drift of the log price, e.g. 0.05'],
    ['--volatility <x>', 'annual volatility, e.g. 0.2'],
    ['--reversion <x>', 'daily pull back to the trend line, 0..1'],
    ['--cycle-period <days>', 'length of a price cycle in trading days (0 = none)'],
    ['--cycle-amplitude <x>', 'cycle amplitude in log-price units, e.g. 0.05'],
    ['--regime-switch <p>', 'daily probability of switching regime (bull/bear, or calm/trend with --regime-reversion)'],
    ['--regime-drift <x>', "annual drift added in bull and subtracted in bear regimes (the trends' drift with --regime-reversion)"],
    ['--regime-reversion <x>', 'regimes become calm mean-reverting spells (this daily pull) between trends of random sign'],
  ]) {
    // Every option but the start date is a number.
    if (flag.startsWith('--start-date')) command.option(flag, what);
    else command.option(flag, what, number);
  }
  command
    .option('--config <file>', 'JSON settings file (its "synth" section)')
    .option('--json', 'print a JSON summary on stdout')
    .action(async (flags: SynthFlags) => {
      const { json, ...options } = flags;
      refuseToOverwrite(flags.out, flags.config ? [flags.config] : [], '--out');
      const result = await synth(options);
      await writeFileAtomic(flags.out, result.csv);
      if (json) printJson(context.terminal, result);
      else context.terminal.err(`wrote ${result.rows} rows (${result.first} to ${result.last}) to ${printable(flags.out)}\n`);
    });
}
