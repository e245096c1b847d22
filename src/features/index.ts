/** Indicators and their discretization into states. */
export * from './indicators.js';
export * from './features.js';
export * from './discretizer.js';
export * from './state-space.js';
