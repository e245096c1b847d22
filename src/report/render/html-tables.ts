/** The report page's tables: monthly and yearly returns, walk-forward windows, the worst drawdowns and the trades. Every text is escaped. */
import { escapeHtml } from './escape.js';
import { money, percent } from './format.js';
import type { MonthlyReturn } from '../monthly.js';
import type { DrawdownEpisode } from '../performance.js';
import type { RoundTrip } from '../round-trips.js';
import type { Trade } from '../../market/account.js';
import type { WindowSummary } from '../report.js';
import { verdictMark } from './html-page.js';

/** Years the monthly table shows at most. */
const MAX_YEARS = 50;
/** Trades the trades table lists at most (the last ones); trades.csv has every one. */
export const MAX_TRADE_ROWS = 300;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A return against the benchmark's: the excess, coloured and signed as the page's one meaning of colour says. */
function excessCell(excess: number): string {
  // What rounds to 0.0% is shown as a tie, not as a ▼ -0.0%.
  const tie = Math.abs(excess) < 5e-4;
  const { cls, sign } = verdictMark(tie ? 0 : excess);
  return `<small class="${cls}">${sign} ${tie ? '0.0%' : escapeHtml(percent(excess, true, 1))}</small>`;
}

/** Year x month, and the year: the strategy's return, and below it the excess over the benchmark (▲ blue above, ▼ vermillion below). */
export function monthlyTable(months: MonthlyReturn[], benchmarkName: string): string {
  const byYear = new Map<string, Map<number, MonthlyReturn>>();
  for (const m of months) {
    const year = m.month.slice(0, 4);
    if (!byYear.has(year)) byYear.set(year, new Map());
    byYear.get(year)?.set(Number(m.month.slice(5, 7)) - 1, m);
  }
  // The page lists the latest years; report.json keeps every month.
  const years = [...byYear];
  const shown = years.slice(-MAX_YEARS);
  const rows = shown.map(([year, cells]) => {
    const tds = MONTHS.map((_, i) => {
      const m = cells.get(i);
      return m ? `<td>${escapeHtml(percent(m.strategy, true, 1))}<br>${excessCell(m.excess)}</td>` : '<td></td>';
    });
    // The year compounds its months, for the strategy and the benchmark alike.
    let s = 1;
    let b = 1;
    for (const m of cells.values()) (s *= 1 + m.strategy), (b *= 1 + m.benchmark);
    return `<tr><th scope="row">${escapeHtml(year)}</th>${tds.join('')}<td class="year"><strong>${escapeHtml(percent(s - 1))}</strong><br>${excessCell(s - b)}</td></tr>`;
  });
  return `<h2>Monthly and yearly returns</h2>
<p class="note">Each cell: the strategy's return, and below it the excess over ${escapeHtml(benchmarkName)} (strategy minus benchmark: &#9650; above, &#9660; below).${years.length > shown.length ? ` The last ${MAX_YEARS} of ${years.length} years are shown; report.json has every month.` : ''}</p>
<table class="small monthly"><thead><tr><th></th>${MONTHS.map((m) => `<th>${m}</th>`).join('')}<th>Year</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

/** The walk-forward windows: periods, out-of-sample return against the benchmark, trades. */
export function windowsTable(windows: WindowSummary[], benchmarkName: string): string {
  const rows = windows.map((w) => {
    const { cls, sign } = verdictMark(w.strategy.totalReturn - w.benchmark.totalReturn);
    return (
      `<tr><td>${w.index + 1}</td><td class="text">${escapeHtml(w.train.start.slice(0, 10))} to ${escapeHtml(w.train.end.slice(0, 10))}</td><td class="text">${escapeHtml(w.test.start.slice(0, 10))} to ${escapeHtml(w.test.end.slice(0, 10))}</td><td>${w.test.days}</td>` +
      `<td class="${cls}">${sign} ${escapeHtml(percent(w.strategy.totalReturn))}</td><td>${escapeHtml(percent(w.benchmark.totalReturn))}</td><td>${w.strategy.trades}</td><td>${escapeHtml(percent(w.account.totalReturn))}</td><td>${w.train.epochs}</td><td class="text">${escapeHtml(w.train.policy)}</td></tr>`
    );
  });
  return `<h2>Walk-forward windows</h2>
<p class="note">Each window trains on its training days and is tested on the days after them, which it never saw; the numbers match the dashed lines in the charts. Return, ${escapeHtml(benchmarkName)} and trades are each window's own backtest, from the start cash. The account above trades the windows one after another, keeping its position from one to the next; its column is its return over the window's days. &#9650; better than ${escapeHtml(benchmarkName)} in that window, &#9660; worse.</p>
<table class="small windows"><thead><tr><th>#</th><th class="text">train</th><th class="text">test</th><th>days</th><th>return</th><th>${escapeHtml(benchmarkName)}</th><th>trades</th><th>account</th><th>epochs</th><th class="text">learned</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

/** The deepest drawdowns of the strategy: peak, trough, recovery, depth and length. */
export function drawdownsTable(episodes: DrawdownEpisode[]): string {
  if (episodes.length === 0) return '<h2>Worst drawdowns</h2><p class="note">The strategy never fell below a previous peak.</p>';
  const rows = episodes.map(
    (d, i) => `<tr><td>${i + 1}</td><td class="text">${escapeHtml(d.peak.slice(0, 10))}</td><td class="text">${escapeHtml(d.trough.slice(0, 10))}</td><td class="text">${d.recovery ? escapeHtml(d.recovery.slice(0, 10)) : '<em>not recovered</em>'}</td><td>${escapeHtml(percent(-d.depth))}</td><td>${d.days.toLocaleString('en-US')}</td></tr>`,
  );
  return `<h2>Worst drawdowns</h2>
<p class="note">The strategy's ${episodes.length} deepest falls from a running peak (the start cash counts as the first peak): the peak, the lowest close, the close that regained the peak, and the trading days from peak to recovery (or to the end).</p>
<table class="small"><thead><tr><th>#</th><th class="text">peak</th><th class="text">trough</th><th class="text">recovered</th><th>depth</th><th>days</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

/** The trades: date, side, shares, price, costs, and the profit of the round trip a trade closes (the last MAX_TRADE_ROWS, with a note when there are more). */
export function tradesTable(trades: Trade[], trips: RoundTrip[], note = ''): string {
  if (trades.length === 0) return '<h2>Trades</h2><p class="note">No trades.</p>';
  // A trip ends on the trade that closes or reverses it; its profit is shown on that trade's row.
  const closing = new Map<string, RoundTrip>();
  for (const trip of trips) if (trip.closed) closing.set(`${trip.exitDate}|${trip.symbol ?? ''}`, trip);
  const shown = trades.slice(-MAX_TRADE_ROWS);
  const open = trips.filter((t) => !t.closed);
  const shares = (x: number) => (Number.isInteger(x) ? x.toLocaleString('en-US') : x.toLocaleString('en-US', { maximumFractionDigits: 2 }));
  const symbols = trades.some((t) => t.symbol !== undefined);
  const rows = shown.map((t) => {
    const trip = closing.get(`${t.date}|${t.symbol ?? ''}`);
    const pnl = trip ? `<td>${escapeHtml(money(trip.profit))}</td><td>${escapeHtml(percent(tripReturn(trip)))}</td>` : '<td></td><td></td>';
    const side = t.shares > 0 ? '<span class="buy-text">&#9650; BUY</span>' : '<span class="sell-text">&#9660; SELL</span>';
    return `<tr><td class="text">${escapeHtml(t.date.slice(0, 10))}</td>${symbols ? `<td class="text">${escapeHtml(t.symbol ?? '')}</td>` : ''}<td class="text">${side}${t.marginCall ? ' (margin call)' : ''}</td><td>${shares(Math.abs(t.shares))}</td><td>${escapeHtml(money(t.price))}</td><td>${escapeHtml(money(t.commission + t.impactCost))}</td>${pnl}</tr>`;
  });
  const openRows = open.map(
    (trip) => `<tr class="muted"><td class="text">${escapeHtml(trip.exitDate.slice(0, 10))}</td>${symbols ? `<td class="text">${escapeHtml(trip.symbol ?? '')}</td>` : ''}<td class="text">still open</td><td>${shares(Math.abs(trip.shares))}</td><td>${escapeHtml(money(trip.exitPrice))}</td><td></td><td>${escapeHtml(money(trip.profit))}</td><td>${escapeHtml(percent(tripReturn(trip)))}</td></tr>`,
  );
  const more = trades.length > shown.length ? ` The last ${shown.length.toLocaleString('en-US')} of ${trades.length.toLocaleString('en-US')} trades are listed; trades.csv has every one.` : '';
  return `<h2>Trades</h2>
<p class="note">Every order, at that day's close. P&amp;L is the round trip's profit after costs (from the trade that opened the position to the one that closes or reverses it), on the row of its closing trade; return is that profit over the position's value when it opened. A position still open at the end is valued at the last close.${more}${note ? ` ${escapeHtml(note)}` : ''}</p>
<table class="small trades"><thead><tr><th class="text">date</th>${symbols ? '<th class="text">symbol</th>' : ''}<th class="text">side</th><th>shares</th><th>price</th><th>costs</th><th>P&amp;L</th><th>return</th></tr></thead><tbody>
${[...rows, ...openRows].join('\n')}
</tbody></table>`;
}

/** A round trip's profit over its position's value when it opened. */
function tripReturn(trip: RoundTrip): number {
  const value = Math.abs(trip.shares * trip.entryPrice);
  return value > 0 ? trip.profit / value : 0;
}
