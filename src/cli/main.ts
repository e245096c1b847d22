/** The `dyna` command line: commander wiring and the mapping of errors to exit codes. */
import { Command, CommanderError } from 'commander';
import { DynaError, InvalidOptionError } from '../errors.js';
import { clip, MAX_QUOTED, neutralize } from '../text.js';
import { outputsReplaced, removeStagedFiles } from './files.js';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, exitCodeFor } from './exit-codes.js';
import { processTerminal, type Terminal } from './terminal.js';
import { packageVersion } from './version.js';
import { flagName } from './flags.js';
import type { CommandContext } from './output.js';
import { registerSynth } from './commands/synth.js';
import { registerTrain } from './commands/train.js';
import { registerBacktest } from './commands/backtest.js';
import { registerSignal } from './commands/signal.js';
import { registerSimulate } from './commands/simulate.js';
import { registerWalkForward } from './commands/walk-forward.js';
import { registerSweep } from './commands/sweep.js';

/** Builds the program. Each command registers itself from its own module. */
export function buildProgram(terminal: Terminal, context: CommandContext): Command {
  const program = new Command('dyna')
    .description('Learn daily trading strategies with tabular Dyna-Q.')
    .version(packageVersion(), '-V, --version')
    .option('--debug', 'print stack traces of errors')
    .configureOutput({ writeOut: terminal.out, writeErr: terminal.err, outputError: (text, write) => write(commanderMessage(text)) })
    .exitOverride();
  registerTrain(program, context);
  registerBacktest(program, context);
  registerSignal(program, context);
  registerSimulate(program, context);
  registerWalkForward(program, context);
  registerSweep(program, context);
  registerSynth(program, context);
  return program;
}

/** MAX_MESSAGE characters of an error line at most: the last guard against a value no message clipped. */
const MAX_MESSAGE = 1000;

/** A value commander quotes ('...') that is longer than dyna's messages quote one. */
const LONG_QUOTED = new RegExp(`'([^'\\n]{${MAX_QUOTED + 1},})'`, 'g');

/** Commander's error text with the values it quotes ('...') clipped and neutralized, as dyna's own messages quote them. */
function commanderMessage(text: string): string {
  const lines = text.split('\n').map((line) => neutralize(line).replace(LONG_QUOTED, (_, value: string) => `'${clip(value)}'`));
  return lines.map((line) => clip(line, MAX_MESSAGE)).join('\n');
}

let handlersInstalled = false;

/**
 * What Ctrl-C (130) or SIGTERM (143) does. Before the run has put any output in
 * place: remove its temporary files and exit with `code`, so 130 and 143 always
 * mean that nothing was replaced. After (the renames are done or under way,
 * and what is left is printing): nothing, so that the run finishes and exits
 * with its own status, which then tells the truth. Returns whether it exited.
 */
export function handleSignal(code: number, exit: (code: number) => void = (c) => process.exit(c)): boolean {
  if (outputsReplaced()) return false;
  removeStagedFiles();
  exit(code);
  return true;
}

/** Installs handleSignal once per process for SIGINT and SIGTERM (a second signal then stops the run at once, as by default). */
function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) process.once(signal, () => handleSignal(code));
}

/** Runs `dyna` with the given arguments and returns the exit code; never throws. */
export async function main(argv: string[], terminal: Terminal = processTerminal()): Promise<number> {
  installSignalHandlers();
  let exitCode = EXIT_OK;
  const program = buildProgram(terminal, { terminal, setExitCode: (code) => (exitCode = code) });
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT_OK;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return report(error, terminal, argv.includes('--debug'));
  }
}

function report(error: unknown, terminal: Terminal, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help/version text).
    if (error.exitCode === 0) return EXIT_OK;
    return EXIT_USAGE;
  }
  if (error instanceof DynaError) {
    // The core names options in its own words (startDate); here they are flags (--start-date).
    const message = error instanceof InvalidOptionError ? error.naming(flagName) : error.message;
    terminal.err(`${terminal.color.red('error:')} ${clip(message, MAX_MESSAGE)}\n`);
    if (debug && error.stack) terminal.err(`${error.stack}\n`);
    return exitCodeFor(error.kind);
  }
  const message = error instanceof Error ? error.message : String(error);
  terminal.err(`${terminal.color.red('internal error:')} ${clip(message, MAX_MESSAGE)}${debug ? '' : ' (run with --debug for details)'}\n`);
  if (debug && error instanceof Error && error.stack) terminal.err(`${error.stack}\n`);
  return EXIT_INTERNAL;
}
