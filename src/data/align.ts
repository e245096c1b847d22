/** Putting several price series on common trading days (the ML4T convention: fill forward, then backward). */
import type { PriceSeries } from './price-series.js';

/** The sorted union of the series' dates within [start, end] (days compared as YYYY-MM-DD). */
export function tradingDays(series: PriceSeries[], start: string, end: string): string[] {
  const days = new Set<string>();
  for (const s of series) for (const d of s.dates) if (d.slice(0, 10) >= start && d.slice(0, 10) <= end) days.add(d);
  return [...days].sort();
}

/**
 * The closes of a series on `days`: its own close where it has the day, else
 * the last earlier close (even from before the first day), else the first later one.
 */
export function alignCloses(series: PriceSeries, days: string[]): Float64Array {
  const out = new Float64Array(days.length);
  let i = 0;
  let last = Number.NaN;
  for (let t = 0; t < days.length; t++) {
    while (i < series.dates.length && series.dates[i] <= days[t]) last = series.close[i++];
    out[t] = last;
  }
  // Days before the series' first row take its first close.
  for (let t = 0; t < days.length && Number.isNaN(out[t]); t++) out[t] = series.close[0];
  return out;
}
