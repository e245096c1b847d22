/**
 * Orders files in the ML4T marketsim format: `Date,Symbol,Order,Shares`
 * (Order BUY or SELL, Shares a positive integer), in any row order, several
 * symbols; other columns (such as dyna's own `Note`) are ignored. Pure: takes
 * the parsed records; every problem is a DataError naming the file, line and value.
 */
import { DataError } from '../errors.js';
import { isIsoDay } from '../data/dates.js';
import { clip } from '../text.js';

/** One order: signed shares (BUY positive, SELL negative) of a symbol on a day. */
export interface Order {
  /** Line in the orders file, for messages. */
  line: number;
  date: string;
  symbol: string;
  shares: number;
}

const REQUIRED = ['date', 'symbol', 'order', 'shares'] as const;

/** Validates records (the first is the header, with their file lines) and sorts the orders by date, stable within a day. */
export function parseOrders(records: Array<{ fields: string[]; line: number }>, file: string): Order[] {
  if (records.length === 0) throw new DataError('orders file is empty', { file });
  const header = records[0].fields.map((name) => name.trim().toLowerCase());
  const index: Record<(typeof REQUIRED)[number], number> = { date: -1, symbol: -1, order: -1, shares: -1 };
  for (const key of REQUIRED) {
    index[key] = header.indexOf(key);
    if (index[key] < 0) throw new DataError(`orders need a ${key[0].toUpperCase()}${key.slice(1)} column (header: ${clip(records[0].fields.join(','), 80)})`, { file, line: records[0].line });
  }
  const orders: Order[] = [];
  for (const { fields, line } of records.slice(1)) {
    if (fields.length === 1 && fields[0].trim() === '') continue;
    const cell = (key: (typeof REQUIRED)[number]) => (fields[index[key]] ?? '').trim();
    const date = cell('date');
    if (!isIsoDay(date)) throw new DataError(`malformed date "${clip(date)}" (expected YYYY-MM-DD)`, { file, line, column: 'Date' });
    const symbol = cell('symbol');
    if (!/^[A-Za-z0-9.$^_-]{1,32}$/.test(symbol)) throw new DataError(`"${clip(symbol)}" is not a symbol`, { file, line, column: 'Symbol' });
    const order = cell('order').toUpperCase();
    if (order !== 'BUY' && order !== 'SELL') throw new DataError(`order must be BUY or SELL (got "${clip(cell('order'))}")`, { file, line, column: 'Order' });
    const text = cell('shares');
    const shares = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(shares) || shares < 1) throw new DataError(`shares must be a positive integer (got "${clip(text)}")`, { file, line, column: 'Shares' });
    orders.push({ line, date, symbol, shares: order === 'BUY' ? shares : -shares });
  }
  if (orders.length === 0) throw new DataError('orders file has a header but no orders', { file });
  // Array.prototype.sort is stable: orders of one day keep their file order.
  return orders.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
