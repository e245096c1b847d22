import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TransitionModel } from '../../src/learner/index.js';

test('successors are drawn with probability T[s,a,s\'] (alias table, exact over a uniform grid)', () => {
  const m = new TransitionModel(5, 1);
  for (const next of [1, 1, 1, 2, 4, 4]) m.record(0, 0, next, 0, 0.2, 'ema');
  const counts = new Map<number, number>();
  const n = 60000;
  for (let i = 0; i < n; i++) {
    const s = m.sampleSuccessor(0, (i + 0.5) / n);
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  assert.deepEqual([...counts.entries()].sort(), [[1, 30000], [2, 10000], [4, 20000]]);
});

test('many distinct successors and slot relocation keep counts right', () => {
  const m = new TransitionModel(100, 2);
  for (let i = 0; i < 1000; i++) {
    m.record(i % 3, i % 2, (i * 17) % 100, 1, 0.5, 'mean');
  }
  let total = 0;
  for (let s = 0; s < 100; s++) total += m.count(0, 0, s);
  assert.equal(total, m.totalCount(0, 0));
  assert.equal(m.totalCount(0, 0) + m.totalCount(0, 1) + m.totalCount(1, 0) + m.totalCount(1, 1) + m.totalCount(2, 0) + m.totalCount(2, 1), 1000);
  const copy = TransitionModel.fromJSON(JSON.parse(JSON.stringify(m.toJSON())), 100, 2);
  assert.deepEqual(copy.toJSON(), m.toJSON());
  for (let u = 0; u < 1; u += 0.01) assert.equal(copy.sampleSuccessor(3, u), m.sampleSuccessor(3, u));
});

test('memory grows with distinct transitions, not S x A x S', () => {
  const m = new TransitionModel(1_000_000, 3);
  for (let i = 0; i < 1000; i++) m.record(i, 0, i + 1, 0, 0.2, 'ema');
  assert.equal(m.observedPairs, 1000);
  assert.equal(m.distinctTransitions, 1000);
});
