/** Showing and saving a run's report: terminal text, --json, and the --report folder. */
import { join } from 'node:path';
import type { Simulation } from '../market/simulate.js';
import { equityCsv, renderHtmlReport, renderTerminalReport, tradesCsv, type ReportDocument } from '../report/index.js';
import type { OutputFile } from './files.js';
import type { Terminal } from './terminal.js';

/** The four report files of a --report folder, ready to write. */
export function reportFiles(dir: string, report: ReportDocument, strategy: Simulation, benchmark: Simulation): OutputFile[] {
  return [
    { path: join(dir, 'report.json'), content: `${JSON.stringify(report, null, 2)}\n` },
    { path: join(dir, 'equity.csv'), content: equityCsv(strategy, benchmark) },
    { path: join(dir, 'trades.csv'), content: tradesCsv(strategy, report.symbol) },
    { path: join(dir, 'report.html'), content: renderHtmlReport(report, strategy, benchmark) },
  ];
}

/** Prints the report table and chart on stdout. */
export function printReport(terminal: Terminal, report: ReportDocument, strategy: Simulation, benchmark: Simulation): void {
  terminal.out(renderTerminalReport(report, strategy.values, benchmark.values, terminal.color));
}

/** Prints warnings on stderr (unless quiet). */
export function printWarnings(terminal: Terminal, warnings: string[], quiet: boolean): void {
  if (quiet) return;
  for (const w of warnings) terminal.err(`${terminal.color.yellow('warning:')} ${w}\n`);
}
