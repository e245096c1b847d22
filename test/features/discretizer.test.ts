import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketOf, computeFeatures, fitDiscretizer, marketState, stateCount, validateDiscretizer, withPosition } from '../../src/features/index.js';
import { DataError, ModelError } from '../../src/errors.js';
import type { PriceSeries } from '../../src/data/index.js';

test('quantile thresholds split the training values into equal buckets', () => {
  const column = Float64Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
  const d = fitDiscretizer([column], 0, 100, 4);
  assert.deepEqual(d.thresholds, [[26, 51, 76]]);
  const counts = [0, 0, 0, 0];
  for (const v of column) counts[bucketOf(v, d.thresholds[0])]++;
  assert.deepEqual(counts, [25, 25, 25, 25]);
  assert.equal(bucketOf(-1000, d.thresholds[0]), 0, 'below the training range: first bucket');
  assert.equal(bucketOf(1e9, d.thresholds[0]), 3, 'above: last bucket');
});

test('thresholds are fitted on the given rows only (the training period) and ignore warm-up NaN', () => {
  const column = Float64Array.from([Number.NaN, Number.NaN, 1, 2, 3, 4, 100, 200, 300, 400]);
  assert.deepEqual(fitDiscretizer([column], 0, 6, 2).thresholds, [[3]]);
  assert.deepEqual(fitDiscretizer([column], 6, 10, 2).thresholds, [[300]]);
});

test('states combine buckets in base `bins`, then the position', () => {
  const d = { bins: 3, thresholds: [[1, 2], [10, 20]] };
  const columns = [Float64Array.from([0.5, 2.5]), Float64Array.from([15, 25])];
  assert.equal(marketState(columns, 0, d), 0 * 3 + 1);
  assert.equal(marketState(columns, 1, d), 2 * 3 + 2);
  assert.equal(stateCount(2, 3, 3), 27);
  assert.equal(withPosition(8, 2, 3), 26);
});

test('discretizer round-trips through JSON and rejects corrupt copies', () => {
  const d = fitDiscretizer([Float64Array.from([0.1, 0.7, 0.3, 0.9]), Float64Array.from([5, 1, 3, 2])], 0, 4, 3);
  assert.deepEqual(validateDiscretizer(JSON.parse(JSON.stringify(d)), 2), d);
  assert.throws(() => validateDiscretizer({ ...d, bins: 4 }, 2), ModelError);
  assert.throws(() => validateDiscretizer({ ...d, thresholds: [[2, 1], [1, 2]] }, 2), ModelError);
  assert.throws(() => validateDiscretizer(d, 3), ModelError);
});

test('too little history for the warm-up is a DataError saying how many rows are needed', () => {
  const series: PriceSeries = { symbol: 'S', dates: Array.from({ length: 30 }, (_, i) => `2020-02-${String(i + 1).padStart(2, '0')}`), close: new Float64Array(30).fill(1) };
  assert.throws(
    () => computeFeatures(series, [{ name: 'price-sma', period: 20 }], 5, 'f.csv'),
    (e: unknown) => e instanceof DataError && /need 19 rows of warm-up before the first day of the period \(2020-02-06\), but only 5 are there/.test(e.message),
  );
  assert.throws(() => computeFeatures(series, [{ name: 'stoch-k', period: 5 }], 10, 'f.csv'), /stoch-k\(5\) needs a High column/);
});
