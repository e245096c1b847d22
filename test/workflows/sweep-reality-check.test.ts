import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barsToCsv, generateMarket, loadDefaultSettings, sweep, type SyntheticMarketOptions } from '../../src/index.js';
import { createRng } from '../../src/rng.js';
import { tempFile } from '../support/temp.js';

/** Four seeded markets of one kind, 1260 days each from 2010-01-04: about 700 days to train on after the warm-up, 522 to test. */
function markets(kind: string, params: Array<Partial<SyntheticMarketOptions>>): string[] {
  const defaults = loadDefaultSettings().synth;
  return params.map((p, i) => tempFile(`${kind}-${i}.csv`, barsToCsv(generateMarket({ ...defaults, days: 1260, ...p }, createRng(`reality-check:${kind}:${i}`)))));
}

// The default trader, as configured: 8 parameter sets, 32 jobs per sweep.
const GRID = { split: '2012-11-01', grid: ['bins=3,4,5,6', 'dyna=0,200'] };

test('a sweep of 8 settings over 4 random walks: the reality check finds no set that beats buy-and-hold', async () => {
  const walks = markets('walk', [{ volatility: 0.2, drift: 0.05 }, { volatility: 0.3, drift: 0 }, { volatility: 0.15, drift: 0.08 }, { volatility: 0.25, drift: -0.03 }]);
  const doc = await sweep({ prices: walks, ...GRID });
  assert.equal(doc.parameterSets, 8);
  const rc = doc.realityCheck;
  assert.ok(rc !== null);
  assert.ok(rc.pValue > 0.05, `p = ${rc.pValue}`);
  assert.deepEqual([rc.sets, rc.files, rc.samples], [8, 4, 1000]);
  assert.match(rc.method, /^Hansen's SPA test \(2005\)/);
});

test('a sweep of 8 settings over 4 mean-reverting markets: the best set beats buy-and-hold after paying for the search', async () => {
  const reverting = markets('reverting', [{ reversion: 0.1, volatility: 0.2 }, { reversion: 0.12, volatility: 0.25, drift: 0 }, { reversion: 0.08, volatility: 0.3 }, { reversion: 0.15, volatility: 0.25, drift: -0.02 }]);
  const doc = await sweep({ prices: reverting, ...GRID });
  const rc = doc.realityCheck;
  assert.ok(rc !== null);
  assert.ok(rc.pValue < 0.05, `p = ${rc.pValue}`);
  assert.deepEqual(rc.best, doc.rows[0].params, 'the set the test is about is the top of the ranking');
  assert.ok(doc.rows[0].meanDailyLogExcess > 0);
});
