/** Exit codes of `dyna`, documented in the README. Scripts may rely on them. */
import type { ErrorKind } from '../errors.js';

export const EXIT_OK = 0;
/** An unexpected failure (a bug): please report it, with the --debug output. */
export const EXIT_INTERNAL = 1;
/** Bad command line or configuration: unknown flag, impossible value. */
export const EXIT_USAGE = 2;
/** An input price file cannot be used. */
export const EXIT_DATA = 3;
/** A model file is corrupt, of another schema version, or does not fit the data. */
export const EXIT_MODEL = 4;
/** Reading or writing a file failed (missing, unwritable, disk full). */
export const EXIT_IO = 5;
/** The run worked but the strategy missed a --fail-under-benchmark / --min-sharpe gate. */
export const EXIT_BELOW_TARGET = 6;

/** The exit code for an error of the given kind. */
export function exitCodeFor(kind: ErrorKind): number {
  switch (kind) {
    case 'usage':
      return EXIT_USAGE;
    case 'data':
      return EXIT_DATA;
    case 'model':
      return EXIT_MODEL;
    case 'io':
      return EXIT_IO;
  }
}
