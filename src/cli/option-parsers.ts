/** Commander argument parsers: a bad value becomes one readable usage error naming the option. */
import { InvalidArgumentError } from 'commander';

/** Parses a finite number. */
export function number(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('expected a number.');
  return n;
}

/** Parses a non-negative number. */
export function nonNegative(value: string): number {
  const n = number(value);
  if (n < 0) throw new InvalidArgumentError('expected a number >= 0.');
  return n;
}

/** Parses a positive number. */
export function positive(value: string): number {
  const n = number(value);
  if (!(n > 0)) throw new InvalidArgumentError('expected a number > 0.');
  return n;
}

/** Parses an integer >= 0. */
export function count(value: string): number {
  const n = number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('expected an integer >= 0.');
  return n;
}

/** Parses an integer >= 1. */
export function positiveInteger(value: string): number {
  const n = count(value);
  if (n < 1) throw new InvalidArgumentError('expected an integer >= 1.');
  return n;
}

/** Parses a seed: an integer. */
export function seed(value: string): number {
  const n = number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('expected an integer.');
  return n;
}
