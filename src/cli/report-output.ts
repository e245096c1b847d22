/** Showing and saving a run's report: terminal text, --json, and the --report folder. */
import { join } from 'node:path';
import { leverageWarning, maxLeverage, type Simulation } from '../market/simulate.js';
import type { Sizing } from '../market/sizing.js';
import { equityCsv, renderHtmlReport, renderTerminalReport, tradesCsv, type ReportDocument } from '../report/index.js';
import { refuseToOverwrite, type OutputFile } from './files.js';
import type { Terminal } from './terminal.js';
import { printable } from '../report/format.js';
import { InvalidOptionError } from '../errors.js';

const REPORT_FILES = ['report.json', 'equity.csv', 'trades.csv', 'report.html'] as const;

/** Throws when a --report folder would write over one of the inputs. */
export function refuseToOverwriteReport(dir: string, inputs: string[]): void {
  if (dir.trim() === '') throw new InvalidOptionError('--report must not be empty');
  for (const name of REPORT_FILES) refuseToOverwrite(join(dir, name), inputs, '--report');
}

/** The four report files of a --report folder, ready to write. */
export function reportFiles(dir: string, report: object & Pick<ReportDocument, 'symbol'>, views: { document: ReportDocument; strategy: Simulation; benchmark: Simulation; equity?: string }): OutputFile[] {
  const { document, strategy, benchmark } = views;
  const content: Record<(typeof REPORT_FILES)[number], string> = {
    'report.json': `${JSON.stringify(report, null, 2)}\n`,
    'equity.csv': views.equity ?? equityCsv(strategy, benchmark),
    'trades.csv': tradesCsv(strategy, report.symbol),
    'report.html': renderHtmlReport(document, strategy, benchmark),
  };
  return REPORT_FILES.map((name) => ({ path: join(dir, name), content: content[name] }));
}

/** Prints the report table and chart on stdout. */
export function printReport(terminal: Terminal, report: ReportDocument, strategy: Simulation, benchmark: Simulation): void {
  terminal.out(renderTerminalReport(report, strategy.values, benchmark.values, terminal.color));
}

/** The list of files written, as the terminal shows it. */
export function writtenLine(label: string, paths: string[]): string {
  return paths.length ? `${label}: ${paths.map(printable).join(', ')}\n` : '';
}

/** Prints warnings on stderr (unless quiet). */
export function printWarnings(terminal: Terminal, warnings: string[], quiet: boolean): void {
  if (quiet) return;
  for (const w of warnings) terminal.err(`${terminal.color.yellow('warning:')} ${printable(w)}\n`);
}

/** Warnings about leverage: a size above 1, and the largest gross exposure any trade left (once per run). */
export function leverageWarnings(sizing: Sizing, strategy: Simulation, benchmark: Simulation, maintenance: number): string[] {
  const out: string[] = [];
  if (sizing.kind === 'fraction' && sizing.size > 1) out.push(`--size ${sizing.size} is leverage: each position is worth ${sizing.size}x equity`);
  // One warning per run: the side whose trades reached the larger exposure.
  const sides: Array<[Simulation, string]> = [[strategy, 'strategy'], [benchmark, 'buy-and-hold']];
  if (maxLeverage(benchmark) > maxLeverage(strategy)) sides.reverse();
  const warning = leverageWarning(sides[0][0], sides[0][1], maintenance) ?? leverageWarning(sides[1][0], sides[1][1], maintenance);
  if (warning) out.push(warning);
  return out;
}
