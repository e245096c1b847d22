/** `dyna train`: learn a policy on a price file, write the model and (optionally) a report. */
import type { Command } from 'commander';
import { InvalidOptionError } from '../../errors.js';
import { INDICATOR_DESCRIPTIONS } from '../../features/indicators.js';
import { buildReport } from '../../report/report.js';
import { prepareData } from '../../strategy/prepare.js';
import { trainTrader } from '../../strategy/trainer.js';
import { modelOfTraining, serializeModel, trainingSummary } from '../../strategy/model-file.js';
import { refuseToOverwrite, writeFilesAtomic } from '../files.js';
import { readPrices } from '../inputs.js';
import * as parse from '../option-parsers.js';
import { createProgress } from '../progress.js';
import { printReport, printWarnings, refuseToOverwriteReport, reportFiles } from '../report-output.js';
import { symbolFromPath } from '../../data/load-prices.js';
import { percent } from '../../report/format.js';
import type { CommandContext } from '../context.js';

interface TrainFlags {
  symbol?: string;
  start?: string;
  end?: string;
  out?: string;
  report?: string;
  config?: string;
  seed?: number;
  dyna?: number;
  epochs?: number;
  bins?: number;
  alpha?: number;
  gamma?: number;
  rar?: number;
  radr?: number;
  commission?: number;
  impact?: number;
  shares?: number;
  cash?: number;
  json?: boolean;
  quiet?: boolean;
}

/** Registers `dyna train` on the program. */
export function registerTrain(program: Command, context: CommandContext): void {
  program
    .command('train')
    .description('learn a Dyna-Q trading policy on a daily price CSV and save it as a model file')
    .argument('<prices.csv>', 'daily prices: Date and Close or Adj Close (Yahoo-style exports work as they are)')
    .option('--symbol <name>', 'name of the series (default: the file name)')
    .option('--start <date>', 'first day of the training period, YYYY-MM-DD (earlier rows warm up the indicators)')
    .option('--end <date>', 'last day of the training period, YYYY-MM-DD')
    .option('-o, --out <model.json>', 'model file to write (default: <symbol>.model.json)')
    .option('--report <dir>', 'write report.json, equity.csv, trades.csv and report.html to this folder')
    .option('--config <file>', 'JSON settings file overriding config/defaults.json')
    .option('--seed <n>', 'random seed: same inputs and seed give identical files', parse.seed)
    .option('--dyna <n>', 'hallucinated updates per real step', parse.count)
    .option('--epochs <n>', 'maximum passes over the training period', parse.positiveInteger)
    .option('--bins <n>', 'buckets per indicator', parse.positiveInteger)
    .option('--alpha <x>', 'learning rate, 0..1', parse.number)
    .option('--gamma <x>', 'discount factor, 0..1', parse.number)
    .option('--rar <x>', 'initial random action rate, 0..1', parse.number)
    .option('--radr <x>', 'random action decay rate per step, 0..1', parse.number)
    .option('--commission <x>', 'cost per trade', parse.number)
    .option('--impact <x>', 'market impact, fraction of traded value', parse.number)
    .option('--shares <n>', 'position size in shares', parse.positiveInteger)
    .option('--cash <x>', 'starting cash', parse.number)
    .option('--json', 'print one JSON document on stdout and nothing else')
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText('after', indicatorHelp())
    .action(async (pricesPath: string, flags: TrainFlags) => {
      const started = performance.now();
      const settings = context.settings(flags.config, {
        learner: { dyna: flags.dyna, alpha: flags.alpha, gamma: flags.gamma, rar: flags.rar, radr: flags.radr },
        market: { commission: flags.commission, impact: flags.impact, shares: flags.shares, cash: flags.cash },
        trader: { epochs: flags.epochs, seed: flags.seed, bins: flags.bins },
      });
      const symbol = flags.symbol ?? symbolFromPath(pricesPath);
      if (flags.symbol !== undefined && flags.symbol.trim() === '') throw new InvalidOptionError('--symbol must not be empty');
      const out = flags.out ?? `${symbol.replace(/[^A-Za-z0-9._-]/g, '_')}.model.json`;
      const inputs = [pricesPath, ...(flags.config ? [flags.config] : [])];
      refuseToOverwrite(out, inputs, '--out');
      if (flags.report) refuseToOverwriteReport(flags.report, inputs);

      const prices = await readPrices(pricesPath, flags.symbol);
      const data = prepareData(prices.series, settings.trader.indicators, { start: flags.start, end: flags.end }, pricesPath);
      const warnings = [...prices.warnings, ...data.warnings];
      printWarnings(context.terminal, warnings, flags.quiet === true || flags.json === true);
      const progress = createProgress(context.terminal, settings.trader.epochs, !flags.quiet && !flags.json);
      const result = trainTrader({ ...data, settings, onEpoch: (epoch, r) => progress.update(epoch, r) });
      progress.stop();

      const training = { ...trainingSummary(result), states: result.numStates };
      const model = modelOfTraining({ symbol, source: prices.source, series: prices.series, data, result, settings });
      const report = buildReport({
        command: 'train',
        symbol,
        data: prices.source,
        costs: { commission: settings.market.commission, impact: settings.market.impact },
        position: { shares: settings.market.shares, cash: settings.market.cash },
        strategy: result.inSample,
        benchmark: result.benchmark,
        training,
        model: out,
        warnings,
      });
      // The model and the report appear together or not at all.
      const extra = flags.report ? reportFiles(flags.report, report, result.inSample, result.benchmark) : [];
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
        `\ntrained ${training.epochs} epochs${training.converged ? ' (converged)' : ''}: ${training.realSteps.toLocaleString('en-US')} real steps, ` +
          `${training.hallucinatedSteps.toLocaleString('en-US')} hallucinated, ${training.states} states, ${seconds.toFixed(2)} s\n` +
          `in-sample return ${percent(report.strategy.totalReturn)} vs buy-and-hold ${percent(report.benchmark.totalReturn)}\n` +
          `model: ${out}\n` +
          (written.length ? `report: ${written.join(', ')}\n` : ''),
      );
    });
}

/** The indicators a --config file may choose, for `dyna train --help`. */
function indicatorHelp(): string {
  const rows = Object.entries(INDICATOR_DESCRIPTIONS).map(([name, what]) => `  ${name.padEnd(14)} ${what}`);
  return `\nIndicators (trader.indicators in a --config file; defaults in config/defaults.json):\n${rows.join('\n')}\n`;
}
