import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DataError } from '../../src/errors.js';
import { decodeSweepLines } from '../../src/workflows/sweep-results.js';
import { resultOrTypedError, runs } from '../support/properties.js';

const FILE = 'results.jsonl';
const number = fc.double({ noNaN: true, noDefaultInfinity: true });
const metricsOf = (days: number) => fc.record({ days: fc.constant(days), startValue: number, endValue: number, totalReturn: number, sharpe: fc.option(number, { nil: null }), trades: fc.nat() });
/** A line as a sweep writes it (the fields the decoder and the summary read): one daily excess per test day. */
const line = fc.nat({ max: 20 }).chain((days) =>
  fc.record({
    index: fc.nat(),
    file: fc.string({ minLength: 1, maxLength: 30 }),
    symbol: fc.string({ maxLength: 30 }),
    seed: fc.integer(),
    params: fc.dictionary(fc.constantFrom('dyna', 'bins', 'alpha', 'model'), fc.oneof(number, fc.string({ maxLength: 10 }), fc.constant(null))),
    train: fc.tuple(metricsOf(days), fc.nat({ max: 100 })).map(([metrics, epochs]) => ({ ...metrics, epochs })),
    test: metricsOf(days),
    benchmark: metricsOf(days),
    moments: fc.record({ days: fc.constant(days), sharpe: fc.option(number, { nil: null }), skewness: fc.option(number, { nil: null }), kurtosis: fc.option(number, { nil: null }) }),
    dailyLogExcess: fc.array(number, { minLength: days, maxLength: days }),
  }),
);

test('valid result lines decode to the same values, and an unfinished last line is left out', async () => {
  await fc.assert(
    fc.property(fc.array(line, { maxLength: 10 }), fc.string({ maxLength: 40 }).filter((s) => !s.includes('\n')), (lines, unfinished) => {
      const text = lines.map((l) => `${JSON.stringify(l)}\n`).join('');
      const decoded = decodeSweepLines(text + unfinished, FILE);
      assert.deepEqual(decoded.lines, JSON.parse(`[${lines.map((l) => JSON.stringify(l)).join(',')}]`));
      assert.equal(decoded.complete, Buffer.byteLength(text));
      assert.deepEqual(decoded.texts, lines.map((l) => JSON.stringify(l)));
    }),
    runs(),
  );
});

/** Lines that are almost result lines: one field of a valid line replaced by another value (`odd`), or removed. */
function tamperedLine(keys: string[], odd: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.tuple(line, fc.constantFrom(...keys), fc.option(odd, { nil: undefined })).map(([l, key, value]) => JSON.stringify({ ...l, [key]: value }));
}
const odd = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, [], {}, 'x', -1, 1e308));
const FIELDS = ['index', 'file', 'seed', 'params', 'test', 'benchmark', 'dailyLogExcess'];

/** Any text is result lines or one data error naming the file and a line of it (`lines`: the lines to try). */
async function decodesOrNamesTheLine(lines: fc.Arbitrary<string>): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.array(lines, { maxLength: 6 }), async (lines) => {
      const result = await resultOrTypedError(() => decodeSweepLines(lines.map((l) => `${l}\n`).join(''), FILE), 'data');
      if (result instanceof DataError) {
        assert.equal(result.file, FILE);
        assert.ok(result.line !== undefined && result.line >= 1 && result.line <= lines.length, `line ${result.line}`);
      }
    }),
    runs(200),
  );
}

test('any text is result lines or one data error naming the file and line: never a crash', async () => {
  const params = fc.oneof(fc.jsonValue({ maxDepth: 2 }).filter((v) => v !== null), fc.constantFrom([], {}, 'x', -1));
  await decodesOrNamesTheLine(fc.oneof(line.map((l) => JSON.stringify(l)), tamperedLine(FIELDS.filter((k) => k !== 'params'), odd), tamperedLine(['params'], params), fc.string({ maxLength: 60 }), fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v))));
});

// Found by the property above: "params": null once passed the decoder's typeof check and crashed jobKey with a TypeError.
test('a line whose params are null is one data error, not a crash', async () => {
  await decodesOrNamesTheLine(tamperedLine(['params'], fc.constant(null)));
});
