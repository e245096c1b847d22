/**
 * What a command does around its one workflow call: the I/O the workflow is
 * given (threads, progress bars, warnings on stderr), and showing and saving
 * the result (the terminal report, --json, the --report folder).
 */
import { basename, dirname, join } from 'node:path';
import { InvalidOptionError } from '../errors.js';
import { jsonText } from '../json.js';
import { printable, renderSweepReport, renderTerminalReport, reportFilePieces, REPORT_FILES, significanceLines, wrapText, type SweepPageLine, type SweepPageSummary } from '../report/render/index.js';
import type { ReportViews, WorkflowIo, ProgressEvent, ReportDocument } from '../workflows/index.js';
import { existingFiles, refuseToOverwrite, writeFilesAtomic, type OutputFile } from './files.js';
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
 * or `before`, the terminal report and `after(written report files)`. Then, on
 * stderr, a notice for each earlier model or report it replaced (unless
 * --quiet) and the run's warnings (unless --quiet or --json): last, where the
 * 40-line table cannot scroll them away.
 */
export async function saveAndShow(context: CommandContext, flags: ReportFlags, result: { symbol: string; views: ReportViews; warnings: string[] }, text: { before?: string; after: (written: string[]) => string }, extra: OutputFile[] = []): Promise<void> {
  const files = reportFiles(flags.report, result, result.views);
  const replaced = [...existingFiles(extra.map((f) => f.path)), ...(flags.report !== undefined && existingFiles(files.map((f) => f.path)).length > 0 ? [`the report in ${flags.report}`] : [])];
  await writeFilesAtomic([...extra, ...files]);
  const { terminal } = context;
  if (!flags.quiet) terminal.err(replacedNotice(replaced));
  if (flags.json) return printJson(terminal, result);
  if (flags.quiet) return;
  if (text.before) terminal.out(text.before);
  printReport(terminal, result.views);
  terminal.out(text.after(files.map((f) => f.path)));
  printWarnings(terminal, result.warnings, false);
}

/** "notice: replaced x" lines for outputs that existed before the run wrote them. */
export function replacedNotice(replaced: string[]): string {
  return replaced.map((what) => `notice: replaced ${printable(what)}\n`).join('');
}

/** The terminal's text after a report: the significance lines (when tested, against `benchmarkName`) and the report files written. */
export function significanceAndFiles(significance: ReportDocument['significance'], benchmarkName?: string): (written: string[]) => string {
  return (written) => `${significance ? `\n${significanceLines(significance, benchmarkName).map((l) => wrapText(l)).join('\n')}\n` : ''}${written.length ? `\n${writtenLine('report', written)}` : ''}`;
}

/**
 * A workflow's I/O for a command: thread pool and progress bar. Warnings are
 * not printed as they come: the command prints the result's list after its
 * report (saveAndShow). `stop` ends the bar.
 */
export function commandIo(terminal: Terminal, quiet: boolean, onNote: (event: ProgressEvent) => void = () => undefined): WorkflowIo & { stop(): void } {
  const bar = progressBar(terminal, !quiet);
  return {
    startRunner: threadRunner,
    onProgress: (event) => (event.kind === 'epoch' || event.kind === 'jobs' ? bar.onProgress(event) : quiet ? undefined : onNote(event)),
    stop: bar.stop,
  };
}

/** Prints warnings on stderr (unless quiet), each wrapped to 80 columns. */
export function printWarnings(terminal: Terminal, warnings: string[], quiet: boolean): void {
  if (quiet) return;
  for (const w of warnings) terminal.err(`${terminal.color.yellow('warning:')}${wrapText(`warning: ${printable(w)}`, 80, 9).slice('warning:'.length)}\n`);
}

/** Prints one JSON document on stdout. */
export function printJson(terminal: Terminal, document: object): void {
  terminal.out(`${jsonText(document, 2)}\n`);
}

/** Prints the report table and chart on stdout. */
function printReport(terminal: Terminal, views: ReportViews): void {
  terminal.out(renderTerminalReport(views.report, views.strategy.values, views.benchmark.values, terminal.color));
}

/** The list of files written, as the terminal shows it: files of one folder as the folder and their names, within 80 columns. */
export function writtenLine(label: string, paths: string[]): string {
  if (paths.length === 0) return '';
  const folder = dirname(paths[0]);
  if (paths.length > 1 && paths.every((p) => dirname(p) === folder)) {
    const names = paths.map((p) => basename(p));
    const main = names.includes('report.html') ? 'report.html' : names[0];
    return `${wrapText(`${label}: ${printable(join(folder, main))} (with ${names.filter((n) => n !== main).join(', ')})`)}\n`;
  }
  return `${wrapText(`${label}: ${paths.map(printable).join(', ')}`)}\n`;
}

/** Throws when a --report folder would write over one of the inputs. */
export function refuseToOverwriteReport(dir: string | undefined, inputs: string[]): void {
  refuseToOverwriteFolder(dir, REPORT_FILES, inputs);
}

/** Throws when a --report folder is given empty, or when one of its files (`names`) would write over one of the inputs. */
function refuseToOverwriteFolder(dir: string | undefined, names: readonly string[], inputs: string[]): void {
  if (dir === undefined) return;
  checkReportFolder(dir);
  for (const name of names) refuseToOverwrite(join(dir, name), inputs, '--report');
}

/** Refuses a --report folder given as an empty string. */
function checkReportFolder(dir: string): void {
  if (dir.trim() === '') throw new InvalidOptionError('--report must not be empty');
}

/** The files of a sweep's --report folder. */
const SWEEP_REPORT_FILES = ['summary.json', 'report.html'] as const;

/** Writes summary.json and report.html to the --report folder (both or neither); returns their paths. */
export async function writeSweepReport(dir: string | undefined, summary: SweepPageSummary, lines: SweepPageLine[]): Promise<string[]> {
  if (dir === undefined) return [];
  checkReportFolder(dir);
  const content: Record<(typeof SWEEP_REPORT_FILES)[number], string> = { 'summary.json': `${jsonText(summary, 2)}\n`, 'report.html': renderSweepReport(summary, lines) };
  const files = SWEEP_REPORT_FILES.map((name) => ({ path: join(dir, name), content: content[name] }));
  await writeFilesAtomic(files);
  return files.map((f) => f.path);
}

/** Throws when a sweep's --report folder would write over one of the inputs. */
export function refuseToOverwriteSweepReport(dir: string | undefined, inputs: string[]): void {
  refuseToOverwriteFolder(dir, SWEEP_REPORT_FILES, inputs);
}

/** The four files of a --report folder (none without one), ready to write. */
function reportFiles(dir: string | undefined, document: { symbol: string }, views: ReportViews): OutputFile[] {
  if (dir === undefined) return [];
  const content = reportFilePieces(document, views);
  return REPORT_FILES.map((name) => ({ path: join(dir, name), content: content[name] }));
}
