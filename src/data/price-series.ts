/** Daily prices, one row per trading day, in ascending date order. */

/** A validated price series. `close` is the adjusted close when the file has one. */
export interface PriceSeries {
  /** Ticker-like name, from --symbol or the file name. */
  symbol: string;
  /** ISO dates (YYYY-MM-DD, or with a time for intraday bars), strictly ascending. */
  dates: string[];
  /** Close used for trading and indicators: Adj Close when present, else Close. */
  close: Float64Array;
  /** Open/High/Low, scaled by Adj Close / Close when both closes are present, so they match `close`. */
  open?: Float64Array;
  high?: Float64Array;
  low?: Float64Array;
  volume?: Float64Array;
}

/** The optional columns a series can carry. */
export type OptionalColumn = 'open' | 'high' | 'low' | 'volume';
export const OPTIONAL_COLUMNS: readonly OptionalColumn[] = ['open', 'high', 'low', 'volume'];

/**
 * Rows [0, to) of a series without copying it: its columns as views that end
 * at row `to` (nothing later is reachable through them), its dates shared when
 * `to` is the whole series. For long series, where a copy would double the memory.
 */
export function seriesUpTo(series: PriceSeries, to: number): PriceSeries {
  const out: PriceSeries = { symbol: series.symbol, dates: to === series.dates.length ? series.dates : series.dates.slice(0, to), close: series.close.subarray(0, to) };
  for (const key of OPTIONAL_COLUMNS) {
    const column = series[key];
    if (column) out[key] = column.subarray(0, to);
  }
  return out;
}
