/** The trader's actions: a target position of short, flat or long a fixed number of shares. */

/** Action/position indices. */
export const SHORT = 0;
export const FLAT = 1;
export const LONG = 2;
export const POSITIONS = 3;

/** Names of the positions, by index. */
export const POSITION_NAMES = ['short', 'flat', 'long'] as const;

/** Shares held in a position index, for a position size. */
export function sharesOf(position: number, size: number): number {
  return (position - FLAT) * size;
}
