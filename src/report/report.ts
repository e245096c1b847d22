/** The report of a run (train or backtest): the document behind --json, report.json and every other view. */
import type { Simulation } from '../market/simulate.js';
import type { PortfolioRun } from '../market/portfolio.js';
import type { Sizing } from '../market/sizing.js';
import { computeMetrics, excessOver, type Excess, type Metrics } from './metrics.js';
import type { RoundTrip } from './round-trips.js';
import { monthlyReturns, type MonthlyReturn } from './monthly.js';
import type { PolicyMap } from '../strategy/policy-map.js';
import type { PolicyKind } from '../strategy/policy-diagnosis.js';
import type { InSampleDays } from '../strategy/provenance.js';
import type { Significance } from '../evaluation/significance.js';
import type { Settings } from '../settings/settings.js';
import { worstDrawdowns, type DrawdownEpisode } from './performance.js';

/** 3: a walk-forward's strategy is one account through its windows, and each window has `account`. */
export const REPORT_SCHEMA_VERSION = 3;

/** How the metrics are defined, written into every report so readers need not guess. */
export const CONVENTIONS = {
  returns: "fractions of the start value (the cash before the first trade, so first-day costs count): 0.12 means +12%",
  sharpe: 'sqrt(252) * mean / sample std of daily returns; risk-free rate 0',
  sortino: 'sqrt(252) * mean / root mean square of negative daily returns; risk-free rate 0',
  annualized: '252 trading days a year; CAGR uses calendar days (365.25 a year)',
  maxDrawdown: 'largest fall from a running peak, as a fraction of that peak',
  trades: 'executed orders; round trips run from opening a position to closing or reversing it, costs included',
  benchmark: 'buy one position, sized like the strategy, on the first day and hold, paying the same costs',
  sizing: 'a new position is sized when it is opened or reversed (whole shares) and kept in shares while it is held',
  leverage: 'gross exposure = |position value| / equity at the close; above 1 is leverage',
  marginCall: 'when equity falls to the maintenance fraction of the position value, the position is closed at that close and the run stays flat; equity is never shown below 0',
  nulls: 'a metric that cannot be computed is null; undefinedBecause says why',
} as const;

/** The training part of a train report. */
export interface TrainingSummary {
  epochs: number;
  converged: boolean;
  /** Training days whose greedy position changed in the last epoch (0 when converged). */
  changedDays: number;
  /** What kind of rule was learned (see strategy/policy-diagnosis.ts). */
  policy: PolicyKind;
  realSteps: number;
  hallucinatedSteps: number;
  states: number;
  /** In-sample total return after each epoch. */
  learningCurve: number[];
  /** Wall-clock seconds; only in --json output, never in files (they must be byte-identical across runs). */
  seconds?: number;
}

/** How positions were sized, the start cash and the margin rule. */
export type PositionSection =
  | { sizing: 'fraction'; size: number; cash: number; maintenance: number }
  | { sizing: 'shares'; shares: number; cash: number; maintenance: number }
  | { sizing: 'orders'; cash: number; maintenance: number };

/** The position section of a report for a sizing, cash and maintenance fraction. */
export function positionSection(sizing: Sizing, cash: number, maintenance: number): PositionSection {
  return sizing.kind === 'shares' ? { sizing: 'shares', shares: sizing.shares, cash, maintenance } : { sizing: 'fraction', size: sizing.size, cash, maintenance };
}

/** A training period of a model: its first and last day and its trading days. */
export interface PeriodSpan {
  start: string;
  end: string;
  days: number;
}

/** What policy a run replays or learns: its training data, period(s) and settings, so a reader can check that a test was out of sample. */
export interface ModelInfo {
  /** The model file (written by train, read by backtest; walk-forward trains one per window and writes none). */
  file?: string;
  /** The training data's file name and SHA-256. */
  data: { file: string; sha256: string };
  /** The training period, or one per window (walk-forward) or per training run (a model trained further). */
  periods: PeriodSpan[];
  /** Every setting of the training run (learner, market, trader). */
  settings: Omit<Settings, 'synth'>;
  /** How its training went (train and backtest). */
  training?: { epochs: number; converged: boolean; policy: PolicyKind };
}

/** One walk-forward window in a report. */
export interface WindowSummary {
  index: number;
  train: { start: string; end: string; days: number; epochs: number; converged: boolean; policy: PolicyKind };
  test: { start: string; end: string; days: number };
  /** The window alone: its own backtest, from the start cash. */
  strategy: Metrics;
  benchmark: Metrics;
  /** The walk-forward's one account over the window's days: its return from the previous window's last close, and its trades. */
  account: { totalReturn: number; trades: number };
}

/** One run's report. */
export interface ReportDocument {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  command: 'train' | 'backtest' | 'simulate' | 'walk-forward';
  symbol: string;
  data: { file: string; sha256: string };
  period: { start: string; end: string; days: number };
  costs: { commission: number; impact: number };
  position: PositionSection;
  strategy: Metrics;
  /** What the benchmark is: "buy-and-hold", "buy-and-hold SPY", or "cash" (no benchmark: simulate leaves it out of the JSON). */
  benchmarkName: string;
  benchmark: Metrics;
  excess: Excess;
  training?: TrainingSummary;
  /** Backtest days that the model was trained on (an in-sample backtest), when there are any. */
  inSample?: InSampleDays;
  /** Year x month returns of the strategy and the benchmark. */
  monthlyReturns: MonthlyReturn[];
  /** Walk-forward: each window's periods and out-of-sample metrics. */
  windows?: WindowSummary[];
  /** With --significance: is the edge more than luck? */
  significance?: Significance;
  /** What the trained policy does in each market state and position (train and backtest). */
  policy?: PolicyMap;
  /** Path of the model written (train) or read (backtest). */
  model: string;
  /** The model's training data, period(s) and settings (train, backtest, walk-forward). */
  modelInfo?: ModelInfo;
  /** The strategy's five deepest drawdowns, deepest first. */
  drawdowns: DrawdownEpisode[];
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
  strategy: Simulation | PortfolioRun;
  benchmark: Simulation;
  /** Default "buy-and-hold". */
  benchmarkName?: string;
  /** Round trips of the strategy when the simulation spans several symbols. */
  strategyTrips?: RoundTrip[];
  training?: TrainingSummary;
  inSample?: InSampleDays;
  policy?: PolicyMap;
  windows?: WindowSummary[];
  significance?: Significance;
  model: string;
  modelInfo?: ModelInfo;
  warnings: string[];
}

/** Builds the report document: metrics of both curves and the excess. */
export function buildReport(input: ReportInput): ReportDocument {
  const strategy = computeMetrics(input.strategy, input.strategyTrips);
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
    benchmarkName: input.benchmarkName ?? 'buy-and-hold',
    benchmark,
    excess: excessOver(strategy, benchmark),
    model: input.model,
    ...(input.modelInfo ? { modelInfo: input.modelInfo } : {}),
    drawdowns: worstDrawdowns(input.strategy),
    warnings: input.warnings,
    monthlyReturns: monthlyReturns(input.strategy, input.benchmark),
    conventions: CONVENTIONS,
  };
  if (input.training) report.training = input.training;
  if (input.inSample) report.inSample = input.inSample;
  if (input.policy) report.policy = input.policy;
  if (input.windows) report.windows = input.windows;
  if (input.significance) report.significance = input.significance;
  return report;
}

/** What a run's report files and terminal chart are drawn from, besides its JSON document. */
export interface ReportViews {
  /** The complete report (simulate without a benchmark leaves benchmark and excess out of its JSON, not out of this). */
  report: ReportDocument;
  strategy: Simulation | PortfolioRun;
  benchmark: Simulation;
  /** Shares held of each symbol at each close (a multi-symbol account: equity.csv gets a column each). */
  holdings?: Map<string, Float64Array>;
  /** The strategy's round trips when the run computes its own (several symbols). */
  trips?: RoundTrip[];
}
