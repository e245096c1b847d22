/**
 * Typed errors shared by every module. Each kind maps to one documented exit
 * code in the CLI, so scripts can tell a bad flag from a bad file from a full disk.
 * The core names options in its own words (the library's option names, such as
 * `train` or `startDate`); the CLI shows them as flags (`--train`, `--start-date`).
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

/** A piece of an option error's message: text, or an option's name (the CLI shows it as its flag). */
export type MessagePart = string | { option: string };

/** An option or setting is missing, malformed or out of range. */
export class InvalidOptionError extends DynaError {
  /** The message, with the options it names kept apart so that each interface can name them its own way. */
  readonly parts: readonly MessagePart[];

  /** `message` is plain text, or parts naming options: `[{ option: 'train' }, ' must be at least 2']`. */
  constructor(message: string | readonly MessagePart[]) {
    const parts = typeof message === 'string' ? [message] : message;
    super('usage', joinParts(parts, (option) => option));
    this.parts = parts;
  }

  /** The first option the message names (its subject), if any. */
  get option(): string | undefined {
    for (const part of this.parts) if (typeof part !== 'string') return part.option;
    return undefined;
  }

  /** The message with each option named by `name` (the CLI passes its flag names). */
  naming(name: (option: string) => string): string {
    return joinParts(this.parts, name);
  }
}

/** An error about one option: `invalidOption('train', 'must be at least 2 rows')` reads "train must be at least 2 rows". */
export function invalidOption(option: string, text: string): InvalidOptionError {
  return new InvalidOptionError([{ option }, ` ${text}`]);
}

function joinParts(parts: readonly MessagePart[], name: (option: string) => string): string {
  return parts.map((part) => (typeof part === 'string' ? part : name(part.option))).join('');
}

/** Where in an input file a problem is. */
export interface Location {
  file?: string;
  line?: number;
  column?: string;
}

/** An input data file (prices, orders, results) cannot be used. `file`/`line`/`column` locate the problem when known. */
export class DataError extends DynaError {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: string | undefined;
  /** The message without its location. */
  readonly detail: string;

  constructor(message: string, where: Location = {}) {
    super('data', formatLocated(message, where));
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.detail = message;
  }
}

/** A saved model is corrupt, from another schema version, or does not fit the data. */
export class ModelError extends DynaError {
  readonly file: string | undefined;
  /** The message without the file name. */
  readonly detail: string;

  constructor(message: string, file?: string) {
    super('model', file === undefined ? message : `${file}: ${message}`);
    this.file = file;
    this.detail = message;
  }
}

/** Reading or writing a file failed at the operating-system level. */
export class IoError extends DynaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('io', message, options);
  }
}

/** An IoError with a readable reason for a file-system failure. */
export function ioError(path: string, error: unknown): IoError {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'a path component is not a directory',
    EEXIST: 'a file stands where a folder is needed',
    ENOSPC: 'no space left on the device',
    EROFS: 'read-only file system',
  };
  const reason = (code !== undefined && reasons[code]) || ((error as Error)?.message ?? String(error));
  return new IoError(`${path}: ${reason}`, { cause: error });
}

function formatLocated(message: string, where: Location): string {
  let prefix = where.file ?? '';
  if (where.line !== undefined) prefix += `${prefix ? ':' : 'line '}${where.line}`;
  if (where.column !== undefined) prefix += `${prefix ? ' ' : ''}(column ${where.column})`;
  return prefix ? `${prefix}: ${message}` : message;
}

/** An error as plain data, for crossing a worker thread (classes do not survive structured cloning). */
export type ErrorData =
  | { kind: 'usage'; parts: MessagePart[]; stack?: string }
  | { kind: 'data'; detail: string; where: Location; stack?: string }
  | { kind: 'model'; detail: string; file?: string; stack?: string }
  | { kind: 'io'; message: string; stack?: string }
  | { kind: 'internal'; message: string; stack?: string };

/** Any thrown value as data; `errorFromData` gives back an error of the same class, message, file and line. */
export function errorToData(error: unknown): ErrorData {
  const stack = error instanceof Error ? error.stack : undefined;
  if (error instanceof InvalidOptionError) return { kind: 'usage', parts: [...error.parts], stack };
  if (error instanceof DataError) return { kind: 'data', detail: error.detail, where: { file: error.file, line: error.line, column: error.column }, stack };
  if (error instanceof ModelError) return { kind: 'model', detail: error.detail, file: error.file, stack };
  if (error instanceof DynaError) return error.kind === 'usage' ? { kind: 'usage', parts: [error.message], stack } : { kind: 'io', message: error.message, stack };
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error), stack };
}

/** The error `errorToData` described, with the worker's stack trace. */
export function errorFromData(data: ErrorData): Error {
  const error =
    data.kind === 'usage'
      ? new InvalidOptionError(data.parts)
      : data.kind === 'data'
        ? new DataError(data.detail, data.where)
        : data.kind === 'model'
          ? new ModelError(data.detail, data.file)
          : data.kind === 'io'
            ? new IoError(data.message)
            : new Error(data.message);
  if (data.stack !== undefined) error.stack = data.stack;
  return error;
}
