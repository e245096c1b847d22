/** Finding the columns of a price CSV, whatever their case, spacing, order or extras. */
import { DataError } from '../errors.js';
import { clip, quote } from '../text.js';

/** The columns dyna reads; every other column is ignored. */
export type KnownColumn = 'date' | 'open' | 'high' | 'low' | 'close' | 'adjClose' | 'volume';

/** Column positions of the known columns in a header. */
export type ColumnMap = Partial<Record<KnownColumn, number>>;

const ALIASES: Record<string, KnownColumn> = {
  date: 'date',
  datetime: 'date',
  timestamp: 'date',
  time: 'date',
  open: 'open',
  high: 'high',
  low: 'low',
  close: 'close',
  adjclose: 'adjClose',
  adjustedclose: 'adjClose',
  volume: 'volume',
  vol: 'volume',
};

/** "Adj Close", "adj_close", " AdjClose " all become "adjclose". */
export function normalizeHeader(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Maps a header row to column positions; needs a date and a close (or adjusted close). */
export function mapColumns(header: string[], file: string): ColumnMap {
  const map: ColumnMap = {};
  header.forEach((raw, index) => {
    const known = ALIASES[normalizeHeader(raw)];
    if (known === undefined) return;
    if (map[known] !== undefined) {
      throw new DataError(`column ${quote(raw)} appears twice (as ${known})`, { file, line: 1 });
    }
    map[known] = index;
  });
  const found = clip(header.map((h) => `"${h}"`).join(', '), 200);
  if (map.date === undefined) throw new DataError(`no Date column (found ${found})`, { file, line: 1 });
  if (map.close === undefined && map.adjClose === undefined) {
    throw new DataError(`no Close or Adj Close column (found ${found})`, { file, line: 1 });
  }
  return map;
}
