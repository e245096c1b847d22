/** Reading a command's price file: the validated series, its warnings, and its name and SHA-256 for the model and the report. */
import { basename } from 'node:path';
import { loadPrices, type LoadedPrices } from '../data/load-prices.js';
import { columnsRead } from '../features/features.js';
import type { IndicatorSpec } from '../features/indicators.js';

/** A loaded price file with its name and SHA-256. */
export interface PriceInput extends LoadedPrices {
  path: string;
  source: { file: string; sha256: string };
}

/**
 * Loads a price CSV (named `symbol` when given) and keeps its name and hash.
 * With `indicators`, only the optional columns they read are kept; the others
 * are checked like every column but not kept (a long file's memory).
 */
export async function readPrices(path: string, symbol: string | undefined, indicators?: IndicatorSpec[]): Promise<PriceInput> {
  const table = await loadPrices(path, { ...(symbol === undefined ? {} : { symbol }), ...(indicators ? { columns: columnsRead(indicators) } : {}) });
  return { ...table, path, source: { file: basename(path), sha256: table.sha256 } };
}
