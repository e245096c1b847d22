import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateMarket, type SyntheticMarketOptions } from '../../src/synth/synthetic-market.js';
import { loadDefaultSettings } from '../../src/settings/index.js';
import { createRng } from '../../src/rng.js';
import { InvalidOptionError } from '../../src/errors.js';

const base: SyntheticMarketOptions = { ...loadDefaultSettings().synth, days: 3000 };

function logReturns(options: SyntheticMarketOptions, seed: string): number[] {
  const bars = generateMarket(options, createRng(seed));
  return bars.slice(1).map((b, i) => Math.log(b.close / bars[i].close));
}

/** Lag-k autocorrelation of sums of `k` consecutive returns (non-overlapping blocks). */
function blockAutocorrelation(xs: number[], k: number): number {
  const blocks: number[] = [];
  for (let i = 0; i + k <= xs.length; i += k) blocks.push(xs.slice(i, i + k).reduce((s, x) => s + x, 0));
  const mean = blocks.reduce((s, x) => s + x, 0) / blocks.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < blocks.length; i++) {
    den += (blocks[i] - mean) ** 2;
    if (i > 0) num += (blocks[i] - mean) * (blocks[i - 1] - mean);
  }
  return num / den;
}

test('calm spells between trends: same seed, same bars; the spells revert, the trends persist', () => {
  const spells = { ...base, regimeSwitch: 0.02, regimeDrift: 1.5, regimeReversion: 0.2, volatility: 0.15 };
  assert.deepEqual(generateMarket(spells, createRng('a')), generateMarket(spells, createRng('a')));
  // Only calm spells (trends without drift): daily returns pull back, so they are negatively autocorrelated.
  const calm = logReturns({ ...spells, regimeDrift: 0 }, 'b');
  assert.ok(blockAutocorrelation(calm, 1) < -0.03, `calm lag-1 autocorrelation ${blockAutocorrelation(calm, 1)}`);
  // Strong trends lasting weeks: 10-day returns follow each other.
  const trends = logReturns({ ...spells, regimeReversion: 0.01 }, 'b');
  assert.ok(blockAutocorrelation(trends, 10) > 0.1, `trend 10-day autocorrelation ${blockAutocorrelation(trends, 10)}`);
});

test('regimeReversion outside [0, 1] is refused', () => {
  assert.throws(() => generateMarket({ ...base, regimeReversion: 1.5 }, createRng('c')), InvalidOptionError);
});
