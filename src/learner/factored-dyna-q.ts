/**
 * Dyna-Q for problems whose state factors into an exogenous part and a part
 * the agent sets itself ("factored" Dyna-Q). The state is (m, p): m evolves on
 * its own, whatever the agent does, and the action a decides the next p
 * through a known map. Rewards are a known function of (p, a) and an
 * exogenous outcome observed with each step of m.
 *
 * So one model of m is shared by every (p, a): transition counts T_c[m][m']
 * (T = T_c / sum) and the expected outcome of m, by partial pooling (see
 * pooled-outcomes.ts): the mean of all outcomes, shrunk toward a prior mean,
 * plus, when m is digits of factors, their shrunk main effects, plus m's own
 * remaining deviation, shrunk by the evidence that states differ beyond them.
 * R of (m, p, a) is the reward of that expected outcome.
 *
 * Each real step records the outcome and T_c[m][m'] once, then updates Q for
 * every (p, a) of m at once (counterfactual updates are exact here, because
 * the step of m does not depend on them) with the model's R and the observed
 * m', then hallucinates `dyna` updates: m uniform over the market states
 * seen, p and a uniform, m' ~ T[m], and the model's R. Real and planning
 * updates use the same shrunk R, so one noisy day cannot flip a policy.
 * Replaying a day already recorded (another epoch over the same data) updates
 * Q without counting the day again: evidence is counted once.
 * It is still Dyna-Q (Sutton 1990): a learned T_c and R, and Q-updates sampled
 * from them; it only shares what is shared.
 *
 * Knows nothing of markets: the caller names the parts and gives the reward,
 * which must be affine in the outcome (as a position times a price change,
 * minus costs), so the reward of the expected outcome is the expected reward.
 * Q is laid out as Q[((m * P) + p) * A + a], i.e. state s = m * P + p.
 */
import { InvalidOptionError, ModelError } from '../errors.js';
import { ALEA_2_POW_MINUS_32, ALEA_MULTIPLIER, createRng, Rng, type RngState } from '../rng.js';
import { MAX_TABLE_CELLS, requireInteger, requireSeed, requireUnit } from './options.js';
import { TransitionModel, type TransitionModelJSON } from './transition-model.js';
import { fromSavedOptions, savedCounter, savedQTable, savedRng } from './saved-state.js';
import { factorsProblem, PooledOutcomes, type PooledOutcomesJSON, type PoolingSummary } from './pooled-outcomes.js';

/** Version of the JSON form written by FactoredDynaQLearner.toJSON (format 1, before pooling, is read too). */
export const FACTORED_LEARNER_FORMAT = 2;

/**
 * The reward of taking `action` in `position` when the exogenous outcome is
 * `outcome`. It must be affine in the outcome (checked when the learner is
 * made): the learner plans with expected outcomes, which is exact in expectation only then.
 */
export type FactoredReward = (position: number, action: number, outcome: number) => number;

/**
 * An optional charge per unit of the outcome's variance in the market state,
 * for risk-aware objectives: the model's reward of (m, p, a) is
 * reward(p, a, mean of m) + varianceWeight(p, a) x variance of m (e.g. a
 * mean-variance utility). Real outcomes carry no variance, so it applies to the model's rewards only.
 */
export type VarianceWeight = (position: number, action: number) => number;

/** What a caller passes to `new FactoredDynaQLearner(...)`. */
export interface FactoredDynaQOptions {
  /** Number of exogenous (market) states m. */
  numMarketStates: number;
  /** Number of agent-set states p (positions). */
  numPositions: number;
  numActions: number;
  /** nextPosition[a]: the p after taking action a. */
  nextPosition: number[];
  /** Learning rate, in [0, 1]. Default 0.2. */
  alpha?: number;
  /** Discount factor, in [0, 1]. Default 0.9. */
  gamma?: number;
  /** Hallucinated updates after each real step. Default 0. */
  dyna?: number;
  /** Seed of the learner's random generator. Default 0. */
  seed?: number | string;
  /** Prior mean of the pooled outcome (what the learner expects before any data). Default 0. */
  priorMean?: number;
  /** Weight of priorMean in the pooled mean, in pseudo-observations. Default 0 (the plain mean). */
  priorWeight?: number;
  /**
   * How sure the model must be that market states differ before it believes any
   * of their differences: a level in [0, 1) (see pooled-outcomes.ts). Default 0 (DerSimonian-Laird).
   */
  evidence?: number;
  /**
   * The market state as digits, most significant first (their sizes multiply to
   * numMarketStates): the outcome model then fits each digit's main effect,
   * shrunk by its own evidence, before the states' own deviations (see
   * pooled-outcomes.ts). Default [] (states only).
   */
  factors?: number[];
  /** How sure the model must be that a factor's buckets differ, a level in [0, 1). Default 0 (DerSimonian-Laird). */
  factorEvidence?: number;
}

/** Options with every default filled in. */
export type ResolvedFactoredOptions = Required<FactoredDynaQOptions>;

/** The learner's complete state as plain JSON (the reward function is the caller's, not saved). */
export interface FactoredDynaQLearnerJSON {
  format: typeof FACTORED_LEARNER_FORMAT;
  kind: 'factored';
  options: ResolvedFactoredOptions;
  rng: RngState;
  /** Q[s*A + a], row-major, s = m*P + p. */
  q: number[];
  /** The market model's transition counts: one pseudo-action; its rewards are the plain mean outcomes per m. */
  model: TransitionModelJSON;
  /** The outcome statistics behind the pooled expected outcomes. */
  outcomes: PooledOutcomesJSON;
  realSteps: number;
  hallucinatedSteps: number;
}

/** Fills defaults and checks every option, naming the bad one. */
export function resolveFactoredOptions(options: FactoredDynaQOptions): ResolvedFactoredOptions {
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError('learner options must be an object');
  const o: ResolvedFactoredOptions = {
    numMarketStates: options.numMarketStates,
    numPositions: options.numPositions,
    numActions: options.numActions,
    nextPosition: options.nextPosition,
    alpha: options.alpha ?? 0.2,
    gamma: options.gamma ?? 0.9,
    dyna: options.dyna ?? 0,
    seed: options.seed ?? 0,
    priorMean: options.priorMean ?? 0,
    priorWeight: options.priorWeight ?? 0,
    evidence: options.evidence ?? 0,
    factors: options.factors ?? [],
    factorEvidence: options.factorEvidence ?? 0,
  };
  for (const name of ['numMarketStates', 'numPositions', 'numActions'] as const) requireInteger(name, o[name], 1);
  if (o.numMarketStates * o.numPositions * o.numActions > MAX_TABLE_CELLS) {
    throw new InvalidOptionError(`numMarketStates x numPositions x numActions must be at most ${MAX_TABLE_CELLS}`);
  }
  if (!Array.isArray(o.nextPosition) || o.nextPosition.length !== o.numActions || !o.nextPosition.every((p) => Number.isInteger(p) && p >= 0 && p < o.numPositions)) {
    throw new InvalidOptionError(`nextPosition must list, for each of the ${o.numActions} actions, a position in [0, ${o.numPositions})`);
  }
  for (const name of ['alpha', 'gamma'] as const) requireUnit(name, o[name]);
  for (const name of ['evidence', 'factorEvidence'] as const) {
    if (typeof o[name] !== 'number' || !(o[name] >= 0 && o[name] < 1)) throw new InvalidOptionError(`${name} must be a number in [0, 1) (got ${String(o[name])})`);
  }
  if (typeof o.priorMean !== 'number' || !Number.isFinite(o.priorMean)) throw new InvalidOptionError(`priorMean must be a finite number (got ${String(o.priorMean)})`);
  if (typeof o.priorWeight !== 'number' || !(o.priorWeight >= 0 && Number.isFinite(o.priorWeight))) {
    throw new InvalidOptionError(`priorWeight must be a number >= 0 (got ${String(o.priorWeight)})`);
  }
  const problem = Array.isArray(o.factors) ? factorsProblem(o.factors, o.numMarketStates) : 'must be a list';
  if (problem !== undefined) throw new InvalidOptionError(`factors ${problem}`);
  requireInteger('dyna', o.dyna, 0);
  requireSeed(o.seed);
  return { ...o, nextPosition: [...o.nextPosition], factors: [...o.factors] };
}

export class FactoredDynaQLearner {
  readonly numMarketStates: number;
  readonly numPositions: number;
  readonly numActions: number;
  /** numMarketStates x numPositions: the size of the full state space. */
  readonly numStates: number;
  readonly alpha: number;
  readonly gamma: number;
  readonly dyna: number;
  readonly options: ResolvedFactoredOptions;
  /** Real steps (Q-updates along observed days, replays included) so far. */
  realSteps = 0;
  /** Hallucinated Q-updates so far. */
  hallucinatedSteps = 0;
  private readonly q: Float64Array;
  /** The reward as an affine function of the outcome: r(p, a, x) = slope[p*A + a] * x + base[p*A + a]. */
  private readonly slope: Float64Array;
  private readonly base: Float64Array;
  /** The charge per unit of the market state's variance, per (p, a). */
  private readonly risk: Float64Array;
  private readonly next: Int32Array;
  private model: TransitionModel;
  private outcomes: PooledOutcomes;
  private rng: Rng;

  /** A learner with all Q values 0 and an empty market model. */
  constructor(options: FactoredDynaQOptions, reward: FactoredReward, varianceWeight?: VarianceWeight) {
    const o = resolveFactoredOptions(options);
    this.options = o;
    this.numMarketStates = o.numMarketStates;
    this.numPositions = o.numPositions;
    this.numActions = o.numActions;
    this.numStates = o.numMarketStates * o.numPositions;
    this.alpha = o.alpha;
    this.gamma = o.gamma;
    this.dyna = o.dyna;
    this.next = Int32Array.from(o.nextPosition);
    this.q = new Float64Array(this.numStates * o.numActions);
    ({ slope: this.slope, base: this.base } = affineReward(reward, o.numPositions, o.numActions));
    this.risk = new Float64Array(o.numPositions * o.numActions);
    for (let p = 0; p < o.numPositions; p++) {
      for (let a = 0; a < o.numActions; a++) {
        const w = varianceWeight ? varianceWeight(p, a) : 0;
        if (!Number.isFinite(w)) throw new InvalidOptionError(`the variance weight must be finite (position ${p}, action ${a})`);
        this.risk[p * o.numActions + a] = w;
      }
    }
    this.model = new TransitionModel(o.numMarketStates, 1, { sampling: o.dyna > 0 });
    this.outcomes = new PooledOutcomes(o.numMarketStates, o);
    this.rng = createRng(o.seed);
  }

  /**
   * A new real step of the exogenous process: m moved to mNext with `outcome`.
   * Records T_c[m][mNext] and the outcome, updates Q for every (p, a) of m, then plans.
   */
  observe(m: number, outcome: number, mNext: number): void {
    const first = this.record(m, outcome, mNext);
    if (first) this.initialize(m);
    this.learn(m, mNext, this.alpha);
  }

  /**
   * Records a real step in the model only (T_c and the outcome), without
   * learning from it. Returns true when m was new. For many days, recordDays
   * does the same at a fraction of the cost.
   */
  record(m: number, outcome: number, mNext: number): boolean {
    const first = this.addStep(m, outcome, mNext);
    this.outcomes.refresh();
    return first;
  }

  /**
   * Records days in the model only, as record() one after the other: day t
   * moved from markets[t] to markets[t + 1] with outcomes[t]. For a batch of
   * days recorded first and learned from after (see initializeValues and
   * rehearse). The pooled outcomes are refreshed once, at the end (also when a
   * day is refused), instead of after every day: O(days + one refresh), not
   * O(days x refresh), and the same numbers.
   */
  recordDays(markets: ArrayLike<number>, outcomes: ArrayLike<number>): void {
    if (markets.length !== outcomes.length + 1) throw new InvalidOptionError(`recordDays needs one market state more than outcomes (got ${markets.length} and ${outcomes.length})`);
    try {
      for (let t = 0; t < outcomes.length; t++) this.addStep(markets[t], outcomes[t], markets[t + 1]);
    } finally {
      this.outcomes.refresh();
    }
  }

  /** Sets every observed market state's values to their first values under the current model (see initialize). */
  initializeValues(): void {
    for (let m = 0; m < this.numMarketStates; m++) if (this.model.totalCount(m, 0) > 0) this.initialize(m);
  }

  /**
   * A real step already observed, seen again (another pass over the same days):
   * updates Q for every (p, a) of m and plans, without counting the day twice in
   * the model. `rate` is the step size of these updates (default alpha): passes
   * over a model that no longer changes may take smaller steps, so that Q settles
   * on the model's values instead of following the noise of sampled successors.
   */
  rehearse(m: number, mNext: number, rate = this.alpha): void {
    this.checkMarket('m', m);
    this.checkMarket("m'", mNext);
    requireUnit('rate', rate);
    this.learn(m, mNext, rate);
  }

  /**
   * Gives market states never observed the values the model implies for them:
   * one backup with the pooled expected outcome (and the common variance) and,
   * as the next state, the observed states in proportion to their visits. So a
   * state first met after training acts on the drift, as the model would,
   * instead of keeping whatever it holds. Observed states are left as they are.
   */
  fillUnobserved(): void {
    const { numPositions: P, numActions: A, q, next, gamma, slope, base, risk } = this;
    const { pooledMean, noiseSd } = this.outcomes.summary();
    let total = 0;
    for (let m = 0; m < this.numMarketStates; m++) total += this.model.totalCount(m, 0);
    if (total === 0) return;
    // The value of holding p next, averaged over the observed states by their visits.
    const value = new Float64Array(P);
    for (let m = 0; m < this.numMarketStates; m++) {
      const n = this.model.totalCount(m, 0);
      if (n > 0) for (let p = 0; p < P; p++) value[p] += (n / total) * this.bestValue((m * P + p) * A);
    }
    for (let m = 0; m < this.numMarketStates; m++) {
      if (this.model.totalCount(m, 0) > 0) continue;
      for (let p = 0; p < P; p++) {
        for (let a = 0; a < A; a++) {
          const pa = p * A + a;
          q[m * P * A + pa] = slope[pa] * pooledMean + base[pa] + risk[pa] * noiseSd * noiseSd + gamma * value[next[a]];
        }
      }
    }
  }

  /** Q[s, a] for the full state s = m * numPositions + p. */
  qValue(s: number, a: number): number {
    this.checkState(s);
    if (!(Number.isInteger(a) && a >= 0 && a < this.numActions)) throw new InvalidOptionError(`a must be an integer action in [0, ${this.numActions}) (got ${a})`);
    return this.q[s * this.numActions + a];
  }

  /** T[m, m'] of the shared market model; 0 for an m never observed. */
  transitionProbability(m: number, mNext: number): number {
    this.checkMarket('m', m);
    this.checkMarket("m'", mNext);
    const total = this.model.totalCount(m, 0);
    return total === 0 ? 0 : this.model.count(m, 0, mNext) / total;
  }

  /** T_c[m, m']: how often m' followed m. */
  transitionCount(m: number, mNext: number): number {
    this.checkMarket('m', m);
    this.checkMarket("m'", mNext);
    return this.model.count(m, 0, mNext);
  }

  /** How often m was observed (sum over m' of T_c[m, m']). */
  visits(m: number): number {
    this.checkMarket('m', m);
    return this.model.totalCount(m, 0);
  }

  /** The plain mean outcome observed in m (0 when never observed). */
  meanOutcome(m: number): number {
    this.checkMarket('m', m);
    return this.outcomes.mean(m);
  }

  /** The outcome the model plans with in m: the pooled mean plus its factors' shrunk effects and m's shrunk remaining deviation. */
  modelOutcome(m: number): number {
    this.checkMarket('m', m);
    return this.outcomes.expected[m];
  }

  /** Weight in [0, 1] on m's own deviation from the mean of all outcomes and its factors' effects (0: the model sees no difference beyond them). */
  shrinkage(m: number): number {
    this.checkMarket('m', m);
    return this.outcomes.shrinkage(m);
  }

  /** The pooled model's figures: the pooled mean, the noise, and the spread between market states. */
  pooling(): PoolingSummary {
    return this.outcomes.summary();
  }

  /** The variance of one outcome in m the model plans with (its own, pooled with the common one). */
  outcomeVariance(m: number): number {
    this.checkMarket('m', m);
    return this.outcomes.variance[m];
  }

  /** The model's expected reward of (m, p, a): reward(p, a, modelOutcome(m)) + varianceWeight(p, a) x outcomeVariance(m). */
  expectedReward(m: number, p: number, a: number): number {
    this.checkMarket('m', m);
    const pa = p * this.numActions + a;
    return this.slope[pa] * this.outcomes.expected[m] + this.base[pa] + this.risk[pa] * this.outcomes.variance[m];
  }

  /** Number of distinct market states observed. */
  get observedMarketStates(): number {
    return this.model.observedPairs;
  }

  /** A copy of the Q table, row-major (Q[s*A + a], s = m*P + p). */
  qTable(): Float64Array {
    return this.q.slice();
  }

  /** The learner's full state as plain JSON (exact: numbers round-trip). */
  toJSON(): FactoredDynaQLearnerJSON {
    return {
      format: FACTORED_LEARNER_FORMAT,
      kind: 'factored',
      options: { ...this.options, nextPosition: [...this.options.nextPosition], factors: [...this.options.factors] },
      rng: this.rng.state(),
      q: Array.from(this.q),
      model: this.model.toJSON(),
      outcomes: this.outcomes.toJSON(),
      realSteps: this.realSteps,
      hallucinatedSteps: this.hallucinatedSteps,
    };
  }

  /**
   * Rebuilds a learner from toJSON() output and the same reward function; it continues exactly.
   * Format 1 (before pooling) loads too: its outcomes are rebuilt from the saved means and counts.
   */
  static fromJSON(json: FactoredDynaQLearnerJSON, reward: FactoredReward, varianceWeight?: VarianceWeight): FactoredDynaQLearner {
    if (typeof json !== 'object' || json === null || json.kind !== 'factored' || ((json.format as number) !== FACTORED_LEARNER_FORMAT && (json.format as number) !== 1)) {
      throw new ModelError(`factored learner state must have kind "factored" and format 1 or ${FACTORED_LEARNER_FORMAT}`);
    }
    const { outcomePrior: _old, ...options } = json.options as ResolvedFactoredOptions & { outcomePrior?: number };
    const learner = fromSavedOptions(() => new FactoredDynaQLearner(options, reward, varianceWeight));
    learner.q.set(savedQTable(json.q, learner.q.length));
    learner.rng = savedRng(json.rng);
    learner.model = TransitionModel.fromJSON(json.model, learner.numMarketStates, 1, { sampling: learner.dyna > 0 });
    learner.outcomes = PooledOutcomes.fromJSON((json.format as number) === 1 ? outcomesOfFormat1(json.model) : json.outcomes, learner.numMarketStates, learner.options);
    learner.realSteps = savedCounter(json.realSteps);
    learner.hallucinatedSteps = savedCounter(json.hallucinatedSteps);
    return learner;
  }

  /**
   * A market state's first values, when it is first observed: each (p, a) as if
   * its model reward came every day, r / (1 - gamma). So an action that keeps
   * the position starts at the value of keeping it under the model, which is
   * most of its worth at a long horizon, and the other actions start low by
   * their costs and rise once updates see the next state. With gamma near 1
   * this saves the thousands of updates values need to grow from 0.
   */
  private initialize(m: number): void {
    const { numPositions: P, numActions: A, q, gamma } = this;
    const horizon = gamma < 1 ? 1 / (1 - gamma) : 1;
    for (let p = 0; p < P; p++) for (let a = 0; a < A; a++) q[(m * P + p) * A + a] = this.expectedReward(m, p, a) * horizon;
  }

  /** Checks and records one real step in T_c and the outcomes, leaving the pooled outcomes to be refreshed; true when m was new. */
  private addStep(m: number, outcome: number, mNext: number): boolean {
    this.checkMarket('m', m);
    this.checkMarket("m'", mNext);
    if (!Number.isFinite(outcome)) throw new InvalidOptionError(`outcome must be a finite number (got ${outcome})`);
    const first = this.model.totalCount(m, 0) === 0;
    this.model.record(m, 0, mNext, outcome, this.alpha, 'mean');
    this.outcomes.add(m, outcome);
    return first;
  }

  /** The real-step update of every (p, a) of m toward the model's reward and the observed m', then planning, with step size `alpha`. */
  private learn(m: number, mNext: number, alpha: number): void {
    const { numPositions: P, numActions: A, q, next, gamma, slope, base, risk } = this;
    const outcome = this.outcomes.expected[m];
    const variance = this.outcomes.variance[m];
    for (let p = 0; p < P; p++) {
      for (let a = 0; a < A; a++) {
        const pa = p * A + a;
        const cell = m * P * A + pa;
        const target = slope[pa] * outcome + base[pa] + risk[pa] * variance + gamma * this.bestValue((mNext * P + next[a]) * A);
        q[cell] = (1 - alpha) * q[cell] + alpha * target;
      }
    }
    this.realSteps++;
    if (this.dyna > 0) this.plan(alpha);
  }

  private bestValue(row: number): number {
    const q = this.q;
    let best = q[row];
    for (let i = 1; i < this.numActions; i++) if (q[row + i] > best) best = q[row + i];
    return best;
  }

  /** `dyna` hallucinated updates: (m, p, a) uniform over seen m and all p, a; m' ~ T[m]; the model's reward. */
  private plan(alpha: number): void {
    const { pairs, slotPair, slotStart, slotLength, successor, aliasProbability, aliasOffset } = this.model.samplingView();
    const { q, next, gamma, slope, base, risk } = this;
    const { expected, variance } = this.outcomes;
    const keep = 1 - alpha;
    const P = this.numPositions;
    const A = this.numActions;
    const cellsPerMarket = P * A;
    const draws = pairs * cellsPerMarket;
    const rng = this.rng;
    let { c, s0, s1, s2 } = rng;
    const n = this.dyna;
    // As in DynaQLearner.plan, the generator's step and the alias draw are written out on locals: this is the hot loop.
    for (let i = 0; i < n; i++) {
      let t = ALEA_MULTIPLIER * s0 + c * ALEA_2_POW_MINUS_32;
      s0 = s1;
      s1 = s2;
      s2 = t - (c = t | 0);
      const pick = (s2 * draws) | 0;
      const slot = (pick / cellsPerMarket) | 0;
      const rest = pick - slot * cellsPerMarket;
      const a = rest % A;
      const m = slotPair[slot];
      const cell = m * cellsPerMarket + rest;
      t = ALEA_MULTIPLIER * s0 + c * ALEA_2_POW_MINUS_32;
      s0 = s1;
      s1 = s2;
      s2 = t - (c = t | 0);
      const start = slotStart[slot];
      const x = s2 * slotLength[slot];
      const j = x | 0;
      const at = start + j;
      const k = x - j < aliasProbability[at] ? at : start + aliasOffset[at];
      const row = (successor[k] * P + next[a]) * A;
      let best = q[row];
      for (let b = 1; b < A; b++) if (q[row + b] > best) best = q[row + b];
      q[cell] = keep * q[cell] + alpha * (slope[rest] * expected[m] + base[rest] + risk[rest] * variance[m] + gamma * best);
    }
    rng.c = c;
    rng.s0 = s0;
    rng.s1 = s1;
    rng.s2 = s2;
    this.hallucinatedSteps += n;
  }

  private checkMarket(name: string, m: number): void {
    if (!(Number.isInteger(m) && m >= 0 && m < this.numMarketStates)) {
      throw new InvalidOptionError(`${name} must be an integer market state in [0, ${this.numMarketStates}) (got ${m})`);
    }
  }

  private checkState(s: number): void {
    if (!(Number.isInteger(s) && s >= 0 && s < this.numStates)) throw new InvalidOptionError(`s must be an integer state in [0, ${this.numStates}) (got ${s})`);
  }
}

/** The reward's slope and intercept in the outcome per (p, a), checked to be affine. */
function affineReward(reward: FactoredReward, positions: number, actions: number): { slope: Float64Array; base: Float64Array } {
  const slope = new Float64Array(positions * actions);
  const base = new Float64Array(positions * actions);
  for (let p = 0; p < positions; p++) {
    for (let a = 0; a < actions; a++) {
      const r0 = reward(p, a, 0);
      const r1 = reward(p, a, 1);
      const pa = p * actions + a;
      base[pa] = r0;
      slope[pa] = r1 - r0;
      for (const x of [-0.5, 0.25, 2]) {
        const r = reward(p, a, x);
        if (!(Math.abs(r - (r0 + slope[pa] * x)) <= 1e-9 * (1 + Math.abs(r)))) {
          throw new InvalidOptionError(`the reward must be a finite affine function of the outcome (position ${p}, action ${a} is not)`);
        }
      }
    }
  }
  return { slope, base };
}

/** Outcome statistics from a format-1 model (counts and plain means; the variances were not saved). */
function outcomesOfFormat1(model: TransitionModelJSON): PooledOutcomesJSON {
  const slots = Array.isArray(model?.slots) ? model.slots : [];
  const states = slots.map((slot) => (Array.isArray(slot) ? slot[0] : -1));
  const count = slots.map((slot) => (Array.isArray(slot) && Array.isArray(slot[2]) ? slot[2].reduce((s, c) => s + c, 0) : 0));
  const sum = count.map((c, i) => c * (Array.isArray(model.rewards) ? model.rewards[i] : Number.NaN));
  return { states, count, sum, sumSquares: sum.map((s, i) => (s * s) / count[i]) };
}
