/**
 * Dyna-Q for problems whose state factors into an exogenous part and a part
 * the agent sets itself ("factored" Dyna-Q). The state is (m, p): m evolves on
 * its own, whatever the agent does, and the action a decides the next p
 * through a known map. Rewards are a known function of (p, a) and an
 * exogenous outcome observed with each step of m.
 *
 * So one model of m is shared by every (p, a): transition counts T_c[m][m']
 * (T = T_c / sum) and the mean outcome seen in m. Each real step updates Q for
 * every (p, a) at once (counterfactual updates are exact here, because the
 * step of m does not depend on them), then hallucinates `dyna` updates: m
 * uniform over the market states seen, p and a uniform, m' ~ T[m], and the
 * reward from the mean outcome of m. It is still Dyna-Q (Sutton 1990): a
 * learned T_c and R, and Q-updates sampled from them; it only shares what is shared.
 *
 * Knows nothing of markets: the caller names the parts and gives the reward.
 * Q is laid out as Q[((m * P) + p) * A + a], i.e. state s = m * P + p.
 */
import { InvalidOptionError, ModelError } from '../errors.js';
import { ALEA_2_POW_MINUS_32, ALEA_MULTIPLIER, createRng, isRngState, Rng, type RngState } from '../rng.js';
import { MAX_TABLE_CELLS, requireInteger, requireSeed, requireUnit } from './options.js';
import { TransitionModel, type TransitionModelJSON } from './transition-model.js';

/** Version of the JSON form written by FactoredDynaQLearner.toJSON. */
export const FACTORED_LEARNER_FORMAT = 1;

/**
 * The reward of taking `action` in `position` when the exogenous outcome is
 * `outcome`. Planning uses the mean outcome, which is exact in expectation
 * when the reward is affine in the outcome (as a position times a price change, minus costs).
 */
export type FactoredReward = (position: number, action: number, outcome: number) => number;

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
  /**
   * Pseudo-observations of a zero outcome added to every market state's mean
   * (shrinkage): mean = sum / (n + prior). A few noisy days then move the model
   * little, and a strong, repeated signal still shows. Default 0 (the sample mean).
   */
  outcomePrior?: number;
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
  /** The market model: one pseudo-action; its rewards are the mean outcomes per m. */
  model: TransitionModelJSON;
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
    outcomePrior: options.outcomePrior ?? 0,
  };
  for (const name of ['numMarketStates', 'numPositions', 'numActions'] as const) requireInteger(name, o[name], 1);
  if (o.numMarketStates * o.numPositions * o.numActions > MAX_TABLE_CELLS) {
    throw new InvalidOptionError(`numMarketStates x numPositions x numActions must be at most ${MAX_TABLE_CELLS}`);
  }
  if (!Array.isArray(o.nextPosition) || o.nextPosition.length !== o.numActions || !o.nextPosition.every((p) => Number.isInteger(p) && p >= 0 && p < o.numPositions)) {
    throw new InvalidOptionError(`nextPosition must list, for each of the ${o.numActions} actions, a position in [0, ${o.numPositions})`);
  }
  for (const name of ['alpha', 'gamma'] as const) requireUnit(name, o[name]);
  if (typeof o.outcomePrior !== 'number' || !(o.outcomePrior >= 0 && Number.isFinite(o.outcomePrior))) {
    throw new InvalidOptionError(`outcomePrior must be a number >= 0 (got ${String(o.outcomePrior)})`);
  }
  requireInteger('dyna', o.dyna, 0);
  requireSeed(o.seed);
  return { ...o, nextPosition: [...o.nextPosition] };
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
  /** Real steps observed so far. */
  realSteps = 0;
  /** Hallucinated Q-updates so far. */
  hallucinatedSteps = 0;
  private readonly q: Float64Array;
  /** The model's expected reward of every (m, p, a), kept in step with the mean outcome of m. */
  private readonly modelReward: Float64Array;
  private readonly next: Int32Array;
  private readonly reward: FactoredReward;
  private model: TransitionModel;
  private rng: Rng;

  /** A learner with all Q values 0 and an empty market model. */
  constructor(options: FactoredDynaQOptions, reward: FactoredReward) {
    const o = resolveFactoredOptions(options);
    this.options = o;
    this.numMarketStates = o.numMarketStates;
    this.numPositions = o.numPositions;
    this.numActions = o.numActions;
    this.numStates = o.numMarketStates * o.numPositions;
    this.alpha = o.alpha;
    this.gamma = o.gamma;
    this.dyna = o.dyna;
    this.reward = reward;
    this.next = Int32Array.from(o.nextPosition);
    this.q = new Float64Array(this.numStates * o.numActions);
    this.modelReward = new Float64Array(this.numStates * o.numActions);
    this.model = new TransitionModel(o.numMarketStates, 1, { sampling: o.dyna > 0 });
    this.rng = createRng(o.seed);
  }

  /**
   * One real step of the exogenous process: m moved to mNext with `outcome`.
   * Updates Q for every (p, a) of m, records T_c[m][mNext] and the outcome, then plans.
   */
  observe(m: number, outcome: number, mNext: number): void {
    this.checkMarket('m', m);
    this.checkMarket("m'", mNext);
    if (!Number.isFinite(outcome)) throw new InvalidOptionError(`outcome must be a finite number (got ${outcome})`);
    const { numPositions: P, numActions: A, q, next, alpha, gamma } = this;
    for (let p = 0; p < P; p++) {
      for (let a = 0; a < A; a++) {
        const cell = (m * P + p) * A + a;
        const target = this.reward(p, a, outcome) + gamma * this.bestValue((mNext * P + next[a]) * A);
        q[cell] = (1 - alpha) * q[cell] + alpha * target;
      }
    }
    this.model.record(m, 0, mNext, outcome, alpha, 'mean');
    this.refreshModelReward(m);
    this.realSteps++;
    if (this.dyna > 0) this.plan();
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

  /** The mean outcome observed in m (0 when never observed). */
  meanOutcome(m: number): number {
    this.checkMarket('m', m);
    return this.model.reward[m];
  }

  /** The outcome the model plans with in m: the mean shrunk toward 0 by outcomePrior pseudo-observations. */
  modelOutcome(m: number): number {
    this.checkMarket('m', m);
    const n = this.model.totalCount(m, 0);
    return n === 0 ? 0 : (this.model.reward[m] * n) / (n + this.options.outcomePrior);
  }

  /** The model's expected reward of (m, p, a): reward(p, a, modelOutcome(m)). */
  expectedReward(m: number, p: number, a: number): number {
    this.checkMarket('m', m);
    return this.modelReward[(m * this.numPositions + p) * this.numActions + a];
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
      options: { ...this.options, nextPosition: [...this.options.nextPosition] },
      rng: this.rng.state(),
      q: Array.from(this.q),
      model: this.model.toJSON(),
      realSteps: this.realSteps,
      hallucinatedSteps: this.hallucinatedSteps,
    };
  }

  /** Rebuilds a learner from toJSON() output and the same reward function; it continues exactly. */
  static fromJSON(json: FactoredDynaQLearnerJSON, reward: FactoredReward): FactoredDynaQLearner {
    if (typeof json !== 'object' || json === null || json.format !== FACTORED_LEARNER_FORMAT || json.kind !== 'factored') {
      throw new ModelError(`factored learner state must have kind "factored" and format ${FACTORED_LEARNER_FORMAT}`);
    }
    let learner: FactoredDynaQLearner;
    try {
      learner = new FactoredDynaQLearner(json.options, reward);
    } catch (error) {
      throw new ModelError(`learner options: ${(error as Error).message}`);
    }
    const cells = learner.q.length;
    if (!Array.isArray(json.q) || json.q.length !== cells || !json.q.every(Number.isFinite)) throw new ModelError(`learner Q table must hold ${cells} finite numbers`);
    if (!isRngState(json.rng)) throw new ModelError('learner random generator state is malformed');
    learner.q.set(json.q);
    learner.model = TransitionModel.fromJSON(json.model, learner.numMarketStates, 1, { sampling: learner.dyna > 0 });
    for (let m = 0; m < learner.numMarketStates; m++) if (learner.model.totalCount(m, 0) > 0) learner.refreshModelReward(m);
    learner.rng = new Rng(json.rng);
    for (const key of ['realSteps', 'hallucinatedSteps'] as const) {
      const v = json[key];
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new ModelError('learner step counters must be non-negative integers');
      learner[key] = v;
    }
    return learner;
  }

  /** Recomputes the model's reward of every (p, a) of m from m's (shrunk) mean outcome. */
  private refreshModelReward(m: number): void {
    const { numPositions: P, numActions: A } = this;
    const mean = this.modelOutcome(m);
    for (let p = 0; p < P; p++) for (let a = 0; a < A; a++) this.modelReward[(m * P + p) * A + a] = this.reward(p, a, mean);
  }

  private bestValue(row: number): number {
    const q = this.q;
    let best = q[row];
    for (let i = 1; i < this.numActions; i++) if (q[row + i] > best) best = q[row + i];
    return best;
  }

  /** `dyna` hallucinated updates: (m, p, a) uniform over seen m and all p, a; m' ~ T[m]; the model's reward. */
  private plan(): void {
    const { pairs, slotPair, slotStart, slotLength, successor, aliasProbability, aliasOffset } = this.model.samplingView();
    const { q, modelReward, next, alpha, gamma } = this;
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
      const cell = slotPair[slot] * cellsPerMarket + rest;
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
      q[cell] = keep * q[cell] + alpha * (modelReward[cell] + gamma * best);
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
