/** ISO dates: parsing, validating and comparing; the trading year. */

/** Trading days in a year: annual rates become daily ones by this (a convention, as in every report figure). */
export const TRADING_DAYS_PER_YEAR = 252;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** True for a real calendar date `YYYY-MM-DD`, optionally followed by a time `HH:MM[:SS]`. */
export function isIsoDate(text: string): boolean {
  const m = ISO.exec(text);
  if (!m) return false;
  const year = +m[1];
  const month = +m[2];
  const day = +m[3];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (m[4] !== undefined && (+m[4] > 23 || +m[5] > 59 || (m[6] !== undefined && +m[6] > 59))) return false;
  return true;
}

/** True for a plain calendar date `YYYY-MM-DD` (as --start/--end take). */
export function isIsoDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && isIsoDate(text);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

/** Calendar days from ISO day `from` to ISO day `to` (dates with a time count as their day), for any year 0000-9999. */
export function calendarDaysBetween(from: string, to: string): number {
  // Date.parse reads an ISO day as written; Date.UTC would read years 0-99 as 1900-1999.
  const day = (text: string) => Date.parse(`${text.slice(0, 10)}T00:00:00Z`);
  return Math.round((day(to) - day(from)) / 86_400_000);
}
