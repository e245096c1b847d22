/**
 * Typed errors shared by every module. Each kind maps to one documented exit
 * code in the CLI, so scripts can tell a bad flag from a bad file from a full disk.
 */

/** What went wrong, from the user's point of view. */
export type ErrorKind = 'usage' | 'data' | 'model' | 'io';

/** Base class of every error dyna reports to a user: one readable line, a kind. */
export class DynaError extends Error {
  readonly kind: ErrorKind;

  constructor(kind: ErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
    this.name = new.target.name;
  }
}

/** An option or setting is missing, malformed or out of range. */
export class InvalidOptionError extends DynaError {
  constructor(message: string) {
    super('usage', message);
  }
}

/** An input data file (prices) cannot be used. `file`/`line`/`column` locate the problem when known. */
export class DataError extends DynaError {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: string | undefined;

  constructor(message: string, where: { file?: string; line?: number; column?: string } = {}) {
    super('data', formatLocated(message, where));
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
  }
}

/** A saved model is corrupt, from another schema version, or does not fit the data. */
export class ModelError extends DynaError {
  constructor(message: string, file?: string) {
    super('model', file === undefined ? message : `${file}: ${message}`);
  }
}

/** Reading or writing a file failed at the operating-system level. */
export class IoError extends DynaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('io', message, options);
  }
}

function formatLocated(message: string, where: { file?: string; line?: number; column?: string }): string {
  let prefix = where.file ?? '';
  if (where.line !== undefined) prefix += `${prefix ? ':' : 'line '}${where.line}`;
  if (where.column !== undefined) prefix += `${prefix ? ' ' : ''}(column ${where.column})`;
  return prefix ? `${prefix}: ${message}` : message;
}
