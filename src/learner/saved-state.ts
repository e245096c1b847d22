/**
 * Checks shared by the learners' fromJSON: a saved state is data from a file,
 * so every part is checked before a learner is rebuilt from it, and every
 * problem is a ModelError naming the part.
 */
import { ModelError } from '../errors.js';
import { atLeast, isIntegerIn } from '../integers.js';
import { isRngState, Rng } from '../rng.js';

/** Builds a learner from saved options; an option the constructor refuses is a ModelError. */
export function fromSavedOptions<L>(build: () => L): L {
  try {
    return build();
  } catch (error) {
    throw new ModelError(`learner options: ${(error as Error).message}`);
  }
}

/** The saved Q table, checked to hold `cells` finite numbers. */
export function savedQTable(q: unknown, cells: number): number[] {
  if (!Array.isArray(q) || q.length !== cells || !q.every(Number.isFinite)) throw new ModelError(`learner Q table must hold ${cells} finite numbers`);
  return q;
}

/** The saved random generator, checked, as a generator that continues exactly. */
export function savedRng(state: unknown): Rng {
  if (!isRngState(state)) throw new ModelError('learner random generator state is malformed');
  return new Rng(state);
}

/** A saved step counter, checked to be a non-negative integer. */
export function savedCounter(value: unknown): number {
  if (!isIntegerIn(value, atLeast(0))) throw new ModelError('learner step counters must be non-negative integers');
  return value;
}
