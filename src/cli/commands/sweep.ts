/** `dyna sweep`: files x settings grids x seeds of train-then-test jobs, on all cores, shardable, resumable. */
import type { Command } from 'commander';
import { InvalidOptionError } from '../../errors.js';
import { percent, printable, pValueText, ratio, wrapText } from '../../report/render/index.js';
import { gridKeys, paramsLabel, planSweep, summarizeSweepFiles, sweep, type SweepDocument, type SweepOptions } from '../../workflows/index.js';
import { appendTarget, appendText, inputFiles, lockFile, refuseToOverwrite, truncateFile, writeFileAtomic } from '../files.js';
import { addPresetFlag, collect, integer, rangeHelp } from '../flags.js';
import { defaultJobs } from '../jobs.js';
import { commandIo, isQuiet, printJson, printWarnings, refuseToOverwriteSweepReport, writeSweepReport, writtenLine, type CommandContext } from '../output.js';
import type { Terminal } from '../terminal.js';

type SweepFlags = Omit<SweepOptions, 'prices' | 'split'> & { split?: string; grid?: string[]; summarize?: boolean; json?: boolean; quiet?: boolean; report?: string };

/** Registers `dyna sweep` on the program. */
export function registerSweep(program: Command, context: CommandContext): void {
  const command = program
    .command('sweep')
    .description('train and test every file x settings grid x seed on all cores; one JSON line per job; shardable and resumable')
    .argument('<files...>', 'price CSVs (or, with --summarize, result files to merge)')
    .option('--split <date>', 'first test day: each job trains before it and tests from it (required unless --summarize)')
    .option('--start <date>', 'first training day (earlier rows warm up the indicators)')
    .option('--end <date>', 'last test day')
    .option('--seeds <list>', 'seeds: a list and ranges, e.g. 1,2,5-8 (default: the configured seed)')
    .option('--grid <key=v1,v2>', 'a setting and its values; repeat for a grid (e.g. --grid dyna=0,100 --grid bins=3,4); keys below', collect)
    .option('--config <file>', 'JSON settings file: the base every job starts from');
  addPresetFlag(command, '--config')
    .option('--jobs <n>', `jobs at once, on worker threads${rangeHelp('jobs')} (default: the number of cores, ${defaultJobs()})`, integer('jobs'))
    .option('--shard <i/n|auto>', 'run only jobs i, i+n, i+2n...; auto reads Slurm or Kubernetes indices (auto/N gives the count)')
    .option('--out <results.jsonl>', 'results, one JSON line per job; jobs already in it are skipped (resume) (required unless --summarize)')
    .option('--summarize', 'summarize result files (merged shards) instead of running')
    .option('--report <dir>', 'write report.html (heat map, ranked table, per-file table) and summary.json to this folder')
    .option('--json', 'print the summary as one JSON document on stdout')
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText('after', gridHelp())
    .action(async (files: string[], flags: SweepFlags) => {
      const { terminal } = context;
      const inputs = inputFiles(...files, flags.config);
      refuseToOverwriteSweepReport(flags.report, inputFiles(...inputs, flags.out));
      if (flags.summarize) {
        const summary = summarizeSweepFiles(files);
        return finish(terminal, summary, flags);
      }
      const { out } = flags;
      if (!out) throw new InvalidOptionError('--out is required (the results file)');
      refuseToOverwrite(out, inputs, '--out');
      const quiet = isQuiet(flags);
      const options = { ...flags, prices: files, split: flags.split ?? '', jobs: flags.jobs ?? defaultJobs() };
      // Options first: a refused sweep leaves nothing behind, not even the folders of its --out and lock.
      const plan = planSweep(options);
      // One writer per results file: a second sweep on the same --out (a restarted pod beside the old one) stops here.
      // Through a symlink, the appends reach its target: the lock and the final rewrite go there too.
      const file = appendTarget(out);
      const release = await lockFile(file, (message) => printWarnings(terminal, [message], quiet));
      let result: Awaited<ReturnType<typeof sweep>>;
      try {
        const io = commandIo(terminal, quiet, (event) => {
          if (event.kind === 'shard') terminal.err(`shard ${event.index}/${event.count} from the environment (${event.source})\n`);
          if (event.kind === 'resume') terminal.err(`resuming: ${event.done} of ${event.of} jobs already in ${printable(event.file)}${event.rerun ? `; ${event.rerun} older lines without daily excess returns are run again` : ''}\n`);
        });
        // Lines are appended as jobs end; at the end the file is always rewritten in job order (atomically): the same bytes whatever --jobs was or however often the sweep was resumed.
        const sink = { append: (text: string) => appendText(file, text), truncate: (bytes: number) => truncateFile(file, bytes) };
        try {
          result = await sweep(options, { ...io, sink }, plan);
        } finally {
          io.stop();
        }
        await writeFileAtomic(file, result.results);
      } finally {
        release();
      }
      await finish(terminal, result, flags, `${result.ran} jobs run, ${result.skipped} already done; ${result.lines.length} lines in ${printable(out)}`);
    });
}

/** The end of a sweep or a summary: the --report folder, the summary (or the document with --json), then the warnings (in the document with --json). */
async function finish(terminal: Terminal, summary: SweepDocument & { lines: Parameters<typeof writeSweepReport>[2] }, flags: SweepFlags, note?: string): Promise<void> {
  const written = await writeSweepReport(flags.report, summary, summary.lines);
  printSummary(terminal, summary, flags, [note, writtenLine('report', written).trimEnd()].filter(Boolean).join('\n') || undefined);
  printWarnings(terminal, summary.warnings, isQuiet(flags));
}

function printSummary(terminal: Terminal, summary: SweepDocument, flags: SweepFlags, note?: string): void {
  if (flags.json) return printJson(terminal, summary);
  if (flags.quiet) return;
  // An empty shard (more shards than jobs) has nothing to rank: say so instead of an empty table.
  if (summary.rows.length === 0) return terminal.out(`no results to summarize${note ? `\n${note}` : ''}\n`);
  const label = (params: Record<string, unknown>) => printable(paramsLabel(params));
  const shown = summary.rows.slice(0, 20);
  const width = Math.max(10, ...shown.map((r) => label(r.params).length));
  const lines = [`${'parameters'.padEnd(width)}  jobs  never  ${'log exc/yr'.padStart(10)}  ${'vs B&H'.padStart(9)}  ${'return +- sd'.padStart(18)}  Sharpe`];
  for (const r of shown) {
    const cells = [
      label(r.params).padEnd(width),
      String(r.jobs).padStart(4),
      String(r.neverTraded).padStart(5),
      percent(252 * r.meanDailyLogExcess).padStart(10),
      percent(r.meanExcessReturn).padStart(9),
      `${percent(r.meanReturn).padStart(9)} +- ${percent(r.sdReturn, false).padStart(6)}`,
      `${ratio(r.meanSharpe).padStart(6)}${r.identicalSeeds ? '*' : ''}`,
    ];
    lines.push(cells.join('  '));
  }
  if (summary.rows.length > 20) lines.push(`... ${summary.rows.length - 20} more parameter sets (--json for all)`);
  const identical = shown.some((r) => r.identicalSeeds) ? ' *: every seed gave the same result.' : '';
  lines.push(wrapText(`Ranked by the mean daily log excess return over buy-and-hold (log exc/yr: 252 x that mean). vs B&H: mean test return minus buy-and-hold's. never: jobs that never traded. Sharpe: the mean, an undefined one counted as 0.${identical}`));
  const dsr = summary.deflatedSharpe === null ? 'n/a' : summary.deflatedSharpe.toFixed(3);
  lines.push('', wrapText(`best of ${summary.parameterSets} parameter sets: deflated Sharpe ratio ${dsr} (the probability its Sharpe ratio is real after trying ${summary.parameterSets})`));
  const rc = summary.realityCheck;
  if (rc) lines.push(wrapText(`reality check (does the best set beat buy-and-hold once the search is paid for?): p = ${pValueText(rc.pValue)} for ${label(rc.best)} (Hansen's SPA test, ${rc.samples} samples, ${rc.sets} sets over ${rc.days} days)`));
  lines.push(...summary.notes.map((n) => wrapText(`note: ${printable(n)}`)));
  if (note) lines.push(note);
  terminal.out(`${lines.join('\n')}\n`);
}

/** The settings --grid takes, by section, for `dyna sweep --help`. */
function gridHelp(): string {
  const keys = gridKeys();
  const sections = ['learner', 'trader', 'market'] as const;
  const rows = sections.map((section) => wrapText(`  ${section.padEnd(8)} ${keys.filter((k) => k.section === section).map((k) => k.key).join(', ')}`, 80, 11));
  return `\n--grid keys (settings of config/defaults.json; --seeds varies the seed):\n${rows.join('\n')}\n`;
}
