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
import { appendFileSync, closeSync, lstatSync, openSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, truncateSync, unlinkSync, utimesSync, writeSync, writeFileSync, type Stats } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { DynaError, InvalidOptionError, IoError, ioError } from '../errors.js';

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

/**
 * The file a path writes to when it is appended to: a symlink's target, else the
 * path itself. A file that is appended to and then replaced (a sweep's results)
 * must be replaced, and locked, where the appends went, or the link would turn
 * into a copy and its target keep the lines unordered.
 */
export function appendTarget(path: string, hops = 0): string {
  try {
    // (A loop of links ends here after as many hops as the kernel follows; the append then fails naming the file.)
    if (hops >= 40 || !lstatSync(path).isSymbolicLink()) return path;
  } catch {
    return path;
  }
  try {
    return realpathSync(path);
  } catch {
    // A link to a file not made yet: where it points (the first append makes it there).
    return appendTarget(resolve(dirname(path), readlinkSync(path)), hops + 1);
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

/** The input files a run names, for refuseToOverwrite: the paths given, in order (an option not given, or given empty, names none). */
export function inputFiles(...paths: Array<string | undefined>): string[] {
  return paths.filter((path): path is string => Boolean(path));
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

/** Removes this process's temporary files and the locks it holds (synchronously: safe in a signal handler). */
export function removeStagedFiles(): void {
  for (const temp of staged) rmSync(temp, { force: true });
  staged.clear();
  for (const { release } of [...held.values()]) release();
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

/** Appends text to a file in one write (a sweep's line as its job ends: a kill loses only jobs in flight, never half a line), and renews the file's lock if this process holds it. */
export function appendText(path: string, text: string): void {
  try {
    appendFileSync(path, text);
  } catch (error) {
    throw ioError(path, error);
  }
  held.get(`${path}.lock`)?.renew();
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

/** Who holds a lock: written into the lock file. */
interface LockOwner {
  pid: number;
  host: string;
  /** Where `pid` means something (see machineId). */
  machine: string;
  since: string;
  /** Tells this lock from a later one of the same process. */
  token: string;
}

/** A lock whose owner cannot be asked (another machine) is stale once it has not been renewed for this long; its owner renews it every LOCK_RENEW_MS. */
export const LOCK_STALE_MS = 10 * 60_000;
const LOCK_RENEW_MS = 30_000;

/** Locks this process holds, by lock file: how to renew and release each. */
const held = new Map<string, { renew(): void; release(): void }>();
let exitHookInstalled = false;

/**
 * Where a pid names one process: on Linux this boot of this machine and this
 * pid namespace (two containers share a host name and pid numbers, a restarted
 * pod keeps its host name), elsewhere the host name.
 */
function machineId(): string {
  try {
    return `${readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()} ${readlinkSync('/proc/self/ns/pid')}`;
  } catch {
    return hostname();
  }
}

/** What a lock file holds, or undefined when it is gone or unreadable (being written). */
function lockOwner(lock: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(lock, 'utf8')) as Partial<LockOwner>;
    // A pid of 0 or below names no process (kill(0) or kill(-1) would answer for a whole group): such a lock is judged by its age.
    return Number.isSafeInteger(owner.pid) && (owner.pid as number) > 0 && typeof owner.host === 'string' && typeof owner.machine === 'string' ? (owner as LockOwner) : undefined;
  } catch {
    return undefined;
  }
}

/** Why the lock `lock` (held by `owner`, as far as it can be read) can be taken over, or undefined when its owner may still run. */
function staleness(lock: string, owner: LockOwner | undefined, me: LockOwner): string | undefined {
  if (owner !== undefined && owner.machine === me.machine) {
    // A pid of this machine can be asked; our own pid in a lock we do not hold is a former process's (a restarted container).
    const running = owner.pid === me.pid ? held.has(lock) : isRunning(owner.pid);
    return running ? undefined : `of process ${owner.pid}, which no longer runs`;
  }
  const age = Date.now() - (statOrUndefined(lock)?.mtimeMs ?? Date.now());
  if (age <= LOCK_STALE_MS) return undefined;
  return `${owner === undefined ? '' : `of process ${owner.pid} on host ${owner.host}, `}not renewed for ${Math.round(age / 60_000)} minutes`;
}

/** A `<lock>.takeover` file older than this was left by a run that died while taking a lock over (it is held for microseconds). */
const TAKEOVER_STALE_MS = 10_000;

/**
 * Removes a stale lock, found as `seen` holding `owner`, unless another run
 * replaced it meanwhile; true when it was removed here. One run at a time may
 * do this (it holds the exclusive file `<lock>.takeover` meanwhile), so two
 * runs taking over the same stale lock cannot remove each other's new one.
 */
function removeStaleLock(lock: string, seen: Stats | undefined, owner: LockOwner | undefined): boolean {
  const mutex = `${lock}.takeover`;
  let fd: number;
  try {
    fd = openSync(mutex, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError(mutex, error);
    const age = Date.now() - (statOrUndefined(mutex)?.mtimeMs ?? Date.now());
    if (age > TAKEOVER_STALE_MS) rmSync(mutex, { force: true });
    return false;
  }
  try {
    // The same file (inode and creation) with the same owner: nobody took it over between our look and now.
    const now = statOrUndefined(lock);
    const same = seen !== undefined && now !== undefined && now.ino === seen.ino && now.ctimeMs === seen.ctimeMs && lockOwner(lock)?.token === owner?.token;
    if (same) rmSync(lock, { force: true });
    return same;
  } finally {
    closeSync(fd);
    rmSync(mutex, { force: true });
  }
}

/**
 * Takes the lock of `path` (the file `<path>.lock`, created exclusively, holding
 * this process's pid and host), so that one process at a time writes it; returns
 * its release. A lock whose process no longer runs is taken over (told through
 * `onStale`): on this machine its pid is asked; from another machine (a pod on
 * another node, a shared volume), whose pids cannot be asked, once it has not
 * been renewed for LOCK_STALE_MS (its owner renews it every 30 s and at each append). Any other lock
 * is an IoError that says how to remove it if its owner is gone. Missing folders
 * of `path` are created first, as for any output.
 */
export async function lockFile(path: string, onStale: (message: string) => void = () => undefined): Promise<() => void> {
  const lock = `${path}.lock`;
  await makeFolders(dirname(resolve(path))).catch((error: unknown) => {
    throw ioError(path, error);
  });
  const me: LockOwner = { pid: process.pid, host: hostname(), machine: machineId(), since: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = openSync(lock, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError(lock, error);
      if (attempt >= 3) throw new IoError(`${path}: another run is taking over its lock ${lock} right now; try again in a moment`);
      const seen = statOrUndefined(lock);
      const owner = lockOwner(lock);
      const stale = staleness(lock, owner, me);
      if (stale !== undefined) {
        if (removeStaleLock(lock, seen, owner)) onStale(`removed the lock ${lock} ${stale}`);
        continue;
      }
      const who = owner === undefined ? 'another run' : `process ${owner.pid} on ${owner.machine === me.machine ? 'this host' : `host ${owner.host}`} (since ${owner.since})`;
      throw new IoError(`${path}: in use by ${who}; one sweep at a time writes a results file (if that run is gone, remove ${lock})`);
    }
    try {
      writeSync(fd, `${JSON.stringify(me)}\n`);
    } catch (error) {
      closeSync(fd);
      rmSync(lock, { force: true });
      throw ioError(lock, error);
    }
    closeSync(fd);
    break;
  }
  const renew = () => {
    try {
      utimesSync(lock, new Date(), new Date());
    } catch {
      // A lock removed by hand: the run goes on.
    }
  };
  // Renewed on a timer while the event loop is free (all along when jobs run on threads), and at each append.
  const timer = setInterval(renew, LOCK_RENEW_MS);
  timer.unref();
  const release = () => {
    clearInterval(timer);
    held.delete(lock);
    try {
      if (lockOwner(lock)?.token === me.token) unlinkSync(lock);
    } catch {
      // Already gone.
    }
  };
  held.set(lock, { renew, release });
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => removeStagedFiles());
  }
  return release;
}
