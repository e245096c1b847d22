/** Writing output files atomically, and never over an input. */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { IoError, InvalidOptionError } from '../errors.js';
import { ioError } from '../data/load-prices.js';

/** Throws when an output path is one of the inputs: dyna never overwrites what it reads. */
export function refuseToOverwrite(output: string, inputs: string[], option: string): void {
  const target = resolve(output);
  for (const input of inputs) {
    if (resolve(input) === target) throw new InvalidOptionError(`${option} ${output} is an input file; refusing to overwrite it`);
  }
}

/** Writes a file by writing a temporary sibling and renaming it, so readers never see half a file. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(resolve(path)), { recursive: true });
    await writeFile(temp, content, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    if (error instanceof IoError) throw error;
    throw ioError(path, error);
  }
}

/**
 * Writes several files so that either all appear or none changes: every file
 * goes to a temporary name first, and the renames happen only once all writes succeeded.
 */
export async function writeFilesAtomic(files: Array<{ path: string; content: string }>): Promise<void> {
  const staged: Array<{ temp: string; path: string }> = [];
  try {
    for (const { path, content } of files) {
      await mkdir(dirname(resolve(path)), { recursive: true });
      const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      staged.push({ temp, path });
      await writeFile(temp, content, 'utf8');
    }
    for (const { temp, path } of staged) await rename(temp, path);
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true }).catch(() => undefined)));
    throw ioError(staged.at(-1)?.path ?? files[0]?.path ?? '(output)', error);
  }
}
