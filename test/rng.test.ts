import { test } from 'node:test';
import assert from 'node:assert/strict';
import seedrandom from 'seedrandom';
import { createRng, Rng } from '../src/rng.js';

test("Rng.next yields exactly seedrandom.alea's sequence, and a saved state continues it", () => {
  const ours = createRng('dyna');
  const theirs = seedrandom.alea('dyna');
  for (let i = 0; i < 1000; i++) assert.equal(ours.next(), theirs());
  const copy = new Rng(JSON.parse(JSON.stringify(ours.state())));
  for (let i = 0; i < 100; i++) assert.equal(copy.next(), ours.next());
});

test('int and normal draws stay in range and look right', () => {
  const rng = createRng(1);
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < 20000; i++) {
    const k = rng.int(5);
    assert.ok(Number.isInteger(k) && k >= 0 && k < 5);
    const z = rng.normal();
    sum += z;
    squares += z * z;
  }
  assert.ok(Math.abs(sum / 20000) < 0.05);
  assert.ok(Math.abs(squares / 20000 - 1) < 0.05);
});
