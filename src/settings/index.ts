/** Settings: defaults from config/, overridden by a --config file and flags. */
export * from './settings.js';
export * from './load-settings.js';
