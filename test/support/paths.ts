/** Where the repository and its bundled data are (tests run from dist/test/...). */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const BIN = join(ROOT, 'bin', 'dyna.js');
export const SAMPLE = join(ROOT, 'data', 'sample.csv');
export const WALK = join(ROOT, 'data', 'random-walk.csv');
