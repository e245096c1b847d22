/**
 * Reading JSON that users hand us (settings files, model files) as data only:
 * keys that could reach JavaScript's built-ins (`__proto__`, `constructor`,
 * `prototype`) are refused at any depth, so no file can change how the program runs.
 */
import { clip, UNSAFE_CHARACTERS } from './text.js';

/** Keys no settings or model file may contain. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Why a text was refused: not JSON at all, or a forbidden key. */
export class UnsafeJsonError extends Error {
  readonly key: string | undefined;

  constructor(message: string, key?: string) {
    super(message);
    this.key = key;
  }
}

/**
 * JSON as dyna writes it (reports, summaries, models, --json): JSON.stringify,
 * with the control and bidirectional characters it leaves raw (DEL, C1, U+202E...)
 * written as \u escapes. The data is unchanged, and a terminal or an editor
 * showing the file shows no hidden or reversed text.
 */
export function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE_CHARACTERS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** JSON.parse that throws UnsafeJsonError on malformed text or on a forbidden key anywhere in it. */
export function parseJsonData(text: string): unknown {
  try {
    return JSON.parse(text, (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new UnsafeJsonError(`the key "${key}" is not allowed`, key);
      return value;
    });
  } catch (error) {
    if (error instanceof UnsafeJsonError) throw error;
    throw new UnsafeJsonError(`not valid JSON (${clip((error as Error).message, 120)})`);
  }
}
