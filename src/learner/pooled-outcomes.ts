/**
 * Expected outcomes per state by partial pooling (empirical Bayes), for a
 * factored learner whose states share one exogenous outcome (a market's daily
 * move, say). Each state's expected outcome is
 *
 *   pooled mean  +  fit_m  +  shrink_m x (state mean - grand mean - fit_m)
 *
 * - the pooled mean is the mean of every observation, itself shrunk toward a
 *   prior mean by `priorWeight` pseudo-observations;
 * - fit_m is the sum of m's factors' main effects, when the state index is
 *   digits of factors (a market state's indicator buckets, say; without
 *   factors it is 0). Each factor's bucket effects are the buckets' means of
 *   what the other factors leave, each shrunk by that factor's own tau^2, by
 *   backfitting. A main effect pools every state that shares the bucket, so an
 *   effect of one indicator is found with the data of all its buckets' states
 *   (a 3-degree-of-freedom test instead of one over 63 for 4^3 states);
 * - shrink_m = tau^2 / (tau^2 + v_m) weighs the state's own remaining
 *   deviation by the evidence that states differ beyond the factors: tau^2 is
 *   the DerSimonian-Laird estimate of the variance between the states' true
 *   means beyond sampling noise (0 when the states differ no more than noise
 *   explains), and v_m the sampling variance of the state's mean (its own
 *   variance, itself pooled with the common one, over its count). A bucket's
 *   sampling variance is found the same way, from its own spread.
 * States never observed are never planned from; their `expected` stays at the prior.
 *
 * With `evidence` (`factorEvidence` for the factors) above 0, Q must exceed its
 * chi-square quantile at that level (not only its null mean, its degrees of
 * freedom) before any spread is believed: at 0.95, buckets that share one mean
 * look different in about 1 sample in 20, instead of about 2 in 5 for 3
 * degrees of freedom; the shrinkage still grows smoothly with the evidence.
 *
 * When the states do not differ more than chance would make them, tau^2 is 0
 * and every state expects the pooled mean: the model says "I learned nothing
 * beyond the drift". This is the James-Stein idea (Efron and Morris, 1975);
 * the factors make it a two-level random-effects model (main effects, then
 * interactions). Only observed states are stored in the working lists, so a
 * refresh costs O(sweeps x factors x states seen), never O(all states).
 */
import { ModelError } from '../errors.js';
import { inverseNormalCdf } from '../stats/normal.js';

/** Pseudo-observations of the common variance added to each state's own (so one-day states borrow it). */
const VARIANCE_PRIOR_WEIGHT = 4;
/** The factors' backfitting stops when no effect moves by more than this many noise sds, or after MAX_FIT_SWEEPS sweeps. */
const FIT_TOLERANCE = 1e-9;
const MAX_FIT_SWEEPS = 200;

/** How the expected outcomes are pooled. */
export interface OutcomeModelOptions {
  /** The prior mean of the pooled outcome, and its weight in pseudo-observations (0: the plain mean). */
  priorMean: number;
  priorWeight: number;
  /** The level the states' own spread must pass, in [0, 1) (0: its null mean). Default 0. */
  evidence?: number;
  /**
   * The state index as digits, most significant first (their sizes multiply to
   * the number of states): each digit's main effect is fitted first. Default [] (none).
   */
  factors?: readonly number[];
  /** The level each factor's spread must pass, in [0, 1) (0: its null mean). Default 0. */
  factorEvidence?: number;
}

/**
 * Why `factors` cannot be the digits of `numStates` states (whole numbers >= 1
 * whose product is numStates), or undefined when they can ([] always can).
 */
export function factorsProblem(factors: readonly number[], numStates: number): string | undefined {
  if (factors.length === 0 || (factors.every((f) => Number.isInteger(f) && f >= 1) && factors.reduce((a, b) => a * b, 1) === numStates)) return undefined;
  return `must be whole numbers >= 1 whose product is the number of states, ${numStates} (got ${factors.join(' x ')})`;
}

/**
 * The sampling variance of a mean of `count` observations with sum `sum` and
 * sum of squares `squares`: their own variance pooled with the common one
 * (`noise`, weighing VARIANCE_PRIOR_WEIGHT observations), over the count.
 */
function meanVariance(count: number, sum: number, squares: number, noise: number): number {
  const own = Math.max(0, squares - (sum * sum) / count);
  return (own + VARIANCE_PRIOR_WEIGHT * noise) / (count - 1 + VARIANCE_PRIOR_WEIGHT) / count;
}

/** The normal quantile of an evidence level, or NaN for 0 (the null mean). */
const evidenceQuantile = (level: number) => (level > 0 ? inverseNormalCdf(level) : Number.NaN);

/** The sufficient statistics of the observed states, in first-seen order. */
export interface PooledOutcomesJSON {
  states: number[];
  count: number[];
  sum: number[];
  sumSquares: number[];
}

/** The model-wide figures behind the expected outcomes. */
export interface PoolingSummary {
  /** Observations over every state. */
  observations: number;
  /** States observed at least once. */
  states: number;
  /** The plain mean of every observation. */
  grandMean: number;
  /** The pooled mean: grandMean shrunk toward the prior mean. */
  pooledMean: number;
  /** Standard deviation of one observation around its state's mean (pooled over states). */
  noiseSd: number;
  /** Estimated standard deviation of the states' true means around each other (0: no evidence they differ). */
  betweenSd: number;
  /** Per factor, the estimated standard deviation of its buckets' true effects ([] without factors). */
  factorSds: number[];
  /** The part of betweenSd the factors' sum does not explain (all of it without factors). */
  interactionSd: number;
}

export class PooledOutcomes {
  readonly numStates: number;
  /** Expected outcome per state (the pooled mean where never observed); refreshed by record() and refresh(). */
  readonly expected: Float64Array;
  /** Variance of one outcome per state: its own variance pooled with the common one (0 where never observed). */
  readonly variance: Float64Array;

  private readonly priorMean: number;
  private readonly priorWeight: number;
  /** The normal quantiles of the states' and the factors' evidence levels (Wilson-Hilferty), or NaN for the null mean. */
  private readonly evidenceZ: number;
  private readonly factorEvidenceZ: number;
  private readonly count: Float64Array;
  private readonly sum: Float64Array;
  private readonly sumSquares: Float64Array;
  private readonly shrink: Float64Array;
  private readonly seen: Int32Array;
  private seenCount = 0;
  /** The factors' sizes, most significant digit first ([] without factors). */
  private readonly factors: number[];
  /** Per factor, its first index in the effect arrays and its digit's place value. */
  private readonly factorOffset: Int32Array;
  private readonly factorStride: Int32Array;
  /** Every factor's shrunk bucket effects, and the observations and partial-residual sums behind them. */
  private readonly effect: Float64Array;
  private readonly bucketCount: Float64Array;
  private readonly bucketSum: Float64Array;
  private readonly bucketSquares: Float64Array;
  private readonly bucketVariance: Float64Array;
  /** Per state, the sum of its buckets' effects (the additive fit around the grand mean). */
  private readonly fit: Float64Array;
  /** Per factor, the between-bucket variance of its last refresh. */
  private readonly factorBetween: Float64Array;
  // The model-wide figures of the last refresh (plain fields: a refresh allocates nothing).
  private observations = 0;
  private grandMean = 0;
  private pooledMean: number;
  private noiseVariance = 0;
  private between = 0;

  /** An empty model over numStates states (see OutcomeModelOptions). */
  constructor(numStates: number, options: OutcomeModelOptions) {
    const { priorMean, priorWeight, evidence = 0, factors = [], factorEvidence = 0 } = options;
    const problem = factorsProblem(factors, numStates);
    if (problem !== undefined) throw new ModelError(`outcome factors ${problem}`);
    this.numStates = numStates;
    this.factors = [...factors];
    this.factorOffset = new Int32Array(factors.length);
    this.factorStride = new Int32Array(factors.length);
    let offset = 0;
    let stride = numStates;
    factors.forEach((f, j) => {
      stride /= f;
      this.factorOffset[j] = offset;
      this.factorStride[j] = stride;
      offset += f;
    });
    this.effect = new Float64Array(offset);
    this.bucketCount = new Float64Array(offset);
    this.bucketSum = new Float64Array(offset);
    this.bucketSquares = new Float64Array(offset);
    this.bucketVariance = new Float64Array(offset);
    this.fit = new Float64Array(numStates);
    this.factorBetween = new Float64Array(factors.length);
    this.priorMean = priorMean;
    this.priorWeight = priorWeight;
    this.evidenceZ = evidenceQuantile(evidence);
    this.factorEvidenceZ = evidenceQuantile(factorEvidence);
    this.expected = new Float64Array(numStates).fill(priorWeight > 0 ? priorMean : 0);
    this.variance = new Float64Array(numStates);
    this.count = new Float64Array(numStates);
    this.sum = new Float64Array(numStates);
    this.sumSquares = new Float64Array(numStates);
    this.shrink = new Float64Array(numStates);
    this.seen = new Int32Array(numStates);
    this.pooledMean = priorWeight > 0 ? priorMean : 0;
  }

  /** Records one observation x in state m, then refreshes every expected outcome. */
  record(m: number, x: number): void {
    this.add(m, x);
    this.refresh();
  }

  /**
   * Records one observation x in state m without refreshing: `expected`,
   * `variance` and the summary stay those of the last refresh until refresh()
   * is called. For a batch of observations, refreshed once at its end.
   */
  add(m: number, x: number): void {
    if (this.count[m] === 0) this.seen[this.seenCount++] = m;
    this.count[m] += 1;
    this.sum[m] += x;
    this.sumSquares[m] += x * x;
  }

  /** How often m was observed. */
  visits(m: number): number {
    return this.count[m];
  }

  /** The plain mean of m's observations (0 when never observed). */
  mean(m: number): number {
    return this.count[m] === 0 ? 0 : this.sum[m] / this.count[m];
  }

  /** Weight in [0, 1] on m's own deviation from the grand mean and its factors' fit (0: m expects the pooled mean and its factors' effects). */
  shrinkage(m: number): number {
    return this.shrink[m];
  }

  /** The model-wide figures: pooled mean, noise and the spread between states. */
  summary(): PoolingSummary {
    let between = this.between;
    for (const b of this.factorBetween) between += b;
    return {
      observations: this.observations,
      states: this.seenCount,
      grandMean: this.grandMean,
      pooledMean: this.pooledMean,
      noiseSd: Math.sqrt(this.noiseVariance),
      betweenSd: Math.sqrt(between),
      factorSds: Array.from(this.factorBetween, Math.sqrt),
      interactionSd: Math.sqrt(this.between),
    };
  }

  /**
   * Recomputes the pooled mean, tau^2 and every observed state's expected
   * outcome from the totals recorded so far: O(states seen), times the
   * factors' backfitting sweeps with factors; nothing to do before the first
   * observation.
   */
  refresh(): void {
    const { seen, count, sum, sumSquares, shrink, expected } = this;
    const k = this.seenCount;
    if (k === 0) return;
    let n = 0;
    let total = 0;
    let within = 0;
    for (let i = 0; i < k; i++) {
      const m = seen[i];
      n += count[m];
      total += sum[m];
      within += Math.max(0, sumSquares[m] - (sum[m] * sum[m]) / count[m]);
    }
    const grand = total / n;
    const pooled = (total + this.priorWeight * this.priorMean) / (n + this.priorWeight);
    // The common within-state variance; with one observation per state, the spread of all observations stands in.
    let noise: number;
    if (n > k) noise = within / (n - k);
    else {
      let ss = 0;
      for (let i = 0; i < k; i++) ss += sumSquares[seen[i]];
      noise = n > 1 ? Math.max(0, ss - n * grand * grand) / (n - 1) : 0;
    }
    const { fit } = this;
    // Without noise (every state's observations identical) each state's mean is exact: no factors needed.
    const fitted = this.factors.length > 0 && noise > 0;
    const factorDf = fitted ? this.fitFactors(noise, grand, n) : 0;
    if (!fitted) {
      for (let i = 0; i < k; i++) fit[seen[i]] = 0;
      this.factorBetween.fill(0);
    }
    const between = noise > 0 ? this.betweenVariance(noise, k - 1 - factorDf) : 0;
    for (let i = 0; i < k; i++) {
      const m = seen[i];
      const v = noise > 0 ? this.samplingVariance(m, noise) : 0;
      shrink[m] = noise > 0 ? between / (between + v) : 1;
      expected[m] = pooled + fit[m] + shrink[m] * (sum[m] / count[m] - grand - fit[m]);
      this.variance[m] = v * count[m];
    }
    this.observations = n;
    this.grandMean = grand;
    this.pooledMean = pooled;
    this.noiseVariance = noise;
    this.between = between;
  }

  /**
   * DerSimonian-Laird over the states' residuals from the factors' fit: weights
   * 1/v_m, Cochran's Q = sum w_m (residual_m - weighted mean)^2, and
   * tau^2 = max(0, (Q - df) / (sum w - sum w^2 / sum w)): the excess of Q over
   * its null expectation, df = k - 1 less the factors' degrees of freedom.
   */
  private betweenVariance(noise: number, df: number): number {
    const { seen, count, sum, fit } = this;
    const k = this.seenCount;
    if (!(df > 0)) return 0;
    let w1 = 0;
    let w2 = 0;
    let wMean = 0;
    for (let i = 0; i < k; i++) {
      const m = seen[i];
      const w = 1 / this.samplingVariance(m, noise);
      w1 += w;
      w2 += w * w;
      wMean += w * (sum[m] / count[m] - fit[m]);
    }
    wMean /= w1;
    let q = 0;
    for (let i = 0; i < k; i++) {
      const m = seen[i];
      const d = sum[m] / count[m] - fit[m] - wMean;
      q += (d * d) / this.samplingVariance(m, noise);
    }
    return this.excessVariance(q, df, w1, w2);
  }

  /** tau^2 of DerSimonian-Laird from Cochran's Q, its degrees of freedom and the weights' sums (0 when Q is not above its critical value). */
  private excessVariance(q: number, df: number, w1: number, w2: number, z = this.evidenceZ): number {
    const tau2 = (q - this.criticalQ(df, z)) / (w1 - w2 / w1);
    return tau2 > 0 && Number.isFinite(tau2) ? tau2 : 0;
  }

  /**
   * The factors' main effects by shrunk backfitting: each factor in turn, its
   * buckets' means of what the other factors leave, each shrunk by that
   * factor's own DerSimonian-Laird tau^2 (the evidence that its buckets
   * differ); sweeps until the fit settles. Writes `fit` for the observed states
   * and returns the effective degrees of freedom the factors use (per factor,
   * its observed buckets less one when nothing is shrunk, 0 when it explains
   * nothing). `grand` and `n` are the mean and the count of all observations.
   * O(sweeps x factors x states seen).
   */
  private fitFactors(noise: number, grand: number, n: number): number {
    const { seen, count, sum, sumSquares, effect, bucketCount, bucketSum, bucketSquares, bucketVariance, fit, factors, factorOffset, factorStride, factorBetween } = this;
    const k = this.seenCount;
    effect.fill(0);
    for (let i = 0; i < k; i++) fit[seen[i]] = 0;
    const tolerance = FIT_TOLERANCE * Math.sqrt(noise);
    let df = 0;
    for (let sweep = 0; sweep < MAX_FIT_SWEEPS; sweep++) {
      let change = 0;
      df = 0;
      for (let j = 0; j < factors.length; j++) {
        const from = factorOffset[j];
        const to = from + factors[j];
        const stride = factorStride[j];
        bucketCount.fill(0, from, to);
        bucketSum.fill(0, from, to);
        bucketSquares.fill(0, from, to);
        for (let i = 0; i < k; i++) {
          const m = seen[i];
          const b = from + (Math.floor(m / stride) % factors[j]);
          const offset = grand + fit[m] - effect[b];
          bucketCount[b] += count[m];
          bucketSum[b] += sum[m] - count[m] * offset;
          bucketSquares[b] += sumSquares[m] - 2 * offset * sum[m] + count[m] * offset * offset;
        }
        let w1 = 0;
        let w2 = 0;
        let wMean = 0;
        let buckets = 0;
        for (let b = from; b < to; b++) {
          const c = bucketCount[b];
          if (c === 0) continue;
          bucketVariance[b] = meanVariance(c, bucketSum[b], bucketSquares[b], noise);
          const w = 1 / bucketVariance[b];
          w1 += w;
          w2 += w * w;
          wMean += w * (bucketSum[b] / c);
          buckets++;
        }
        wMean /= w1;
        let q = 0;
        for (let b = from; b < to; b++) {
          if (bucketCount[b] === 0) continue;
          const d = bucketSum[b] / bucketCount[b] - wMean;
          q += (d * d) / bucketVariance[b];
        }
        const between = buckets > 1 ? this.excessVariance(q, buckets - 1, w1, w2, this.factorEvidenceZ) : 0;
        factorBetween[j] = between;
        // The new effects (in bucketSquares, no longer needed), then centred on the days' mean so that the
        // factors move no level: the pooled mean stays the drift. bucketSum then holds each bucket's change.
        let centre = 0;
        for (let b = from; b < to; b++) {
          if (bucketCount[b] === 0) {
            bucketSquares[b] = 0;
            continue;
          }
          const shrink = between / (between + bucketVariance[b]);
          // The effective degrees of freedom: the trace of the shrunk, centred fit (buckets - 1 when nothing is shrunk, 0 when all is).
          df += shrink * (1 - 1 / bucketVariance[b] / w1);
          bucketSquares[b] = shrink * (bucketSum[b] / bucketCount[b] - wMean);
          centre += bucketCount[b] * bucketSquares[b];
        }
        centre /= n;
        for (let b = from; b < to; b++) {
          const next = bucketCount[b] === 0 ? 0 : bucketSquares[b] - centre;
          bucketSum[b] = next - effect[b];
          change = Math.max(change, Math.abs(bucketSum[b]));
          effect[b] = next;
        }
        for (let i = 0; i < k; i++) {
          const m = seen[i];
          fit[m] += bucketSum[from + (Math.floor(m / stride) % factors[j])];
        }
      }
      if (change <= tolerance) break;
    }
    return df;
  }

  /** What Q must exceed: its null mean df, or its chi-square quantile at the evidence level (Wilson-Hilferty, 1931). */
  private criticalQ(df: number, z = this.evidenceZ): number {
    if (Number.isNaN(z)) return df;
    const c = 2 / (9 * df);
    return df * Math.max(0, 1 - c + z * Math.sqrt(c)) ** 3;
  }

  /** Sampling variance of m's mean: its own variance pooled with the common one, over its count. */
  private samplingVariance(m: number, noise: number): number {
    return meanVariance(this.count[m], this.sum[m], this.sumSquares[m], noise);
  }

  /** The statistics as plain JSON, states in first-seen order. */
  toJSON(): PooledOutcomesJSON {
    const states = Array.from(this.seen.subarray(0, this.seenCount));
    return { states, count: states.map((m) => this.count[m]), sum: states.map((m) => this.sum[m]), sumSquares: states.map((m) => this.sumSquares[m]) };
  }

  /** Rebuilds the model from toJSON() output, checking every index and number. */
  static fromJSON(json: PooledOutcomesJSON, numStates: number, options: OutcomeModelOptions): PooledOutcomes {
    const model = new PooledOutcomes(numStates, options);
    const lists = [json?.states, json?.count, json?.sum, json?.sumSquares];
    if (!lists.every(Array.isArray) || !lists.every((l) => (l as unknown[]).length === json.states.length)) {
      throw new ModelError('learner outcomes: states, count, sum and sumSquares must be arrays of the same length');
    }
    json.states.forEach((m, i) => {
      const c = json.count[i];
      const s = json.sum[i];
      const s2 = json.sumSquares[i];
      if (!(Number.isInteger(m) && m >= 0 && m < numStates) || model.count[m] > 0) throw new ModelError(`learner outcomes: entry ${i} has a bad or repeated state`);
      if (!(Number.isSafeInteger(c) && c >= 1) || !Number.isFinite(s) || !(Number.isFinite(s2) && s2 >= 0)) throw new ModelError(`learner outcomes: entry ${i} has a bad count or sum`);
      model.seen[model.seenCount++] = m;
      model.count[m] = c;
      model.sum[m] = s;
      model.sumSquares[m] = s2;
    });
    model.refresh();
    return model;
  }
}
