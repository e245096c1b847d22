import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadPrices } from '../../src/data/index.js';
import { MAX_PRICE, MIN_PRICE } from '../../src/data/price-table.js';
import { DataError } from '../../src/errors.js';
import { anyCsvReadsOrNamesTheFile, resultOrTypedError, runs } from '../support/properties.js';
import { tempFile } from '../support/temp.js';

let files = 0;
const file = (text: string) => tempFile(`p${files++}.csv`, text);

/** Distinct days from 2000-01-03 on, ascending. */
const days = (n: number) => fc.uniqueArray(fc.integer({ min: 0, max: 20_000 }), { minLength: n, maxLength: n }).map((offsets) => offsets.sort((a, b) => a - b).map((d) => new Date(Date.UTC(2000, 0, 3 + d)).toISOString().slice(0, 10)));
/** Any price dyna accepts, from the smallest to the largest. */
const price = fc.oneof(fc.double({ min: MIN_PRICE, max: MAX_PRICE, noNaN: true }), fc.double({ min: MIN_PRICE, max: 1e6, noNaN: true }));

test('any text is a price series or one data error naming the file: never a crash', async () => {
  const headers = ['Date,Close\n', 'Date,Open,High,Low,Close,Volume,Adj Close\n', 'date,adj_close,volume\n', ''];
  await anyCsvReadsOrNamesTheFile(headers, (path) => loadPrices(path), (result) => assert.ok(result.series.close.every((x) => x >= MIN_PRICE && x <= MAX_PRICE)));
});

test('a valid price file parses to exactly its numbers, in either date order', async () => {
  const rows = fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(days(n), fc.array(price, { minLength: n, maxLength: n }), fc.array(fc.nat({ max: 1e9 }), { minLength: n, maxLength: n })));
  await fc.assert(
    fc.asyncProperty(rows, fc.boolean(), fc.constantFrom('\n', '\r\n'), async ([dates, closes, volumes], newestFirst, end) => {
      const lines = dates.map((d, i) => `${d},${closes[i]},${volumes[i]}`);
      if (newestFirst) lines.reverse();
      const { series, warnings } = await loadPrices(file(`Date,Close,Volume${end}${lines.join(end)}${end}`));
      assert.deepEqual(series.dates, dates);
      assert.deepEqual(Array.from(series.close), closes);
      assert.deepEqual(Array.from(series.volume ?? []), volumes);
      assert.deepEqual(warnings, []);
    }),
    runs(),
  );
});

test('a price below the minimum is a data error naming the file, the line and the column', async () => {
  const tiny = fc.oneof(fc.constant(1e-200), fc.double({ min: Number.MIN_VALUE, max: MIN_PRICE, maxExcluded: true, noNaN: true }));
  const rows = fc.integer({ min: 1, max: 30 }).chain((n) => fc.tuple(days(n), fc.nat({ max: n - 1 }), tiny));
  await fc.assert(
    fc.asyncProperty(rows, fc.constantFrom('\n', '\r\n'), async ([dates, bad, value], end) => {
      const lines = dates.map((d, i) => `${d},${i === bad ? value : 100}`);
      const path = file(`Date,Close${end}${lines.join(end)}${end}`);
      const error = await resultOrTypedError(() => loadPrices(path), 'data');
      assert.ok(error instanceof DataError, 'refused');
      assert.equal(error.file, path);
      assert.equal(error.line, bad + 2, error.message);
      assert.equal(error.column, 'Close');
      assert.match(error.message, /below the smallest price dyna computes with \(1e-8\)/);
    }),
    runs(100),
  );
});
