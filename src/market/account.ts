/**
 * Cash and shares of one trading account, with the ML4T market simulator's
 * cost model: a trade of q shares (negative = sell) at price p costs
 *   cash -= q*p + commission + |q|*p*impact.
 */
import { InvalidOptionError } from '../errors.js';

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
  /** Gross exposure right after the trade: |shares held x price| / equity. */
  exposure?: number;
  /** The symbol traded, in multi-symbol simulations. */
  symbol?: string;
}

/** Checks a cost model. */
export function validateCosts(costs: Costs): Costs {
  if (!(costs.commission >= 0 && Number.isFinite(costs.commission))) throw new InvalidOptionError(`commission must be a number >= 0 (got ${costs.commission})`);
  if (!(costs.impact >= 0 && costs.impact < 1)) throw new InvalidOptionError(`impact must be a number in [0, 1) (got ${costs.impact})`);
  return costs;
}

export class Account {
  cash: number;
  shares = 0;
  /** Total commissions paid. */
  commissions = 0;
  /** Total market impact paid. */
  impactCosts = 0;
  private readonly costs: Costs;

  /** An account holding `cash` and no shares. */
  constructor(cash: number, costs: Costs) {
    this.cash = cash;
    this.costs = costs;
  }

  /** Buys (q > 0) or sells (q < 0) q shares at price p; returns the money spent on costs. */
  trade(q: number, price: number): number {
    if (q === 0) return 0;
    const impactCost = Math.abs(q) * price * this.costs.impact;
    this.cash -= q * price + this.costs.commission + impactCost;
    this.shares += q;
    this.commissions += this.costs.commission;
    this.impactCosts += impactCost;
    return this.costs.commission + impactCost;
  }

  /** Trades whatever it takes to hold `target` shares. */
  tradeTo(target: number, price: number): number {
    return this.trade(target - this.shares, price);
  }

  /** Portfolio value: cash + shares * price. */
  value(price: number): number {
    return this.cash + this.shares * price;
  }
}
