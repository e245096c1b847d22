/** Reading an orders file from disk: its records (with the line each starts on) parsed by parseOrders, and its SHA-256. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import { DataError, ioError } from '../errors.js';
import { clip } from '../text.js';
import { parseOrders, type Order } from './orders.js';

/** Reads, checks and sorts the orders of a file. */
export async function loadOrders(path: string): Promise<{ orders: Order[]; sha256: string }> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw ioError(path, error);
  });
  return { orders: parseOrders(csvRecords(text, path), path), sha256: createHash('sha256').update(text).digest('hex') };
}

function csvRecords(text: string, file: string): Array<{ fields: string[]; line: number }> {
  try {
    const rows = parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    return rows.map((r) => ({ fields: r.record, line: r.info.lines }));
  } catch (error) {
    throw new DataError(`not a valid CSV: ${clip((error as Error).message.replace(/^Invalid [^:]*: /, ''), 200)}`, { file });
  }
}
