/** `dyna train`: learn a policy on a price file, write the model and (optionally) a report. */
import type { Command } from 'commander';
import { InvalidOptionError } from '../../errors.js';
import { INDICATOR_DESCRIPTIONS } from '../../features/indicators.js';
import { buildReport, positionSection } from '../../report/report.js';
import { prepareData } from '../../strategy/prepare.js';
import { trainTrader } from '../../strategy/trainer.js';
import { modelOfTraining, serializeModel, trainingSummary } from '../../strategy/model-file.js';
import { explainPolicy } from '../../strategy/policy-map.js';
import { sizingOf } from '../../market/sizing.js';
import { refuseToOverwrite, writeFilesAtomic } from '../files.js';
import { readPrices } from '../inputs.js';
import { createProgress } from '../progress.js';
import { leverageWarnings, writtenLine, printReport, printWarnings, refuseToOverwriteReport, reportFiles } from '../report-output.js';
import { addLearningFlags, addMarketFlags, learningOverride, marketOverride, type LearningFlags, type MarketFlags } from '../settings-flags.js';
import { symbolFromPath } from '../../data/load-prices.js';
import { percent } from '../../report/format.js';
import { modelSentence } from '../../report/policy-text.js';
import type { CommandContext } from '../context.js';

interface TrainFlags extends LearningFlags, MarketFlags {
  symbol?: string;
  start?: string;
  end?: string;
  out?: string;
  report?: string;
  config?: string;
  json?: boolean;
  quiet?: boolean;
}

/** Registers `dyna train` on the program. */
export function registerTrain(program: Command, context: CommandContext): void {
  const command = program
    .command('train')
    .description('learn a Dyna-Q trading policy on a daily price CSV and save it as a model file')
    .argument('<prices.csv>', 'daily prices: Date and Close or Adj Close (Yahoo-style exports work as they are)')
    .option('--symbol <name>', 'name of the series (default: the file name)')
    .option('--start <date>', 'first day of the training period, YYYY-MM-DD (earlier rows warm up the indicators)')
    .option('--end <date>', 'last day of the training period, YYYY-MM-DD')
    .option('-o, --out <model.json>', 'model file to write (default: <symbol>.model.json)')
    .option('--report <dir>', 'write report.json, equity.csv, trades.csv and report.html to this folder')
    .option('--config <file>', 'JSON settings file overriding config/defaults.json');
  addLearningFlags(command);
  addMarketFlags(command, 'config/defaults.json');
  command
    .option('--json', 'print one JSON document on stdout and nothing else')
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText('after', indicatorHelp())
    .action(async (pricesPath: string, flags: TrainFlags) => {
      const started = performance.now();
      const learning = learningOverride(flags);
      const settings = context.settings(flags.config, { ...learning, ...marketOverride(flags) }, flags.preset);
      const symbol = flags.symbol ?? symbolFromPath(pricesPath);
      if (flags.symbol !== undefined && flags.symbol.trim() === '') throw new InvalidOptionError('--symbol must not be empty');
      const out = flags.out ?? `${symbol.replace(/[^A-Za-z0-9._-]/g, '_')}.model.json`;
      const inputs = [pricesPath, ...(flags.config ? [flags.config] : [])];
      refuseToOverwrite(out, inputs, '--out');
      if (flags.report) refuseToOverwriteReport(flags.report, inputs);

      const quiet = flags.quiet === true || flags.json === true;
      const prices = await readPrices(pricesPath, flags.symbol);
      const data = prepareData(prices.series, settings.trader.indicators, { start: flags.start, end: flags.end }, pricesPath);
      printWarnings(context.terminal, [...prices.warnings, ...data.warnings], quiet);
      const progress = createProgress(context.terminal, settings.trader.epochs, !quiet);
      const result = trainTrader({ ...data, settings, onEpoch: (epoch, r) => progress.update(epoch, r) });
      progress.stop();
      const sizing = sizingOf(settings.market);
      const risk = [...result.diagnosis.warnings, ...leverageWarnings(sizing, result.inSample, result.benchmark, settings.market.maintenance)];
      printWarnings(context.terminal, risk, quiet);
      const warnings = [...prices.warnings, ...data.warnings, ...risk];

      const training = { ...trainingSummary(result), states: result.numStates };
      const model = modelOfTraining({ symbol, source: prices.source, series: prices.series, data, result, settings });
      const report = buildReport({
        command: 'train',
        symbol,
        data: prices.source,
        costs: { commission: settings.market.commission, impact: settings.market.impact },
        position: positionSection(sizing, settings.market.cash, settings.market.maintenance),
        strategy: result.inSample,
        benchmark: result.benchmark,
        training,
        model: out,
        warnings,
        policy: explainPolicy(result.learner, result.discretizer, data.features.labels, result.epochs, result.levels),
      });
      // The model and the report appear together or not at all.
      const extra = flags.report ? reportFiles(flags.report, report, { document: report, strategy: result.inSample, benchmark: result.benchmark }) : [];
      await writeFilesAtomic([{ path: out, content: serializeModel(model) }, ...extra]);
      const written = extra.map((f) => f.path);
      const seconds = (performance.now() - started) / 1000;

      const { terminal } = context;
      if (flags.json) {
        terminal.out(`${JSON.stringify({ ...report, command: 'train', training: { ...training, seconds: Number(seconds.toFixed(3)) } }, null, 2)}\n`);
        return;
      }
      if (flags.quiet) return;
      printReport(terminal, report, result.inSample, result.benchmark);
      terminal.out(
        `\ntrained ${training.epochs} epochs (${stopReason(training, settings.trader.patience)}): ${training.realSteps.toLocaleString('en-US')} real steps, ` +
          `${training.hallucinatedSteps.toLocaleString('en-US')} hallucinated, ${training.states} states, ${seconds.toFixed(2)} s\n` +
          `in-sample return ${percent(report.strategy.totalReturn)} vs buy-and-hold ${percent(report.benchmark.totalReturn)}\n` +
          (report.policy?.model ? `${modelSentence(report.policy.model)}\n` : '') +
          writtenLine('model', [out]) +
          writtenLine('report', written),
      );
    });
}

/** Why training stopped, in words: what converged, or that the epoch limit came first. */
function stopReason(training: { converged: boolean; changedDays: number; epochs: number }, patience: number): string {
  if (training.converged) return `converged: the greedy policy's positions did not change for ${patience} epochs`;
  return `epoch limit; the last epoch still changed the position on ${training.changedDays.toLocaleString('en-US')} training day${training.changedDays === 1 ? '' : 's'}`;
}

/** The indicators a --config file may choose, for `dyna train --help`. */
function indicatorHelp(): string {
  const rows = Object.entries(INDICATOR_DESCRIPTIONS).map(([name, what]) => `  ${name.padEnd(14)} ${what}`);
  return `\nIndicators (trader.indicators in a --config file; defaults in config/defaults.json):\n${rows.join('\n')}\n`;
}
