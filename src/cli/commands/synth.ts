/** `dyna synth`: write a seeded synthetic price CSV. */
import type { Command } from 'commander';
import { createRng } from '../../rng.js';
import { barsToCsv, generateMarket } from '../../synth/synthetic-market.js';
import { refuseToOverwrite, writeFileAtomic } from '../files.js';
import { printable } from '../../report/format.js';
import * as parse from '../option-parsers.js';
import type { CommandContext } from '../context.js';

interface SynthFlags {
  out: string;
  config?: string;
  days?: number;
  seed?: number;
  startDate?: string;
  startPrice?: number;
  drift?: number;
  volatility?: number;
  reversion?: number;
  cyclePeriod?: number;
  cycleAmplitude?: number;
  regimeSwitch?: number;
  regimeDrift?: number;
  regimeReversion?: number;
  json?: boolean;
}

/** Registers `dyna synth` on the program. */
export function registerSynth(program: Command, context: CommandContext): void {
  program
    .command('synth')
    .description('write a seeded synthetic daily price CSV (Date,Open,High,Low,Close,Volume,Adj Close)')
    .requiredOption('-o, --out <file>', 'output CSV file')
    .option('--days <n>', 'trading days (rows) to generate', parse.positiveInteger)
    .option('--seed <n>', 'random seed: same seed, same bytes', parse.seed)
    .option('--start-date <date>', 'first date, YYYY-MM-DD (rows fall on weekdays)')
    .option('--start-price <x>', 'first close', parse.positive)
    .option('--drift <x>', 'annual drift of the log price, e.g. 0.05', parse.number)
    .option('--volatility <x>', 'annual volatility, e.g. 0.2', parse.nonNegative)
    .option('--reversion <x>', 'daily pull back to the trend line, 0..1', parse.nonNegative)
    .option('--cycle-period <days>', 'length of a price cycle in trading days (0 = none)', parse.nonNegative)
    .option('--cycle-amplitude <x>', 'cycle amplitude in log-price units, e.g. 0.05', parse.nonNegative)
    .option('--regime-switch <p>', 'daily probability of switching regime (bull/bear, or calm/trend with --regime-reversion)', parse.nonNegative)
    .option('--regime-drift <x>', 'annual drift added in bull and subtracted in bear regimes (the trends\' drift with --regime-reversion)', parse.number)
    .option('--regime-reversion <x>', 'regimes become calm mean-reverting spells (this daily pull) between trends of random sign', parse.nonNegative)
    .option('--config <file>', 'JSON settings file (its "synth" section)')
    .option('--json', 'print a JSON summary on stdout')
    .action(async (flags: SynthFlags) => {
      const settings = context.settings(flags.config, {
        synth: {
          days: flags.days,
          seed: flags.seed,
          startDate: flags.startDate,
          startPrice: flags.startPrice,
          drift: flags.drift,
          volatility: flags.volatility,
          reversion: flags.reversion,
          cyclePeriod: flags.cyclePeriod,
          cycleAmplitude: flags.cycleAmplitude,
          regimeSwitch: flags.regimeSwitch,
          regimeDrift: flags.regimeDrift,
          regimeReversion: flags.regimeReversion,
        },
      }).synth;
      refuseToOverwrite(flags.out, flags.config ? [flags.config] : [], '--out');
      const { seed, ...market } = settings;
      const bars = generateMarket(market, createRng(`synth:${seed}`));
      await writeFileAtomic(flags.out, barsToCsv(bars));
      const summary = { schemaVersion: 1, command: 'synth', out: flags.out, rows: bars.length, first: bars[0].date, last: bars[bars.length - 1].date, settings };
      if (flags.json) context.terminal.out(`${JSON.stringify(summary, null, 2)}\n`);
      else context.terminal.err(`wrote ${bars.length} rows (${summary.first} to ${summary.last}) to ${printable(flags.out)}\n`);
    });
}
