/** Reading a model file from disk: size-checked, then parsed and validated by parseModel. */
import { readFile, stat } from 'node:fs/promises';
import { invalidOption, ioError, ModelError } from '../errors.js';
import { MAX_MODEL_BYTES, parseModel, type LoadedModel } from './model-file.js';

/** Reads and checks a model file. */
export async function readModel(path: string): Promise<LoadedModel> {
  if (path.trim() === '') throw invalidOption('model', 'must not be empty');
  const info = await stat(path).catch((error: unknown) => {
    throw ioError(path, error);
  });
  if (!info.isFile()) throw new ModelError('not a regular file', path);
  if (info.size > MAX_MODEL_BYTES) throw new ModelError(`${info.size} bytes is larger than any dyna model (limit ${MAX_MODEL_BYTES}); not a model file`, path);
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw ioError(path, error);
  });
  return parseModel(text, path);
}
