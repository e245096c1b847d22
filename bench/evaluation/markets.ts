/**
 * The markets of `npm run evaluate`: seeded synthetic markets of several kinds
 * (with a learnable signal and without), real tickers split by date, and real
 * tickers walked forward. Synthetic seeds are fixed here; an independent check
 * should use other seeds and parameters.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadPrices, type PriceSeries } from '../../src/data/index.js';
import { loadDefaultSettings } from '../../src/settings/index.js';
import { generateMarket, type SyntheticMarketOptions } from '../../src/synth/synthetic-market.js';
import { createRng } from '../../src/rng.js';

/** One market, split by date into a training and a test period. */
export interface SplitCase {
  kind: string;
  name: string;
  series: PriceSeries;
  /** Last training day and first test day. */
  trainEnd: string;
  testStart: string;
  testEnd?: string;
}

export const TRAIN_DAYS = 700;
export const TEST_DAYS = 500;
/**
 * Rows before the training period, for the indicators' warm-up: enough for any
 * indicator up to 150 days, so candidates with longer or shorter indicators
 * train and test on the same days.
 */
export const WARMUP_DAYS = 150;

// Mean reversion around a drifting trend, weak to strong: 11 markets, 33 runs with three seeds.
const MEAN_REVERTING: Array<Partial<SyntheticMarketOptions>> = [
  { reversion: 0.05, volatility: 0.2, drift: 0.05 },
  { reversion: 0.1, volatility: 0.25, drift: 0.08 },
  { reversion: 0.03, volatility: 0.15, drift: 0.03 },
  { reversion: 0.15, volatility: 0.3, drift: 0.1 },
  { reversion: 0.07, volatility: 0.2, drift: -0.05 },
  { reversion: 0.05, volatility: 0.35, drift: 0.06 },
  { reversion: 0.2, volatility: 0.3, drift: 0.05 },
  { reversion: 0.12, volatility: 0.35, drift: 0 },
  { reversion: 0.08, volatility: 0.3, drift: 0.1 },
  { reversion: 0.1, volatility: 0.2, drift: -0.02 },
  { reversion: 0.18, volatility: 0.25, drift: 0.07 },
];

/** The synthetic kinds and their parameter sets (annual rates, as `dyna synth` takes them). */
export const SYNTHETIC: Array<{ kind: string; markets: Array<Partial<SyntheticMarketOptions>>; seed?: string }> = [
  { kind: 'mean-reverting', markets: MEAN_REVERTING },
  // The same parameters on other paths: one path per market says little about a market kind.
  { kind: 'mean-reverting, other paths', seed: 'mean-reverting-b', markets: MEAN_REVERTING },
  {
    kind: 'cycle',
    markets: [
      { cyclePeriod: 30, cycleAmplitude: 0.05, volatility: 0.15 },
      { cyclePeriod: 20, cycleAmplitude: 0.04, volatility: 0.2 },
      { cyclePeriod: 40, cycleAmplitude: 0.06, volatility: 0.25 },
      { cyclePeriod: 25, cycleAmplitude: 0.03, volatility: 0.15 },
    ],
  },
  {
    // Long bull and bear regimes (about 100 to 250 days each).
    kind: 'trending',
    markets: [
      { regimeSwitch: 0.005, regimeDrift: 0.5, volatility: 0.2, drift: 0 },
      { regimeSwitch: 0.01, regimeDrift: 0.6, volatility: 0.25, drift: 0.05 },
      { regimeSwitch: 0.008, regimeDrift: 0.4, volatility: 0.15, drift: 0 },
      { regimeSwitch: 0.004, regimeDrift: 0.5, volatility: 0.3, drift: 0.02 },
    ],
  },
  {
    // Persistent trends: a hidden drift that lasts weeks (about 20 to 40 days), then turns.
    kind: 'trends (weeks)',
    markets: [
      { regimeSwitch: 0.04, regimeDrift: 1.0, volatility: 0.2, drift: 0.05 },
      { regimeSwitch: 0.03, regimeDrift: 0.8, volatility: 0.2, drift: 0 },
      { regimeSwitch: 0.05, regimeDrift: 1.2, volatility: 0.25, drift: 0.03 },
      { regimeSwitch: 0.025, regimeDrift: 0.7, volatility: 0.15, drift: 0.05 },
    ],
  },
  {
    kind: 'regimes+reversion',
    markets: [
      { regimeSwitch: 0.01, regimeDrift: 0.3, reversion: 0.05, volatility: 0.25 },
      { regimeSwitch: 0.005, regimeDrift: 0.4, reversion: 0.08, volatility: 0.2 },
      { regimeSwitch: 0.01, regimeDrift: 0.5, reversion: 0.03, volatility: 0.3 },
      { regimeSwitch: 0.02, regimeDrift: 0.3, reversion: 0.1, volatility: 0.2 },
    ],
  },
  {
    // Calm mean-reverting spells that switch to trends of random sign and back (`--regime-reversion`).
    kind: 'reversion/trend switching',
    markets: [
      { regimeSwitch: 0.02, regimeDrift: 0.8, regimeReversion: 0.1, volatility: 0.2, drift: 0.05 },
      { regimeSwitch: 0.015, regimeDrift: 1.0, regimeReversion: 0.15, volatility: 0.25, drift: 0 },
      { regimeSwitch: 0.03, regimeDrift: 0.7, regimeReversion: 0.08, volatility: 0.2, drift: 0.03 },
      { regimeSwitch: 0.02, regimeDrift: 0.9, regimeReversion: 0.12, volatility: 0.3, drift: 0.05 },
    ],
  },
  {
    kind: 'random-walk',
    markets: [
      { volatility: 0.2, drift: 0.05 },
      { volatility: 0.3, drift: 0 },
      { volatility: 0.15, drift: 0.08 },
      { volatility: 0.25, drift: -0.03 },
    ],
  },
];

/** The synthetic markets: every kind's parameter sets; random walks come with their antithetic mirror. */
export function syntheticCases(): SplitCase[] {
  const defaults = loadDefaultSettings().synth;
  const cases: SplitCase[] = [];
  for (const { kind, markets, seed } of SYNTHETIC) {
    markets.forEach((params, i) => {
      const options: SyntheticMarketOptions = { ...defaults, days: TRAIN_DAYS + TEST_DAYS + WARMUP_DAYS, ...params };
      const bars = generateMarket(options, createRng(`evaluate:${seed ?? kind}:${i}`));
      const name = `${kind}-${i}`;
      const series: PriceSeries = { symbol: name, dates: bars.map((b) => b.date), close: Float64Array.from(bars, (b) => b.close) };
      const split = { trainEnd: series.dates[WARMUP_DAYS + TRAIN_DAYS - 1], testStart: series.dates[WARMUP_DAYS + TRAIN_DAYS] };
      cases.push({ kind, name, series, ...split });
      if (kind === 'random-walk') {
        // The antithetic path: the same shocks with the opposite sign around the drift line.
        const daily = options.drift / 252;
        const mirror = Float64Array.from(series.close, (p, t) => Math.max(0.01, (options.startPrice ** 2 * Math.exp(2 * daily * t)) / p));
        cases.push({ kind, name: `${name}-mirror`, series: { ...series, symbol: `${name}-mirror`, close: mirror }, ...split });
      }
    });
  }
  return cases;
}

/** Where the real prices are (../shared/data/prices beside the checkout), or undefined when absent. */
export function pricesFolder(root: string): string | undefined {
  const folder = join(root, '..', 'shared', 'data', 'prices');
  return existsSync(folder) ? folder : undefined;
}

/** The tickers split by date: train two years, test the next two. */
export const SPLIT_TICKERS = ['AAPL', 'IBM', 'JPM', 'XOM', 'GOOG', 'UNH', 'KO', 'HD', 'MSFT', 'GLD', 'SPY', 'AMZN'];
const SPLITS = [
  { trainStart: '2006-01-01', trainEnd: '2007-12-31', testStart: '2008-01-01', testEnd: '2009-12-31' },
  { trainStart: '2008-01-01', trainEnd: '2009-12-31', testStart: '2010-01-01', testEnd: '2011-12-31' },
];

/** Real tickers split by date (none without the prices folder). */
export async function realSplitCases(folder: string | undefined): Promise<SplitCase[]> {
  if (folder === undefined) return [];
  const cases: SplitCase[] = [];
  for (const ticker of SPLIT_TICKERS) {
    const { series } = await loadPrices(join(folder, `${ticker}.csv`));
    for (const split of SPLITS) {
      // Keep WARMUP_DAYS rows before the training start for warm-up, nothing earlier.
      const first = Math.max(0, series.dates.findIndex((d) => d >= split.trainStart) - WARMUP_DAYS);
      const last = series.dates.findIndex((d) => d > split.testEnd);
      const to = last < 0 ? series.dates.length : last;
      const cut: PriceSeries = { symbol: ticker, dates: series.dates.slice(first, to), close: series.close.slice(first, to) };
      cases.push({ kind: 'real', name: `${ticker} ${split.testStart.slice(0, 4)}-${split.testEnd.slice(0, 4)}`, series: cut, trainEnd: split.trainEnd, testStart: split.testStart, testEnd: split.testEnd });
    }
  }
  return cases;
}

/**
 * The tickers walked forward, as `dyna walk-forward <ticker>.csv --train 504
 * --test 126` does over the whole file (tests 2002 to 2012): large US stocks
 * of several sectors and the S&P 500 ETF.
 */
export const WALK_FORWARD_TICKERS = ['AAPL', 'IBM', 'SPY', 'JPM', 'KO', 'MSFT', 'XOM', 'GE', 'WMT', 'JNJ', 'PG', 'HD', 'INTC', 'CSCO', 'BAC'];
export const WALK_FORWARD = { train: 504, test: 126 };
