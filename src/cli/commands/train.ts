/** `dyna train`: learn a policy on a price file, write the model and (optionally) a report. */
import type { Command } from 'commander';
import { continuedLine, modelSentence, percent, stopReason, wrapText } from '../../report/render/index.js';
import { defaultModelPath, INDICATOR_DESCRIPTIONS, train, type TrainOptions } from '../../workflows/index.js';
import { inputFiles, refuseToOverwrite } from '../files.js';
import { addLearningFlags, addMarketFlags, addOutputFlags } from '../flags.js';
import { commandIo, isQuiet, refuseToOverwriteReport, saveAndShow, writtenLine, type CommandContext, type ReportFlags } from '../output.js';

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
    .option('--config <file>', 'JSON settings file overriding config/defaults.json')
    .option('--init-model <model.json>', "continue this model over the period (default start: its last training day): its tables, thresholds and settings")
    .option('--refit', 'with --init-model: fit new bucket thresholds on the period; the learned tables then start empty');
  addOutputFlags(addMarketFlags(addLearningFlags(command), 'defaults'))
    .addHelpText('after', indicatorHelp())
    .action(async (prices: string, flags: Omit<TrainOptions, 'prices'> & ReportFlags) => {
      const out = flags.out ?? defaultModelPath(prices, flags.symbol);
      const inputs = inputFiles(prices, flags.config, flags.initModel);
      refuseToOverwrite(out, inputs, '--out');
      refuseToOverwriteReport(flags.report, inputs);
      const io = commandIo(context.terminal, isQuiet(flags));
      const result = await train({ ...flags, prices, out }, io);
      io.stop();
      const { training } = result;
      // The model and the report appear together or not at all.
      await saveAndShow(context, flags, result, {
        after: (written) =>
          `\n${wrapText(`trained ${training.epochs} epochs (${stopReason(training, result.settings.trader.patience)}): ${training.realSteps.toLocaleString('en-US')} real steps, ${training.hallucinatedSteps.toLocaleString('en-US')} hallucinated, ${training.states} states, ${training.seconds.toFixed(2)} s`)}\n` +
          `in-sample return ${percent(result.strategy.totalReturn)} vs buy-and-hold ${percent(result.benchmark.totalReturn)}\n` +
          (result.policy?.model ? `${wrapText(modelSentence(result.policy.model))}\n` : '') +
          (result.continued ? `${continuedLine(result.continued)}\n` : '') +
          `${writtenLine('model', [out])}${writtenLine('report', written)}`,
      }, [{ path: out, content: result.modelFile }]);
    });
}

/** The indicators a --config file may choose, for `dyna train --help`. */
function indicatorHelp(): string {
  const rows = Object.entries(INDICATOR_DESCRIPTIONS).map(([name, what]) => wrapText(`  ${name.padEnd(14)} ${what}`, 80, 17));
  return `\nIndicators (trader.indicators in a --config file; defaults in\nconfig/defaults.json):\n${rows.join('\n')}\n`;
}
