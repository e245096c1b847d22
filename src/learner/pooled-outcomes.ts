/**
 * Expected outcomes per state by partial pooling (empirical Bayes), for a
 * factored learner whose states share one exogenous outcome (a market's daily
 * move, say). Each state's expected outcome is
 *
 *   pooled mean  +  shrink_m x (state mean - grand mean)
 *
 * - the pooled mean is the mean of every observation, itself shrunk toward a
 *   prior mean by `priorWeight` pseudo-observations;
 * - shrink_m = tau^2 / (tau^2 + v_m) weighs the state's own deviation by the
 *   evidence that states differ at all: tau^2 is the DerSimonian-Laird
 *   estimate of the variance between the states' true means beyond sampling
 *   noise (0 when the states differ no more than noise explains), and v_m the
 *   sampling variance of the state's mean (its own variance, itself pooled
 *   with the common one, over its count).
 * States never observed are never planned from; their `expected` stays at the prior.
 *
 * With `evidence` above 0, Q must exceed its chi-square quantile at that level
 * (not only its null mean, k - 1) before any spread is believed: at 0.95,
 * states that share one mean look different in about 1 sample in 20, instead
 * of about 2 in 5; the shrinkage still grows smoothly with the evidence.
 *
 * When the states do not differ more than chance would make them, tau^2 is 0
 * and every state expects the pooled mean: the model says "I learned nothing
 * beyond the drift". This is the James-Stein idea (Efron and Morris, 1975).
 * Only observed states are stored in the working lists, so a refresh costs
 * O(states seen), never O(all states).
 */
import { ModelError } from '../errors.js';
import { inverseNormalCdf } from '../stats/normal.js';

/** Pseudo-observations of the common variance added to each state's own (so one-day states borrow it). */
const VARIANCE_PRIOR_WEIGHT = 4;

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
}

export class PooledOutcomes {
  readonly numStates: number;
  /** Expected outcome per state (the pooled mean where never observed); refreshed by record() and refresh(). */
  readonly expected: Float64Array;
  /** Variance of one outcome per state: its own variance pooled with the common one (0 where never observed). */
  readonly variance: Float64Array;

  private readonly priorMean: number;
  private readonly priorWeight: number;
  /** The normal quantile of the evidence level (Wilson-Hilferty), or NaN for the null mean k - 1. */
  private readonly evidenceZ: number;
  private readonly count: Float64Array;
  private readonly sum: Float64Array;
  private readonly sumSquares: Float64Array;
  private readonly shrink: Float64Array;
  private readonly seen: Int32Array;
  private seenCount = 0;
  // The model-wide figures of the last refresh (plain fields: a refresh allocates nothing).
  private observations = 0;
  private grandMean = 0;
  private pooledMean: number;
  private noiseVariance = 0;
  private between = 0;

  /**
   * An empty model over numStates states, with the prior mean and its weight in
   * pseudo-observations, and the evidence level the states' spread must pass (0: its null mean).
   */
  constructor(numStates: number, priorMean: number, priorWeight: number, evidence = 0) {
    this.numStates = numStates;
    this.priorMean = priorMean;
    this.priorWeight = priorWeight;
    this.evidenceZ = evidence > 0 ? inverseNormalCdf(evidence) : Number.NaN;
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

  /** Weight in [0, 1] on m's own deviation from the grand mean (0: m expects the pooled mean). */
  shrinkage(m: number): number {
    return this.shrink[m];
  }

  /** The model-wide figures: pooled mean, noise and the spread between states. */
  summary(): PoolingSummary {
    return { observations: this.observations, states: this.seenCount, grandMean: this.grandMean, pooledMean: this.pooledMean, noiseSd: Math.sqrt(this.noiseVariance), betweenSd: Math.sqrt(this.between) };
  }

  /**
   * Recomputes the pooled mean, tau^2 and every observed state's expected
   * outcome from the totals recorded so far: O(states seen); nothing to do
   * before the first observation.
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
    const between = noise > 0 ? this.betweenVariance(noise) : 0;
    for (let i = 0; i < k; i++) {
      const m = seen[i];
      // Without noise (every state's observations identical) each state's mean is exact.
      const v = noise > 0 ? this.samplingVariance(m, noise) : 0;
      shrink[m] = noise > 0 ? between / (between + v) : 1;
      expected[m] = pooled + shrink[m] * (sum[m] / count[m] - grand);
      this.variance[m] = v * count[m];
    }
    this.observations = n;
    this.grandMean = grand;
    this.pooledMean = pooled;
    this.noiseVariance = noise;
    this.between = between;
  }

  /**
   * DerSimonian-Laird: weights 1/v_m, Cochran's Q = sum w_m (mean_m - weighted mean)^2,
   * and tau^2 = max(0, (Q - (k - 1)) / (sum w - sum w^2 / sum w)): the excess of Q over its null expectation.
   */
  private betweenVariance(noise: number): number {
    const { seen, count, sum } = this;
    const k = this.seenCount;
    if (k < 2) return 0;
    let w1 = 0;
    let w2 = 0;
    let wMean = 0;
    for (let i = 0; i < k; i++) {
      const m = seen[i];
      const w = 1 / this.samplingVariance(m, noise);
      w1 += w;
      w2 += w * w;
      wMean += w * (sum[m] / count[m]);
    }
    wMean /= w1;
    let q = 0;
    for (let i = 0; i < k; i++) {
      const m = seen[i];
      const d = sum[m] / count[m] - wMean;
      q += (d * d) / this.samplingVariance(m, noise);
    }
    const tau2 = (q - this.criticalQ(k - 1)) / (w1 - w2 / w1);
    return tau2 > 0 && Number.isFinite(tau2) ? tau2 : 0;
  }

  /** What Q must exceed: its null mean df, or its chi-square quantile at the evidence level (Wilson-Hilferty, 1931). */
  private criticalQ(df: number): number {
    if (Number.isNaN(this.evidenceZ)) return df;
    const c = 2 / (9 * df);
    return df * Math.max(0, 1 - c + this.evidenceZ * Math.sqrt(c)) ** 3;
  }

  /** Sampling variance of m's mean: its own variance pooled with the common one, over its count. */
  private samplingVariance(m: number, noise: number): number {
    const c = this.count[m];
    const own = Math.max(0, this.sumSquares[m] - (this.sum[m] * this.sum[m]) / c);
    const variance = (own + VARIANCE_PRIOR_WEIGHT * noise) / (c - 1 + VARIANCE_PRIOR_WEIGHT);
    return variance / c;
  }

  /** The statistics as plain JSON, states in first-seen order. */
  toJSON(): PooledOutcomesJSON {
    const states = Array.from(this.seen.subarray(0, this.seenCount));
    return { states, count: states.map((m) => this.count[m]), sum: states.map((m) => this.sum[m]), sumSquares: states.map((m) => this.sumSquares[m]) };
  }

  /** Rebuilds the model from toJSON() output, checking every index and number. */
  static fromJSON(json: PooledOutcomesJSON, numStates: number, priorMean: number, priorWeight: number, evidence = 0): PooledOutcomes {
    const model = new PooledOutcomes(numStates, priorMean, priorWeight, evidence);
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
