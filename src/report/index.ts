/** Performance figures and the report document (analysis), and its renderers (terminal, JSON, CSV, HTML). */
export * from './performance.js';
export * from './metrics.js';
export * from './round-trips.js';
export * from './monthly.js';
export * from './report.js';
export * from './warnings.js';
export * from './render/index.js';
