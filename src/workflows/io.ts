/**
 * What a workflow is given rather than owning (threads, the clock, progress,
 * where warnings are shown) and the shape of what it gives back: the document
 * `--json` prints, with what the command would write attached for the caller.
 */
import type { StartRunner } from './job.js';

/** Progress a workflow reports as it goes. */
export type ProgressEvent =
  | { kind: 'epoch'; epoch: number; epochs: number; totalReturn: number }
  | { kind: 'jobs'; label: 'walk-forward' | 'sweep'; done: number; total: number }
  | { kind: 'shard'; index: number; count: number; source: string }
  | { kind: 'resume'; done: number; of: number; file: string; /** Jobs whose older lines (without daily excess returns) are run again. */ rerun: number };

/** The I/O a workflow does not own. Every member is optional. */
export interface WorkflowIo {
  /** Starts worker threads for train-and-test jobs (the CLI passes its thread pool); without it jobs run in this thread, with the same output. */
  startRunner?: StartRunner;
  /** Milliseconds on a monotonic clock, for the seconds a run reports (default: performance.now). */
  clock?: () => number;
  /** Milliseconds since 1970 (default: Date.now), for what depends on today's date, such as whether a signal's prices are stale. */
  wallClock?: () => number;
  /** Told of epochs and jobs as they finish. */
  onProgress?: (event: ProgressEvent) => void;
  /** Told of each warning as it is found; the result lists them all too. */
  onWarning?: (warning: string) => void;
}

/** A run's warnings, in the order found, each told to `io.onWarning` once. */
export class Warnings {
  readonly list: string[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly io: WorkflowIo, private readonly unique = false) {}

  /** Adds warnings (a unique list skips those it holds already). */
  add(...warnings: Array<string | undefined>): void {
    for (const w of warnings) {
      if (w === undefined || (this.unique && this.seen.has(w))) continue;
      this.seen.add(w);
      this.list.push(w);
      this.io.onWarning?.(w);
    }
  }
}

/**
 * The document with `outputs` attached as non-enumerable properties: the result
 * reads like the document (and `JSON.stringify(result)` is exactly what `--json`
 * prints), while `result.modelFile` and friends hold what the command would write.
 */
export function withOutputs<D extends object, O extends object>(document: D, outputs: O): D & Readonly<O> {
  for (const [key, value] of Object.entries(outputs)) Object.defineProperty(document, key, { value, enumerable: false });
  return document as D & Readonly<O>;
}

/** The clock of `io`, in seconds since `started` (a clock reading). */
export function secondsSince(io: WorkflowIo, started: number): number {
  return (clockOf(io)() - started) / 1000;
}

/** The clock of `io`, or performance.now. */
export function clockOf(io: WorkflowIo): () => number {
  return io.clock ?? (() => performance.now());
}
