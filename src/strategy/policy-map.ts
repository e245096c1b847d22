/**
 * "What did it learn?": the greedy action of every market state and position,
 * with each indicator bucket's value range, how often the state was seen in
 * training, and how far apart the best and second-best Q values are (how sure
 * the policy is). States never visited are marked: there the policy holds.
 */
import type { Discretizer } from '../features/discretizer.js';
import { THREE_POSITIONS, type PositionLevels } from '../market/positions.js';
import { greedyAction } from './policy.js';
import { withPosition } from '../features/state-space.js';
import { TRADING_DAYS_PER_YEAR } from '../data/dates.js';
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
  /** The level to move to (its name: short, flat, long, long 50%, ...). */
  action: string;
  /** Best Q minus second-best Q (0 in a state never visited). */
  gap: number;
}

/** What the market model expects in one state (market model only): how sure it is. */
export interface StateEvidence {
  /** The next-day move the model plans with: the drift plus the shrunk deviation (a fraction a day). */
  expectedMove: number;
  /** The state's own deviation from the drift after shrinkage (a fraction a day; 0: no evidence this state differs). */
  deviation: number;
  /** Weight on the state's own evidence, 0 to 1 (its days against the noise). */
  shrinkage: number;
}

/** One market state of the map. */
export interface PolicyRow {
  state: number;
  buckets: BucketRange[];
  /** Training days spent in this state (for the market model) or in it with any position (classic). */
  visits: number;
  /** By position held, keyed by the level's name: short, flat, long (and the fractions, if any). */
  positions: Record<string, PolicyCell>;
  /** The market model's view of this state (absent for the classic model and unvisited states). */
  evidence?: StateEvidence;
}

/** The market model as a whole: the drift it follows and whether its states differ beyond noise. */
export interface MarketModelSummary {
  /** The pooled drift, annualized (252 days): the series' drift shrunk toward the prior. */
  drift: number;
  /** The training period's own drift, annualized. */
  dataDrift: number;
  /** Daily standard deviation of the moves around their state's mean. */
  noiseSd: number;
  /** Estimated daily standard deviation between the states' true means (0: they do not differ beyond noise). */
  betweenStateSd: number;
  /** False when the model found no difference between market states: then every state expects the drift. */
  statesDiffer: boolean;
  /**
   * With pooling by factors: each indicator's own effect, the estimated daily
   * standard deviation between its buckets' true effects (0: its buckets do
   * not differ beyond noise), in indicator order; [] when states are pooled alone.
   */
  byIndicator: Array<{ indicator: string; sd: number }>;
  /** What the indicators' effects added up do not explain: the spread left between the states. */
  beyondIndicatorsSd: number;
}

/** The whole map, or why it was left out. */
export interface PolicyMap {
  indicators: string[];
  /** The levels the policy chooses among, by name, short to long. */
  levels: string[];
  rows: PolicyRow[];
  /** The market model's summary (market model only). */
  model?: MarketModelSummary;
  /** Set when the state space is too large to list. */
  omitted?: string;
}

/** Largest number of market states the map lists. */
export const MAX_POLICY_ROWS = 2000;

/**
 * The map of a trained learner. Days per market state come from its model of
 * the world: the market model counts each training day once, the classic one
 * once per epoch.
 */
export function explainPolicy(learner: TraderLearner, discretizer: Discretizer, labels: string[], epochs: number, levels: PositionLevels = THREE_POSITIONS): PolicyMap {
  const map = policyMap(learner.qTable(), discretizer, labels, stateVisits(learner, epochs, levels), levels);
  if (!(learner instanceof FactoredDynaQLearner)) return map;
  const { pooledMean } = learner.pooling();
  for (const row of map.rows) if (row.visits > 0) row.evidence = stateEvidence(learner, row.state, pooledMean);
  map.model = marketModelSummary(learner, labels);
  return map;
}

/** Visits of market state m in training: the market model's days, or the classic model's visits over every position and epoch. */
function marketVisits(learner: TraderLearner, levels: PositionLevels): (m: number) => number {
  if (learner instanceof FactoredDynaQLearner) return (m) => learner.visits(m);
  const count = levels.units.length;
  return (m) => {
    let n = 0;
    for (let p = 0; p < count; p++) n += learner.visits(withPosition(m, p, count));
    return n;
  };
}

/**
 * Training days per market state: the market model counts each day once; the
 * classic model counts a visit per epoch, so its visits are divided by `epochs`.
 */
export function stateVisits(learner: TraderLearner, epochs: number, levels: PositionLevels = THREE_POSITIONS): (m: number) => number {
  const visits = marketVisits(learner, levels);
  if (learner instanceof FactoredDynaQLearner) return visits;
  const perEpoch = Math.max(1, epochs);
  return (m) => Math.round(visits(m) / perEpoch);
}

/** Whether training ever visited market state m (the classic model's visits may round to 0 days in stateVisits). */
export function stateSeen(learner: TraderLearner, levels: PositionLevels = THREE_POSITIONS): (m: number) => boolean {
  const visits = marketVisits(learner, levels);
  return (m) => visits(m) > 0;
}

/** What the market model expects in market state m (observed), and how much of it is the state's own evidence (`pooledMean`: the model's, read once for many states). */
export function stateEvidence(learner: FactoredDynaQLearner, m: number, pooledMean = learner.pooling().pooledMean): StateEvidence {
  return { expectedMove: learner.modelOutcome(m), deviation: learner.modelOutcome(m) - pooledMean, shrinkage: learner.shrinkage(m) };
}

/** The market model's drift, noise and spread between states (and by indicator, with `labels`), from a trained factored learner. */
export function marketModelSummary(learner: FactoredDynaQLearner, labels: string[]): MarketModelSummary {
  const pooling = learner.pooling();
  return {
    drift: pooling.pooledMean * TRADING_DAYS_PER_YEAR,
    dataDrift: pooling.grandMean * TRADING_DAYS_PER_YEAR,
    noiseSd: pooling.noiseSd,
    betweenStateSd: pooling.betweenSd,
    statesDiffer: pooling.betweenSd > 0,
    byIndicator: pooling.factorSds.map((sd, i) => ({ indicator: labels[i], sd })),
    beyondIndicatorsSd: pooling.interactionSd,
  };
}

/** Builds the map from a Q table (rows s = m * levels + p) and visit counts per market state. */
export function policyMap(q: ArrayLike<number>, discretizer: Discretizer, labels: string[], visits: (m: number) => number, levels: PositionLevels = THREE_POSITIONS): PolicyMap {
  const states = discretizer.bins ** labels.length;
  const count = levels.units.length;
  if (states > MAX_POLICY_ROWS) return { indicators: labels, levels: [...levels.names], rows: [], omitted: `${states} market states are more than the ${MAX_POLICY_ROWS} the map lists` };
  const rows: PolicyRow[] = [];
  for (let m = 0; m < states; m++) {
    const digits: number[] = [];
    for (let rest = m, i = 0; i < labels.length; i++, rest = Math.floor(rest / discretizer.bins)) digits.unshift(rest % discretizer.bins);
    const buckets = digits.map((bucket, i) => {
      const cuts = discretizer.thresholds[i];
      return { indicator: labels[i], bucket, from: bucket === 0 ? null : cuts[bucket - 1], to: bucket === cuts.length ? null : cuts[bucket] };
    });
    const positions: Record<string, PolicyCell> = {};
    levels.names.forEach((name, p) => {
      const s = m * count + p;
      const a = greedyAction(q, s, p, count);
      let second = Number.NEGATIVE_INFINITY;
      for (let b = 0; b < count; b++) if (b !== a) second = Math.max(second, q[s * count + b]);
      positions[name] = { action: levels.names[a], gap: q[s * count + a] - second };
    });
    rows.push({ state: m, buckets, visits: visits(m), positions });
  }
  return { indicators: labels, levels: [...levels.names], rows };
}
