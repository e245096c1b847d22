/**
 * Integer options and settings: each one's range is written once, as an
 * IntegerRange, and every interface states it in the same words (help, the
 * flag's parse error, the settings check), so no message contradicts another.
 * Ranges stay within the safe integers (|n| <= 2^53 - 1), where every integer
 * is exact: above them `n + 1 === n`, and a loop over such values never ends.
 */

/** The integers from min to max, both included. */
export type IntegerRange = readonly [min: number, max: number];

/** Every exact integer a double holds: the widest range an option may have. */
export const SAFE_INTEGERS: IntegerRange = [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];

/** The integers from `min` up to 2^53 - 1. */
export function atLeast(min: number): IntegerRange {
  return [min, Number.MAX_SAFE_INTEGER];
}

/** True for an integer within the range. */
export function isIntegerIn(value: unknown, [min, max]: IntegerRange): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

/** The range in words, as every message and help text states it: "an integer in [1, 10000]". */
export function integerRangeText([min, max]: IntegerRange): string {
  return `an integer in [${min}, ${max}]`;
}

/**
 * The integer a text names (decimal digits with an optional sign, surrounding
 * blanks ignored), or undefined for anything else: an empty text, a fraction,
 * an exponent, or digits beyond the safe integers (whose value would be rounded).
 */
export function parseInteger(text: string): number | undefined {
  if (!/^\s*[+-]?\d{1,16}\s*$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}
