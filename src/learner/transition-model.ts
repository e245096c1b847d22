/**
 * The learned model of the world behind Dyna-Q planning: transition counts
 * T_c[s,a,s'] and expected rewards R[s,a].
 *
 * Only what was observed is stored. Each observed (s,a) pair gets a "slot"
 * holding its distinct successors and their counts, packed in one shared pool,
 * so memory grows with the number of distinct transitions seen, never with
 * S x A x S. Each slot also keeps a Walker/Vose alias table over its successors,
 * rebuilt in O(k) when a real step changes its counts, so drawing s' with
 * probability T[s,a,s'] costs O(1) and a single uniform number.
 */
import { InvalidOptionError, ModelError } from '../errors.js';

/** How R[s,a] follows observed rewards: exponential average with rate alpha, or the plain mean. */
export type RewardModel = 'ema' | 'mean';

/** The JSON-able form of a TransitionModel. Slots keep their order, so sampling replays exactly. */
export interface TransitionModelJSON {
  /** Per observed pair, in first-seen order: [pairIndex, successors[], counts[]]. */
  slots: Array<[number, number[], number[]]>;
  /** R[s,a] for each observed pair, in slot order. */
  rewards: number[];
}

/**
 * The arrays behind sampling, for the learner's planning loop, which inlines
 * sampleSuccessor. Valid until the next record() or fromJSON: the pool may be reallocated.
 */
export interface SamplingView {
  pairs: number;
  slotPair: Int32Array;
  slotStart: Int32Array;
  slotLength: Int32Array;
  successor: Int32Array;
  aliasProbability: Float64Array;
  aliasOffset: Int32Array;
}

const INITIAL_SLOT_CAPACITY = 2;
const MAX_COUNT = 0x7fffffff;

export class TransitionModel {
  readonly numStates: number;
  readonly numActions: number;
  /** R[s*A + a]; zero where nothing was observed. */
  readonly reward: Float64Array;
  /** slotOfPair[s*A + a] = slot index, or -1 when (s,a) was never observed. */
  private readonly slotOfPair: Int32Array;
  private slotPair = new Int32Array(64);
  private slotStart = new Int32Array(64);
  private slotLength = new Int32Array(64);
  private slotCapacity = new Int32Array(64);
  private slotTotal = new Int32Array(64);
  // The pool: one cell per distinct (s,a,s'), in runs of slotCapacity cells per slot.
  private successor = new Int32Array(256);
  private successorCount = new Int32Array(256);
  private aliasProbability = new Float64Array(256);
  /** Alias of a cell, as an offset within its slot's run (so relocating a run needs no fix-up). */
  private aliasOffset = new Int32Array(256);
  private poolUsed = 0;
  private slots = 0;
  // Scratch space for building alias tables: grows with the largest k, never per step.
  private scratchWeight = new Float64Array(16);
  private scratchSmall = new Int32Array(16);
  private scratchLarge = new Int32Array(16);
  private readonly view: SamplingView;

  /** Whether alias tables are kept (only planning samples; plain Q-learning skips their upkeep). */
  readonly sampling: boolean;

  /** An empty model for numStates x numActions; `sampling: false` skips the upkeep of alias tables. */
  constructor(numStates: number, numActions: number, options: { sampling?: boolean } = {}) {
    this.sampling = options.sampling ?? true;
    this.numStates = numStates;
    this.numActions = numActions;
    this.reward = new Float64Array(numStates * numActions);
    this.slotOfPair = new Int32Array(numStates * numActions).fill(-1);
    this.view = {
      pairs: 0,
      slotPair: this.slotPair,
      slotStart: this.slotStart,
      slotLength: this.slotLength,
      successor: this.successor,
      aliasProbability: this.aliasProbability,
      aliasOffset: this.aliasOffset,
    };
  }

  /** Number of distinct (s,a) pairs observed so far. */
  get observedPairs(): number {
    return this.slots;
  }

  /** Number of distinct (s,a,s') transitions observed so far. */
  get distinctTransitions(): number {
    let n = 0;
    for (let i = 0; i < this.slots; i++) n += this.slotLength[i];
    return n;
  }

  /** Records one real transition: T_c[s,a,s'] += 1, then updates R[s,a] with reward r. */
  record(s: number, a: number, sPrime: number, r: number, alpha: number, rewardModel: RewardModel): void {
    const pair = s * this.numActions + a;
    let slot = this.slotOfPair[pair];
    if (slot < 0) slot = this.openSlot(pair);
    if (this.slotTotal[slot] === MAX_COUNT) {
      throw new InvalidOptionError(`transition counts of one (s,a) pair cannot exceed ${MAX_COUNT}`);
    }
    this.addSuccessor(slot, sPrime, 1);
    if (this.sampling) this.buildAlias(slot);
    const total = this.slotTotal[slot];
    const old = this.reward[pair];
    this.reward[pair] = rewardModel === 'ema' ? (1 - alpha) * old + alpha * r : old + (r - old) / total;
  }

  /** T_c[s,a,s'] (0 when never observed). */
  count(s: number, a: number, sPrime: number): number {
    const slot = this.slotOfPair[s * this.numActions + a];
    if (slot < 0) return 0;
    const start = this.slotStart[slot];
    const end = start + this.slotLength[slot];
    for (let i = start; i < end; i++) if (this.successor[i] === sPrime) return this.successorCount[i];
    return 0;
  }

  /** sum_i T_c[s,a,i] (0 when never observed). */
  totalCount(s: number, a: number): number {
    const slot = this.slotOfPair[s * this.numActions + a];
    return slot < 0 ? 0 : this.slotTotal[slot];
  }

  /** The arrays behind sampling (see SamplingView); reuses one object, so it allocates nothing. */
  samplingView(): SamplingView {
    const view = this.view;
    view.pairs = this.slots;
    view.slotPair = this.slotPair;
    view.slotStart = this.slotStart;
    view.slotLength = this.slotLength;
    view.successor = this.successor;
    view.aliasProbability = this.aliasProbability;
    view.aliasOffset = this.aliasOffset;
    return view;
  }

  /** Draws s' with probability T[s,a,s'] for the pair in `slot`, given one uniform u in [0,1). */
  sampleSuccessor(slot: number, u: number): number {
    if (!this.sampling) throw new InvalidOptionError('this model was created without sampling');
    const start = this.slotStart[slot];
    const x = u * this.slotLength[slot];
    const j = x | 0;
    const cell = start + j;
    return this.successor[x - j < this.aliasProbability[cell] ? cell : start + this.aliasOffset[cell]];
  }

  /** A plain JSON-able copy of the model. */
  toJSON(): TransitionModelJSON {
    const slots: TransitionModelJSON['slots'] = [];
    const rewards: number[] = [];
    for (let slot = 0; slot < this.slots; slot++) {
      const start = this.slotStart[slot];
      const end = start + this.slotLength[slot];
      slots.push([
        this.slotPair[slot],
        Array.from(this.successor.subarray(start, end)),
        Array.from(this.successorCount.subarray(start, end)),
      ]);
      rewards.push(this.reward[this.slotPair[slot]]);
    }
    return { slots, rewards };
  }

  /** Rebuilds a model from its JSON form, checking every index and count. */
  static fromJSON(json: TransitionModelJSON, numStates: number, numActions: number, options: { sampling?: boolean } = {}): TransitionModel {
    const model = new TransitionModel(numStates, numActions, options);
    if (!Array.isArray(json?.slots) || !Array.isArray(json.rewards) || json.rewards.length !== json.slots.length) {
      throw new ModelError('learner model: slots and rewards must be arrays of the same length');
    }
    const pairs = numStates * numActions;
    json.slots.forEach((entry, i) => {
      const [pair, successors, counts] = Array.isArray(entry) ? entry : [];
      if (!isIndex(pair, pairs) || model.slotOfPair[pair] >= 0) {
        throw new ModelError(`learner model: slot ${i} has a bad or repeated pair index`);
      }
      if (!Array.isArray(successors) || !Array.isArray(counts) || successors.length !== counts.length || successors.length === 0) {
        throw new ModelError(`learner model: slot ${i} needs equal, non-empty successor and count lists`);
      }
      const slot = model.openSlot(pair);
      successors.forEach((sPrime, j) => {
        const c = counts[j];
        if (!isIndex(sPrime, numStates) || !Number.isInteger(c) || c < 1 || model.slotTotal[slot] + c > MAX_COUNT) {
          throw new ModelError(`learner model: slot ${i} has a bad successor or count at position ${j}`);
        }
        model.addSuccessor(slot, sPrime, c);
        if (model.slotLength[slot] !== j + 1) throw new ModelError(`learner model: slot ${i} repeats successor ${sPrime}`);
      });
      if (model.sampling) model.buildAlias(slot);
      const r = json.rewards[i];
      if (typeof r !== 'number' || !Number.isFinite(r)) throw new ModelError(`learner model: reward ${i} is not a finite number`);
      model.reward[pair] = r;
    });
    return model;
  }

  private openSlot(pair: number): number {
    const slot = this.slots++;
    if (slot === this.slotPair.length) this.growSlots();
    this.slotOfPair[pair] = slot;
    this.slotPair[slot] = pair;
    this.slotStart[slot] = this.reserve(INITIAL_SLOT_CAPACITY);
    this.slotLength[slot] = 0;
    this.slotCapacity[slot] = INITIAL_SLOT_CAPACITY;
    this.slotTotal[slot] = 0;
    return slot;
  }

  /** T_c[s,a,s'] += n for the pair in `slot`, appending s' when new. */
  private addSuccessor(slot: number, sPrime: number, n: number): void {
    this.slotTotal[slot] += n;
    let start = this.slotStart[slot];
    const length = this.slotLength[slot];
    for (let i = start; i < start + length; i++) {
      if (this.successor[i] === sPrime) {
        this.successorCount[i] += n;
        return;
      }
    }
    if (length === this.slotCapacity[slot]) start = this.relocate(slot);
    this.successor[start + length] = sPrime;
    this.successorCount[start + length] = n;
    this.slotLength[slot] = length + 1;
  }

  /**
   * Vose's alias method over the slot's counts. Cell j keeps probability p_j of
   * drawing itself and otherwise draws its alias. Weights are k*count, compared
   * with the total in exact integer arithmetic; only p_j is rounded.
   */
  private buildAlias(slot: number): void {
    const start = this.slotStart[slot];
    const k = this.slotLength[slot];
    const total = this.slotTotal[slot];
    if (k > this.scratchWeight.length) {
      this.scratchWeight = new Float64Array(k * 2);
      this.scratchSmall = new Int32Array(k * 2);
      this.scratchLarge = new Int32Array(k * 2);
    }
    const weight = this.scratchWeight;
    const small = this.scratchSmall;
    const large = this.scratchLarge;
    let nSmall = 0;
    let nLarge = 0;
    for (let j = 0; j < k; j++) {
      weight[j] = this.successorCount[start + j] * k;
      if (weight[j] < total) small[nSmall++] = j;
      else large[nLarge++] = j;
    }
    while (nSmall > 0 && nLarge > 0) {
      const l = small[--nSmall];
      const g = large[--nLarge];
      this.aliasProbability[start + l] = weight[l] / total;
      this.aliasOffset[start + l] = g;
      weight[g] += weight[l] - total;
      if (weight[g] < total) small[nSmall++] = g;
      else large[nLarge++] = g;
    }
    while (nLarge > 0) this.setCertain(start, large[--nLarge]);
    while (nSmall > 0) this.setCertain(start, small[--nSmall]);
  }

  private setCertain(start: number, j: number): void {
    this.aliasProbability[start + j] = 1;
    this.aliasOffset[start + j] = j;
  }

  /** Doubles a full slot's room, in place when it is last in the pool, else by moving it to the end. */
  private relocate(slot: number): number {
    const start = this.slotStart[slot];
    const capacity = this.slotCapacity[slot];
    if (start + capacity === this.poolUsed) {
      this.reserve(capacity);
    } else {
      const to = this.reserve(capacity * 2);
      this.successor.copyWithin(to, start, start + capacity);
      this.successorCount.copyWithin(to, start, start + capacity);
      this.aliasProbability.copyWithin(to, start, start + capacity);
      this.aliasOffset.copyWithin(to, start, start + capacity);
      this.slotStart[slot] = to;
    }
    this.slotCapacity[slot] = capacity * 2;
    return this.slotStart[slot];
  }

  /** Takes n cells from the end of the pool, growing it geometrically. */
  private reserve(n: number): number {
    const at = this.poolUsed;
    this.poolUsed += n;
    if (this.poolUsed > this.successor.length) {
      const size = Math.max(this.poolUsed, this.successor.length * 2);
      this.successor = grow(this.successor, new Int32Array(size));
      this.successorCount = grow(this.successorCount, new Int32Array(size));
      this.aliasProbability = grow(this.aliasProbability, new Float64Array(size));
      this.aliasOffset = grow(this.aliasOffset, new Int32Array(size));
    }
    return at;
  }

  private growSlots(): void {
    const size = this.slotPair.length * 2;
    this.slotPair = grow(this.slotPair, new Int32Array(size));
    this.slotStart = grow(this.slotStart, new Int32Array(size));
    this.slotLength = grow(this.slotLength, new Int32Array(size));
    this.slotCapacity = grow(this.slotCapacity, new Int32Array(size));
    this.slotTotal = grow(this.slotTotal, new Int32Array(size));
  }
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

function isIndex(value: unknown, size: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < size;
}
