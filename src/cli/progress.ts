/** Progress bars on stderr, from a workflow's progress events: only on an interactive terminal, never with --quiet or --json. */
import cliProgress from 'cli-progress';
import type { ProgressEvent } from '../workflows/index.js';
import type { Terminal } from './terminal.js';

/** A workflow's onProgress that draws a bar (started at the first event), and `stop`, which clears it (a later event starts it again). */
export function progressBar(terminal: Terminal, enabled: boolean): { onProgress: (event: ProgressEvent) => void; stop: () => void } {
  let bar: cliProgress.SingleBar | undefined;
  const start = (format: string, total: number, extra: object = {}) => {
    // A 24-character bar leaves room for every field on an 80-column terminal.
    bar = new cliProgress.SingleBar({ format, stream: terminal.errStream, hideCursor: true, clearOnComplete: true, etaBuffer: 20, barsize: 24 }, cliProgress.Presets.shades_classic);
    bar.start(total, 0, extra);
  };
  const onProgress = (event: ProgressEvent) => {
    if (!enabled || !terminal.interactive) return;
    if (event.kind === 'epoch') {
      if (!bar) start('training |{bar}| epoch {value}/{total}  in-sample {ret}', event.epochs, { ret: '' });
      bar?.update(event.epoch, { ret: `${(event.totalReturn * 100).toFixed(2)}%` });
    } else if (event.kind === 'jobs') {
      if (!bar) start(`${event.label} |{bar}| {value}/{total} jobs, ETA {eta_formatted}`, event.total);
      bar?.update(event.done);
    }
  };
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  return { onProgress, stop };
}
