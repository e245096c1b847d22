import { test } from 'node:test';
import assert from 'node:assert/strict';
import { walkForwardWindows } from '../../src/evaluation/index.js';
import { InvalidOptionError } from '../../src/index.js';

test('rolling windows: train rows, then contiguous non-overlapping test rows; the last one may be partial', () => {
  const w = walkForwardWindows(20, 1000, { train: 500, test: 100 });
  assert.equal(w.length, 5);
  assert.deepEqual(w[0], { index: 0, trainFrom: 20, trainTo: 520, testFrom: 520, testTo: 620 });
  assert.deepEqual(w[1], { index: 1, trainFrom: 120, trainTo: 620, testFrom: 620, testTo: 720 });
  assert.deepEqual(w[4], { index: 4, trainFrom: 420, trainTo: 920, testFrom: 920, testTo: 1000 }, 'a partial last window');
  for (let i = 1; i < w.length; i++) assert.equal(w[i].testFrom, w[i - 1].testTo, 'contiguous');
});

test('anchored windows keep the training start; a longer step leaves gaps; impossible sizes are usage errors naming the numbers', () => {
  const w = walkForwardWindows(0, 400, { train: 100, test: 100, anchored: true });
  assert.deepEqual(w.map((x) => [x.trainFrom, x.trainTo, x.testTo]), [[0, 100, 200], [0, 200, 300], [0, 300, 400]]);
  const gaps = walkForwardWindows(0, 400, { train: 100, test: 50, step: 100 });
  assert.deepEqual(gaps.map((x) => [x.testFrom, x.testTo]), [[100, 150], [200, 250], [300, 350]]);
  assert.throws(() => walkForwardWindows(0, 300, { train: 300, test: 10 }), (e: unknown) => e instanceof InvalidOptionError && e.option === 'train' && /^train 300 plus at least one test row needs 301 usable rows, but the period has 300/.test(e.message));
  assert.throws(() => walkForwardWindows(0, 300, { train: 100, test: 50, step: 20 }), (e: unknown) => e instanceof InvalidOptionError && e.naming((o) => `--${o}`).startsWith('--step 20 is shorter than --test 50'));
});
