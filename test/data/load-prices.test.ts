import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataError, IoError } from '../../src/errors.js';
import { loadPrices } from '../../src/data/index.js';
import { tempFile } from '../support/temp.js';

const YAHOO = `Date,Open,High,Low,Close,Volume,Adj Close
2020-01-06,10,12,9,11,1000,5.5
2020-01-03,10,11,9,10,1100,5
2020-01-02,9,10,8,9,900,4.5
`;

test('reads a Yahoo export: descending dates sorted ascending, Adj Close used, OHL scaled to it', async () => {
  const { series, warnings } = await loadPrices(tempFile('YAHOO.csv', YAHOO));
  assert.equal(series.symbol, 'YAHOO');
  assert.deepEqual(series.dates, ['2020-01-02', '2020-01-03', '2020-01-06']);
  assert.deepEqual(Array.from(series.close), [4.5, 5, 5.5]);
  assert.deepEqual(Array.from(series.high ?? []), [5, 5.5, 6]);
  assert.deepEqual(Array.from(series.low ?? []), [4, 4.5, 4.5]);
  assert.deepEqual(Array.from(series.volume ?? []), [900, 1100, 1000]);
  assert.deepEqual(warnings, []);
});

test('accepts CRLF, a BOM, quoted fields, any header case and spacing, any column order, extra columns', async () => {
  const text = '\ufeff"adj_close" , Notes,DATE,close\r\n"4.5",hello,2020-01-02,9\r\n5,"a, b",2020-01-03,10\r\n';
  const { series } = await loadPrices(tempFile('odd.csv', text), { symbol: 'ODD' });
  assert.equal(series.symbol, 'ODD');
  assert.deepEqual(series.dates, ['2020-01-02', '2020-01-03']);
  assert.deepEqual(Array.from(series.close), [4.5, 5]);
  assert.equal(series.high, undefined);
  for (const header of ['Adj Close', 'AdjClose', 'adj close', 'ADJ_CLOSE']) {
    const { series: s } = await loadPrices(tempFile('h.csv', `Date,${header}\n2020-01-02,7\n`));
    assert.deepEqual(Array.from(s.close), [7]);
  }
});

test('uses Close when there is no Adj Close; unordered dates are sorted', async () => {
  const { series } = await loadPrices(tempFile('c.csv', 'Date,Close\n2020-01-03,2\n2020-01-01,1\n2020-01-06,3\n'));
  assert.deepEqual(series.dates, ['2020-01-01', '2020-01-03', '2020-01-06']);
  assert.deepEqual(Array.from(series.close), [1, 2, 3]);
});

test('forward-fills a single empty price cell with a warning naming the date', async () => {
  const { series, warnings } = await loadPrices(tempFile('gap.csv', 'Date,Close\n2020-01-01,1\n2020-01-02,\n2020-01-03,3\n'));
  assert.deepEqual(Array.from(series.close), [1, 1, 3]);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /empty Close on 2020-01-02 filled with the previous day's value/);
});

const rejects = async (name: string, content: string | Buffer, message: string, type: new (...args: never[]) => Error = DataError) => {
  const path = tempFile(name, content);
  await assert.rejects(loadPrices(path), (error: unknown) => {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    assert.equal((error as Error).message, message.replace('FILE', path));
    return true;
  });
};

test('rejects every broken file with a message naming the file, line and column', async () => {
  await rejects('empty.csv', '', 'FILE: file is empty');
  await rejects('header.csv', 'Date,Close\n', 'FILE: has a header but no data rows');
  await rejects('nodate.csv', 'Day,Close\n1,2\n', 'FILE:1: no Date column (found "Day", "Close")');
  await rejects('noclose.csv', 'Date,Open\n2020-01-01,2\n', 'FILE:1: no Close or Adj Close column (found "Date", "Open")');
  await rejects('date.csv', 'Date,Close\n2020-01-01,1\n01/02/2020,2\n', 'FILE:3 (column Date): unparseable date "01/02/2020" (expected YYYY-MM-DD)');
  await rejects('date2.csv', 'Date,Close\n2020-02-30,1\n', 'FILE:2 (column Date): unparseable date "2020-02-30" (expected YYYY-MM-DD)');
  await rejects('nan.csv', 'Date,Close\n2020-01-01,1\n2020-01-02,abc\n', 'FILE:3 (column Close): "abc" is not a number');
  await rejects('neg.csv', 'Date,Close\n2020-01-01,-1\n', 'FILE:2 (column Close): Close must be positive (got -1)');
  await rejects('zero.csv', 'Date,Adj Close\n2020-01-01,0\n', 'FILE:2 (column Adj Close): Adj Close must be positive (got 0)');
  await rejects('vol.csv', 'Date,Close,Volume\n2020-01-01,1,-5\n', 'FILE:2 (column Volume): Volume must not be negative (got -5)');
  await rejects('dup.csv', 'Date,Close\n2020-01-01,1\n2020-01-02,2\n2020-01-01,3\n', 'FILE:4: duplicate date 2020-01-01 (also on line 2)');
  await rejects('ragged.csv', 'Date,Close\n2020-01-01,1\n2020-01-02,2,3\n', 'FILE:3: row has 3 fields, the header has 2');
  await rejects('binary.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3]), 'FILE: looks like a binary file, not a CSV');
  await rejects('first.csv', 'Date,Close\n2020-01-01,\n2020-01-02,2\n', 'FILE:2 (column Close): empty Close on the first date 2020-01-01: nothing to carry forward');
  await rejects('run.csv', 'Date,Close\n2020-01-01,1\n2020-01-02,\n2020-01-03,\n2020-01-06,2\n', 'FILE:3 (column Close): several empty Close cells in a row around 2020-01-02: refusing to invent data');
  await rejects('quote.csv', 'Date,Close\n2020-01-01,"1\n', 'FILE:2: not a valid CSV: Quote Not Closed: the parsing is finished with an opening quote at line 2');
});

test('line numbers stay right across blank lines and quoted fields that span lines', async () => {
  await rejects('lines.csv', 'Date,Close\n\n2020-01-01,1\n2020-01-02,"2\n"\n2020-01-03,x\n', 'FILE:6 (column Close): "x" is not a number');
});

test('a missing file is an IoError naming it', async () => {
  await assert.rejects(loadPrices('/nonexistent/prices.csv'), (e: unknown) => e instanceof IoError && e.message === '/nonexistent/prices.csv: no such file');
});

test('streams a large intraday file quickly', async () => {
  const rows = ['Date,Close'];
  const day = Date.UTC(2020, 0, 1);
  for (let i = 0; i < 200_000; i++) rows.push(`${new Date(day + i * 60_000).toISOString().slice(0, 16).replace('T', ' ')},${(100 + Math.sin(i / 50)).toFixed(2)}`);
  const { series } = await loadPrices(tempFile('minutes.csv', rows.join('\n')));
  assert.equal(series.dates.length, 200_000);
  assert.equal(series.dates[1], '2020-01-01 00:01');
});
