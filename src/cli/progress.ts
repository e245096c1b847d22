/** A progress bar over epochs: only on an interactive terminal, never with --quiet or --json. */
import cliProgress from 'cli-progress';
import type { Terminal } from './terminal.js';

/** Reports progress; a no-op when animation is off. */
export interface Progress {
  update(epoch: number, totalReturn: number): void;
  stop(): void;
}

/** A bar on stderr when the terminal is interactive and `enabled`; otherwise nothing. */
export function createProgress(terminal: Terminal, total: number, enabled: boolean): Progress {
  if (!enabled || !terminal.interactive) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: 'training |{bar}| epoch {value}/{total}  in-sample {ret}', stream: terminal.errStream, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { ret: '' });
  return {
    update: (epoch, totalReturn) => bar.update(epoch, { ret: `${(totalReturn * 100).toFixed(2)}%` }),
    stop: () => bar.stop(),
  };
}

/** A bar of jobs done out of the total, with the time left: only on an interactive terminal, when `enabled`. */
export function createJobProgress(terminal: Terminal, total: number, enabled: boolean, label: string): { update(done: number): void; stop(): void } {
  if (!enabled || !terminal.interactive) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar({ format: `${label} |{bar}| {value}/{total} jobs, ETA {eta_formatted}`, stream: terminal.errStream, hideCursor: true, clearOnComplete: true, etaBuffer: 20 }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
