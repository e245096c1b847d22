/** The synthetic market kinds of `npm run evaluate` (and `npm run significance`, with other seeds): parameters over the synth defaults. */
import type { SyntheticMarketOptions } from '../src/synth/synthetic-market.js';

/** Each kind's parameter sets; random walks are the null (no learnable signal). */
export const SYNTHETIC: Array<{ kind: string; markets: Array<Partial<SyntheticMarketOptions>> }> = [
  {
    kind: 'mean-reverting',
    // Mean reversion around a drifting trend, weak to strong: 11 markets, 33 runs with three seeds.
    markets: [
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
    ],
  },
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
    kind: 'trending',
    markets: [
      { regimeSwitch: 0.005, regimeDrift: 0.5, volatility: 0.2, drift: 0 },
      { regimeSwitch: 0.01, regimeDrift: 0.6, volatility: 0.25, drift: 0.05 },
      { regimeSwitch: 0.008, regimeDrift: 0.4, volatility: 0.15, drift: 0 },
      { regimeSwitch: 0.004, regimeDrift: 0.5, volatility: 0.3, drift: 0.02 },
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
    kind: 'random-walk',
    markets: [
      { volatility: 0.2, drift: 0.05 },
      { volatility: 0.3, drift: 0 },
      { volatility: 0.15, drift: 0.08 },
      { volatility: 0.25, drift: -0.03 },
    ],
  },
];
