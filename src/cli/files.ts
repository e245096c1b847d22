/** Writing output files atomically, and never over an input. */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InvalidOptionError } from '../errors.js';
import { ioError } from '../data/load-prices.js';

/** Throws when an output path is one of the inputs: dyna never overwrites what it reads. */
export function refuseToOverwrite(output: string, inputs: string[], option: string): void {
  const target = resolve(output);
  for (const input of inputs) {
    if (resolve(input) === target) throw new InvalidOptionError(`${option} ${output} is an input file; refusing to overwrite it`);
  }
}

/** A file to write: where, and what. */
export interface OutputFile {
  path: string;
  content: string;
}

/**
 * Writes several files so that either all appear or none changes: every file
 * goes to a temporary name first, and the renames happen only once all writes succeeded.
 */
export async function writeFilesAtomic(files: OutputFile[]): Promise<void> {
  const staged: string[] = [];
  let current = files[0]?.path ?? '(output)';
  try {
    for (const { path, content } of files) {
      current = path;
      await makeFolders(dirname(resolve(path)));
      const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      staged.push(temp);
      await writeFile(temp, content, 'utf8');
    }
    for (const [i, { path }] of files.entries()) {
      current = path;
      await rename(staged[i], path);
    }
  } catch (error) {
    await Promise.all(staged.map((temp) => rm(temp, { force: true }).catch(() => undefined)));
    throw ioError(current, error);
  }
}

/** Writes one file through a temporary sibling and a rename, so readers never see half a file. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await writeFilesAtomic([{ path, content }]);
}

/**
 * Creates a folder and its missing parents one level at a time. (Node's
 * recursive mkdir can spin forever where a parent refuses new entries, as in /proc.)
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
  for (const dir of missing) await mkdir(dir);
}
