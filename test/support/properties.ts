/** Shared set-up of the property-based tests (fast-check): small, seeded runs, and the "a result or one typed error" rule. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DynaError, type DataError } from '../../src/errors.js';
import { tempFile } from './temp.js';
import { UNSAFE_CHARACTERS } from '../../src/text.js';

/** A fixed seed and a small number of runs: the suite stays fast and gives the same cases every time. */
export function runs(numRuns = 150): fc.Parameters<unknown> {
  return { numRuns, seed: 23, endOnFailure: true };
}

/** Calls `parse`: it returns a value or throws a DynaError (of the kind given, when given), never anything else. */
export async function resultOrTypedError<T>(parse: () => T | Promise<T>, kind?: DynaError['kind']): Promise<T | DynaError> {
  try {
    return await parse();
  } catch (error) {
    assert.ok(error instanceof DynaError, `an untyped ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    if (kind !== undefined) assert.equal(error.kind, kind, error.message);
    assert.doesNotMatch(error.message, /\n/, 'one line');
    assert.doesNotMatch(error.message, new RegExp(UNSAFE_CHARACTERS.source), 'no control or bidirectional character');
    assert.ok(error.message.length <= 1000, `a short message (${error.message.length} characters)`);
    return error;
  }
}

/** Text that looks like CSV: lines of comma-separated cells drawn from `cells`, with \n or \r\n line ends. */
function csvText(cells: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const line = fc.array(cells, { minLength: 1, maxLength: 8 }).map((c) => c.join(','));
  return fc.tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n')).map(([lines, end]) => lines.map((l) => `${l}${end}`).join(''));
}

/** Cells a price or orders file might hold, valid and not: dates, numbers, words, quotes, blanks, odd characters. */
const messyCell: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('Date', 'Close', 'Adj Close', 'Open', 'High', 'Low', 'Volume', 'Symbol', 'Order', 'Shares', 'BUY', 'SELL', 'null', 'NaN', '', ' ', '"', '""', '1e-200', '1e400', '-1', '0', '2020-02-30', 'AAPL'),
  fc.date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.double({ noNaN: true }).map(String),
  fc.nat({ max: 10_000 }).map(String),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);

let csvFiles = 0;

/**
 * The property every CSV reader must have: a header from `headers` and any messy body give
 * what `load` returns (which `check` inspects) or one data error naming the file, never a crash.
 */
export async function anyCsvReadsOrNamesTheFile<T>(headers: string[], load: (path: string) => Promise<T>, check: (result: T) => void): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...headers), csvText(messyCell), async (head, body) => {
      const path = tempFile(`messy${csvFiles++}.csv`, head + body);
      const result = await resultOrTypedError(() => load(path), 'data');
      if (result instanceof DynaError) assert.equal((result as DataError).file, path, result.message);
      else check(result);
    }),
    runs(),
  );
}
