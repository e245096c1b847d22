/**
 * The verdict: the two p-values of a significance test said in one plain
 * sentence, and warnings where a p-value would invite a claim the run cannot
 * support (a strategy that never trades or is buy-and-hold has no timing to
 * judge; too few samples cannot reach the level).
 */

/** What the verdict is drawn from. */
export interface VerdictInput {
  /** p-value of the timing test (random timings with the strategy's exposure). */
  timingPValue: number;
  /** p-value of the excess over the benchmark. */
  benchmarkPValue: number;
  /** Number of samples each test drew. */
  samples: number;
  /** Trades the strategy made. */
  trades: number;
  /** True when the strategy's daily values are the benchmark's. */
  equalsBenchmark: boolean;
  /** Fraction of days the strategy held the benchmark's position (long). */
  longShare: number;
  /** The level below which a p-value counts (default 0.05). */
  alpha?: number;
  /** The benchmark's name in the sentences (default "buy-and-hold"). */
  benchmarkName?: string;
}

/** One sentence and its warnings. */
export interface Verdict {
  verdict: string;
  warnings: string[];
}

/** Long on at least this share of the days, a strategy is mostly the market. */
const NEAR_BENCHMARK = 0.95;

/** The plain-language verdict of a significance test. */
export function significanceVerdict(input: VerdictInput): Verdict {
  const alpha = input.alpha ?? 0.05;
  const name = input.benchmarkName ?? 'buy-and-hold';
  const warnings: string[] = [];
  if (1 / (input.samples + 1) > alpha) warnings.push(`${input.samples} samples cannot give a p-value below ${(1 / (input.samples + 1)).toFixed(3)}: use at least ${Math.ceil(1 / alpha - 1)} for a test at ${alpha}`);
  if (input.trades === 0) {
    warnings.push('the strategy never traded: it stayed in cash, so there is no timing to test and no claim to make');
    return { verdict: 'never trades: there is no timing to judge', warnings };
  }
  if (input.equalsBenchmark) {
    warnings.push(`the strategy is ${name} (the same value every day): there is no timing to test and no claim to make`);
    return { verdict: `equals ${name}: there is no timing to judge`, warnings };
  }
  if (input.longShare >= NEAR_BENCHMARK) {
    warnings.push(`the strategy was long on ${(input.longShare * 100).toFixed(1)}% of the days, like buy-and-hold: its result is mostly the market's, and its timing rests on the few other days`);
  }
  const timing = input.timingPValue <= alpha;
  const benchmark = input.benchmarkPValue <= alpha;
  if (!timing) return { verdict: benchmark ? `indistinguishable from random timing: its excess over ${name} comes from its exposure, not its timing` : 'indistinguishable from random timing', warnings };
  return { verdict: benchmark ? `beats random timing and ${name}` : `beats random timing but not ${name}`, warnings };
}
