/** Seeded markets and policies for the significance tests: random walks (a true null) and random long/flat timings. */
import { generateMarket } from '../../src/synth/synthetic-market.js';
import { createRng, type Rng } from '../../src/rng.js';
import { buyAndHold, simulatePositions, type AccountRules, type Simulation } from '../../src/market/index.js';
import type { Sizing } from '../../src/market/sizing.js';

export const RULES: AccountRules = { cash: 100_000, costs: { commission: 1, impact: 0.001 }, maintenance: 0.25 };
export const SIZING: Sizing = { kind: 'fraction', size: 1 };

/** A market period: dates and closes. */
export interface Period {
  dates: string[];
  prices: Float64Array;
}

/** A seeded random walk of `days` closes (log drift per year, 20% volatility unless given), optionally mean-reverting. */
export function randomWalk(days: number, seed: string, drift = 0, extra: { volatility?: number; reversion?: number; startDate?: string } = {}): Period {
  const bars = generateMarket(
    { days, startDate: extra.startDate ?? '2010-01-04', startPrice: 100, drift, volatility: extra.volatility ?? 0.2, reversion: extra.reversion ?? 0, cyclePeriod: 0, cycleAmplitude: 0, regimeSwitch: 0, regimeDrift: 0, regimeReversion: 0 },
    createRng(seed),
  );
  return { dates: bars.map((b) => b.date), prices: Float64Array.from(bars, (b) => b.close) };
}

/** A random long/flat policy: starts long or flat at random and switches with probability `switchProbability` a day. */
export function randomLongFlat(days: number, switchProbability: number, rng: Rng): Int8Array {
  const out = new Int8Array(days);
  let position = rng.next() < 0.5 ? 1 : 0;
  for (let t = 0; t < days; t++) {
    if (rng.next() < switchProbability) position = 1 - position;
    out[t] = position;
  }
  return out;
}

/** The look-ahead oracle: long on each day whose next close is higher, flat otherwise (it cheats; a test must find it). */
export function oracle(prices: Float64Array): Int8Array {
  return Int8Array.from(prices, (p, t) => (t + 1 < prices.length && prices[t + 1] > p ? 1 : 0));
}

/** The strategy and buy-and-hold over a period, with the test rules. */
export function run(period: Period, units: ArrayLike<number>): { strategy: Simulation; benchmark: Simulation } {
  return { strategy: simulatePositions(period.dates, period.prices, units, SIZING, RULES), benchmark: buyAndHold(period.dates, period.prices, SIZING, RULES) };
}
