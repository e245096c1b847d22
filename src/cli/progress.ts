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
