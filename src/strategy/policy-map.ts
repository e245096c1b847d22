/**
 * "What did it learn?": the greedy action of every market state and position,
 * with each indicator bucket's value range, how often the state was seen in
 * training, and how far apart the best and second-best Q values are (how sure
 * the policy is). States never visited are marked: there the policy holds.
 */
import type { Discretizer } from '../features/discretizer.js';
import { POSITION_NAMES, POSITIONS } from '../market/positions.js';
import { greedyAction } from './policy.js';
import { FactoredDynaQLearner } from '../learner/factored-dyna-q.js';
import type { TraderLearner } from './trainer.js';

/** One bucket of one indicator: its index and value range (null = unbounded). */
export interface BucketRange {
  indicator: string;
  bucket: number;
  from: number | null;
  to: number | null;
}

/** The policy in one position of one market state. */
export interface PolicyCell {
  action: (typeof POSITION_NAMES)[number];
  /** Best Q minus second-best Q (0 in a state never visited). */
  gap: number;
}

/** One market state of the map. */
export interface PolicyRow {
  state: number;
  buckets: BucketRange[];
  /** Training days spent in this state (for the market model) or in it with any position (classic). */
  visits: number;
  /** By position held: short, flat, long. */
  positions: Record<(typeof POSITION_NAMES)[number], PolicyCell>;
}

/** The whole map, or why it was left out. */
export interface PolicyMap {
  indicators: string[];
  rows: PolicyRow[];
  /** Set when the state space is too large to list. */
  omitted?: string;
}

/** Largest number of market states the map lists. */
export const MAX_POLICY_ROWS = 2000;

/**
 * The map of a trained learner. Days per market state come from its model of
 * the world, which saw the training period once per epoch.
 */
export function explainPolicy(learner: TraderLearner, discretizer: Discretizer, labels: string[], epochs: number): PolicyMap {
  const perEpoch = Math.max(1, epochs);
  const visits =
    learner instanceof FactoredDynaQLearner
      ? (m: number) => Math.round(learner.visits(m) / perEpoch)
      : (m: number) => {
          let n = 0;
          for (let p = 0; p < POSITIONS; p++) n += learner.visits(m * POSITIONS + p);
          return Math.round(n / perEpoch);
        };
  return policyMap(learner.qTable(), discretizer, labels, visits);
}

/** Builds the map from a Q table (rows s = m * POSITIONS + p) and visit counts per market state. */
export function policyMap(q: ArrayLike<number>, discretizer: Discretizer, labels: string[], visits: (m: number) => number): PolicyMap {
  const count = discretizer.bins ** labels.length;
  if (count > MAX_POLICY_ROWS) return { indicators: labels, rows: [], omitted: `${count} market states are more than the ${MAX_POLICY_ROWS} the map lists` };
  const rows: PolicyRow[] = [];
  for (let m = 0; m < count; m++) {
    const digits: number[] = [];
    for (let rest = m, i = 0; i < labels.length; i++, rest = Math.floor(rest / discretizer.bins)) digits.unshift(rest % discretizer.bins);
    const buckets = digits.map((bucket, i) => {
      const cuts = discretizer.thresholds[i];
      return { indicator: labels[i], bucket, from: bucket === 0 ? null : cuts[bucket - 1], to: bucket === cuts.length ? null : cuts[bucket] };
    });
    const cells = POSITION_NAMES.map((_, p) => {
      const s = m * POSITIONS + p;
      const a = greedyAction(q, s, p);
      let second = Number.NEGATIVE_INFINITY;
      for (let b = 0; b < POSITIONS; b++) if (b !== a) second = Math.max(second, q[s * POSITIONS + b]);
      return { action: POSITION_NAMES[a], gap: q[s * POSITIONS + a] - second };
    });
    rows.push({ state: m, buckets, visits: visits(m), positions: { short: cells[0], flat: cells[1], long: cells[2] } });
  }
  return { indicators: labels, rows };
}
