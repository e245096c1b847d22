/** The files of a --report folder: report.json, equity.csv, trades.csv and report.html, as text. */
import type { ReportViews } from '../report.js';
import { jsonText } from '../../json.js';
import { equityCsvPieces, portfolioEquityCsv, tradesCsv } from './csv.js';
import { renderHtmlReport } from './html.js';

/** The names of the report files, in the order they are written. */
export const REPORT_FILES = ['report.json', 'equity.csv', 'trades.csv', 'report.html'] as const;

type ReportFileName = (typeof REPORT_FILES)[number];

/** The report files' contents. `document` is what --json prints; report.json is that without wall-clock time. */
export function reportFileContents(document: { symbol: string; training?: { seconds?: number } }, views: ReportViews): Record<ReportFileName, string> {
  const pieces = reportFilePieces(document, views);
  return { ...pieces, 'equity.csv': typeof pieces['equity.csv'] === 'string' ? pieces['equity.csv'] : [...pieces['equity.csv']].join('') };
}

/** The same files for writing: equity.csv (a row a day) in pieces made as they are written, the others as text. */
export function reportFilePieces(document: { symbol: string; training?: { seconds?: number } }, views: ReportViews): Record<Exclude<ReportFileName, 'equity.csv'>, string> & { 'equity.csv': string | Iterable<string> } {
  const { strategy, benchmark } = views;
  return {
    'report.json': `${jsonText(withoutTiming(document), 2)}\n`,
    'equity.csv': 'holdings' in strategy ? equityCsvPieces(strategy, benchmark) : portfolioEquityCsv(strategy, benchmark, views.holdings ?? new Map()),
    'trades.csv': tradesCsv(strategy, document.symbol),
    'report.html': renderHtmlReport(views.report, strategy, benchmark, views.trips),
  };
}

/** The document without `training.seconds`, so that files are the same bytes on every run. */
function withoutTiming<D extends { training?: { seconds?: number } }>(document: D): D {
  if (document.training?.seconds === undefined) return document;
  const { seconds: _seconds, ...training } = document.training;
  return { ...document, training };
}
