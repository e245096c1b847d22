/**
 * Performance metrics of a simulated period. Pure functions of the daily
 * portfolio values, holdings and trades. Conventions: 252 trading days a year,
 * risk-free rate 0, Sharpe = sqrt(252) * mean / sample std of daily returns.
 * A metric that cannot be computed (no trades, zero volatility) is null, and
 * `undefinedBecause` says why.
 */
import { maxLeverage, type AccountRun, type Simulation } from '../market/simulate.js';
import { roundTrips, type RoundTrip } from './round-trips.js';
import { maxDrawdown, meanAndStd, simulationReturns } from './performance.js';

export { TRADING_DAYS_PER_YEAR } from '../data/dates.js';
import { calendarDaysBetween, TRADING_DAYS_PER_YEAR } from '../data/dates.js';

/** Every metric of one equity curve. Fractions: 0.12 means 12%. */
export interface Metrics {
  startDate: string;
  endDate: string;
  /** Trading days (rows) in the period. */
  days: number;
  /** Calendar days from the first to the last date. */
  calendarDays: number;
  startValue: number;
  endValue: number;
  totalReturn: number;
  /** Compound annual growth rate over calendar time. */
  cagr: number | null;
  /** Geometric return per 252 trading days (one daily return per row, the first from the start cash). */
  annualizedReturn: number | null;
  /** Sample std of daily returns times sqrt(252). */
  annualizedVolatility: number | null;
  sharpe: number | null;
  /** sqrt(252) * mean daily return / downside deviation (root mean square of negative returns). */
  sortino: number | null;
  /** Annualized return / max drawdown. */
  calmar: number | null;
  /** Largest fall from a running peak, as a fraction of the peak. */
  maxDrawdown: number;
  /** Trading days from the peak before the largest fall to the recovery of that peak (or to the end). */
  maxDrawdownDays: number;
  /** Fraction of days holding a position. */
  exposure: number;
  /** Number of trades (orders executed). */
  trades: number;
  /** Number of round trips (opened and closed or reversed positions, plus one still open). */
  roundTrips: number;
  winRate: number | null;
  bestTrade: number | null;
  worstTrade: number | null;
  /** Gross profit / gross loss of round trips. */
  profitFactor: number | null;
  /** Mean profit per round trip. */
  expectancy: number | null;
  commissions: number;
  impactCosts: number;
  /** Largest gross exposure (position value / equity) at any close; null when equity reached zero while holding. */
  maxLeverage: number | null;
  /** When the broker closed the position for want of margin (the run stays flat after it), or null. */
  marginCall: { date: string; equity: number } | null;
  /** Why each null metric is null. */
  undefinedBecause: Partial<Record<keyof Metrics, string>>;
}

/** All metrics of a run; `trips` defaults to a single-symbol run's round trips (a multi-symbol account passes its own). */
export function computeMetrics(sim: AccountRun, trips: RoundTrip[] = 'holdings' in sim ? roundTrips(sim as Simulation) : []): Metrics {
  const { dates } = sim;
  const n = sim.values.length;
  const why: Metrics['undefinedBecause'] = {};
  const orNull = (key: keyof Metrics, value: number, reason: string): number | null => {
    if (Number.isFinite(value)) return value;
    why[key] = reason;
    return null;
  };
  const returns = simulationReturns(sim);
  const { mean, std } = meanAndStd(returns);
  const startValue = sim.startCash;
  const endValue = sim.values[n - 1];
  const totalReturn = endValue / startValue - 1;
  const calendarDays = calendarDaysBetween(dates[0], dates[n - 1]);
  const tooShort = 'needs at least two days';
  const growth = endValue / startValue;
  const cagr = calendarDays > 0 && growth > 0 ? orNull('cagr', growth ** (365.25 / calendarDays) - 1, 'out of range') : orNull('cagr', Number.NaN, calendarDays > 0 ? 'the portfolio lost everything' : tooShort);
  const annualizedReturn = growth > 0 ? orNull('annualizedReturn', growth ** (TRADING_DAYS_PER_YEAR / n) - 1, 'out of range') : orNull('annualizedReturn', Number.NaN, 'the portfolio lost everything');
  const annualizedVolatility = orNull('annualizedVolatility', std * Math.sqrt(TRADING_DAYS_PER_YEAR), 'needs at least two days');
  const sharpe = orNull('sharpe', std > 0 ? (Math.sqrt(TRADING_DAYS_PER_YEAR) * mean) / std : Number.NaN, n > 1 ? 'zero volatility' : 'needs at least two days');
  let downside = 0;
  for (const r of returns) if (r < 0) downside += r * r;
  downside = returns.length ? Math.sqrt(downside / returns.length) : Number.NaN;
  const sortino = orNull('sortino', downside > 0 ? (Math.sqrt(TRADING_DAYS_PER_YEAR) * mean) / downside : Number.NaN, 'no losing days');
  // Returns and drawdowns are measured from the cash held before the first trade, so the first day's costs count.
  const dd = maxDrawdown(sim.values, sim.startCash);
  const calmar = orNull('calmar', dd.depth > 0 && annualizedReturn !== null ? annualizedReturn / dd.depth : Number.NaN, dd.depth > 0 ? 'no annualized return' : 'no drawdown');
  let exposed = 0;
  for (let i = 0; i < n; i++) if (sim.exposure[i] !== 0) exposed++;

  const profits = trips.map((t) => t.profit);
  const noTrips = 'no round trips';
  const wins = profits.filter((p) => p > 0);
  const losses = profits.filter((p) => p < 0);
  const grossProfit = wins.reduce((s, p) => s + p, 0);
  const grossLoss = -losses.reduce((s, p) => s + p, 0);
  return {
    startDate: dates[0],
    endDate: dates[n - 1],
    days: n,
    calendarDays,
    startValue,
    endValue,
    totalReturn,
    cagr,
    annualizedReturn,
    annualizedVolatility,
    sharpe,
    sortino,
    calmar,
    maxDrawdown: dd.depth,
    maxDrawdownDays: dd.days,
    exposure: exposed / n,
    trades: sim.trades.length,
    roundTrips: trips.length,
    winRate: orNull('winRate', trips.length ? wins.length / trips.length : Number.NaN, noTrips),
    bestTrade: orNull('bestTrade', trips.length ? profits.reduce((a, b) => Math.max(a, b)) : Number.NaN, noTrips),
    worstTrade: orNull('worstTrade', trips.length ? profits.reduce((a, b) => Math.min(a, b)) : Number.NaN, noTrips),
    profitFactor: orNull('profitFactor', grossLoss > 0 ? grossProfit / grossLoss : Number.NaN, trips.length ? 'no losing round trips' : noTrips),
    expectancy: orNull('expectancy', trips.length ? profits.reduce((s, p) => s + p, 0) / trips.length : Number.NaN, noTrips),
    commissions: sim.commissions,
    impactCosts: sim.impactCosts,
    maxLeverage: orNull('maxLeverage', maxLeverage(sim), 'equity reached zero while holding a position'),
    marginCall: sim.marginCall && { date: sim.marginCall.date, equity: sim.marginCall.equity },
    undefinedBecause: why,
  };
}

/** The strategy's excess over the benchmark on the headline metrics (null when either side is). */
export interface Excess {
  totalReturn: number;
  annualizedReturn: number | null;
  sharpe: number | null;
  maxDrawdown: number;
}

/** Strategy minus benchmark. */
export function excessOver(strategy: Metrics, benchmark: Metrics): Excess {
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
  return {
    totalReturn: strategy.totalReturn - benchmark.totalReturn,
    annualizedReturn: diff(strategy.annualizedReturn, benchmark.annualizedReturn),
    sharpe: diff(strategy.sharpe, benchmark.sharpe),
    maxDrawdown: strategy.maxDrawdown - benchmark.maxDrawdown,
  };
}
