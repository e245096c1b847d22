/**
 * What a command does around its one workflow call: the I/O the workflow is
 * given (threads, progress bars, warnings on stderr), and showing and saving
 * the result (the terminal report, --json, the --report folder).
 */
import { join } from 'node:path';
import { InvalidOptionError } from '../errors.js';
import { printable, renderTerminalReport, reportFileContents, REPORT_FILES, significanceLines } from '../report/render/index.js';
import type { ReportViews, WorkflowIo, ProgressEvent, ReportDocument } from '../workflows/index.js';
import { refuseToOverwrite, writeFilesAtomic, type OutputFile } from './files.js';
import { threadRunner } from './jobs.js';
import { progressBar } from './progress.js';
import type { Terminal } from './terminal.js';

/** What every command gets from the shell. */
export interface CommandContext {
  terminal: Terminal;
  /** Sets the process exit code for a run that worked but should signal something (e.g. a CI gate). */
  setExitCode(code: number): void;
}

/** The output flags of the commands that report a run. */
export interface ReportFlags {
  report?: string;
  json?: boolean;
  quiet?: boolean;
}

/** True when nothing but the JSON document (or nothing at all) goes to the terminal. */
export function isQuiet(flags: { json?: boolean; quiet?: boolean }): boolean {
  return flags.quiet === true || flags.json === true;
}

/**
 * The end of a reporting command: writes the --report folder together with
 * `extra` files (all or none), then prints the JSON document, nothing (--quiet),
 * or `before`, the terminal report and `after(written report files)`.
 */
export async function saveAndShow(context: CommandContext, flags: ReportFlags, result: { symbol: string; views: ReportViews }, text: { before?: string; after: (written: string[]) => string }, extra: OutputFile[] = []): Promise<void> {
  const files = reportFiles(flags.report, result, result.views);
  await writeFilesAtomic([...extra, ...files]);
  const { terminal } = context;
  if (flags.json) return printJson(terminal, result);
  if (flags.quiet) return;
  if (text.before) terminal.out(text.before);
  printReport(terminal, result.views);
  terminal.out(text.after(files.map((f) => f.path)));
}

/** The terminal's text after a report: the significance lines (when tested, against `benchmarkName`) and the report files written. */
export function significanceAndFiles(significance: ReportDocument['significance'], benchmarkName?: string): (written: string[]) => string {
  return (written) => `${significance ? `\n${significanceLines(significance, benchmarkName).join('\n')}\n` : ''}${written.length ? `\n${writtenLine('report', written)}` : ''}`;
}

/** A workflow's I/O for a command: thread pool, progress bar, warnings on stderr (none when quiet; each clears the bar first); `stop` ends the bar. */
export function commandIo(terminal: Terminal, quiet: boolean, onNote: (event: ProgressEvent) => void = () => undefined): WorkflowIo & { stop(): void } {
  const bar = progressBar(terminal, !quiet);
  return {
    startRunner: threadRunner,
    onProgress: (event) => (event.kind === 'epoch' || event.kind === 'jobs' ? bar.onProgress(event) : quiet ? undefined : onNote(event)),
    onWarning: (warning) => {
      bar.stop();
      printWarnings(terminal, [warning], quiet);
    },
    stop: bar.stop,
  };
}

/** Prints warnings on stderr (unless quiet). */
export function printWarnings(terminal: Terminal, warnings: string[], quiet: boolean): void {
  if (quiet) return;
  for (const w of warnings) terminal.err(`${terminal.color.yellow('warning:')} ${printable(w)}\n`);
}

/** Prints one JSON document on stdout. */
export function printJson(terminal: Terminal, document: object): void {
  terminal.out(`${JSON.stringify(document, null, 2)}\n`);
}

/** Prints the report table and chart on stdout. */
export function printReport(terminal: Terminal, views: ReportViews): void {
  terminal.out(renderTerminalReport(views.report, views.strategy.values, views.benchmark.values, terminal.color));
}

/** The list of files written, as the terminal shows it. */
export function writtenLine(label: string, paths: string[]): string {
  return paths.length ? `${label}: ${paths.map(printable).join(', ')}\n` : '';
}

/** Throws when a --report folder would write over one of the inputs. */
export function refuseToOverwriteReport(dir: string | undefined, inputs: string[]): void {
  if (dir === undefined) return;
  if (dir.trim() === '') throw new InvalidOptionError('--report must not be empty');
  for (const name of REPORT_FILES) refuseToOverwrite(join(dir, name), inputs, '--report');
}

/** The four files of a --report folder (none without one), ready to write. */
export function reportFiles(dir: string | undefined, document: { symbol: string }, views: ReportViews): OutputFile[] {
  if (dir === undefined) return [];
  const content = reportFileContents(document, views);
  return REPORT_FILES.map((name) => ({ path: join(dir, name), content: content[name] }));
}
