/** From a loaded series to what the trainer and the backtester need: the period's rows and their features. */
import { selectRows, type DateRange, type RowRange } from '../data/date-range.js';
import { sliceSeries, type PriceSeries } from '../data/price-series.js';
import { computeFeatures, type FeatureMatrix } from '../features/features.js';
import type { IndicatorSpec } from '../features/indicators.js';

/** A series cut to end at the period's last row, its features, and the period's rows. */
export interface PreparedData {
  series: PriceSeries;
  features: FeatureMatrix;
  period: RowRange;
}

/**
 * Selects the period and computes indicators on rows up to its end only (rows
 * after it are dropped first, so nothing later can leak in). Rows before the
 * period are kept for warm-up.
 */
export function prepareData(series: PriceSeries, indicators: IndicatorSpec[], range: DateRange, file: string): PreparedData {
  const rows = selectRows(series, range, file);
  const cut = sliceSeries(series, 0, rows.to);
  const features = computeFeatures(cut, indicators, rows.from, file);
  return { series: cut, features, period: rows };
}
