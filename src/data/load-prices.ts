/** Reading a price CSV from disk, streamed through csv-parse. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { DataError, DynaError, ioError } from '../errors.js';
import { clip } from '../text.js';
import { PriceTableBuilder, type PriceTable } from './price-table.js';
import type { OptionalColumn } from './price-series.js';

/** Options of loadPrices. */
export interface LoadOptions {
  /** Name of the series; default: the file name without its extension. */
  symbol?: string;
  /** The optional columns the series should carry (default: all the file has); the others are checked, then let go. */
  columns?: readonly OptionalColumn[];
}

/** The symbol a file stands for when none is given: its base name without extension. */
export function symbolFromPath(path: string): string {
  return basename(path, extname(path));
}

/** A loaded file: the validated table plus the SHA-256 of the bytes read, for provenance. */
export interface LoadedPrices extends PriceTable {
  sha256: string;
}

/** Loads and validates a daily price CSV (see PriceTableBuilder for what is accepted). */
export async function loadPrices(path: string, options: LoadOptions = {}): Promise<LoadedPrices> {
  await rejectBinary(path);
  const builder = new PriceTableBuilder(path, options.symbol ?? symbolFromPath(path), options.columns);
  // `raw` gives each record's source text, whose newlines tell the line numbers for messages;
  // reading records as they come (rather than through on_record) keeps csv-parse on its fast path.
  const parser = parse({ bom: true, trim: true, relax_column_count: true, raw: true });
  let line = 1;
  parser.on('readable', () => {
    try {
      let item: { record: string[]; raw: string } | null;
      while ((item = parser.read() as { record: string[]; raw: string } | null) !== null) {
        const { record, raw } = item;
        if (!(record.length === 1 && record[0] === '')) builder.add(record, line);
        for (let i = raw.indexOf('\n'); i !== -1; i = raw.indexOf('\n', i + 1)) line++;
        // With \r\n (or \r) line ends csv-parse's raw text ends at the \r: that is a line too.
        if (raw.endsWith('\r')) line++;
      }
    } catch (error) {
      // Ends the pipeline with this error (a DataError naming the line).
      parser.destroy(error as Error);
    }
  });
  const hash = createHash('sha256');
  const source = createReadStream(path).on('data', (chunk) => hash.update(chunk));
  try {
    await pipeline(source, parser);
  } catch (error) {
    if (error instanceof DynaError) throw error;
    if (error instanceof CsvError) {
      const at = (error as CsvError & { lines?: number }).lines;
      throw new DataError(`not a valid CSV: ${clip(error.message.replace(/^Invalid [^:]*: /, ''), 200)}`, { file: path, line: at });
    }
    throw ioError(path, error);
  }
  return { ...builder.finish(), sha256: hash.digest('hex') };
}

/** A quick look at the first bytes: NUL bytes mean this is not a text file. */
async function rejectBinary(path: string): Promise<void> {
  let handle;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new DataError('not a regular file (a folder, a device or a pipe?): dyna reads price files from disk', { file: path });
    handle = await open(path, 'r');
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8192), 0, 8192, 0);
    if (buffer.subarray(0, bytesRead).includes(0)) throw new DataError('looks like a binary file, not a CSV', { file: path });
  } catch (error) {
    if (error instanceof DynaError) throw error;
    throw ioError(path, error);
  } finally {
    await handle?.close();
  }
}

/** True when `path` is a regular file (a price file that can be read). */
export async function isFile(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() === true;
}
