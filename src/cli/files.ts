/**
 * All of dyna's file writing goes through here (appends included). Outputs are
 * written safely: never over an input (compared by real path and by device and
 * inode, so a symlink or a second path to the same file is caught), never over
 * anything that is not a regular file (a device, a pipe, a folder), each file
 * through a temporary sibling and a rename, and no temporary file left behind:
 * removed on failure, on SIGINT/SIGTERM, and (after a kill -9) by the next run
 * that writes the same file.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, closeSync, lstatSync, openSync, readdirSync, realpathSync, renameSync, rmSync, statSync, truncateSync, writeFileSync, writeSync, type Stats } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { DynaError, InvalidOptionError, ioError } from '../errors.js';

/** Where a path leads once every symlink is followed (for a file that does not exist yet: its folder's real path). */
function realTarget(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return join(realpathSync(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Throws a usage error when an output would write over one of the inputs (same
 * real path, or same device and inode), or when it names something other than a
 * regular file (a device such as /dev/full, a named pipe, a folder): dyna only ever replaces files.
 */
export function refuseToOverwrite(output: string, inputs: string[], option: string): void {
  if (output.trim() === '') throw new InvalidOptionError(`${option} must not be empty`);
  const target = realTarget(output);
  const info = statOrUndefined(output);
  if (info && !info.isFile()) throw new InvalidOptionError(`${option} ${output} exists and is not a regular file; refusing to replace it`);
  for (const input of inputs) {
    const other = statOrUndefined(input);
    const same = realTarget(input) === target || (info !== undefined && other !== undefined && info.dev === other.dev && info.ino === other.ino);
    if (same) throw new InvalidOptionError(`${option} ${output} is an input file (${input}); refusing to overwrite it`);
  }
}

/** The paths among `paths` that are files already: outputs a run is about to replace (for its notice). */
export function existingFiles(paths: string[]): string[] {
  return paths.filter((path) => statOrUndefined(path)?.isFile() === true);
}

/** A file to write: where, and what (the text, or its pieces in order: a long file written as it is made). */
export interface OutputFile {
  path: string;
  content: string | Iterable<string>;
}

/** Temporary files of this process not yet renamed: what a signal handler must remove. */
const staged = new Set<string>();

/** Whether this process has renamed an output into place (what an interrupt's exit status must tell). */
let replacedAny = false;

/** True once this process has put an output in place: from then on an interrupt cannot leave things as they were. */
export function outputsReplaced(): boolean {
  return replacedAny;
}

/** Removes this process's temporary files (synchronously: safe in a signal handler). */
export function removeStagedFiles(): void {
  for (const temp of staged) rmSync(temp, { force: true });
  staged.clear();
}

const TEMP = /^(.*)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** Removes temporary files of `path` left by dyna processes that no longer run (a kill -9 leaves them). */
function removeStaleTemps(path: string): void {
  const folder = dirname(resolve(path));
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m || m[1] !== basename(path) || Number(m[2]) === process.pid || isRunning(Number(m[2]))) continue;
    try {
      if (lstatSync(join(folder, name)).isFile()) rmSync(join(folder, name), { force: true });
    } catch {
      // Another run cleaned it first.
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Writes several files so that a failure changes none of them: every file goes
 * to a temporary name first, and the renames, one quick step, happen only once
 * all writes succeeded. (Renames are atomic one file at a time; a kill between
 * two of them can leave a new file beside an old one, never half a file.)
 */
export async function writeFilesAtomic(files: OutputFile[]): Promise<void> {
  const temps: string[] = [];
  let current = files[0]?.path ?? '(output)';
  try {
    for (const { path, content } of files) {
      current = path;
      await makeFolders(dirname(resolve(path)));
      removeStaleTemps(path);
      const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      staged.add(temp);
      temps.push(temp);
      // Synchronous on purpose: a signal handler then runs only between whole steps, and finds every temporary file in `staged`.
      if (typeof content === 'string') writeFileSync(temp, content, { encoding: 'utf8', flag: 'wx' });
      else writePieces(temp, content);
    }
    for (const [i, { path }] of files.entries()) {
      current = path;
      renameSync(temps[i], path);
      replacedAny = true;
      staged.delete(temps[i]);
    }
  } catch (error) {
    await Promise.all(temps.map((temp) => rm(temp, { force: true }).catch(() => undefined)));
    for (const temp of temps) staged.delete(temp);
    // Pieces made while writing can fail for their own reasons (a typed error): those are not I/O errors.
    throw error instanceof DynaError ? error : ioError(current, error);
  }
}

/** Writes the pieces to a new file, one after another. */
function writePieces(path: string, pieces: Iterable<string>): void {
  const fd = openSync(path, 'wx');
  try {
    for (const piece of pieces) {
      const bytes = Buffer.from(piece, 'utf8');
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
    }
  } finally {
    closeSync(fd);
  }
}

/** Writes one file through a temporary sibling and a rename, so readers never see half a file. */
export async function writeFileAtomic(path: string, content: OutputFile['content']): Promise<void> {
  await writeFilesAtomic([{ path, content }]);
}

/** Appends text to a file in one write (a sweep's line as its job ends: a kill loses only jobs in flight, never half a line). */
export function appendText(path: string, text: string): void {
  try {
    appendFileSync(path, text);
  } catch (error) {
    throw ioError(path, error);
  }
}

/** Cuts a file to its first `bytes` bytes (an unfinished last line left by a killed run). */
export function truncateFile(path: string, bytes: number): void {
  try {
    truncateSync(path, bytes);
  } catch (error) {
    throw ioError(path, error);
  }
}

/**
 * Creates a folder and its missing parents one level at a time. (Node's
 * recursive mkdir can spin forever where a parent refuses new entries, as in
 * /proc.) Another process creating the same folder at the same time is fine.
 */
async function makeFolders(folder: string): Promise<void> {
  const missing: string[] = [];
  let at = folder;
  for (;;) {
    const info = await stat(at).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (info) {
      if (!info.isDirectory()) throw Object.assign(new Error(`${at} is not a folder`), { code: 'EEXIST' });
      break;
    }
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const dir of missing) {
    await mkdir(dir).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST' && (await stat(dir)).isDirectory()) return;
      throw error;
    });
  }
}
