/** Reading the files a command is given: prices (with their hash) and models. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ioError, loadPrices } from '../data/load-prices.js';
import type { PriceTable } from '../data/price-table.js';
import { parseModel, type LoadedModel } from '../strategy/model-file.js';

/** A loaded price file with its name and SHA-256, for the model and the report. */
export interface PriceInput extends PriceTable {
  path: string;
  source: { file: string; sha256: string };
}

/** Loads a price CSV and hashes its bytes. */
export async function readPrices(path: string, symbol: string | undefined): Promise<PriceInput> {
  const table = await loadPrices(path, symbol === undefined ? {} : { symbol });
  const bytes = await readFile(path).catch((error: unknown) => {
    throw ioError(path, error);
  });
  return { ...table, path, source: { file: basename(path), sha256: createHash('sha256').update(bytes).digest('hex') } };
}

/** Reads and checks a model file. */
export async function readModel(path: string): Promise<LoadedModel> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw ioError(path, error);
  });
  return parseModel(text, path);
}
