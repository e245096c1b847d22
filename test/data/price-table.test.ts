import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PriceTableBuilder, type OptionalColumn, type PriceTable } from '../../src/data/index.js';
import { ChunkedColumn } from '../../src/data/chunked-column.js';
import { DataError } from '../../src/errors.js';

const HEADER = ['Date', 'Open', 'High', 'Low', 'Close', 'Volume', 'Adj Close'];

function build(rows: string[][], keep?: readonly OptionalColumn[]): PriceTable {
  const builder = new PriceTableBuilder('p.csv', 'P', keep);
  builder.add(HEADER, 1);
  rows.forEach((row, i) => builder.add(row, i + 2));
  return builder.finish();
}

/** What loading the rows gives, columns aside: the rows and warnings, or the error. */
function outcome(rows: string[][], keep?: readonly OptionalColumn[]): string {
  try {
    const { series, warnings } = build(rows, keep);
    return JSON.stringify({ dates: series.dates, close: [...series.close], warnings });
  } catch (error) {
    assert.ok(error instanceof DataError);
    return `error: ${error.message}`;
  }
}

const day = (i: number) => `2020-01-${String(i + 1).padStart(2, '0')}`;
const row = (i: number, cells: Partial<Record<'open' | 'high' | 'low' | 'close' | 'volume' | 'adj', string>> = {}) => [
  day(i),
  cells.open ?? '10',
  cells.high ?? '11',
  cells.low ?? '9',
  cells.close ?? String(10 + i),
  cells.volume ?? '100',
  cells.adj ?? String(5 + i / 2),
];

test('a table that keeps only some columns drops the others and is otherwise the same', () => {
  const rows = [row(2), row(0), row(1, { high: '' }), row(3, { volume: 'null' }), row(4)];
  const all = build(rows);
  const some = build(rows, ['volume']);
  assert.deepEqual(Object.keys(some.series).sort(), ['close', 'dates', 'symbol', 'volume']);
  assert.deepEqual([...some.series.close], [...all.series.close]);
  assert.deepEqual([...(some.series.volume ?? [])], [...(all.series.volume ?? [])]);
  assert.deepEqual(some.series.dates, all.series.dates);
  // The empty High cell is still filled, and said so, though High is not kept.
  assert.deepEqual(some.warnings, all.warnings);
  assert.ok(some.warnings.some((w) => w.includes('empty High on 2020-01-02')));
});

test('columns that are not kept are checked as strictly as kept ones', () => {
  const cases = [
    [row(0, { high: '' }), row(1)],
    [row(0), row(1, { low: '' }), row(2, { low: 'NaN' }), row(3)],
    [row(0), row(1, { open: '-3' })],
    [row(0), row(1, { volume: 'abc' })],
    [row(0), row(1, { close: '' }), row(2)],
    [row(1), row(0, { close: 'N/A' }), row(2, { close: '' })],
    [row(1), row(0), row(2, { open: 'null' }), row(3)],
  ];
  assert.deepEqual(cases.map((rows) => outcome(rows).startsWith('error: ')), [true, true, true, true, false, true, false]);
  for (const rows of cases) {
    for (const keep of [[], ['open'], ['high', 'low'], ['volume']] as const) assert.equal(outcome(rows, keep), outcome(rows), JSON.stringify({ rows, keep }));
  }
});

test('a chunked column keeps every value across its chunks, in order or in a given order', () => {
  const column = new ChunkedColumn();
  const n = 200_000;
  for (let i = 0; i < n; i++) column.push(i * 0.5);
  assert.equal(column.length, n);
  assert.equal(column.at(65_536), 32_768);
  const reversed = Uint32Array.from({ length: n }, (_, i) => n - 1 - i);
  const copy = new ChunkedColumn();
  for (let i = 0; i < n; i++) copy.push(i * 0.5);
  assert.deepEqual(copy.toArray(reversed).subarray(0, 3), Float64Array.from([(n - 1) * 0.5, (n - 2) * 0.5, (n - 3) * 0.5]));
  const whole = column.toArray();
  assert.equal(whole.length, n);
  assert.ok(whole.every((v, i) => v === i * 0.5));
});
