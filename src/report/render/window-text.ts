/** The walk-forward window table for the terminal. */
import type { WindowSummary } from '../report.js';
import { percent, printable } from './format.js';

/** One line per window: test dates, return, buy-and-hold, trades. */
export function renderWindowTable(windows: WindowSummary[]): string {
  const head = `${'#'.padStart(3)}  ${'test period'.padEnd(25)} ${'days'.padStart(5)} ${'return'.padStart(10)} ${'buy&hold'.padStart(10)} ${'trades'.padStart(7)}`;
  const rows = windows.map(
    (w) =>
      `${String(w.index + 1).padStart(3)}  ${printable(`${w.test.start.slice(0, 10)} to ${w.test.end.slice(0, 10)}`).padEnd(25)} ${String(w.test.days).padStart(5)} ` +
      `${percent(w.strategy.totalReturn).padStart(10)} ${percent(w.benchmark.totalReturn).padStart(10)} ${String(w.strategy.trades).padStart(7)}`,
  );
  return `${[head, ...rows].join('\n')}\n`;
}
