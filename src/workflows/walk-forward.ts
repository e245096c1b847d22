/**
 * `walkForward`: train on a window, test on the next days it never saw, move
 * on; each window is exactly train + backtest (its row in `windows`). The
 * out-of-sample run trades the windows' policies through one account, as a
 * user who retrains would: positions carry over when the model changes.
 * Returns that report (what `dyna walk-forward --json` prints: `strategy`,
 * `benchmark` and `windows`), with the views of its report files attached.
 */
import { rangeWarnings, selectRows } from '../data/date-range.js';
import { symbolFromPath } from '../data/load-prices.js';
import { longestFirst } from '../evaluation/schedule.js';
import { assessSignificance } from '../evaluation/significance.js';
import { accountByWindow, accountSegments, tradeWindowsContinuously, type WindowPolicy, type WindowsAccount } from '../evaluation/continuous-account.js';
import { walkForwardWindows, type Window } from '../evaluation/windows.js';
import { InvalidOptionError } from '../errors.js';
import { warmupOf } from '../features/features.js';
import { accountRulesOf } from '../market/simulate.js';
import { positionLevels } from '../market/positions.js';
import { runSettings } from '../settings/settings.js';
import { sizingOf } from '../market/sizing.js';
import { buildReport, positionSection, type ReportDocument, type ReportViews, type WindowSummary } from '../report/report.js';
import { leverageWarnings, shortTrainingWarning, windowPolicyWarnings } from '../report/warnings.js';
import { createRng } from '../rng.js';
import { prepareData, type PreparedData } from '../strategy/prepare.js';
import { trainAndTestPrepared } from '../strategy/train-and-test.js';
import type { InitialLearner } from '../strategy/trainer.js';
import type { Settings } from '../settings/settings.js';
import { readPrices } from './inputs.js';
import { Warnings, withOutputs, type WorkflowIo } from './io.js';
import { jobResult, simulationsOf, withRunner, type JobResult, type JobTask } from './job.js';
import { checkInteger, checkName, checkOverride, learningOverride, marketOverride, resolveSettings, settingsWarnings, type LearningOptions, type MarketOptions } from './options.js';

/** The options of `walkForward`: its flags, camelCased. */
export interface WalkForwardOptions extends LearningOptions, MarketOptions {
  /** The price CSV. */
  prices: string;
  /** Rows (trading days) each window trains on, and is then tested on. */
  train: number;
  test: number;
  /** Rows from one window to the next (default `test`: contiguous test windows). */
  step?: number;
  /** Keep the training start fixed (an expanding window). */
  anchored?: boolean;
  /** The period; earlier rows warm up the indicators. */
  start?: string;
  end?: string;
  symbol?: string;
  config?: string;
  /** Windows trained at once (default 1: in this thread; more need `io.startRunner`, and give the same output). */
  jobs?: number;
  /** Also test timing against this many random timings with the same exposure, and the excess over buy-and-hold by as many bootstrap samples. */
  significance?: number;
  /**
   * Continue one model from window to window, as `train --init-model` does, instead of training each window afresh:
   * window 0 trains on its rows, each later one learns the days since the previous window's training (with the first
   * window's bucket thresholds). The windows then run one after another in this thread (`jobs` does not apply).
   */
  online?: boolean;
}

/** The walk-forward document: the report of the account through the windows, each window, and `online: true` when the model was continued from window to window. */
export type WalkForwardDocument = ReportDocument & { windows: WindowSummary[]; online?: true };

/** Trains and tests window after window and reports the out-of-sample run of one account through them. */
export async function walkForward(options: WalkForwardOptions, io: WorkflowIo = {}): Promise<WalkForwardDocument & Readonly<{ views: ReportViews }>> {
  const override = checkOverride({ ...learningOverride(options), ...marketOverride(options) });
  const settings = resolveSettings(options.config, override, options.preset);
  checkName('symbol', options.symbol);
  checkInteger('significance', options.significance);
  checkInteger('jobs', options.jobs);
  if (options.online && options.anchored) throw new InvalidOptionError([{ option: 'online' }, ' continues one model through the windows, which keeps every day it learned: ', { option: 'anchored' }, ' has nothing to add']);
  const warnings = new Warnings(io);
  const prices = await readPrices(options.prices, options.symbol, settings.trader.indicators);
  const { series } = prices;
  const rows = selectRows(series, { start: options.start, end: options.end }, options.prices);
  const first = Math.max(rows.from, warmupOf(settings.trader.indicators));
  const windows = walkForwardWindows(first, rows.to, { train: options.train, test: options.test, step: options.step, anchored: options.anchored });
  const day = (row: number) => series.dates[row].slice(0, 10);
  const prepare = (from: number, to: number) => prepareData(series, settings.trader.indicators, { start: day(from), end: day(to - 1) }, options.prices);
  warnings.add(...prices.warnings, ...rangeWarnings(series, options, options.prices), shortTrainingWarning(options.train), ...settingsWarnings(settings, override));
  const results = options.online ? await onlineWindows(windows, settings, prepare, io) : await withRunner(io.startRunner, options.jobs ?? 1, windows.length, async (runner) => {
    // Each window's data is prepared when a thread is about to need it, so memory holds a few windows, not all.
    const taskOf = (i: number): JobTask => {
      const w = windows[i];
      return {
        settings,
        train: prepare(w.trainFrom, w.trainTo),
        test: prepare(w.testFrom, w.testTo),
        simulations: true,
      };
    };
    const total = windows.length;
    io.onProgress?.({ kind: 'jobs', label: 'walk-forward', done: 0, total });
    // Anchored windows grow: the longest training start first, so the last and largest is not left alone at the end.
    const order = longestFirst(windows.map((w) => w.trainTo - w.trainFrom));
    return runner.run(total, taskOf, { onDone: (done) => io.onProgress?.({ kind: 'jobs', label: 'walk-forward', done, total }), order });
  });

  const sizing = sizingOf(settings.market);
  const rules = accountRulesOf(settings.market);
  const account = windowsAccount(results, windows, settings);
  const { strategy, benchmark } = account;
  const days = results.map((r) => r.test.days);
  const accounts = accountByWindow(strategy, days);
  const summaries: WindowSummary[] = results.map((r, i) => ({ index: i, train: { start: r.train.start, end: r.train.end, days: r.train.days, epochs: r.train.epochs, converged: r.train.converged, policy: r.train.policy }, test: r.test, strategy: r.strategy, benchmark: r.benchmark, account: accounts[i] }));
  warnings.add(...new Set(results.flatMap((r) => r.warnings)), ...windowPolicyWarnings(results.map((r) => r.train.policy)));
  warnings.add(...leverageWarnings(sizing, strategy, benchmark, settings.market.maintenance));
  const significance =
    options.significance === undefined
      ? undefined
      : assessSignificance({
          segments: accountSegments(account, days),
          strategy,
          benchmark,
          samples: options.significance,
          sizing,
          rules,
          rng: createRng(`significance:${settings.trader.seed}`),
        });
  if (significance) warnings.add(...significance.warnings);
  const report = buildReport({
    command: 'walk-forward',
    symbol: options.symbol ?? symbolFromPath(options.prices),
    data: prices.source,
    costs: rules.costs,
    position: positionSection(sizing, settings.market.cash, settings.market.maintenance),
    strategy,
    benchmark,
    model: '',
    modelInfo: { data: prices.source, periods: summaries.map((w) => ({ start: w.train.start, end: w.train.end, days: w.train.days })), settings: runSettings(settings) },
    warnings: warnings.list,
    windows: summaries,
    significance,
  });
  const document: WalkForwardDocument = options.online ? { ...(report as WalkForwardDocument), online: true } : (report as WalkForwardDocument);
  return withOutputs(document, { views: { report, strategy, benchmark } });
}

/**
 * The out-of-sample run of a walk-forward's window jobs (run with simulations), in window order:
 * one account through them, positions carried over as the model changes, flat across any gap
 * between windows; buy-and-hold is one position held throughout.
 */
export function windowsAccount(results: JobResult[], windows: Window[], settings: Settings): WindowsAccount {
  const policies = results.map((r, i): WindowPolicy => ({ ...simulationsOf(r).policy, ...(i > 0 && windows[i].testFrom !== windows[i - 1].testTo ? { afterGap: true } : {}) }));
  return tradeWindowsContinuously(policies, positionLevels(settings.trader.levels), sizingOf(settings.market), accountRulesOf(settings.market), settings.market);
}

/**
 * The windows of an online walk-forward, one after another: window 0 trains on
 * its rows, and each later window continues the previous window's learner from
 * the previous training's last day (whose move it had not learned) to its own
 * last training day, then is tested as usual. Exactly `train` then `train
 * --init-model` window after window, each followed by `backtest`.
 */
async function onlineWindows(windows: Window[], settings: Settings, prepare: (from: number, to: number) => PreparedData, io: WorkflowIo): Promise<JobResult[]> {
  const results: JobResult[] = [];
  let initial: InitialLearner | undefined;
  let learnedTo = 0;
  io.onProgress?.({ kind: 'jobs', label: 'walk-forward', done: 0, total: windows.length });
  for (const w of windows) {
    const run = trainAndTestPrepared(prepare(initial ? learnedTo - 1 : w.trainFrom, w.trainTo), prepare(w.testFrom, w.testTo), settings, initial);
    const { learner, discretizer, reward } = run.training;
    initial = { learner, discretizer, reward };
    learnedTo = w.trainTo;
    results.push(jobResult(run, true));
    io.onProgress?.({ kind: 'jobs', label: 'walk-forward', done: results.length, total: windows.length });
    // Let progress bars draw between windows.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return results;
}
