/** `dyna simulate`: replay an orders file (ML4T marketsim format) through the simulator and report it. */
import type { Command } from 'commander';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { DataError, InvalidOptionError } from '../../errors.js';
import { alignCloses, tradingDays } from '../../data/align.js';
import { ioError, loadPrices } from '../../data/load-prices.js';
import type { PriceSeries } from '../../data/price-series.js';
import { validateDateRange } from '../../data/date-range.js';
import { parseOrders, type Order } from '../../market/orders.js';
import { simulatePortfolio } from '../../market/portfolio.js';
import { accountRulesOf, buyAndHold, simulateTargets, type AccountRules, type Simulation } from '../../market/simulate.js';
import { buildReport } from '../../report/report.js';
import { portfolioEquityCsv } from '../../report/csv.js';
import { roundTrips } from '../../report/round-trips.js';
import { writeFilesAtomic } from '../files.js';
import { leverageWarnings, writtenLine, printReport, printWarnings, refuseToOverwriteReport, reportFiles } from '../report-output.js';
import { addAccountFlags, marketOverride, type MarketFlags } from '../settings-flags.js';
import type { CommandContext } from '../context.js';

interface SimulateFlags extends MarketFlags {
  prices: string;
  start?: string;
  end?: string;
  benchmark?: string;
  report?: string;
  config?: string;
  json?: boolean;
  quiet?: boolean;
}

/** Registers `dyna simulate` on the program. */
export function registerSimulate(program: Command, context: CommandContext): void {
  const command = program
    .command('simulate')
    .description('replay an orders file (Date,Symbol,Order,Shares: the ML4T marketsim format) and report it')
    .argument('<orders.csv>', 'orders: Date, Symbol, Order (BUY or SELL), Shares; any row order, several symbols')
    .requiredOption('--prices <dir>', 'folder of price files, one <SYMBOL>.csv per symbol')
    .option('--start <date>', 'first day (default: the first order date)')
    .option('--end <date>', 'last day (default: the last order date)')
    .option('--benchmark <symbol>', 'compare with buying and holding this symbol (its file must be in --prices)')
    .option('--report <dir>', 'write report.json, equity.csv (with holdings per symbol), trades.csv and report.html')
    .option('--config <file>', 'JSON settings file (its "market" section)');
  addAccountFlags(command, 'config/defaults.json');
  command
    .option('--json', 'print one JSON document on stdout and nothing else')
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (ordersPath: string, flags: SimulateFlags) => {
      validateDateRange({ start: flags.start, end: flags.end });
      if (flags.benchmark !== undefined && !/^[A-Za-z0-9.$^_-]{1,32}$/.test(flags.benchmark)) throw new InvalidOptionError(`--benchmark must be a symbol (got "${flags.benchmark.slice(0, 40)}")`);
      const settings = context.settings(flags.config, marketOverride(flags));
      const inputs = [ordersPath, ...(flags.config ? [flags.config] : [])];
      const text = await readFile(ordersPath, 'utf8').catch((error: unknown) => {
        throw ioError(ordersPath, error);
      });
      const orders = parseOrders(csvRecords(text, ordersPath), ordersPath);
      const symbols = [...new Set(orders.map((o) => o.symbol))];
      const all = flags.benchmark && !symbols.includes(flags.benchmark) ? [...symbols, flags.benchmark] : symbols;
      const series = new Map<string, PriceSeries>();
      for (const symbol of all) {
        const path = join(flags.prices, `${symbol}.csv`);
        inputs.push(path);
        await requirePriceFile(path, symbol, symbol === flags.benchmark && !symbols.includes(symbol) ? undefined : orders.find((o) => o.symbol === symbol), ordersPath);
        series.set(symbol, (await loadPrices(path, { symbol })).series);
      }
      if (flags.report) refuseToOverwriteReport(flags.report, inputs);
      for (const order of orders) {
        const own = series.get(order.symbol) as PriceSeries;
        if (!own.dates.some((d) => d.slice(0, 10) === order.date)) {
          throw new DataError(`${order.symbol} has no price on ${order.date} (${join(flags.prices, `${order.symbol}.csv`)})`, { file: ordersPath, line: order.line, column: 'Date' });
        }
      }
      const start = flags.start ?? orders[0].date;
      const end = flags.end ?? orders[orders.length - 1].date;
      const days = tradingDays([...series.values()], start, end);
      if (days.length === 0) throw new DataError(`no trading days between ${start} and ${end} in the price files`, { file: ordersPath });
      const inPeriod = orders.filter((o) => o.date >= days[0].slice(0, 10) && o.date <= days[days.length - 1].slice(0, 10));
      const warnings: string[] = [];
      if (inPeriod.length < orders.length) warnings.push(`${orders.length - inPeriod.length} order(s) fall outside ${start} to ${end} and were ignored`);
      const dayOf = new Map(days.map((d) => [d.slice(0, 10), d]));
      const placed: Order[] = inPeriod.map((o) => ({ ...o, date: dayOf.get(o.date) as string }));
      const close = new Map(symbols.map((s) => [s, alignCloses(series.get(s) as PriceSeries, days)]));
      const rules: AccountRules = { ...accountRulesOf(settings.market) };
      const portfolio = simulatePortfolio({ dates: days, close }, placed, rules);
      const strategy = portfolio.simulation;
      const benchmark: Simulation = flags.benchmark
        ? buyAndHold(days, alignCloses(series.get(flags.benchmark) as PriceSeries, days), { kind: 'fraction', size: 1 }, rules)
        : simulateTargets(days, new Float64Array(days.length).fill(1), new Float64Array(days.length), rules);
      warnings.push(...leverageWarnings({ kind: 'shares', shares: 1 }, strategy, strategy, settings.market.maintenance));
      printWarnings(context.terminal, warnings, flags.quiet === true || flags.json === true);
      const trips = [...portfolio.bySymbol.values()].flatMap((sim) => roundTrips(sim)).sort((a, b) => (a.exitDate < b.exitDate ? -1 : a.exitDate > b.exitDate ? 1 : 0));
      const report = buildReport({
        command: 'simulate',
        symbol: symbols.join(','),
        data: { file: basename(ordersPath), sha256: createHash('sha256').update(text).digest('hex') },
        costs: { commission: settings.market.commission, impact: settings.market.impact },
        position: { sizing: 'orders', cash: settings.market.cash, maintenance: settings.market.maintenance },
        strategy,
        strategyTrips: trips,
        benchmark,
        benchmarkName: flags.benchmark ? `buy-and-hold ${flags.benchmark}` : 'cash',
        model: '',
        warnings,
      });
      // Without --benchmark there is nothing to compare with: the JSON leaves benchmark and excess out.
      const { benchmark: _b, excess: _e, ...alone } = report;
      const document = flags.benchmark ? report : alone;
      const files = flags.report
        ? reportFiles(flags.report, document, { document: report, strategy, benchmark, equity: portfolioEquityCsv(strategy, benchmark, portfolio.holdings) })
        : [];
      await writeFilesAtomic(files);
      const { terminal } = context;
      if (flags.json) terminal.out(`${JSON.stringify(document, null, 2)}\n`);
      else if (!flags.quiet) {
        printReport(terminal, report, strategy, benchmark);
        if (files.length) terminal.out(`\n${writtenLine('report', files.map((f) => f.path))}`);
      }
    });
}

/** The orders file's records with the line each starts on. */
function csvRecords(text: string, file: string): Array<{ fields: string[]; line: number }> {
  try {
    const rows = parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    return rows.map((r) => ({ fields: r.record, line: r.info.lines }));
  } catch (error) {
    throw new DataError(`not a valid CSV: ${(error as Error).message.replace(/^Invalid [^:]*: /, '')}`, { file });
  }
}

/** A missing price file is a data error naming the first order that needs it (or the --benchmark flag). */
async function requirePriceFile(path: string, symbol: string, order: Order | undefined, ordersPath: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isFile()) return;
  const message = `no price file for ${symbol} (looked for ${path})`;
  if (order === undefined) throw new InvalidOptionError(`--benchmark ${symbol}: ${message}`);
  throw new DataError(message, { file: ordersPath, line: order.line, column: 'Symbol' });
}
