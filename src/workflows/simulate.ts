/**
 * `simulate`: replay an orders file (the ML4T marketsim format) through the
 * same ledger as `backtest`, with prices from `<prices>/<SYMBOL>.csv`. Returns
 * the report document (what `dyna simulate --json` prints: without a
 * `benchmark` option it has no benchmark and no excess), with the views of its
 * report files and the price files it read attached. With `significance`, the
 * orders' timing and their excess over the benchmark (cash without one) are tested.
 */
import { join, basename } from 'node:path';
import { alignCloses, tradingDays } from '../data/align.js';
import { validateDateRange } from '../data/date-range.js';
import { isFile, loadPrices } from '../data/load-prices.js';
import type { PriceSeries } from '../data/price-series.js';
import { DataError, invalidOption } from '../errors.js';
import { quote } from '../text.js';
import { loadOrders } from '../market/load-orders.js';
import type { Order } from '../market/orders.js';
import { simulatePortfolio } from '../market/portfolio.js';
import { accountRulesOf, buyAndHold, maxLeverage, simulateTargets, type Simulation } from '../market/simulate.js';
import type { Sizing } from '../market/sizing.js';
import { assessOrdersSignificance } from '../evaluation/significance.js';
import { createRng } from '../rng.js';
import { buildReport, type ReportDocument, type ReportViews } from '../report/report.js';
import { roundTrips } from '../report/round-trips.js';
import { leverageWarnings } from '../report/warnings.js';
import { Warnings, withOutputs, type WorkflowIo } from './io.js';
import { checkInteger, checkOverride, resolveSettings, type AccountOptions } from './options.js';

/** The options of `simulate`: its flags, camelCased. */
export interface SimulateOptions extends AccountOptions {
  /** The orders CSV: Date, Symbol, Order (BUY or SELL), Shares. */
  orders: string;
  /** The folder of price files, one `<SYMBOL>.csv` per symbol. */
  prices: string;
  /** The period (default: the first order date to the last order date, or to the price files' last common day while positions are still open). */
  start?: string;
  end?: string;
  /**
   * Compare with buying and holding this symbol (its file must be in `prices`):
   * as many shares as the orders ever hold of it when they trade it, else all the cash.
   */
  benchmark?: string;
  /** Also test the orders' timing against this many random timings with their exposure, and their excess over the benchmark (cash without one) by as many bootstrap samples. */
  significance?: number;
  /** A JSON settings file (its market section). */
  config?: string;
}

/** What a simulation attaches to its document. */
export interface SimulateOutputs {
  views: ReportViews;
  /** The price files read (the CLI never writes over an input). */
  inputs: string[];
}

/** What `simulate --json` prints: a report, without benchmark and excess when there is no benchmark to compare with. */
export type SimulateDocument = ReportDocument | Omit<ReportDocument, 'benchmark' | 'excess'>;

const SYMBOL = /^[A-Za-z0-9.$^_-]{1,32}$/;

/** Replays the orders at each day's close, with the account's costs and margin rule. */
export async function simulate(options: SimulateOptions, io: WorkflowIo = {}): Promise<SimulateDocument & Readonly<SimulateOutputs>> {
  validateDateRange({ start: options.start, end: options.end });
  if (options.benchmark !== undefined && !SYMBOL.test(options.benchmark)) throw invalidOption('benchmark', `must be a symbol (got ${quote(options.benchmark)})`);
  checkInteger('significance', options.significance);
  const { commission, impact, cash, maintenance } = options;
  const settings = resolveSettings(options.config, checkOverride({ market: { commission, impact, cash, maintenance } }));
  const { orders, sha256 } = await loadOrders(options.orders);
  const symbols = [...new Set(orders.map((o) => o.symbol))];
  const benchmarkOnly = options.benchmark !== undefined && !symbols.includes(options.benchmark);
  const series = new Map<string, PriceSeries>();
  const inputs: string[] = [];
  for (const symbol of benchmarkOnly ? [...symbols, options.benchmark as string] : symbols) {
    const path = join(options.prices, `${symbol}.csv`);
    inputs.push(path);
    if (!(await isFile(path))) {
      const message = `no price file for ${symbol} (looked for ${path})`;
      const order = orders.find((o) => o.symbol === symbol);
      if (order === undefined) throw invalidOption('benchmark', `${symbol}: ${message}`);
      throw new DataError(message, { file: options.orders, line: order.line, column: 'Symbol' });
    }
    series.set(symbol, (await loadPrices(path, { symbol })).series);
  }
  for (const order of orders) {
    if (!(series.get(order.symbol) as PriceSeries).dates.some((d) => d.slice(0, 10) === order.date)) {
      throw new DataError(`${order.symbol} has no price on ${order.date} (${join(options.prices, `${order.symbol}.csv`)})`, { file: options.orders, line: order.line, column: 'Date' });
    }
  }
  const start = options.start ?? orders[0].date;
  const end = options.end ?? defaultEnd(orders, [...series.values()]);
  const days = tradingDays([...series.values()], start, end);
  if (days.length === 0) throw new DataError(`no trading days between ${start} and ${end} in the price files`, { file: options.orders });
  const inPeriod = orders.filter((o) => o.date >= days[0].slice(0, 10) && o.date <= days[days.length - 1].slice(0, 10));
  const warnings = new Warnings(io);
  if (inPeriod.length < orders.length) warnings.add(`${orders.length - inPeriod.length} order(s) fall outside ${start} to ${end} and were ignored`);
  const dayOf = new Map(days.map((d) => [d.slice(0, 10), d]));
  const placed: Order[] = inPeriod.map((o) => ({ ...o, date: dayOf.get(o.date) as string }));
  const close = new Map(symbols.map((s) => [s, alignCloses(series.get(s) as PriceSeries, days)]));
  const rules = accountRulesOf(settings.market);
  const prices = { dates: days, close };
  const portfolio = simulatePortfolio(prices, placed, rules);
  const strategy = portfolio.account;
  // Without a benchmark the comparison is with cash: a flat account.
  const sized = options.benchmark === undefined ? undefined : benchmarkSizing(portfolio.holdings.get(options.benchmark));
  const benchmark: Simulation = options.benchmark
    ? buyAndHold(days, alignCloses(series.get(options.benchmark) as PriceSeries, days), sized as Sizing, rules)
    : simulateTargets(days, new Float64Array(days.length).fill(1), new Float64Array(days.length), rules);
  const benchmarkName = options.benchmark === undefined ? 'cash' : sized?.kind === 'shares' ? `buy-and-hold ${sized.shares} ${options.benchmark}` : `buy-and-hold ${options.benchmark}`;
  warnings.add(...leverageWarnings({ kind: 'shares', shares: 1 }, strategy, strategy, settings.market.maintenance));
  const benchmarkLeverage = maxLeverage(benchmark);
  if (sized?.kind === 'shares' && benchmarkLeverage > 1) warnings.add(`the benchmark holds ${sized.shares} ${options.benchmark} (the most the orders hold), up to ${benchmarkLeverage.toFixed(2)}x its equity: it is levered as the orders are`);
  const trips = [...portfolio.bySymbol].flatMap(([symbol, sim]) => roundTrips(sim).map((trip) => ({ ...trip, symbol }))).sort((a, b) => (a.exitDate < b.exitDate ? -1 : a.exitDate > b.exitDate ? 1 : 0));
  const significance =
    options.significance === undefined
      ? undefined
      : assessOrdersSignificance({
          prices,
          holdings: portfolio.holdings,
          strategy,
          benchmark,
          benchmarkName,
          benchmarkDescription: options.benchmark === undefined ? 'cash (no benchmark symbol was given: the account against keeping its cash, whose log return is 0)' : undefined,
          benchmarkSymbol: sized?.kind === 'shares' ? options.benchmark : undefined,
          samples: options.significance,
          rules,
          rng: createRng(`significance:${settings.trader.seed}:${sha256}`),
        });
  if (significance) warnings.add(...significance.warnings);
  const report = buildReport({
    command: 'simulate',
    symbol: symbols.join(','),
    data: { file: basename(options.orders), sha256 },
    costs: rules.costs,
    position: { sizing: 'orders', cash: settings.market.cash, maintenance: settings.market.maintenance },
    strategy,
    strategyTrips: trips,
    benchmark,
    benchmarkName,
    model: '',
    warnings: warnings.list,
    significance,
  });
  const { benchmark: _benchmark, excess: _excess, ...alone } = report;
  const document: SimulateDocument = options.benchmark ? report : alone;
  return withOutputs(document, { views: { report, strategy, benchmark, holdings: portfolio.holdings, trips }, inputs });
}

/**
 * The last day of a simulation without --end: the last order's date when the
 * orders leave the book flat (as ML4T's marketsim), else the last day every
 * price file has, so that open positions (a backtest's last one) are marked to
 * the end of the data rather than dropped at the last trade.
 */
function defaultEnd(orders: Order[], series: PriceSeries[]): string {
  const net = new Map<string, number>();
  for (const o of orders) net.set(o.symbol, (net.get(o.symbol) ?? 0) + o.shares);
  const last = orders[orders.length - 1].date;
  if ([...net.values()].every((shares) => shares === 0)) return last;
  const common = series.reduce((end, s) => (s.dates[s.dates.length - 1].slice(0, 10) < end ? s.dates[s.dates.length - 1].slice(0, 10) : end), '9999-12-31');
  return common > last ? common : last;
}

/** The benchmark's size: the most shares the orders ever hold of its symbol (long or short), or all the cash when they never hold it. */
function benchmarkSizing(held: Float64Array | undefined): Sizing {
  let most = 0;
  if (held) for (let t = 0; t < held.length; t++) most = Math.max(most, Math.abs(held[t]));
  return most > 0 ? { kind: 'shares', shares: most } : { kind: 'fraction', size: 1 };
}
