/**
 * Where output goes and how it looks: colours and animation only on a TTY,
 * never with NO_COLOR (https://no-color.org) or TERM=dumb, never in CI.
 */
import { Chalk, type ChalkInstance } from 'chalk';

/** The process's streams and environment, injectable for tests. */
export interface Terminal {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is an interactive terminal (progress bars go there). */
  interactive: boolean;
  /** Colour functions: a no-op chalk when colours are off. */
  color: ChalkInstance;
  /** The raw stderr stream, for progress bars. */
  errStream: NodeJS.WriteStream;
}

/** True when colours are allowed on a stream, by the usual conventions. */
export function colorAllowed(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY === true;
}

/**
 * A stream's writer that goes quiet once the reader has closed the pipe
 * (`dyna train --help | head`): no EPIPE stack trace, as Unix tools behave; the
 * run finishes (its files are written) and exits with its own code.
 */
function pipeWriter(stream: NodeJS.WritableStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') closed = true;
    else throw error;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

let writers: { out: (text: string) => void; err: (text: string) => void } | undefined;

/** The real terminal of this process. */
export function processTerminal(): Terminal {
  const env = process.env;
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false';
  writers ??= { out: pipeWriter(process.stdout), err: pipeWriter(process.stderr) };
  return {
    out: writers.out,
    err: writers.err,
    interactive: process.stderr.isTTY === true && !ci && env.TERM !== 'dumb',
    color: new Chalk({ level: colorAllowed(process.stdout.isTTY, env) ? 1 : 0 }),
    errStream: process.stderr,
  };
}
