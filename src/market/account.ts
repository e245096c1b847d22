/**
 * The one ledger: cash, shares and costs of a trading account, with the ML4T
 * market simulator's cost model (a trade of q shares, negative = sell, at price p
 *   cash -= q*p + commission + |q|*p*impact),
 * the record of every trade, and the broker's margin rule. The single-symbol
 * simulator and the multi-symbol portfolio both trade through it.
 */

/** Costs of trading. */
export interface Costs {
  /** Fixed cost per trade. */
  commission: number;
  /** Fraction of the traded value lost to market impact. */
  impact: number;
}

/** One executed trade. */
export interface Trade {
  /** Row index within the simulated period. */
  day: number;
  date: string;
  /** Shares bought (positive) or sold (negative). */
  shares: number;
  price: number;
  commission: number;
  /** Impact cost in money: |q| * p * impact. */
  impactCost: number;
  /** Set when the broker forced this trade (a margin call). */
  marginCall?: boolean;
  /** Gross exposure right after the trade: |value of the positions| / equity. */
  exposure?: number;
  /** The symbol traded, in multi-symbol simulations. */
  symbol?: string;
}

/** When the broker closed the positions. */
export interface MarginCall {
  day: number;
  date: string;
  /** Equity at that close, before the positions were closed. */
  equity: number;
  /** Gross exposure at that close, before the positions were closed. */
  exposure: number;
}

/** Gross exposure: |position value| / equity; 0 without a position, infinite once equity is gone. */
export function exposureOf(positionValue: number, equity: number): number {
  if (positionValue === 0) return 0;
  return equity > 0 ? Math.abs(positionValue) / equity : Number.POSITIVE_INFINITY;
}

/** The margin rule: a call when equity falls to `maintenance` x the gross value of the positions (0 = never). */
export function marginCallDue(equity: number, grossValue: number, maintenance: number): boolean {
  return grossValue > 0 && maintenance > 0 && equity <= maintenance * grossValue;
}

/** The record of a margin call at a close (equity is never shown below zero). */
export function marginCallAt(day: number, date: string, equity: number, grossValue: number): MarginCall {
  return { day, date, equity: Math.max(0, equity), exposure: exposureOf(grossValue, equity) };
}

/** Cash, shares of one or more symbols (by index), costs paid, and the trades made. */
export class Account {
  cash: number;
  /** Shares held of each symbol, by index; a single-symbol account holds index 0. */
  readonly shares: Float64Array;
  /** Total commissions paid. */
  commissions = 0;
  /** Total market impact paid. */
  impactCosts = 0;
  /** Every trade, in the order made. */
  readonly trades: Trade[] = [];
  private readonly costs: Costs;

  /** An account holding `cash` and no shares of `symbols` symbols. */
  constructor(cash: number, costs: Costs, symbols = 1) {
    this.cash = cash;
    this.costs = costs;
    this.shares = new Float64Array(symbols);
  }

  /**
   * Buys (q > 0) or sells (q < 0) q shares of symbol `s` at `price` on row `day`,
   * pays for them and their costs, and records the trade. The record's costs are
   * what the totals grew by, so the records add up to the totals.
   */
  trade(day: number, date: string, q: number, price: number, s = 0, symbol?: string): Trade {
    const before = { commissions: this.commissions, impact: this.impactCosts };
    const impactCost = Math.abs(q) * price * this.costs.impact;
    this.cash -= q * price + this.costs.commission + impactCost;
    this.shares[s] += q;
    this.commissions += this.costs.commission;
    this.impactCosts += impactCost;
    const record: Trade = { day, date, shares: q, price, commission: this.commissions - before.commissions, impactCost: this.impactCosts - before.impact };
    if (symbol !== undefined) record.symbol = symbol;
    this.trades.push(record);
    return record;
  }

  /** Cash plus the value of symbol 0's shares at `price` (a single-symbol account's equity). */
  value(price: number): number {
    return this.cash + this.shares[0] * price;
  }
}
