/** The report of a run (train or backtest): the document behind --json, report.json and every other view. */
import type { Simulation } from '../market/simulate.js';
import { computeMetrics, excessOver, type Excess, type Metrics } from './metrics.js';

export const REPORT_SCHEMA_VERSION = 1;

/** How the metrics are defined, written into every report so readers need not guess. */
export const CONVENTIONS = {
  returns: "fractions of the start value (the cash before the first trade, so first-day costs count): 0.12 means +12%",
  sharpe: 'sqrt(252) * mean / sample std of daily returns; risk-free rate 0',
  sortino: 'sqrt(252) * mean / root mean square of negative daily returns; risk-free rate 0',
  annualized: '252 trading days a year; CAGR uses calendar days (365.25 a year)',
  maxDrawdown: 'largest fall from a running peak, as a fraction of that peak',
  trades: 'executed orders; round trips run from opening a position to closing or reversing it, costs included',
  benchmark: 'buy the position size on the first day and hold, paying the same costs',
  nulls: 'a metric that cannot be computed is null; undefinedBecause says why',
} as const;

/** The training part of a train report. */
export interface TrainingSummary {
  epochs: number;
  converged: boolean;
  realSteps: number;
  hallucinatedSteps: number;
  states: number;
  /** In-sample total return after each epoch. */
  learningCurve: number[];
  /** Wall-clock seconds; only in --json output, never in files (they must be byte-identical across runs). */
  seconds?: number;
}

/** One run's report. */
export interface ReportDocument {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  command: 'train' | 'backtest';
  symbol: string;
  data: { file: string; sha256: string };
  period: { start: string; end: string; days: number };
  costs: { commission: number; impact: number };
  position: { shares: number; cash: number };
  strategy: Metrics;
  benchmark: Metrics;
  excess: Excess;
  training?: TrainingSummary;
  /** Path of the model written (train) or read (backtest). */
  model: string;
  warnings: string[];
  conventions: typeof CONVENTIONS;
}

/** What a report is built from. */
export interface ReportInput {
  command: ReportDocument['command'];
  symbol: string;
  data: ReportDocument['data'];
  costs: ReportDocument['costs'];
  position: ReportDocument['position'];
  strategy: Simulation;
  benchmark: Simulation;
  training?: TrainingSummary;
  model: string;
  warnings: string[];
}

/** Builds the report document: metrics of both curves and the excess. */
export function buildReport(input: ReportInput): ReportDocument {
  const strategy = computeMetrics(input.strategy);
  const benchmark = computeMetrics(input.benchmark);
  const report: ReportDocument = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    command: input.command,
    symbol: input.symbol,
    data: input.data,
    period: { start: strategy.startDate, end: strategy.endDate, days: strategy.days },
    costs: input.costs,
    position: input.position,
    strategy,
    benchmark,
    excess: excessOver(strategy, benchmark),
    model: input.model,
    warnings: input.warnings,
    conventions: CONVENTIONS,
  };
  if (input.training) report.training = input.training;
  return report;
}
