/** Renderers: the report document and its runs as terminal text, CSV files and one HTML page. */
export * from './csv.js';
export * from './terminal.js';
export * from './html.js';
export * from './escape.js';
export * from './format.js';
export * from './metric-rows.js';
export * from './window-text.js';
export * from './html-tables.js';
export * from './files.js';
export * from './policy-text.js';
export * from './html-significance.js';
export * from './signal-text.js';
export * from './html-page.js';
export * from './html-policy.js';
export * from './html-model.js';
export * from './html-sweep.js';
