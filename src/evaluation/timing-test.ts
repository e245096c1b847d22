/**
 * Timing skill: did the strategy choose *when* to hold its positions better
 * than chance, given the exposure it chose?
 *
 * Null hypothesis: the timing of the strategy's holding periods carries no
 * information about the returns that follow, so another arrangement of the
 * same holding periods over the same days would do as well. A random timing
 * keeps everything the strategy chose except when:
 * - the daily positions are seen on a circle (the last day next to the
 *   first), as runs of equal position (holding periods) in the strategy's
 *   order of positions (flat, long, flat, short, ...); the lengths of the
 *   runs of each position are dealt at random among the runs of that position;
 * - the circle is then cut at a random day among those that start with the
 *   strategy's first position and end with its last one.
 * So every random timing has exactly the strategy's days long, flat and
 * short, its holding periods and its number of trades (hence its costs), and
 * a strategy with few holding periods still gets as many timings as it has
 * days in them. Each is replayed over the same days with the same sizing,
 * costs and margin rule; for a walk-forward each window's periods stay in
 * their window, and the windows are replayed together as its one account.
 * The statistic is the compounded total return;
 * p = (1 + #{random timings with total return >= the strategy's}) / (samples + 1),
 * so ties count against the strategy: a strategy that is always long (or
 * never trades, or enters once and holds) has no other timing and gets p = 1.
 *
 * Why not shuffle the runs' order or turn the sequence at any day: neighbours
 * of equal position would merge, or a run would be split, so random timings
 * would trade less or more than the strategy; one that starts in cash and
 * enters once would face timings that pay two more trades, a bias in its favour.
 *
 * This is the Monte Carlo permutation idea of Aronson (Evidence-Based
 * Technical Analysis, 2007, ch. 5) and Masters (Permutation and Randomization
 * Tests for Trading System Development, 2020), applied to the positions rather
 * than to the returns, so the days' returns, their order and their dependence
 * are untouched. In a market with drift, random timings hold as many long and
 * short days as the strategy, so the drift pays them what it pays the
 * strategy: only the choice of days is tested, not the exposure.
 */
import type { Rng } from '../rng.js';
import { simulatePositions, type AccountRules } from '../market/simulate.js';
import type { Sizing } from '../market/sizing.js';
import { scaledUnits } from '../market/volatility-scale.js';
import type { BacktestResult } from '../strategy/backtest.js';
import { endGrowth } from '../report/performance.js';

/** The holding periods of a position sequence, on the circle. */
export interface HoldingPeriods {
  /** Days in the sequence. */
  days: number;
  /** The first and the last day's positions, which every random timing keeps. */
  first: number;
  last: number;
  /** The position of each run around the circle, starting with a run of the first day's position. */
  positions: Float64Array;
  /** The length of each run, in days (all >= 1, summing to `days`). */
  lengths: Int32Array;
  /** For each position with more than one run, the indices of its runs (whose lengths are dealt among each other). */
  classes: Int32Array[];
}

/** Splits a daily position sequence into its runs of equal position around the circle (the last run joins the first when their positions are equal). */
export function holdingPeriods(positions: ArrayLike<number>): HoldingPeriods {
  const n = positions.length;
  const first = n ? positions[0] : 0;
  const last = n ? positions[n - 1] : 0;
  // Start the circle at the beginning of the run that contains day 0 (it may wrap from the end).
  let anchor = 0;
  if (first === last) {
    anchor = n;
    while (anchor > 0 && positions[anchor - 1] === first) anchor--;
    if (anchor === 0) anchor = n;
  }
  const runPositions: number[] = [];
  const runLengths: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = positions[(anchor + i) % n];
    if (i > 0 && p === runPositions[runPositions.length - 1]) runLengths[runLengths.length - 1]++;
    else runPositions.push(p), runLengths.push(1);
  }
  const byPosition = new Map<number, number[]>();
  runPositions.forEach((p, i) => byPosition.set(p, [...(byPosition.get(p) ?? []), i]));
  const classes = [...byPosition.values()].filter((m) => m.length > 1).map((m) => Int32Array.from(m));
  return { days: n, first, last, positions: Float64Array.from(runPositions), lengths: Int32Array.from(runLengths), classes };
}

/** Scratch space for randomTiming, reused across samples. */
export interface TimingScratch {
  lengths: Int32Array;
  circle: Float64Array;
}

/** Scratch space for the random timings of `periods`. */
export function timingScratch(periods: HoldingPeriods): TimingScratch {
  return { lengths: new Int32Array(periods.lengths.length), circle: new Float64Array(periods.days) };
}

/** Writes one random timing of `periods` into `out` (length `periods.days`): run lengths dealt within each position, then the circle cut at a random admissible day. */
export function randomTiming(periods: HoldingPeriods, rng: Rng, out: Float64Array, scratch: TimingScratch): void {
  const n = periods.days;
  if (n === 0) return;
  const { lengths, circle } = scratch;
  lengths.set(periods.lengths);
  for (const members of periods.classes) {
    // Fisher-Yates over the lengths of this position's runs.
    for (let i = members.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const a = members[i];
      const b = members[j];
      const tmp = lengths[a];
      lengths[a] = lengths[b];
      lengths[b] = tmp;
    }
  }
  let t = 0;
  for (let r = 0; r < lengths.length; r++) circle.fill(periods.positions[r], t, (t += lengths[r]));
  // Admissible cuts: day d starts with the first position and day d - 1 ends with the last one (the strategy's own cut is one).
  const { first, last } = periods;
  let count = 0;
  for (let d = 0; d < n; d++) if (circle[d] === first && circle[d === 0 ? n - 1 : d - 1] === last) count++;
  let k = rng.int(count);
  let cut = 0;
  for (let d = 0; d < n; d++) {
    if (circle[d] === first && circle[d === 0 ? n - 1 : d - 1] === last && k-- === 0) {
      cut = d;
      break;
    }
  }
  out.set(circle.subarray(cut), 0);
  out.set(circle.subarray(0, cut), n - cut);
}

/**
 * The timing test of several position sequences over the same period, each
 * given its own random timing in every sample and all replayed together by
 * `growth(positions)` (end value over start value): the sequences of one
 * account, such as the symbols of an orders file. The strategy's own
 * sequences are replayed through the same function, so identical timings tie exactly.
 */
export function jointTimingPValue(sequences: ArrayLike<number>[], samples: number, rng: Rng, growth: (positions: Float64Array[]) => number): number {
  const periods = sequences.map((s) => holdingPeriods(s));
  const buffers = sequences.map((s) => Float64Array.from(s));
  const scratch = periods.map((p) => timingScratch(p));
  const observed = growth(buffers);
  // A relative tolerance, so a timing that replays to the same value up to rounding is a tie.
  const bar = observed - 1e-12 * Math.abs(observed);
  let atLeast = 0;
  for (let i = 0; i < samples; i++) {
    for (let k = 0; k < sequences.length; k++) randomTiming(periods[k], rng, buffers[k], scratch[k]);
    if (growth(buffers) >= bar) atLeast++;
  }
  return (1 + atLeast) / (samples + 1);
}

/** A period the strategy traded: its prices, dates and daily positions in units (-1, 0, 1, or the policy's levels). */
export interface TradedSegment {
  dates: string[];
  prices: Float64Array;
  /** The policy's position each day, before any volatility scaling: what the random timings rearrange. */
  units: ArrayLike<number>;
  /**
   * The volatility scale of each day, when sizing is volatility-targeted: it is
   * the day's (it reads only the market's realized volatility), so every timing
   * holds its position at that day's scale, as the strategy did.
   */
  scale?: ArrayLike<number>;
}

/** A backtest's days as the timing test's one segment: the policy's levels, at the day's scale when sizing is volatility-targeted. */
export function backtestSegment(run: Pick<BacktestResult, 'strategy' | 'policy' | 'scale'>): TradedSegment {
  return { dates: run.strategy.dates, prices: run.strategy.prices, units: run.policy, ...(run.scale ? { scale: run.scale } : {}) };
}

/**
 * The timing test of positions in units, replayed by simulatePositions with
 * the strategy's sizing and account rules. The segments are consecutive parts
 * of one account (a walk-forward's windows): each gets its own random timing,
 * and all are replayed together as one run, as the strategy was. Scaled
 * positions are timed as the policy's levels: were the scaled values timed,
 * each change of scale would split a holding period in two, and a long held at
 * a scale no other period has could not move at all.
 */
export function timingTest(segments: TradedSegment[], samples: number, sizing: Sizing, rules: AccountRules, rng: Rng): number {
  return jointTimingPValue(
    segments.map((s) => s.units),
    samples,
    rng,
    segmentsReplay(segments, sizing, rules),
  );
}

/**
 * How the timing test replays one timing of the segments (their positions in
 * order, each day at its segment's scale) as one account: its end value over
 * its start. Given the segments' own units it is the strategy's run.
 */
export function segmentsReplay(segments: TradedSegment[], sizing: Sizing, rules: AccountRules): (positions: ArrayLike<number>[]) => number {
  const dates = segments.flatMap((s) => s.dates);
  const prices = new Float64Array(dates.length);
  let at = 0;
  for (const s of segments) {
    prices.set(s.prices, at);
    at += s.prices.length;
  }
  const joined = new Float64Array(dates.length);
  return (all) => {
    let offset = 0;
    for (let k = 0; k < all.length; k++) {
      const positions = all[k];
      const scale = segments[k].scale;
      if (scale) scaledUnits(positions, scale, joined.subarray(offset, offset + positions.length));
      else joined.set(positions, offset);
      offset += positions.length;
    }
    // An empty run has nothing to replay (its growth is 1).
    return joined.length === 0 ? 1 : endGrowth(simulatePositions(dates, prices, joined, sizing, rules));
  };
}
