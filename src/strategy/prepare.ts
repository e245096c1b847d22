/** From a loaded series to what the trainer and the backtester need: the period's rows and their features. */
import { DataError } from '../errors.js';
import { selectRows, type DateRange, type RowRange } from '../data/date-range.js';
import { seriesUpTo, type PriceSeries } from '../data/price-series.js';
import { checkColumns, computeFeatures, warmupOf, type FeatureMatrix } from '../features/features.js';
import { computeIndicator, type IndicatorSpec } from '../features/indicators.js';

/** Days of daily moves behind the realized volatility that volatility-targeted sizing reads. */
export const VOLATILITY_WINDOW = 20;

/** A series cut to end at the period's last row, its features, and the period's rows. */
export interface PreparedData {
  series: PriceSeries;
  features: FeatureMatrix;
  period: RowRange;
  /** Realized volatility (annual) of the last VOLATILITY_WINDOW daily moves, per row, for volatility-targeted sizing. */
  volatility: Float64Array;
  /** Said when the period had to start later than asked, for want of warm-up rows. */
  warnings: string[];
}

/**
 * Selects the period and computes indicators on rows up to its end only (rows
 * after it are dropped first, so nothing later can leak in). Rows before the
 * period warm the indicators up; when there are too few, the period starts on
 * the first day that has every indicator, and a warning says so.
 */
export function prepareData(series: PriceSeries, indicators: IndicatorSpec[], range: DateRange, file: string): PreparedData {
  checkColumns(series, indicators, file);
  const rows = selectRows(series, range, file);
  const warmup = warmupOf(indicators);
  const warnings: string[] = [];
  if (rows.from < warmup) {
    if (warmup >= rows.to) {
      throw new DataError(
        `too few rows: the indicators need ${warmup} rows of warm-up plus at least 1 row to trade (${warmup + 1} or more up to the end of the period), but there are ${rows.to}`,
        { file },
      );
    }
    if (range.start !== undefined) {
      warnings.push(`${file}: the indicators need ${warmup} rows before the first day; the period starts on ${series.dates[warmup]} instead of ${series.dates[rows.from]}`);
    }
    rows.from = warmup;
  }
  const cut = seriesUpTo(series, rows.to);
  const features = computeFeatures(cut, indicators, rows.from, file);
  const volatility = computeIndicator({ name: 'volatility', period: VOLATILITY_WINDOW }, cut);
  return { series: cut, features, period: rows, volatility, warnings };
}
