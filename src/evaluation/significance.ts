/**
 * Is the edge more than luck? Two questions, two tests, and a verdict:
 * - `pValue`, timing skill: the strategy against random timings of its own
 *   holding periods, same exposure, same days, sizing and costs (timing-test.ts;
 *   Aronson 2007, Masters 2020);
 * - `vsBenchmark`, the excess over buy-and-hold of the same run: a one-sided
 *   stationary block bootstrap of the daily log excess returns (bootstrap.ts;
 *   Politis and Romano 1994, Politis and White 2004) and the probabilistic
 *   Sharpe ratio of that excess series;
 * - `absoluteProbabilisticSharpe` (Bailey and Lopez de Prado, 2012): the
 *   probability that the true Sharpe ratio of the strategy's own returns is
 *   above 0, given their length, skewness and kurtosis. Absolute: it says
 *   nothing about timing or the benchmark (buy-and-hold in a bull market has a high one).
 * Daily log excess returns are used because their sum is the log of the
 * strategy's final value over buy-and-hold's: the test's sign is the sign of
 * "it ended ahead", with no volatility drag in between.
 */
import type { Rng } from '../rng.js';
import type { PortfolioRun, SymbolPrices } from '../market/portfolio.js';
import type { AccountRules, AccountRun, Simulation } from '../market/simulate.js';
import type { Sizing } from '../market/sizing.js';
import { bootstrapMeanTest } from './bootstrap.js';
import { ordersTimingTest } from './orders-timing.js';
import { timingTest, type TradedSegment } from './timing-test.js';
import { significanceVerdict } from './verdict.js';
import { inverseNormalCdf, normalCdf } from '../stats/normal.js';
import { logGrowth, meanAndStd, momentsOf, simulationReturns } from '../report/performance.js';

export { inverseNormalCdf, normalCdf } from '../stats/normal.js';

/** The excess over the benchmark, in the significance section. */
export interface BenchmarkTest {
  method: string;
  /** Mean block length of the bootstrap, in days. */
  blockLength: number;
  /** Mean daily log excess return over the benchmark (its sum is log(final value / benchmark's final value)). */
  meanDailyLogExcess: number;
  /** One-sided: p of a mean excess this large if the true one were <= 0. */
  pValue: number;
  /** PSR of the daily excess series against 0. */
  probabilisticSharpe: number | null;
}

/** The significance section of a report. */
export interface Significance {
  /** The timing test, with references. */
  method: string;
  samples: number;
  /** Timing skill: random timings with the strategy's exposure doing at least as well. */
  pValue: number;
  /** PSR of the strategy's own returns against Sharpe 0: not a comparison with the benchmark. */
  absoluteProbabilisticSharpe: number | null;
  vsBenchmark: BenchmarkTest;
  /** One plain sentence. */
  verdict: string;
  warnings: string[];
  /** Orders files only: the symbols timed together because their holdings change on the same days (empty: each symbol on its own). */
  timedTogether?: string[][];
}

/** Daily positions in units of a full position: those the run was given, else the sign of its holdings. */
export function unitsOf(sim: Simulation): Float64Array {
  return sim.units ?? Float64Array.from(sim.holdings, (h) => Math.sign(h));
}

/**
 * PSR(0) = Phi( SR sqrt(n - 1) / sqrt(1 - skew SR + (kurtosis - 1) / 4 SR^2) ),
 * with SR the non-annualized Sharpe ratio of the n returns and kurtosis not in excess (3 for a normal).
 */
export function probabilisticSharpe(returns: ArrayLike<number>, benchmark = 0): number | null {
  const m = momentsOf(returns);
  return m === null ? null : psrFromMoments(m.sharpe, m.days, m.skewness, m.kurtosis, benchmark);
}

/** PSR from the moments themselves (the form the paper states). */
export function psrFromMoments(sharpe: number, n: number, skew: number, kurtosis: number, benchmark = 0): number | null {
  const variance = 1 - skew * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  if (!(variance > 0) || n < 2) return null;
  return normalCdf(((sharpe - benchmark) * Math.sqrt(n - 1)) / Math.sqrt(variance));
}

/** What assessSignificance needs: the run, its benchmark over the same days, and how to replay positions. */
export interface SignificanceInput {
  /** One for a backtest, one per test window for walk-forward. */
  segments: TradedSegment[];
  /** The strategy's simulation (a walk-forward's one account). */
  strategy: Simulation;
  /** Buy-and-hold over the same days. */
  benchmark: Simulation;
  samples: number;
  sizing: Sizing;
  rules: AccountRules;
  rng: Rng;
}

/** Daily log excess returns of `strategy` over `benchmark` (same days); a day that wipes out equity counts as log(1e-12). */
export function excessLogReturns(strategy: Pick<AccountRun, 'startCash' | 'values'>, benchmark: Pick<AccountRun, 'startCash' | 'values'>): Float64Array {
  const s = simulationReturns(strategy);
  const b = simulationReturns(benchmark);
  if (s.length !== b.length) throw new RangeError(`strategy and benchmark cover different days (${s.length} and ${b.length})`);
  return Float64Array.from(s, (r, t) => logGrowth(r) - logGrowth(b[t]));
}

/** The timing test's method, as the JSON states it (with the absolute PSR's label). */
export const TIMING_METHOD =
  "random timings with the strategy's own exposure: its holding periods (runs of equal position, read around a circle) keep their order of positions, their lengths are dealt at random among runs of the same position, and the circle is cut at a random day that starts with the strategy's first position and ends with its last, so each timing has the strategy's days in each position, holding periods and number of trades; replayed over the same days with the same sizing and costs (with volatility-targeted sizing, the policy's levels are timed and each day keeps its own volatility scale, so the position changes are the strategy's and the re-sizes follow the days a timing holds a position on; a walk-forward's windows are timed each within itself and replayed together as its one account); p = (1 + random timings whose total return >= the strategy's) / (samples + 1) (Aronson 2007; Masters 2020). absoluteProbabilisticSharpe: probabilistic Sharpe ratio of the strategy's own daily returns against 0, not against the benchmark (Bailey and Lopez de Prado 2012)";

/** Both tests and the verdict for a run made of traded segments (one for a backtest, one per window for walk-forward). */
export function assessSignificance(input: SignificanceInput): Significance {
  const { segments, strategy, benchmark, samples, sizing, rules, rng } = input;
  const pValue = timingTest(segments, samples, sizing, rules, rng);
  // Days the account was long (what it held, so not after a margin call ended it).
  const held = unitsOf(strategy);
  let long = 0;
  for (let t = 0; t < held.length; t++) if (held[t] > 0) long++;
  return significanceDocument({ method: TIMING_METHOD, pValue, strategy, benchmark, benchmarkName: 'buy-and-hold', samples, rng, longShare: held.length ? long / held.length : 0 });
}

/** The timing test's method for orders files, as the JSON states it. */
export const ORDERS_TIMING_METHOD =
  "random timings with the orders' own exposure: each symbol's daily holdings in shares are read as holding periods (runs of equal shares, around a circle) whose lengths are dealt at random among runs of the same shares, and the circle is cut at a random day that starts with its first holdings and ends with its last, so each timing holds every symbol at each share count on as many days, with the same holding periods and trades; symbols whose holdings change on the same days are timed together (a pair or basket keeps its joint holdings), others independently; each timing is replayed as one net order per symbol and day through the portfolio simulator with the same prices, costs, cash and margin rule, as are the orders' own holdings; p = (1 + random timings whose end value >= the orders') / (samples + 1) (Aronson 2007; Masters 2020). absoluteProbabilisticSharpe: probabilistic Sharpe ratio of the account's own daily returns against 0, not against the benchmark (Bailey and Lopez de Prado 2012)";

/** What assessOrdersSignificance needs: the orders' replay, its benchmark, and the prices to replay other timings on. */
export interface OrdersSignificanceInput {
  /** Closes of the symbols the orders trade, on the simulated days. */
  prices: SymbolPrices;
  /** Shares held of each symbol at each close. */
  holdings: Map<string, ArrayLike<number>>;
  strategy: PortfolioRun;
  benchmark: AccountRun;
  /** The benchmark's name in sentences ("buy-and-hold SPY", "cash"). */
  benchmarkName: string;
  /** What the benchmark is, for the method text (default: its name). */
  benchmarkDescription?: string;
  /** The symbol the benchmark holds long, when the orders trade it (days long in it count as the benchmark's position). */
  benchmarkSymbol?: string;
  samples: number;
  rules: AccountRules;
  rng: Rng;
}

/** Both tests and the verdict for an orders file (`dyna simulate --significance`). */
export function assessOrdersSignificance(input: OrdersSignificanceInput): Significance {
  const { prices, holdings, strategy, benchmark, samples, rules, rng } = input;
  const timing = ordersTimingTest(prices, holdings, samples, rules, rng);
  const held = input.benchmarkSymbol === undefined ? undefined : holdings.get(input.benchmarkSymbol);
  let long = 0;
  if (held) for (let t = 0; t < held.length; t++) if (held[t] > 0) long++;
  const days = prices.dates.length;
  const document = significanceDocument({ method: ORDERS_TIMING_METHOD, pValue: timing.pValue, strategy, benchmark, benchmarkName: input.benchmarkName, benchmarkDescription: input.benchmarkDescription, samples, rng, longShare: held && days ? long / days : 0 });
  return { ...document, timedTogether: timing.groups.filter((g) => g.length > 1) };
}

/** A run's timing p-value with what the rest of the document is drawn from. */
interface TimedRun {
  method: string;
  pValue: number;
  strategy: AccountRun;
  benchmark: AccountRun;
  benchmarkName: string;
  benchmarkDescription?: string;
  samples: number;
  rng: Rng;
  /** Share of days the strategy held the benchmark's position (long). */
  longShare: number;
}

/** The significance document of a timed run: the excess over the benchmark, the PSRs and the verdict. */
function significanceDocument(run: TimedRun): Significance {
  const { strategy, benchmark, samples, rng, benchmarkName } = run;
  const excess = excessLogReturns(strategy, benchmark);
  const versus = bootstrapMeanTest(excess, samples, rng);
  const { verdict, warnings } = significanceVerdict({
    timingPValue: run.pValue,
    benchmarkPValue: versus.pValue,
    samples,
    trades: strategy.trades.length,
    equalsBenchmark: sameValues(strategy, benchmark),
    longShare: run.longShare,
    benchmarkName,
  });
  return {
    method: run.method,
    samples,
    pValue: run.pValue,
    absoluteProbabilisticSharpe: probabilisticSharpe(simulationReturns(strategy)),
    vsBenchmark: {
      method: `one-sided stationary block bootstrap (Politis and Romano 1994) of the mean daily log excess return over ${run.benchmarkDescription ?? benchmarkName}, centred on the null of no excess; mean block length ${versus.blockLength.toFixed(1)} days by Politis and White (2004) with the Patton, Politis and White (2009) correction; probabilisticSharpe: PSR of the excess series against 0 (Bailey and Lopez de Prado 2012)`,
      blockLength: versus.blockLength,
      meanDailyLogExcess: versus.mean,
      pValue: versus.pValue,
      probabilisticSharpe: probabilisticSharpe(excess),
    },
    verdict,
    warnings,
  };
}

/** True when two runs end every day at the same value (up to rounding). */
function sameValues(a: AccountRun, b: AccountRun): boolean {
  if (a.values.length !== b.values.length) return false;
  for (let t = 0; t < a.values.length; t++) if (Math.abs(a.values[t] - b.values[t]) > 1e-9 * Math.max(1, Math.abs(b.values[t]))) return false;
  return true;
}

const EULER_GAMMA = 0.5772156649015329;

/**
 * The deflated Sharpe ratio (Bailey and Lopez de Prado, 2014): the PSR of the
 * best of N trials against the Sharpe ratio the best of N would reach by luck,
 * SR0 = sqrt(V[SR]) ((1 - g) Z^-1(1 - 1/N) + g Z^-1(1 - 1/(N e))), g the Euler-Mascheroni constant.
 * Sharpe ratios are per period (not annualized); `days` the number of returns of the best.
 */
export function deflatedSharpe(best: number, trials: number[], days: number, skew: number, kurtosis: number): number | null {
  const n = trials.length;
  if (n === 0) return null;
  let sr0 = 0;
  if (n > 1) {
    sr0 = meanAndStd(trials).std * ((1 - EULER_GAMMA) * inverseNormalCdf(1 - 1 / n) + EULER_GAMMA * inverseNormalCdf(1 - 1 / (n * Math.E)));
  }
  return psrFromMoments(best, Math.round(days), skew, kurtosis, sr0);
}
