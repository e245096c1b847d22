/** Choosing the rows of a period while keeping earlier rows for indicator warm-up. */
import { DataError, InvalidOptionError, invalidOption } from '../errors.js';
import { quote } from '../text.js';
import { isIsoDay } from './dates.js';
import type { PriceSeries } from './price-series.js';

/** An inclusive date range; either end may be open. */
export interface DateRange {
  start?: string;
  end?: string;
}

/** Row indices of a period: rows [from, to) of the series. */
export interface RowRange {
  from: number;
  to: number;
}

/** Checks a period's ends: ISO days, start not after end. Errors name the options `names` gives (default start and end). */
export function validateDateRange(range: DateRange, names: { start: string; end: string } = { start: 'start', end: 'end' }): void {
  for (const key of ['start', 'end'] as const) {
    const value = range[key];
    if (value !== undefined && !isIsoDay(value)) throw invalidOption(names[key], `must be a date YYYY-MM-DD (got ${quote(value)})`);
  }
  if (range.start && range.end && range.start > range.end) {
    throw new InvalidOptionError([{ option: names.start }, ` ${range.start} is after `, { option: names.end }, ` ${range.end}`]);
  }
}

/** The rows whose dates fall in [start, end] (a date with a time counts as its day). */
export function selectRows(series: PriceSeries, range: DateRange, file: string): RowRange {
  validateDateRange(range);
  const { dates } = series;
  let from = 0;
  if (range.start) while (from < dates.length && dates[from].slice(0, 10) < range.start) from++;
  let to = dates.length;
  if (range.end) while (to > from && dates[to - 1].slice(0, 10) > range.end) to--;
  if (to <= from) {
    throw new DataError(
      `no rows between ${range.start ?? 'the start'} and ${range.end ?? 'the end'} (file covers ${dates[0]} to ${dates[dates.length - 1]})`,
      { file },
    );
  }
  return { from, to };
}

/** Warnings for a period asked beyond the file's data: an end after its last day (the period stops there), a start before its first. */
export function rangeWarnings(series: PriceSeries, range: DateRange, file: string): string[] {
  const first = series.dates[0].slice(0, 10);
  const last = series.dates[series.dates.length - 1].slice(0, 10);
  const out: string[] = [];
  if (range.end !== undefined && range.end > last) out.push(`${file}: the end date ${range.end} lies past the file's last day ${last}; the period ends on ${last}`);
  if (range.start !== undefined && range.start < first) out.push(`${file}: the start date ${range.start} lies before the file's first day ${first}; the period starts with the data`);
  return out;
}
