/**
 * The library's front door: one function per `dyna` command. Each takes the
 * command's flags in camelCase plus its inputs, returns the document its
 * `--json` prints (with what the command would write attached), and is given
 * the I/O it does not own (threads, clock, progress, warnings) by its caller.
 */
export { train, defaultModelPath, type TrainOptions, type TrainDocument, type TrainOutputs, type ContinuedFrom } from './train.js';
export { backtest, type BacktestOptions, type BacktestOutputs } from './backtest.js';
export { signal, DEFAULT_STALE_DAYS, type SignalOptions, type SignalDocument } from './signal.js';
export { walkForward, windowsAccount, type WalkForwardOptions, type WalkForwardDocument } from './walk-forward.js';
export { sweep, planSweep, summarizeSweepFiles, type SweepPlan, type SweepOptions, type SweepIo, type SweepSink, type SweepDocument, type SweepOutputs } from './sweep.js';
export { encodeSweepLine, decodeSweepLines, readSweepLines, MAX_RESULTS_BYTES, type SweepResultLine, type DecodedResults } from './sweep-results.js';
export { simulate, type SimulateOptions, type SimulateOutputs, type SimulateDocument } from './simulate.js';
export { synth, type SynthOptions, type SynthDocument, type SynthOutputs } from './synth.js';
export { withOutputs, Warnings, type WorkflowIo, type ProgressEvent } from './io.js';
export { runJob, jobResult, simulationsOf, runJobOutcome, unwrapOutcome, laneRunner, inProcessRunner, withRunner, type JobTask, type JobResult, type JobOutcome, type JobRunner, type RunOptions, type StartRunner } from './job.js';
export { INTEGER_OPTIONS, MAX_JOBS, MAX_SIGNIFICANCE_SAMPLES, type IntegerOption, type LearningOptions, type AccountOptions, type MarketOptions } from './options.js';
export type { ReportDocument, ReportViews, WindowSummary } from '../report/report.js';
export { symbolFromPath } from '../data/load-prices.js';
export { INDICATOR_DESCRIPTIONS } from '../features/indicators.js';
export { presetNames } from '../settings/load-settings.js';
export { loadDefaultSettings as defaultSettings } from '../settings/load-settings.js';
export { gridKeys, paramsLabel } from '../evaluation/sweep.js';
