/** `dyna walk-forward`: train and test window after window, in parallel, and report the out-of-sample run of one account through them. */
import type { Command } from 'commander';
import { renderWindowTable } from '../../report/render/index.js';
import { walkForward, type WalkForwardOptions } from '../../workflows/index.js';
import { inputFiles } from '../files.js';
import { addLearningFlags, addMarketFlags, addOutputFlags, addSignificanceFlag, integer, rangeHelp, requiredOption } from '../flags.js';
import { defaultJobs } from '../jobs.js';
import { commandIo, isQuiet, refuseToOverwriteReport, saveAndShow, significanceAndFiles, type CommandContext, type ReportFlags } from '../output.js';

/** Registers `dyna walk-forward` on the program. */
export function registerWalkForward(program: Command, context: CommandContext): void {
  const command = program
    .command('walk-forward')
    .description('train on a window, test on the next days it never saw, move on; report the out-of-sample run of one account through the windows')
    .argument('<prices.csv>', 'daily prices');
  requiredOption(command, '--train <rows>', `rows (trading days) each window trains on${rangeHelp('train')}`, integer('train'));
  requiredOption(command, '--test <rows>', `rows each window is tested on${rangeHelp('test')}`, integer('test'));
  command
    .option('--step <rows>', `rows from one window to the next${rangeHelp('step')} (default: --test, so test windows are contiguous)`, integer('step'))
    .option('--anchored', 'keep the training start fixed: each window trains on everything before its test rows')
    .option('--online', 'continue one model from window to window (as train --init-model does) instead of training each afresh; windows run one after another')
    .option('--start <date>', 'first usable day (earlier rows warm up the indicators)')
    .option('--end <date>', 'last day')
    .option('--symbol <name>', 'name of the series (default: the file name)')
    .option('--config <file>', 'JSON settings file overriding config/defaults.json');
  addMarketFlags(addLearningFlags(command), 'defaults').option('--jobs <n>', `windows trained at once, on worker threads${rangeHelp('jobs')} (default: the number of cores, ${defaultJobs()})`, integer('jobs'));
  addSignificanceFlag(command)
    .option('--report <dir>', 'write report.json, equity.csv, trades.csv (the account through the windows) and report.html');
  addOutputFlags(command).action(async (prices: string, flags: Omit<WalkForwardOptions, 'prices'> & ReportFlags) => {
    refuseToOverwriteReport(flags.report, inputFiles(prices, flags.config));
    const io = commandIo(context.terminal, isQuiet(flags));
    const result = await walkForward({ ...flags, prices, jobs: flags.jobs ?? defaultJobs() }, io);
    io.stop();
    const online = result.online ? ", online: each window continued the previous window's model" : '';
    const before = `${renderWindowTable(result.windows)}\nout-of-sample run, one account through the ${result.windows.length} windows${online}:\n`;
    await saveAndShow(context, flags, result, { before, after: significanceAndFiles(result.significance) });
  });
}
