/** equity.csv and trades.csv: the daily values and the orders of a run. */
import { neutralize } from '../../text.js';
import type { AccountRun, Simulation } from '../../market/simulate.js';

/**
 * A text cell, safe for CSV readers and spreadsheets: a cell that starts with
 * =, +, -, @, tab or carriage return would run as a formula in a spreadsheet,
 * so it gets a leading single quote (OWASP's advice); numbers stay as they are.
 * Control and bidirectional characters are shown as `?` (see text.ts). Then
 * it is quoted when it needs it (RFC 4180).
 */
export function csvField(value: string): string {
  const text = neutralize(value);
  const safe = /^[=+\-@\t\r]/.test(text) && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Money with cents, as the files show it. */
export function formatMoney(x: number): string {
  return x.toFixed(2);
}

/** `Date,Strategy,Benchmark,<symbol>...`: daily values and the shares held of each symbol of a multi-symbol account. */
export function portfolioEquityCsv(strategy: AccountRun, benchmark: AccountRun, holdings: Map<string, Float64Array>): string {
  const symbols = [...holdings.keys()];
  const lines = [['Date', 'Strategy', 'Benchmark', ...symbols.map(csvField)].join(',')];
  for (let t = 0; t < strategy.values.length; t++) {
    const shares = symbols.map((s) => (holdings.get(s) as Float64Array)[t]);
    lines.push([strategy.dates[t], formatMoney(strategy.values[t]), formatMoney(benchmark.values[t]), ...shares].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** `Date,Strategy,Benchmark,Position`: daily portfolio values and shares held. */
export function equityCsv(strategy: Simulation, benchmark: Simulation): string {
  return [...equityCsvPieces(strategy, benchmark)].join('');
}

/** equity.csv in pieces of `rows` lines (the header first): every day of a long run, written without the whole text in memory. */
export function* equityCsvPieces(strategy: Simulation, benchmark: Simulation, rows = 4096): Generator<string> {
  let lines = ['Date,Strategy,Benchmark,Position'];
  for (let t = 0; t < strategy.values.length; t++) {
    lines.push(`${strategy.dates[t]},${formatMoney(strategy.values[t])},${formatMoney(benchmark.values[t])},${strategy.holdings[t]}`);
    if (lines.length >= rows) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}

/**
 * The ML4T orders format `Date,Symbol,Order,Shares` (Order is BUY or SELL,
 * Shares positive), plus a `Note` column that marks trades the broker forced ("margin call").
 */
export function tradesCsv(strategy: AccountRun, symbol: string): string {
  const lines = ['Date,Symbol,Order,Shares,Note'];
  for (const t of strategy.trades) lines.push(`${t.date},${csvField(t.symbol ?? symbol)},${t.shares > 0 ? 'BUY' : 'SELL'},${Math.abs(t.shares)},${t.marginCall ? 'margin call' : ''}`);
  return `${lines.join('\n')}\n`;
}
