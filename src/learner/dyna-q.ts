/**
 * Tabular Q-learning with Dyna-Q planning (Sutton 1990), in the interface of
 * the ML4T course's QLearner: querySetState(s) to start, query(s', r) per step.
 * Knows nothing of markets: states and actions are just integers.
 */
import { InvalidOptionError, ModelError } from '../errors.js';
import { ALEA_2_POW_MINUS_32, ALEA_MULTIPLIER, createRng, Rng, type RngState } from '../rng.js';
import { resolveDynaQOptions, type DynaQOptions, type ResolvedDynaQOptions } from './options.js';
import { fromSavedOptions, savedCounter, savedQTable, savedRng } from './saved-state.js';
import { TransitionModel, type TransitionModelJSON } from './transition-model.js';

/** Version of the JSON form written by DynaQLearner.toJSON. */
export const LEARNER_FORMAT = 1;

/** The complete learner state as a plain JSON-able object. */
export interface DynaQLearnerJSON {
  format: typeof LEARNER_FORMAT;
  options: ResolvedDynaQOptions;
  /** Current random action rate (after decay). */
  rar: number;
  state: number;
  action: number;
  rng: RngState;
  /** Q[s*A + a], row-major. */
  q: number[];
  model: TransitionModelJSON;
  realSteps: number;
  hallucinatedSteps: number;
}

export class DynaQLearner {
  readonly numStates: number;
  readonly numActions: number;
  readonly alpha: number;
  readonly gamma: number;
  readonly radr: number;
  readonly dyna: number;
  readonly options: ResolvedDynaQOptions;
  /** Current random action rate; decays by radr after every real step. */
  rar: number;
  /** Number of query() calls (real experience) so far. */
  realSteps = 0;
  /** Number of hallucinated Q-updates so far. */
  hallucinatedSteps = 0;
  private readonly q: Float64Array;
  private model: TransitionModel;
  private rng: Rng;
  private s = 0;
  private a = 0;

  /** Creates a learner with all Q values 0 and an empty model. */
  constructor(options: DynaQOptions) {
    const o = resolveDynaQOptions(options);
    this.options = o;
    this.numStates = o.numStates;
    this.numActions = o.numActions;
    this.alpha = o.alpha;
    this.gamma = o.gamma;
    this.rar = o.rar;
    this.radr = o.radr;
    this.dyna = o.dyna;
    this.q = new Float64Array(o.numStates * o.numActions);
    this.model = new TransitionModel(o.numStates, o.numActions, { sampling: o.dyna > 0 });
    this.rng = createRng(o.seed);
  }

  /** Sets the current state and returns an action for it; no Q update and no decay of rar. */
  querySetState(s: number): number {
    this.checkState('s', s);
    this.s = s;
    this.a = this.chooseAction(s);
    return this.a;
  }

  /** Learns from <s, a, s', r>, plans `dyna` hallucinated updates, then picks and returns the action for s'. */
  query(sPrime: number, r: number): number {
    this.checkState("s'", sPrime);
    if (!Number.isFinite(r)) throw new InvalidOptionError(`reward must be a finite number (got ${r})`);
    const s = this.s;
    const a = this.a;
    this.update(s * this.numActions + a, sPrime, r);
    this.model.record(s, a, sPrime, r, this.alpha, this.options.rewardModel);
    this.realSteps++;
    if (this.dyna > 0) this.plan();
    this.s = sPrime;
    this.a = this.chooseAction(sPrime);
    this.rar *= this.radr;
    return this.a;
  }

  /** The greedy action for s (highest Q, ties broken at random by the learner's generator). */
  greedyAction(s: number): number {
    this.checkState('s', s);
    return this.argmax(s);
  }

  /** Q[s,a]. */
  qValue(s: number, a: number): number {
    this.checkPair(s, a);
    return this.q[s * this.numActions + a];
  }

  /** T[s,a,s'] = T_c[s,a,s'] / sum_i T_c[s,a,i]; 0 for a pair never observed. */
  transitionProbability(s: number, a: number, sPrime: number): number {
    this.checkPair(s, a);
    this.checkState("s'", sPrime);
    const total = this.model.totalCount(s, a);
    return total === 0 ? 0 : this.model.count(s, a, sPrime) / total;
  }

  /** T_c[s,a,s']: how often s' followed (s,a) in real experience. */
  transitionCount(s: number, a: number, sPrime: number): number {
    this.checkPair(s, a);
    this.checkState("s'", sPrime);
    return this.model.count(s, a, sPrime);
  }

  /** How often s was left in real experience: sum over a and s' of T_c[s,a,s']. */
  visits(s: number): number {
    this.checkState('s', s);
    let n = 0;
    for (let a = 0; a < this.numActions; a++) n += this.model.totalCount(s, a);
    return n;
  }

  /** R[s,a]: the learned expected reward. */
  expectedReward(s: number, a: number): number {
    this.checkPair(s, a);
    return this.model.reward[s * this.numActions + a];
  }

  /** Number of distinct (s,a) pairs seen in real experience. */
  get observedPairs(): number {
    return this.model.observedPairs;
  }

  /** A copy of the Q table, row-major (Q[s*A + a]). */
  qTable(): Float64Array {
    return this.q.slice();
  }

  /** The learner's full state as a plain JSON-able object (exact: numbers round-trip through JSON). */
  toJSON(): DynaQLearnerJSON {
    return {
      format: LEARNER_FORMAT,
      options: { ...this.options },
      rar: this.rar,
      state: this.s,
      action: this.a,
      rng: this.rng.state(),
      q: Array.from(this.q),
      model: this.model.toJSON(),
      realSteps: this.realSteps,
      hallucinatedSteps: this.hallucinatedSteps,
    };
  }

  /** Rebuilds a learner from toJSON() output; it continues exactly where the saved one stopped. */
  static fromJSON(json: DynaQLearnerJSON): DynaQLearner {
    if (typeof json !== 'object' || json === null || json.format !== LEARNER_FORMAT) {
      throw new ModelError(`learner state must have format ${LEARNER_FORMAT}`);
    }
    const learner = fromSavedOptions(() => new DynaQLearner(json.options));
    const { numStates, numActions } = learner;
    const q = savedQTable(json.q, numStates * numActions);
    const rng = savedRng(json.rng);
    if (!(typeof json.rar === 'number' && json.rar >= 0 && json.rar <= 1)) throw new ModelError('learner rar must be in [0, 1]');
    if (!isIndexIn(json.state, numStates) || !isIndexIn(json.action, numActions)) {
      throw new ModelError('learner current state or action is out of range');
    }
    learner.q.set(q);
    learner.model = TransitionModel.fromJSON(json.model, numStates, numActions, { sampling: learner.dyna > 0 });
    learner.rng = rng;
    learner.rar = json.rar;
    learner.s = json.state;
    learner.a = json.action;
    learner.realSteps = savedCounter(json.realSteps);
    learner.hallucinatedSteps = savedCounter(json.hallucinatedSteps);
    return learner;
  }

  /** Q[s,a] <- (1-alpha) Q[s,a] + alpha (r + gamma max_a' Q[s',a']). */
  private update(pair: number, sPrime: number, r: number): void {
    const q = this.q;
    const A = this.numActions;
    const row = sPrime * A;
    let best = q[row];
    for (let i = 1; i < A; i++) if (q[row + i] > best) best = q[row + i];
    q[pair] = (1 - this.alpha) * q[pair] + this.alpha * (r + this.gamma * best);
  }

  /** `dyna` hallucinated updates: uniform observed (s,a), s' ~ T[s,a,.], r = R[s,a]. The model is not changed. */
  private plan(): void {
    const { pairs, slotPair, slotStart, slotLength, successor, aliasProbability, aliasOffset } = this.model.samplingView();
    const reward = this.model.reward;
    const q = this.q;
    const A = this.numActions;
    const alpha = this.alpha;
    const keep = 1 - alpha;
    const gamma = this.gamma;
    const rng = this.rng;
    let { c, s0, s1, s2 } = rng;
    const n = this.dyna;
    // The Q update, the alias draw (TransitionModel.sampleSuccessor) and the generator's
    // step (Rng.next) are written out on locals here: this loop is the hot path of every run.
    for (let i = 0; i < n; i++) {
      let t = ALEA_MULTIPLIER * s0 + c * ALEA_2_POW_MINUS_32;
      s0 = s1;
      s1 = s2;
      s2 = t - (c = t | 0);
      const slot = (s2 * pairs) | 0;
      const pair = slotPair[slot];
      t = ALEA_MULTIPLIER * s0 + c * ALEA_2_POW_MINUS_32;
      s0 = s1;
      s1 = s2;
      s2 = t - (c = t | 0);
      const start = slotStart[slot];
      const x = s2 * slotLength[slot];
      const j = x | 0;
      const cell = start + j;
      const k = x - j < aliasProbability[cell] ? cell : start + aliasOffset[cell];
      const row = successor[k] * A;
      let best = q[row];
      for (let b = 1; b < A; b++) if (q[row + b] > best) best = q[row + b];
      q[pair] = keep * q[pair] + alpha * (reward[pair] + gamma * best);
    }
    rng.c = c;
    rng.s0 = s0;
    rng.s1 = s1;
    rng.s2 = s2;
    this.hallucinatedSteps += n;
  }

  private chooseAction(s: number): number {
    if (this.rar > 0 && this.rng.next() < this.rar) return this.rng.int(this.numActions);
    return this.argmax(s);
  }

  /** Highest-Q action of s; among equal best values one is drawn uniformly. */
  private argmax(s: number): number {
    const q = this.q;
    const A = this.numActions;
    const row = s * A;
    let best = q[row];
    let ties = 1;
    for (let i = 1; i < A; i++) {
      const v = q[row + i];
      if (v > best) {
        best = v;
        ties = 1;
      } else if (v === best) {
        ties++;
      }
    }
    let pick = ties === 1 ? 0 : this.rng.int(ties);
    for (let i = 0; i < A; i++) {
      if (q[row + i] === best && pick-- === 0) return i;
    }
    return 0;
  }

  private checkState(name: string, s: number): void {
    if (!isIndexIn(s, this.numStates)) {
      throw new InvalidOptionError(`${name} must be an integer state in [0, ${this.numStates}) (got ${s})`);
    }
  }

  private checkPair(s: number, a: number): void {
    this.checkState('s', s);
    if (!isIndexIn(a, this.numActions)) {
      throw new InvalidOptionError(`a must be an integer action in [0, ${this.numActions}) (got ${a})`);
    }
  }
}

function isIndexIn(value: unknown, size: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < size;
}

