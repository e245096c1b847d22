/** `dyna signal`: the position a saved model holds after the last row's close, and why. */
import type { Command } from 'commander';
import { renderSignal } from '../../report/render/index.js';
import { DEFAULT_STALE_DAYS, signal, type SignalOptions } from '../../workflows/index.js';
import { addMarketFlags, addOutputFlags, commandWithRequired, integer, rangeHelp } from '../flags.js';
import { commandIo, isQuiet, printJson, printWarnings, type CommandContext, type ReportFlags } from '../output.js';

/** Registers `dyna signal` on the program. */
export function registerSignal(program: Command, context: CommandContext): void {
  const command = commandWithRequired(
    program,
    'signal',
    "the position to hold after the last row's close: the saved policy replayed as backtest replays it (or from the position you hold), and why",
    ['<prices.csv>', 'daily prices up to the latest close, with the columns the model needs'],
    ['-m, --model <model.json>', 'model file written by dyna train'],
  )
    .option('--start <date>', "first day of the replay, YYYY-MM-DD (default: the day after the model's last training day); the same as a backtest's --start gives its position")
    .option('--holding <position>', "start from the position you hold on the last day instead of replaying: short, flat, long or another of the model's levels")
    .option('--stale-days <n>', `warn when the last row is more than n calendar days old${rangeHelp('staleDays')} (default: ${DEFAULT_STALE_DAYS})`, integer('staleDays'))
    .option('--symbol <name>', "name of the series (default: the price file's name)");
  addOutputFlags(addMarketFlags(command, 'model')).action(async (prices: string, flags: Omit<SignalOptions, 'prices'> & Omit<ReportFlags, 'report'>) => {
    const { terminal } = context;
    const io = commandIo(terminal, isQuiet(flags));
    const result = await signal({ ...flags, prices }, io);
    io.stop();
    if (flags.json) return printJson(terminal, result);
    if (flags.quiet) return;
    terminal.out(renderSignal(result, terminal.color));
    // Warnings last, where they are read (as for every report).
    printWarnings(terminal, result.warnings, false);
  });
}
