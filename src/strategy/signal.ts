/**
 * The signal of a saved model: the position to hold after the last day's
 * close, and why. By default the greedy policy is replayed over the period
 * through backtestPolicy, the code `backtest` runs, so the position is the one
 * a backtest from the same first day holds after that close, sizing and
 * volatility scaling included. From a position the user holds (`holding`) it
 * is the greedy action of that position in the last day's market state
 * instead. Either way it says which market state that is (each indicator's
 * value and bucket), the Q values of the actions, how often training saw the
 * state and what the market model expects there. Pure.
 */
import { calendarDaysBetween } from '../data/dates.js';
import { bucketOf, type Discretizer } from '../features/discretizer.js';
import type { FeatureMatrix } from '../features/features.js';
import { marketState, withPosition } from '../features/state-space.js';
import { FactoredDynaQLearner } from '../learner/factored-dyna-q.js';
import type { PositionLevels } from '../market/positions.js';
import type { AccountRules, Simulation } from '../market/simulate.js';
import { sharesFor, type Sizing } from '../market/sizing.js';
import { sizingScale, type VolatilitySizing } from '../market/volatility-scale.js';
import { backtestPolicy } from './backtest.js';
import type { LoadedModel } from './model-file.js';
import { diagnosePolicy } from './policy-diagnosis.js';
import { stateEvidence, stateSeen, stateVisits, type StateEvidence } from './policy-map.js';
import { greedyAction } from './policy.js';
import type { PreparedData } from './prepare.js';
import type { TraderLearner } from './trainer.js';

/** What a signal is computed from. */
export interface SignalInput {
  model: LoadedModel;
  levels: PositionLevels;
  /** The prepared period: the replay's days, or (with `holding`) at least the last day. The signal is for its last day. */
  data: PreparedData;
  sizing: Sizing;
  rules: AccountRules;
  market: VolatilitySizing;
  /** Start from this level (its index in `levels`) on the last day instead of replaying the period. */
  holding?: number;
}

/** One indicator on the signal's day: its value and bucket (with the bucket's range; null = unbounded). */
export interface IndicatorReading {
  indicator: string;
  value: number;
  bucket: number;
  from: number | null;
  to: number | null;
}

/** The market state of the signal's day. */
export interface SignalState {
  /** Index of the market state (the buckets read as digits in base `bins`). */
  market: number;
  indicators: IndicatorReading[];
  /** Training days spent in this state (0: never seen). */
  trainingDays: number;
  /** What the market model expects in this state (market model, states seen in training). */
  evidence?: StateEvidence;
}

/** The order that moves the account from the previous position to the new one, at the day's close. */
export interface SignalTrade {
  order: 'BUY' | 'SELL';
  shares: number;
  price: number;
  value: number;
  /** Commission and impact of the order. */
  costs: number;
}

/** What the signal starts from: a replay of the policy, or the position the user holds. */
export type SignalBasis =
  | { kind: 'replay'; start: string; days: number; trades: number; totalReturn: number; marginCall: string | null }
  | { kind: 'holding'; holding: string };

/** The position to hold after the last day's close, and why. */
export interface Signal {
  date: string;
  close: number;
  /** The level the account holds after the close (flat when it holds no shares). */
  position: string;
  previousPosition: string;
  changed: boolean;
  /** The level the greedy policy chose (equal to `position` unless the account holds no shares, as after a margin call). */
  policyPosition: string;
  /** Units of a full position held: the level times the volatility scale (0 when flat). */
  exposure: number;
  previousExposure: number;
  shares: number;
  previousShares: number;
  /** The order at this close, or null when none is needed. */
  trade: SignalTrade | null;
  /** The account's equity after the close (the replay's; with `holding`, the cash given). */
  equity: number;
  /** The volatility scale of the day (null when sizing is not volatility-targeted). */
  volatilityScale: number | null;
  /** Q value of moving to each level from the policy's previous position, in this state, by level name. */
  q: Record<string, number>;
  state: SignalState;
  basis: SignalBasis;
  warnings: string[];
}

/** Computes the signal for the last day of the prepared period. */
export function computeSignal(input: SignalInput): Signal {
  const { model, levels, data } = input;
  const { learner, file } = model;
  const q = learner.qTable();
  const count = levels.units.length;
  const row = data.period.to - 1;
  const m = marketState(data.features.columns, row, file.discretizer);
  const core = input.holding === undefined ? replayed(input, q) : fromHolding(input, q, m, input.holding);
  const state = stateOf(learner, file.discretizer, data.features, row, m, file.training.epochs, levels);
  const values: Record<string, number> = {};
  levels.names.forEach((name, a) => (values[name] = q[withPosition(m, core.policyBefore, count) * count + a]));
  const date = data.series.dates[row];
  const warnings = [...core.warnings];
  if (state.trainingDays === 0) {
    const readings = state.indicators.map((r) => `${r.indicator} ${+r.value.toPrecision(4)}, bucket ${r.bucket + 1} of ${file.discretizer.bins}`).join('; ');
    const there = learner instanceof FactoredDynaQLearner ? 'the policy acts on what the market model implies for it (the drift)' : 'the policy keeps its position there';
    warnings.push(`the market state on ${date} (${readings}) was never seen in training: ${there}`);
  }
  warnings.push(...policyRuleWarnings(q, learner, levels));
  const { policyBefore: _before, warnings: _core, ...signal } = core;
  return { date, close: data.series.close[row], ...signal, q: values, state, warnings };
}

type Core = Omit<Signal, 'date' | 'close' | 'q' | 'state'> & { policyBefore: number };

/** The signal of a replay from the period's first day: what backtest holds after the last close. */
function replayed(input: SignalInput, q: Float64Array): Core {
  const { levels, data, sizing, rules, market } = input;
  const { strategy, policy, scale } = backtestPolicy(q, input.model.file.discretizer, data, sizing, rules, levels, market);
  const T = strategy.values.length - 1;
  const level = (t: number) => (t < 0 ? levels.flat : levels.units.indexOf(policy[t]));
  const held = (t: number) => (t < 0 || strategy.holdings[t] === 0 ? levels.flat : level(t));
  const at = <V>(values: ArrayLike<V>, t: number, none: V) => (t < 0 ? none : values[t]);
  const shares = strategy.holdings[T];
  const previousShares = at(strategy.holdings, T - 1, 0);
  const costs = strategy.trades.filter((t) => t.day === T).reduce((sum, t) => sum + t.commission + t.impactCost, 0);
  const warnings: string[] = [];
  const call = strategy.marginCall;
  if (call) warnings.push(`the replay's account was closed by a margin call on ${call.date}: backtest holds nothing from then on, and neither does this signal (the policy itself holds ${levels.names[level(T)]})`);
  else warnings.push(...noSharesWarning(levels, level(T), shares, strategy.values[T], strategy.prices[T]));
  return {
    position: levels.names[held(T)],
    previousPosition: levels.names[held(T - 1)],
    changed: held(T) !== held(T - 1),
    policyPosition: levels.names[level(T)],
    exposure: unitsAt(strategy, T),
    previousExposure: T > 0 ? unitsAt(strategy, T - 1) : 0,
    shares,
    previousShares,
    trade: tradeOf(shares - previousShares, strategy.prices[T], costs),
    equity: strategy.values[T],
    volatilityScale: scale ? scale[T] : null,
    basis: { kind: 'replay', start: strategy.dates[0], days: strategy.dates.length, trades: strategy.trades.length, totalReturn: strategy.values[T] / strategy.startCash - 1, marginCall: call ? call.date : null },
    warnings,
    policyBefore: level(T - 1),
  };
}

/** The signal from a position held on the last day: the greedy action there, sized at the rules' cash. */
function fromHolding(input: SignalInput, q: Float64Array, m: number, holding: number): Core {
  const { levels, data, sizing, rules, market } = input;
  const { from, to } = data.period;
  const scale = sizingScale(data.volatility.subarray(from, to), market);
  const s = scale ? scale[to - from - 1] : 1;
  const count = levels.units.length;
  const action = greedyAction(q, withPosition(m, holding, count), holding, count);
  const price = data.series.close[to - 1];
  const { cash, costs } = rules;
  const previousShares = sharesFor(levels.units[holding] * s, sizing, cash, price, costs);
  const shares = action === holding ? previousShares : sharesFor(levels.units[action] * s, sizing, cash, price, costs, previousShares);
  const traded = Math.abs(shares - previousShares);
  const position = shares === 0 ? levels.flat : action;
  return {
    position: levels.names[position],
    previousPosition: levels.names[holding],
    changed: position !== holding,
    policyPosition: levels.names[action],
    exposure: shares === 0 ? 0 : levels.units[action] * s,
    previousExposure: previousShares === 0 ? 0 : levels.units[holding] * s,
    shares,
    previousShares,
    trade: tradeOf(shares - previousShares, price, traded === 0 ? 0 : costs.commission + traded * price * costs.impact),
    equity: cash,
    volatilityScale: scale ? s : null,
    basis: { kind: 'holding', holding: levels.names[holding] },
    warnings: noSharesWarning(levels, action, shares, cash, price),
    policyBefore: holding,
  };
}

/** Units held at the close of day t: the simulation's (level x scale, 0 once flat). */
function unitsAt(run: Simulation, t: number): number {
  return run.units ? run.units[t] : Math.sign(run.holdings[t]);
}

function tradeOf(shares: number, price: number, costs: number): SignalTrade | null {
  if (shares === 0) return null;
  return { order: shares > 0 ? 'BUY' : 'SELL', shares: Math.abs(shares), price, value: Math.abs(shares) * price, costs };
}

function noSharesWarning(levels: PositionLevels, level: number, shares: number, equity: number, price: number): string[] {
  if (level === levels.flat || shares !== 0) return [];
  return [`the policy holds ${levels.names[level]}, but equity of ${equity.toFixed(2)} buys no whole share at ${price}: the account stays flat`];
}

/** The market state of row `row`: each indicator's value and bucket, the training days there and the model's view. */
function stateOf(learner: TraderLearner, discretizer: Discretizer, features: FeatureMatrix, row: number, m: number, epochs: number, levels: PositionLevels): SignalState {
  const indicators = features.columns.map((column, i) => {
    const cuts = discretizer.thresholds[i];
    const bucket = bucketOf(column[row], cuts);
    return { indicator: features.labels[i], value: column[row], bucket, from: bucket === 0 ? null : cuts[bucket - 1], to: bucket === cuts.length ? null : cuts[bucket] };
  });
  const trainingDays = stateVisits(learner, epochs, levels)(m);
  const seen = stateSeen(learner, levels)(m);
  return { market: m, indicators, trainingDays, ...(seen && learner instanceof FactoredDynaQLearner ? { evidence: stateEvidence(learner, m) } : {}) };
}

/**
 * What a signal should say about the rule it comes from, judged as training
 * judges it (diagnosePolicy) on the Q table over every market state seen in
 * training, so also for a model continued on a few days: a rule that never
 * leaves flat, that is buy-and-hold, or that ignores the market.
 */
export function policyRuleWarnings(q: ArrayLike<number>, learner: TraderLearner, levels: PositionLevels): string[] {
  const numMarketStates = learner.numStates / levels.units.length;
  const { kind } = diagnosePolicy(q, numMarketStates, levels, stateSeen(learner, levels), undefined, null);
  if (kind === 'never-trades') return ["the model's policy never trades: from flat it stays flat in every market state seen in training, so its signal is flat whatever the market does"];
  if (kind === 'buy-and-hold') return ["the model's policy is buy-and-hold: from flat it goes long and stays long in every market state seen in training, so its signal does not depend on the market"];
  if (kind === 'keeps-start' || kind === 'ignores-market') return ["the model's policy ignores the market state: in every market state seen in training each position leads to the same action, so its signal depends only on the position held"];
  return [];
}

/**
 * Warnings that the prices may not be the latest: the file ends before the
 * model's own data did, or its last day is more than `staleDays` calendar days before `today`.
 */
export function staleDataWarnings(lastDate: string, today: string, modelDataEnd: string, staleDays: number): string[] {
  const out: string[] = [];
  if (lastDate.slice(0, 10) < modelDataEnd.slice(0, 10)) out.push(`the price file ends on ${lastDate}, before the model's own data (to ${modelDataEnd}): these may not be the latest prices`);
  const age = calendarDaysBetween(lastDate, today);
  if (age > staleDays) out.push(`the last row (${lastDate}) is ${age} calendar days before today (${today}), more than ${staleDays}: the signal is for the close of ${lastDate.slice(0, 10)}, not the latest one`);
  return out;
}
