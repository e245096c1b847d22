/** The indicator matrix of a series: one column per indicator, aligned to rows. */
import { DataError } from '../errors.js';
import type { OptionalColumn, PriceSeries } from '../data/price-series.js';
import { computeIndicator, indicatorLabel, requiredColumns, warmupRows, type IndicatorSpec } from './indicators.js';

/** Indicator values per row; rows before `warmup` are not usable. */
export interface FeatureMatrix {
  labels: string[];
  /** columns[i][t]: indicator i on row t (NaN during warm-up). */
  columns: Float64Array[];
  /** Rows every indicator needs before its first value. */
  warmup: number;
}

/** Rows the chosen indicators need before their first value. */
export function warmupOf(specs: IndicatorSpec[]): number {
  return specs.reduce((most, spec) => Math.max(most, warmupRows(spec)), 0);
}

/** The columns besides the close that the indicators read. */
export function columnsRead(specs: IndicatorSpec[]): OptionalColumn[] {
  return [...new Set(specs.flatMap(requiredColumns))];
}

/** Checks that the series has the columns the indicators read. */
export function checkColumns(series: PriceSeries, specs: IndicatorSpec[], file: string): void {
  for (const spec of specs) {
    for (const column of requiredColumns(spec)) {
      if (series[column] === undefined) {
        throw new DataError(`${indicatorLabel(spec)} needs a ${column[0].toUpperCase()}${column.slice(1)} column, which this file lacks`, { file });
      }
    }
  }
}

/**
 * Computes every indicator over the series. `firstRow` is the first row that
 * must have values (the start of the period); earlier rows only warm up.
 */
export function computeFeatures(series: PriceSeries, specs: IndicatorSpec[], firstRow: number, file: string): FeatureMatrix {
  checkColumns(series, specs, file);
  const warmup = warmupOf(specs);
  if (firstRow < warmup) {
    const have = series.close.length;
    const first = series.dates[Math.min(firstRow, have - 1)];
    throw new DataError(
      `the indicators need ${warmup} rows of warm-up before the first day of the period (${first}), but only ${firstRow} are there; ` +
        `start the period later or use a file with more history (at least ${warmup + (have - firstRow)} rows for this period)`,
      { file },
    );
  }
  return { labels: specs.map(indicatorLabel), columns: specs.map((spec) => computeIndicator(spec, series)), warmup };
}
