/**
 * Turns parsed CSV records into a validated PriceSeries. Pure: the loader
 * feeds it records with their line numbers; every problem becomes a DataError
 * naming the file, the line and the column.
 */
import { DataError } from '../errors.js';
import { clip } from '../text.js';
import { mapColumns, type ColumnMap, type KnownColumn } from './columns.js';
import { ChunkedColumn } from './chunked-column.js';
import { isIsoDate } from './dates.js';
import type { OptionalColumn, PriceSeries } from './price-series.js';

/**
 * Largest price and volume accepted: far above anything real (a synthetic
 * series compounding for a thousand years reaches 1e27), far below where
 * positions times prices overflow.
 */
export const MAX_PRICE = 1e100;
export const MAX_VOLUME = 1e100;
/**
 * Smallest price accepted: a hundred-millionth (a satoshi), below the
 * cheapest real quotes. Far smaller ones (1e-200) make share counts and their
 * products overflow and the outputs NaN, so they are refused where they are read.
 */
export const MIN_PRICE = 1e-8;

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** What exporters write for a missing value (Yahoo: `null`; pandas: `NaN`; spreadsheets: `N/A`, `#N/A`): read like an empty cell. */
const MISSING = /^(?:null|nan|n\/a|na|#n\/a|none)$/i;
const NUMERIC_COLUMNS = ['close', 'adjClose', 'open', 'high', 'low', 'volume'] as const;
type NumericColumn = (typeof NUMERIC_COLUMNS)[number];

const LABEL: Record<KnownColumn, string> = {
  date: 'Date',
  open: 'Open',
  high: 'High',
  low: 'Low',
  close: 'Close',
  adjClose: 'Adj Close',
  volume: 'Volume',
};

/** A validated series plus the warnings (forward-filled cells) met on the way. */
export interface PriceTable {
  series: PriceSeries;
  warnings: string[];
}

/** Collects rows, then validates, orders and fills them. */
export class PriceTableBuilder {
  private readonly file: string;
  private readonly symbol: string;
  private columns: ColumnMap | undefined;
  private width = 0;
  private readonly dates: string[] = [];
  private readonly lines = new ChunkedColumn(Uint32Array);
  /**
   * [column, field index, values, kept] for each numeric column present, in
   * NUMERIC_COLUMNS order: the per-row loop avoids map iteration. A column the
   * series will not carry keeps only which cells are empty (1 byte a row): it is
   * checked, gaps and all, like every column, then let go.
   */
  private numeric: Array<[NumericColumn, number, ChunkedColumn, boolean]> = [];
  private readonly keep: readonly OptionalColumn[] | undefined;

  /**
   * `file` names the source in messages; `symbol` names the series; `keep`, the
   * optional columns the series should carry (default: all the file has).
   */
  constructor(file: string, symbol: string, keep?: readonly OptionalColumn[]) {
    this.file = file;
    this.symbol = symbol;
    this.keep = keep;
  }

  /** Number of data rows taken so far. */
  get rows(): number {
    return this.dates.length;
  }

  /** Takes one record; the first one is the header. */
  add(record: string[], line: number): void {
    if (this.columns === undefined) {
      this.columns = mapColumns(record.map((name) => name.trim()), this.file);
      this.width = record.length;
      const kept = (column: NumericColumn): boolean => {
        if (this.keep === undefined) return true;
        if (column === 'adjClose') return true;
        // The close is the series' close without an adjusted one, and scales Open/High/Low with one.
        if (column === 'close') return this.columns?.adjClose === undefined || (['open', 'high', 'low'] as const).some((c) => this.keep?.includes(c));
        return this.keep.includes(column);
      };
      for (const column of NUMERIC_COLUMNS) {
        const index = this.columns[column];
        if (index === undefined) continue;
        const keep = kept(column);
        this.numeric.push([column, index, new ChunkedColumn(keep ? Float64Array : Uint8Array), keep]);
      }
      return;
    }
    if (record.length !== this.width) {
      throw new DataError(`row has ${record.length} fields, the header has ${this.width}`, { file: this.file, line });
    }
    const date = record[this.columns.date as number].trim();
    if (!isIsoDate(date)) {
      throw new DataError(`unparseable date "${truncate(date)}" (expected YYYY-MM-DD)`, { file: this.file, line, column: 'Date' });
    }
    this.dates.push(date);
    this.lines.push(line);
    for (let i = 0; i < this.numeric.length; i++) {
      const [column, index, list, kept] = this.numeric[i];
      const value = this.parseValue(record[index], column, line);
      list.push(kept ? value : Number.isNaN(value) ? 1 : 0);
    }
  }

  /** Validates the whole table: at least one row, unique dates; sorts ascending and fills single gaps. Call it once: it hands the rows over. */
  finish(): PriceTable {
    if (this.columns === undefined) throw new DataError('file is empty', { file: this.file });
    if (this.dates.length === 0) throw new DataError('has a header but no data rows', { file: this.file });
    // `order` is undefined when the rows are in order already: no index array for the common case.
    const { order, shuffled } = this.ascendingOrder();
    const dates = order === undefined ? this.dates : Array.from(order, (i) => this.dates[i]);
    const lineOf = (k: number) => this.lines.at(order === undefined ? k : order[k]);
    for (let k = 1; k < dates.length; k++) {
      if (dates[k] === dates[k - 1]) {
        const [a, b] = [lineOf(k - 1), lineOf(k)].sort((x, y) => x - y);
        throw new DataError(`duplicate date ${dates[k]} (also on line ${a})`, { file: this.file, line: b });
      }
    }
    const warnings: string[] = [];
    if (shuffled) warnings.push(`${this.file}: rows were not in date order; sorted by date`);
    const columns = new Map<NumericColumn, Float64Array>();
    for (const [column, , list, kept] of this.numeric) {
      if (kept) {
        const values = list.toArray(order);
        this.fill((k) => Number.isNaN(values[k]), (k) => (values[k] = values[k - 1]), lineOf, dates, column, warnings);
        columns.set(column, values);
      } else {
        this.fill((k) => list.at(order === undefined ? k : order[k]) === 1, () => undefined, lineOf, dates, column, warnings);
      }
    }
    const close = columns.get('close');
    const adjusted = columns.get('adjClose');
    const series: PriceSeries = { symbol: this.symbol, dates, close: (adjusted ?? close) as Float64Array };
    for (const column of ['open', 'high', 'low'] as const) {
      const values = columns.get(column);
      if (values === undefined) continue;
      // Yahoo-style files adjust only the close; scale the others by the same factor so they line up.
      if (adjusted && close) for (let k = 0; k < values.length; k++) values[k] *= adjusted[k] / close[k];
      series[column] = values;
    }
    const volume = columns.get('volume');
    if (volume) series.volume = volume;
    return { series, warnings };
  }

  private parseValue(raw: string, column: NumericColumn, line: number): number {
    const text = raw.trim();
    if (text === '') return Number.NaN;
    if (!NUMBER.test(text)) {
      // Checked only off the fast path: a number never pays for it.
      if (MISSING.test(text)) return Number.NaN;
      throw new DataError(`"${truncate(text)}" is not a number`, { file: this.file, line, column: LABEL[column] });
    }
    const value = Number(text);
    if (column === 'volume' ? value < 0 : !(value > 0)) {
      const need = column === 'volume' ? 'not be negative' : 'be positive';
      throw new DataError(`${LABEL[column]} must ${need} (got ${truncate(text)})`, { file: this.file, line, column: LABEL[column] });
    }
    if (column !== 'volume' && value < MIN_PRICE) {
      throw new DataError(`${LABEL[column]} ${truncate(text)} is below the smallest price dyna computes with (${MIN_PRICE})`, { file: this.file, line, column: LABEL[column] });
    }
    if (value > (column === 'volume' ? MAX_VOLUME : MAX_PRICE)) {
      throw new DataError(`${LABEL[column]} ${truncate(text)} is too large to compute with (limit ${column === 'volume' ? MAX_VOLUME : MAX_PRICE})`, { file: this.file, line, column: LABEL[column] });
    }
    return value;
  }

  /** Row order that sorts dates ascending: undefined when they are, reversed, or sorted (`shuffled`: neither ascending nor descending). */
  private ascendingOrder(): { order: Uint32Array | undefined; shuffled: boolean } {
    const n = this.dates.length;
    let ascending = true;
    let descending = true;
    for (let i = 1; i < n; i++) {
      if (this.dates[i] < this.dates[i - 1]) ascending = false;
      if (this.dates[i] > this.dates[i - 1]) descending = false;
    }
    if (ascending) return { order: undefined, shuffled: false };
    const index = Uint32Array.from({ length: n }, (_, i) => i);
    if (descending) return { order: index.reverse(), shuffled: false };
    return { shuffled: true, order: index.sort((a, b) => (this.dates[a] < this.dates[b] ? -1 : this.dates[a] > this.dates[b] ? 1 : a - b)) };
  }

  /**
   * Forward-fills isolated empty (or `null`, `NaN`, `N/A`) cells (`carry(k)`
   * copies row k-1 into row k) with a warning; refuses to invent a first value or a run of them.
   */
  private fill(empty: (k: number) => boolean, carry: (k: number) => void, lineOf: (k: number) => number, dates: string[], column: NumericColumn, warnings: string[]): void {
    const n = dates.length;
    for (let k = 0; k < n; k++) {
      if (!empty(k)) continue;
      const where = { file: this.file, line: lineOf(k), column: LABEL[column] };
      if (k === 0) throw new DataError(`empty ${LABEL[column]} on the first date ${dates[k]}: nothing to carry forward`, where);
      // (Row k-1 was not empty: it would have failed here, its next row being empty.)
      if (k + 1 < n && empty(k + 1)) {
        throw new DataError(`several empty ${LABEL[column]} cells in a row around ${dates[k]}: refusing to invent data`, where);
      }
      carry(k);
      warnings.push(`${this.file}: empty ${LABEL[column]} on ${dates[k]} filled with the previous day's value`);
    }
  }
}

function truncate(text: string): string {
  return clip(text, 40);
}
