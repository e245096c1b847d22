/** Reading and validating price files. */
export { loadPrices, symbolFromPath, isFile, type LoadOptions, type LoadedPrices } from './load-prices.js';
export { PriceTableBuilder, MAX_PRICE, MAX_VOLUME, type PriceTable } from './price-table.js';
export { type PriceSeries, type OptionalColumn } from './price-series.js';
export { selectRows, validateDateRange, type DateRange, type RowRange } from './date-range.js';
export { mapColumns, normalizeHeader, type ColumnMap, type KnownColumn } from './columns.js';
export { calendarDaysBetween, isIsoDate, isIsoDay } from './dates.js';
export * from './align.js';
