/**
 * A multi-symbol account replaying orders as written (the ML4T marketsim
 * convention), with the same costs as the single-symbol simulator and the same
 * risk rules: a margin call closes everything when equity falls to the
 * maintenance fraction of the gross position value, later orders are then
 * ignored, and equity is never shown below zero. Pure.
 */
import type { Trade } from './account.js';
import type { Order } from './orders.js';
import { exposureOf, type AccountRules, type MarginCall, type Simulation } from './simulate.js';

/** Close prices per symbol on the common trading days. */
export interface SymbolPrices {
  dates: string[];
  close: Map<string, Float64Array>;
}

/** The portfolio's simulation plus its holdings per symbol. */
export interface PortfolioSimulation {
  /** The whole account; `holdings` is the net position value (long minus short), `exposure` the gross one over equity. */
  simulation: Simulation;
  /** Shares held of each symbol at each close. */
  holdings: Map<string, Float64Array>;
  /** One single-symbol view per symbol (its holdings, prices and trades), for round trips. */
  bySymbol: Map<string, Simulation>;
}

/** Replays `orders` (sorted by date; every date one of `prices.dates`) at each day's close. */
export function simulatePortfolio(prices: SymbolPrices, orders: Order[], rules: AccountRules): PortfolioSimulation {
  const { dates } = prices;
  const n = dates.length;
  const symbols = [...prices.close.keys()];
  const held = new Map(symbols.map((s) => [s, 0]));
  const holdings = new Map(symbols.map((s) => [s, new Float64Array(n)]));
  const tradesOf = new Map<string, Trade[]>(symbols.map((s) => [s, []]));
  const values = new Float64Array(n);
  const net = new Float64Array(n);
  const exposure = new Float64Array(n);
  const trades: Trade[] = [];
  let cash = rules.cash;
  let commissions = 0;
  let impactCosts = 0;
  let marginCall: MarginCall | null = null;
  const { commission, impact } = rules.costs;
  const trade = (t: number, symbol: string, q: number, forced: boolean) => {
    const price = (prices.close.get(symbol) as Float64Array)[t];
    const impactCost = Math.abs(q) * price * impact;
    cash -= q * price + commission + impactCost;
    commissions += commission;
    impactCosts += impactCost;
    held.set(symbol, (held.get(symbol) as number) + q);
    const record: Trade = { day: t, date: dates[t], shares: q, price, commission, impactCost, symbol };
    if (forced) record.marginCall = true;
    trades.push(record);
    (tradesOf.get(symbol) as Trade[]).push(record);
  };
  const positions = (t: number) => {
    let longMinusShort = 0;
    let gross = 0;
    for (const [symbol, shares] of held) {
      const value = shares * (prices.close.get(symbol) as Float64Array)[t];
      longMinusShort += value;
      gross += Math.abs(value);
    }
    return { equity: cash + longMinusShort, net: longMinusShort, gross };
  };
  let next = 0;
  for (let t = 0; t < n; t++) {
    let traded = false;
    while (next < orders.length && orders[next].date === dates[t]) {
      const order = orders[next++];
      if (marginCall === null) (trade(t, order.symbol, order.shares, false), (traded = true));
    }
    if (traded) {
      const after = positions(t);
      trades[trades.length - 1].exposure = exposureOf(after.gross, after.equity);
    }
    let now = positions(t);
    if (marginCall === null && now.gross > 0 && rules.maintenance > 0 && now.equity <= rules.maintenance * now.gross) {
      marginCall = { day: t, date: dates[t], equity: Math.max(0, now.equity), exposure: exposureOf(now.gross, now.equity) };
      for (const [symbol, shares] of held) if (shares !== 0) trade(t, symbol, -shares, true);
      now = positions(t);
    }
    values[t] = Math.max(0, now.equity);
    net[t] = now.net;
    exposure[t] = exposureOf(now.gross, now.equity);
    for (const [symbol, shares] of held) (holdings.get(symbol) as Float64Array)[t] = shares;
  }
  const simulation: Simulation = { startCash: rules.cash, dates, prices: new Float64Array(n), values, holdings: net, exposure, trades, commissions, impactCosts, marginCall };
  const bySymbol = new Map<string, Simulation>();
  for (const symbol of symbols) {
    const close = prices.close.get(symbol) as Float64Array;
    bySymbol.set(symbol, { ...simulation, prices: close, holdings: holdings.get(symbol) as Float64Array, trades: tradesOf.get(symbol) as Trade[] });
  }
  return { simulation, holdings, bySymbol };
}
