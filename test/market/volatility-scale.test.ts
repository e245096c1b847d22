import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scaledUnits, sizingScale, volatilityScale } from '../../src/market/volatility-scale.js';
import { InvalidOptionError } from '../../src/errors.js';

test('the volatility scale is min(1, target / volatility), held within its band, full before the first estimate', () => {
  const vol = [Number.NaN, 0.1, 0.5, 0.55, 0.25, 1.0, 0];
  assert.deepEqual(Array.from(volatilityScale(vol, 0.25, 0.25)), [1, 1, 0.5, 0.5, 1, 0.25, 1]);
  assert.deepEqual(Array.from(scaledUnits([1, -1, 0, 1, 1, 1, -1], volatilityScale(vol, 0.25, 0.25))), [1, -1, 0, 0.5, 1, 0.25, -1]);
});

test('sizingScale: none without a volatility target or with fixed shares, the banded scale with one, and a clear error without the volatility', () => {
  const vol = Float64Array.from([Number.NaN, 0.1, 0.5, 0.55]);
  assert.equal(sizingScale(vol, { volatilityTarget: 0, volatilityBand: 0.25, shares: null }), undefined);
  assert.equal(sizingScale(undefined, { volatilityTarget: 0, volatilityBand: 0.25, shares: null }), undefined);
  assert.deepEqual(Array.from(sizingScale(vol, { volatilityTarget: 0.25, volatilityBand: 0.25, shares: null }) as Float64Array), Array.from(volatilityScale(vol, 0.25, 0.25)));
  assert.throws(() => sizingScale(undefined, { volatilityTarget: 0.25, volatilityBand: 0, shares: null }), InvalidOptionError);
  // Fixed shares are never re-sized: `--shares 1000` holds 1000 shares whatever the volatility.
  assert.equal(sizingScale(vol, { volatilityTarget: 0.25, volatilityBand: 0.25, shares: 1000 }), undefined);
});
