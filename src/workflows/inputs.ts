/** Reading a command's price file: the validated series, its warnings, and its name and SHA-256 for the model and the report. */
import { basename } from 'node:path';
import { loadPrices, type LoadedPrices } from '../data/load-prices.js';
import type { OptionalColumn } from '../data/price-series.js';

/** A loaded price file with its name and SHA-256. */
export interface PriceInput extends LoadedPrices {
  path: string;
  source: { file: string; sha256: string };
}

/**
 * Loads a price CSV (named `symbol` when given) and keeps its name and hash.
 * With `columns`, the optional columns the run reads: the others are checked
 * like every column but not kept (a long file's memory).
 */
export async function readPrices(path: string, symbol: string | undefined, columns?: readonly OptionalColumn[]): Promise<PriceInput> {
  const table = await loadPrices(path, { ...(symbol === undefined ? {} : { symbol }), ...(columns ? { columns } : {}) });
  return { ...table, path, source: { file: basename(path), sha256: table.sha256 } };
}
