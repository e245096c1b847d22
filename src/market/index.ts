/** The trading simulator: positions, cash, commission, impact. */
export * from './account.js';
export * from './simulate.js';
export * from './positions.js';
export * from './sizing.js';
export * from './orders.js';
export * from './portfolio.js';
export * from './load-orders.js';
export { sizingScale } from './volatility-scale.js';
