import { test } from 'node:test';
import assert from 'node:assert/strict';
import { median } from '../../src/stats/median.js';

test('the median: the middle value, the mean of the middle two, NaN for none; the input is not reordered', () => {
  const xs = [3, 1, 2];
  assert.equal(median(xs), 2);
  assert.deepEqual(xs, [3, 1, 2]);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});
