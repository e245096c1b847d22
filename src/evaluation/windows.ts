/**
 * Walk-forward windows: train on `train` rows, test on the next `test` rows,
 * move on by `step` rows (default `test`, so test windows are contiguous and
 * never overlap); anchored windows keep the training start fixed (an expanding
 * window). The last test window may be shorter. Pure arithmetic on row indices.
 */
import { InvalidOptionError, invalidOption } from '../errors.js';
import { atLeast, integerRangeText, isIntegerIn } from '../integers.js';

/** One window: training rows [trainFrom, trainTo) and test rows [testFrom, testTo). */
export interface Window {
  index: number;
  trainFrom: number;
  trainTo: number;
  testFrom: number;
  testTo: number;
}

/** Window options, in rows. */
export interface WindowOptions {
  train: number;
  test: number;
  step?: number;
  anchored?: boolean;
}

/** The rows a window trains on (two at least: one move to learn from), tests on and moves by. */
export const WINDOW_RANGES = { train: atLeast(2), test: atLeast(1), step: atLeast(1) } as const;

/** The windows over usable rows [first, end). Throws a usage error naming the option when not even one window fits. */
export function walkForwardWindows(first: number, end: number, options: WindowOptions): Window[] {
  const { train, test, anchored = false } = options;
  const step = options.step ?? test;
  for (const [name, value] of [['train', train], ['test', test], ['step', step]] as const) {
    if (!isIntegerIn(value, WINDOW_RANGES[name])) throw invalidOption(name, `must be ${integerRangeText(WINDOW_RANGES[name])} (got ${value})`);
  }
  if (step < test) throw new InvalidOptionError([{ option: 'step' }, ` ${step} is shorter than `, { option: 'test' }, ` ${test}: test windows would overlap`]);
  const rows = end - first;
  if (rows < train + 1) {
    throw invalidOption('train', `${train} plus at least one test row needs ${train + 1} usable rows, but the period has ${rows} (after the indicators' warm-up)`);
  }
  const windows: Window[] = [];
  for (let i = 0; ; i++) {
    const trainTo = first + train + i * step;
    if (trainTo >= end) break;
    windows.push({ index: i, trainFrom: anchored ? first : trainTo - train, trainTo, testFrom: trainTo, testTo: Math.min(trainTo + test, end) });
  }
  return windows;
}
