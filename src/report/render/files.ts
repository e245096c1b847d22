/** The files of a --report folder: report.json, equity.csv, trades.csv and report.html, as text. */
import type { ReportViews } from '../report.js';
import { jsonText } from '../../json.js';
import { equityCsv, portfolioEquityCsv, tradesCsv } from './csv.js';
import { renderHtmlReport } from './html.js';

/** The names of the report files, in the order they are written. */
export const REPORT_FILES = ['report.json', 'equity.csv', 'trades.csv', 'report.html'] as const;

/** The report files' contents. `document` is what --json prints; report.json is that without wall-clock time. */
export function reportFileContents(document: { symbol: string; training?: { seconds?: number } }, views: ReportViews): Record<(typeof REPORT_FILES)[number], string> {
  const { strategy, benchmark } = views;
  return {
    'report.json': `${jsonText(withoutTiming(document), 2)}\n`,
    'equity.csv': 'holdings' in strategy ? equityCsv(strategy, benchmark) : portfolioEquityCsv(strategy, benchmark, views.holdings ?? new Map()),
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
