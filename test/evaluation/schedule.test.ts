import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimatedCost, longestFirst } from '../../src/evaluation/index.js';
import { loadDefaultSettings, type Settings } from '../../src/index.js';

const base = loadDefaultSettings();
// Two indicators, as the grid had: bins 5 and 8 then give 25 and 64 market states, below and above the epoch cap.
const withParams = (dyna: number, bins: number, model: Settings['learner']['model'] = 'market'): Settings => ({ ...base, learner: { ...base.learner, dyna, model }, trader: { ...base.trader, bins, indicators: base.trader.indicators.slice(0, 2) } });

test('the estimated cost ranks planning, then state-space size, above everything else', () => {
  // The grid, as measured on two 3,000-row files: dyna 100 x bins 8 takes ~480 ms a job, dyna 100 x bins 5 ~60, dyna 0 ~5.
  const costs = [withParams(0, 5), withParams(0, 8), withParams(100, 5), withParams(100, 8)].map(estimatedCost);
  assert.deepEqual(longestFirst(costs), [3, 2, 1, 0]);
  assert.ok(estimatedCost(withParams(0, 5, 'classic')) < estimatedCost(withParams(0, 5)), 'the classic model makes one update per real step, the market model nine');
  // More epochs cannot be estimated past the cap.
  assert.equal(estimatedCost({ ...withParams(100, 8), trader: { ...withParams(100, 8).trader, epochs: 3 } }), (9 + 100) * 3);
});

test('longest first keeps index order among equal costs, and is a permutation', () => {
  assert.deepEqual(longestFirst([1, 5, 5, 2, 5]), [1, 2, 4, 3, 0]);
  assert.deepEqual(longestFirst([]), []);
  const costs = Array.from({ length: 50 }, (_, i) => (i * 7919) % 13);
  assert.deepEqual([...longestFirst(costs)].sort((a, b) => a - b), [...costs.keys()]);
});
