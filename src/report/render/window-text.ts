/** The walk-forward window table for the terminal. */
import type { WindowSummary } from '../report.js';
import { percent, printable } from './format.js';

/** One line per window: test dates, its own return, buy-and-hold and trades, and the account's return on its days. */
export function renderWindowTable(windows: WindowSummary[]): string {
  const head = `${'#'.padStart(3)}  ${'test period'.padEnd(25)} ${'days'.padStart(5)} ${'return'.padStart(10)} ${'buy&hold'.padStart(10)} ${'trades'.padStart(7)} ${'account'.padStart(10)}`;
  const rows = windows.map(
    (w) =>
      `${String(w.index + 1).padStart(3)}  ${printable(`${w.test.start.slice(0, 10)} to ${w.test.end.slice(0, 10)}`).padEnd(25)} ${String(w.test.days).padStart(5)} ` +
      `${percent(w.strategy.totalReturn).padStart(10)} ${percent(w.benchmark.totalReturn).padStart(10)} ${String(w.strategy.trades).padStart(7)} ${percent(w.account.totalReturn).padStart(10)}`,
  );
  const note = "return, buy&hold, trades: each window's own backtest, from the start cash;\naccount: the one account's return on the window's days (it keeps its position)";
  return `${[head, ...rows, note].join('\n')}\n`;
}
