/**
 * A multi-symbol account replaying orders as written (the ML4T marketsim
 * convention), through the same Account as the single-symbol simulator: the
 * same costs, the same trade records and the same margin rule (a margin call
 * closes everything when equity falls to the maintenance fraction of the gross
 * position value; later orders are then ignored). Equity is never shown below zero. Pure.
 */
import { Account, exposureOf, marginCallAt, marginCallDue, type MarginCall, type Trade } from './account.js';
import type { Order } from './orders.js';
import type { AccountRules, AccountRun, Simulation } from './simulate.js';

/** Close prices per symbol on the common trading days. */
export interface SymbolPrices {
  dates: string[];
  close: Map<string, Float64Array>;
}

/** The whole multi-symbol account's run. */
export interface PortfolioRun extends AccountRun {
  /** Net value of the positions at each close, in money: long minus short (its sign is the account's direction). */
  netValue: Float64Array;
}

/** The portfolio's run, its holdings per symbol, and one single-symbol view per symbol. */
export interface PortfolioSimulation {
  account: PortfolioRun;
  /** Shares held of each symbol at each close. */
  holdings: Map<string, Float64Array>;
  /** One single-symbol view per symbol (its prices, shares and trades), for round trips. */
  bySymbol: Map<string, Simulation>;
}

/** Replays `orders` (sorted by date; every date one of `prices.dates`) at each day's close. */
export function simulatePortfolio(prices: SymbolPrices, orders: Order[], rules: AccountRules): PortfolioSimulation {
  const { dates } = prices;
  const n = dates.length;
  const symbols = [...prices.close.keys()];
  const closes = symbols.map((s) => prices.close.get(s) as Float64Array);
  const indexOf = new Map(symbols.map((s, i) => [s, i]));
  const account = new Account(rules.cash, rules.costs, symbols.length);
  const holdings = symbols.map(() => new Float64Array(n));
  const values = new Float64Array(n);
  const netValue = new Float64Array(n);
  const exposure = new Float64Array(n);
  let marginCall: MarginCall | null = null;
  const positions = (t: number) => {
    let longMinusShort = 0;
    let gross = 0;
    for (let i = 0; i < symbols.length; i++) {
      const value = account.shares[i] * closes[i][t];
      longMinusShort += value;
      gross += Math.abs(value);
    }
    return { equity: account.cash + longMinusShort, net: longMinusShort, gross };
  };
  let next = 0;
  for (let t = 0; t < n; t++) {
    let last: Trade | undefined;
    while (next < orders.length && orders[next].date === dates[t]) {
      const order = orders[next++];
      const i = indexOf.get(order.symbol) as number;
      if (marginCall === null) last = account.trade(t, dates[t], order.shares, closes[i][t], i, order.symbol);
    }
    if (last) {
      const after = positions(t);
      last.exposure = exposureOf(after.gross, after.equity);
    }
    let now = positions(t);
    if (marginCall === null && marginCallDue(now.equity, now.gross, rules.maintenance)) {
      marginCall = marginCallAt(t, dates[t], now.equity, now.gross);
      symbols.forEach((symbol, i) => {
        if (account.shares[i] !== 0) account.trade(t, dates[t], -account.shares[i], closes[i][t], i, symbol).marginCall = true;
      });
      now = positions(t);
    }
    values[t] = Math.max(0, now.equity);
    netValue[t] = now.net;
    exposure[t] = exposureOf(now.gross, now.equity);
    for (let i = 0; i < symbols.length; i++) holdings[i][t] = account.shares[i];
  }
  const run: PortfolioRun = { startCash: rules.cash, dates, values, netValue, exposure, trades: account.trades, commissions: account.commissions, impactCosts: account.impactCosts, marginCall };
  const bySymbol = new Map<string, Simulation>();
  symbols.forEach((symbol, i) => bySymbol.set(symbol, { ...run, prices: closes[i], holdings: holdings[i], trades: account.trades.filter((t) => t.symbol === symbol) }));
  return { account: run, holdings: new Map(symbols.map((s, i) => [s, holdings[i]])), bySymbol };
}
