import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bollingerRule, momentumRule, randomPolicy, volatilityManagedRule } from '../../src/evaluation/index.js';
import { createRng } from '../../src/rng.js';

test('the Bollinger rule: long below the lower band, short above the upper, flat at the middle', () => {
  const pb = [Number.NaN, 0.5, -0.1, 0.2, 0.49, 0.5, 0.7, 1.2, 0.9, 0.51, 0.5, 0.3];
  assert.deepEqual(Array.from(bollingerRule(pb)), [0, 0, 1, 1, 1, 0, 0, -1, -1, -1, 0, 0]);
});

test('the momentum rule is long while the rate of change is positive, flat otherwise', () => {
  assert.deepEqual(Array.from(momentumRule([Number.NaN, 0.1, 0, -0.2, 0.01])), [0, 1, 0, 0, 1]);
});

test('random policies switch at the given rate, always to another position, and repeat for a seed', () => {
  const a = randomPolicy(20_000, 0.05, createRng('r'));
  assert.deepEqual(a, randomPolicy(20_000, 0.05, createRng('r')));
  let switches = 0;
  for (let t = 1; t < a.length; t++) if (a[t] !== a[t - 1]) switches++;
  assert.ok(Math.abs(switches / a.length - 0.05) < 0.01, `switch rate ${switches / a.length}`);
  assert.ok([-1, 0, 1].every((p) => a.includes(p)));
  assert.deepEqual(Array.from(randomPolicy(5, 0, createRng('r'))), [0, 0, 0, 0, 0]);
});

test('the volatility-managed rule holds target / volatility, capped, and re-sizes only beyond its band', () => {
  const vol = [Number.NaN, 0.1, 0.2, 0.22, 0.4, 0.45, 0.8, 0.1];
  assert.deepEqual(Array.from(volatilityManagedRule(vol)), [0, 1, 1, 1, 0.5, 0.5, 0.5, 1]);
  // 0.2 / 0.8 = 0.25 is within 0.25 of 0.5: kept. A tighter band follows it.
  assert.equal(volatilityManagedRule(vol, 0.2, 0.1)[6], 0.25);
});
