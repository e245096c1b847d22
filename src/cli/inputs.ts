/** Reading the files a command is given: prices (with their hash) and models. */
import { readFile, stat } from 'node:fs/promises';
import { InvalidOptionError, ModelError } from '../errors.js';
import { basename } from 'node:path';
import { ioError, loadPrices, type LoadedPrices } from '../data/load-prices.js';
import { MAX_MODEL_BYTES, parseModel, type LoadedModel } from '../strategy/model-file.js';

/** A loaded price file with its name and SHA-256, for the model and the report. */
export interface PriceInput extends LoadedPrices {
  path: string;
  source: { file: string; sha256: string };
}

/** Loads a price CSV and hashes its bytes. */
export async function readPrices(path: string, symbol: string | undefined): Promise<PriceInput> {
  const table = await loadPrices(path, symbol === undefined ? {} : { symbol });
  return { ...table, path, source: { file: basename(path), sha256: table.sha256 } };
}

/** Reads and checks a model file. */
export async function readModel(path: string): Promise<LoadedModel> {
  if (path.trim() === '') throw new InvalidOptionError('--model must not be empty');
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
