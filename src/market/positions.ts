/**
 * The positions a trader may hold: exposure levels in units of one full
 * position (-1 short, 0 flat, 1 long, or fractions in between, each times the
 * position size). The trader's action is the level to hold next, so position
 * and action share one index. The classic three are short, flat and long.
 */
import { InvalidOptionError } from '../errors.js';

/** Exposure levels, sorted, with flat (0) among them. */
export interface PositionLevels {
  /** Each level's exposure, in units of one full position. */
  readonly units: readonly number[];
  /** Index of the flat level (the position a run starts in). */
  readonly flat: number;
  /** Each level's name: short, flat, long, or "long 50%" and the like. */
  readonly names: readonly string[];
}

/** Checks and names a list of exposure levels: distinct numbers in [-1, 1], sorted, including 0. */
export function positionLevels(units: readonly number[]): PositionLevels {
  if (!Array.isArray(units) || units.length < 2 || units.length > 21) throw new InvalidOptionError('levels must list 2 to 21 exposures');
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (typeof u !== 'number' || !(u >= -1 && u <= 1)) throw new InvalidOptionError(`levels must be numbers in [-1, 1] (got ${String(u)})`);
    if (i > 0 && !(u > units[i - 1])) throw new InvalidOptionError('levels must be distinct and in increasing order');
  }
  const flat = units.indexOf(0);
  if (flat < 0) throw new InvalidOptionError('levels must include 0 (flat)');
  return { units: [...units], flat, names: units.map(levelName) };
}

/** "short", "flat", "long" for -1, 0, 1; "short 50%" or "long 25%" for fractions. */
export function levelName(u: number): string {
  if (u === 0) return 'flat';
  const side = u < 0 ? 'short' : 'long';
  return Math.abs(u) === 1 ? side : `${side} ${+(Math.abs(u) * 100).toFixed(2)}%`;
}

/** The classic three positions: short, flat and long one full position. */
export const THREE_POSITIONS: PositionLevels = positionLevels([-1, 0, 1]);
