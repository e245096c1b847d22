import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadOrders } from '../../src/market/load-orders.js';
import type { AccountRun } from '../../src/market/simulate.js';
import { tradesCsv } from '../../src/report/render/csv.js';
import { anyCsvReadsOrNamesTheFile, runs } from '../support/properties.js';
import { tempFile } from '../support/temp.js';

let files = 0;
const file = (text: string) => tempFile(`o${files++}.csv`, text);

const day = fc.integer({ min: 0, max: 10_000 }).map((d) => new Date(Date.UTC(2000, 0, 1 + d)).toISOString().slice(0, 10));
// Not starting with '-': trades.csv guards such a cell against spreadsheets (a leading '), which orders files then refuse.
const symbol = fc.stringMatching(/^[A-Za-z0-9.$^_][A-Za-z0-9.$^_-]{0,31}$/);
const order = fc.record({ date: day, symbol, shares: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), buy: fc.boolean() });

test('any text is a list of orders or one data error naming the file: never a crash', async () => {
  const headers = ['Date,Symbol,Order,Shares\n', 'date,symbol,order,shares,Note\r\n', 'Symbol,Date\n', ''];
  await anyCsvReadsOrNamesTheFile(headers, (path) => loadOrders(path), (result) => assert.ok(result.orders.every((o) => Number.isSafeInteger(o.shares) && o.shares !== 0)));
});

test('the trades.csv dyna writes is an orders file that reads back as the same orders, sorted by date and stable within a day', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(order, { minLength: 1, maxLength: 30 }), async (list) => {
      const run = { trades: list.map((o) => ({ date: o.date, symbol: o.symbol, shares: o.buy ? o.shares : -o.shares, marginCall: false })) } as unknown as AccountRun;
      const { orders } = await loadOrders(file(tradesCsv(run, 'ignored')));
      const expected = list.map((o, i) => ({ line: i + 2, date: o.date, symbol: o.symbol, shares: o.buy ? o.shares : -o.shares })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      assert.deepEqual(orders, expected);
    }),
    runs(),
  );
});
