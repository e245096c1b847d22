/** Running `dyna`: in this process through main() (fast), or as the real binary, as users and scripts do. */
import { execFile } from 'node:child_process';
import { Chalk } from 'chalk';
import { main } from '../../src/cli/main.js';
import { BIN, ROOT } from './paths.js';

export { BIN, ROOT, SAMPLE, WALK } from './paths.js';

/** What a run printed and how it exited. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `dyna args...` in this process: main() with a captured, non-interactive terminal without colours. */
export async function cli(args: string[]): Promise<CliResult> {
  const result = { code: 0, stdout: '', stderr: '' };
  const terminal = {
    out: (text: string) => void (result.stdout += text),
    err: (text: string) => void (result.stderr += text),
    interactive: false,
    color: new Chalk({ level: 0 }),
    errStream: process.stderr,
  };
  result.code = await main(args, terminal);
  return result;
}

/** Runs the real binary `dyna args...` in `cwd` (not a TTY, NO_COLOR unset unless given, CI set). */
export function dyna(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd ?? ROOT, env: { PATH: process.env.PATH ?? '', CI: 'true', ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
