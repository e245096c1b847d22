/** `dyna synth`: write a seeded synthetic price CSV. */
import type { Command } from 'commander';
import { printable } from '../../report/render/index.js';
import { InvalidOptionError } from '../../errors.js';
import { defaultSettings, synth, type SynthOptions } from '../../workflows/index.js';
import { existingFiles, inputFiles, refuseToOverwrite, writeFileAtomic } from '../files.js';
import { integer, number, rangeHelp, requiredOption } from '../flags.js';
import { printJson, replacedNotice, type CommandContext } from '../output.js';

type SynthFlags = SynthOptions & { out: string; json?: boolean };

/** Registers `dyna synth` on the program. */
export function registerSynth(program: Command, context: CommandContext): void {
  const command = program
    .command('synth')
    .description('write a seeded synthetic daily price CSV (Date,Open,High,Low,Close,Volume,Adj Close)');
  requiredOption(command, '-o, --out <file>', 'output CSV file; - writes it to stdout');
  const defaults = defaultSettings().synth;
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
    const key = flag.slice(2, flag.indexOf(' ')).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof typeof defaults;
    // Every option but the start date is a number; the days and the seed are integers.
    const whole = key === 'days' || key === 'seed';
    const described = `${what}${whole ? rangeHelp(key) : ''} (default: ${defaults[key]})`;
    if (flag.startsWith('--start-date')) command.option(flag, described);
    else command.option(flag, described, whole ? integer(key) : number);
  }
  command
    .option('--config <file>', 'JSON settings file (its "synth" section)')
    .option('--json', 'print a JSON summary on stdout')
    .action(async (flags: SynthFlags) => {
      const { json, ...options } = flags;
      // `--out -` is stdout, as for other Unix tools: the CSV alone, nothing else on it.
      const toStdout = flags.out === '-';
      if (toStdout && json) throw new InvalidOptionError('--json and --out - both write to stdout; choose one');
      if (!toStdout) refuseToOverwrite(flags.out, inputFiles(flags.config), '--out');
      const result = await synth(toStdout ? { ...options, out: undefined } : options);
      // Written as it is made: a long market never sits in memory whole.
      if (toStdout) {
        for (const piece of result.csvChunks()) context.terminal.out(piece);
        return;
      }
      const replaced = existingFiles([flags.out]);
      await writeFileAtomic(flags.out, result.csvChunks());
      if (json) printJson(context.terminal, result);
      else context.terminal.err(`${replacedNotice(replaced)}wrote ${result.rows} rows (${result.first} to ${result.last}) to ${printable(flags.out)}\n`);
    });
}
