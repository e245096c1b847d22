/** The metrics table both the terminal and the HTML report show: label and formatted values. */
import type { Metrics } from '../metrics.js';
import { money, percent, ratio } from './format.js';

/** One row of the metrics table. `better` says which way is good, for colouring. */
export interface MetricRow {
  label: string;
  strategy: string;
  benchmark: string;
  /** Sign of strategy - benchmark when higher is better (or lower, for drawdown): 1 better, -1 worse, 0 a tie or no comparison. */
  verdict: -1 | 0 | 1;
  /** False where a better or worse makes no sense (costs, counts) or a side is undefined: no colour, no sign. */
  comparable: boolean;
}

type Getter = (m: Metrics) => number | null;
const ROWS: Array<[string, Getter, (x: number | null) => string, 'higher' | 'lower' | 'none']> = [
  ['Start value', (m) => m.startValue, money, 'none'],
  ['End value', (m) => m.endValue, money, 'higher'],
  ['Total return', (m) => m.totalReturn, percent, 'higher'],
  ['CAGR', (m) => m.cagr, percent, 'higher'],
  ['Annualized return', (m) => m.annualizedReturn, percent, 'higher'],
  ['Annualized volatility', (m) => m.annualizedVolatility, (x) => percent(x, false), 'none'],
  ['Sharpe ratio', (m) => m.sharpe, ratio, 'higher'],
  ['Sortino ratio', (m) => m.sortino, ratio, 'higher'],
  ['Calmar ratio', (m) => m.calmar, ratio, 'higher'],
  ['Max drawdown', (m) => m.maxDrawdown, (x) => percent(x === null ? null : -x, false), 'lower'],
  ['Max drawdown length (days)', (m) => m.maxDrawdownDays, (x) => (x === null ? 'n/a' : x.toLocaleString('en-US')), 'lower'],
  ['Exposure', (m) => m.exposure, (x) => percent(x, false), 'none'],
  ['Trades', (m) => m.trades, (x) => (x === null ? 'n/a' : x.toLocaleString('en-US')), 'none'],
  ['Round trips', (m) => m.roundTrips, (x) => (x === null ? 'n/a' : x.toLocaleString('en-US')), 'none'],
  // A benchmark holds one position: its win rate, profit factor and expectancy are one trip's, nothing to rank against.
  ['Win rate', (m) => m.winRate, (x) => percent(x, false), 'none'],
  ['Best trade', (m) => m.bestTrade, money, 'none'],
  ['Worst trade', (m) => m.worstTrade, money, 'none'],
  ['Profit factor', (m) => m.profitFactor, ratio, 'none'],
  ['Expectancy per trip', (m) => m.expectancy, money, 'none'],
  ['Commissions paid', (m) => m.commissions, money, 'none'],
  ['Impact paid', (m) => m.impactCosts, money, 'none'],
  ['Max leverage', (m) => m.maxLeverage, (x) => (x === null ? 'n/a' : `${x.toFixed(2)}x`), 'none'],
];

/** The formatted rows of the strategy-versus-benchmark table. */
export function metricRows(strategy: Metrics, benchmark: Metrics): MetricRow[] {
  return ROWS.map(([label, get, format, better]) => {
    const s = get(strategy);
    const b = get(benchmark);
    let verdict: MetricRow['verdict'] = 0;
    if (better !== 'none' && s !== null && b !== null && s !== b) verdict = (s > b) === (better === 'higher') ? 1 : -1;
    return { label, strategy: format(s), benchmark: format(b), verdict, comparable: better !== 'none' && s !== null && b !== null };
  });
}
