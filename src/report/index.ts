/** Metrics and report writers (terminal, JSON, CSV, HTML). */
export * from './metrics.js';
export * from './round-trips.js';
export * from './report.js';
export * from './csv.js';
export * from './terminal.js';
export * from './html.js';
export * from './escape.js';
export * from './format.js';
export * from './metric-rows.js';
export * from './monthly.js';
export * from './window-text.js';
export * from './html-tables.js';
