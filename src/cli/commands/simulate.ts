/** `dyna simulate`: replay an orders file (ML4T marketsim format) through the simulator and report it. */
import type { Command } from 'commander';
import { simulate, type SimulateOptions } from '../../workflows/index.js';
import { inputFiles } from '../files.js';
import { addAccountFlags, addOutputFlags, commandWithRequired, integer, rangeHelp } from '../flags.js';
import { commandIo, isQuiet, refuseToOverwriteReport, saveAndShow, significanceAndFiles, type CommandContext, type ReportFlags } from '../output.js';

/** Registers `dyna simulate` on the program. */
export function registerSimulate(program: Command, context: CommandContext): void {
  const command = commandWithRequired(
    program,
    'simulate',
    'replay an orders file (Date,Symbol,Order,Shares: the ML4T marketsim format) and report it',
    ['<orders.csv>', 'orders: Date, Symbol, Order (BUY or SELL), Shares; any row order, several symbols'],
    ['--prices <dir>', 'folder of price files, one <SYMBOL>.csv per symbol'],
  )
    .option('--start <date>', 'first day (default: the first order date)')
    .option('--end <date>', 'last day (default: the last order date, or the last day of the price files while positions are open)')
    .option('--benchmark <symbol>', 'compare with buying and holding this symbol (its file must be in --prices): the most shares the orders hold of it, else all the cash')
    .option('--significance <n>', `also test the timing against n random timings with the same holdings, and the excess over the benchmark (cash without --benchmark) by n bootstrap samples${rangeHelp('significance')}`, integer('significance'))
    .option('--report <dir>', 'write report.json, equity.csv (with holdings per symbol), trades.csv and report.html')
    .option('--config <file>', 'JSON settings file (its "market" section)');
  addOutputFlags(addAccountFlags(command, 'defaults')).action(async (orders: string, flags: Omit<SimulateOptions, 'orders'> & ReportFlags) => {
    const inputs = inputFiles(orders, flags.config);
    refuseToOverwriteReport(flags.report, inputs);
    const result = await simulate({ ...flags, orders }, commandIo(context.terminal, isQuiet(flags)));
    // The price files it read are inputs too.
    refuseToOverwriteReport(flags.report, [...inputs, ...result.inputs]);
    await saveAndShow(context, flags, result, { after: significanceAndFiles(result.significance, result.benchmarkName) });
  });
}
