import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scaledUnits, volatilityScale } from '../../src/market/volatility-scale.js';

test('the volatility scale is min(1, target / volatility), held within its band, full before the first estimate', () => {
  const vol = [Number.NaN, 0.1, 0.5, 0.55, 0.25, 1.0, 0];
  assert.deepEqual(Array.from(volatilityScale(vol, 0.25, 0.25)), [1, 1, 0.5, 0.5, 1, 0.25, 1]);
  assert.deepEqual(Array.from(scaledUnits([1, -1, 0, 1, 1, 1, -1], volatilityScale(vol, 0.25, 0.25))), [1, -1, 0, 0.5, 1, 0.25, -1]);
});
