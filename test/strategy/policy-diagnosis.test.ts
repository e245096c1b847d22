import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnosePolicy } from '../../src/strategy/policy-diagnosis.js';
import { THREE_POSITIONS } from '../../src/market/index.js';

const days = 40;
const run = (units: number[]) => Float64Array.from(units);

/** A Q table over 2 market states x 3 positions x 3 actions whose greedy action is `pick(m, p)`. */
function qOf(pick: (m: number, p: number) => number): Float64Array {
  const q = new Float64Array(2 * 3 * 3);
  for (let m = 0; m < 2; m++) for (let p = 0; p < 3; p++) q[(m * 3 + p) * 3 + pick(m, p)] = 1;
  return q;
}
const seen = () => true;
const diagnosePolicy3 = (q: Float64Array, states: number, isSeen: (m: number) => boolean, ...rest: [Float64Array | undefined, boolean | null]) => diagnosePolicy(q, states, THREE_POSITIONS, isSeen, ...rest);

test('a policy that always goes long is buy-and-hold, and the warning says why when states do not differ', () => {
  const d = diagnosePolicy3(qOf(() => 2), 2, seen, run(Array(days).fill(1)), false);
  assert.equal(d.kind, 'buy-and-hold');
  assert.match(d.warnings[0], /buy-and-hold: it is long on every training day: the market model found no state/);
});

test('never trading, keeping the start, ignoring the market and using it are told apart', () => {
  assert.equal(diagnosePolicy3(qOf((_m, p) => p), 2, seen, run(Array(days).fill(0)), null).kind, 'never-trades');
  assert.match(diagnosePolicy3(qOf((_m, p) => p), 2, seen, run(Array(days).fill(0)), null).warnings[0], /keeps that position/);
  const alternating = Array.from({ length: days }, (_, t) => (t % 10 < 5 ? 1 : 0));
  assert.equal(diagnosePolicy3(qOf((_m, p) => p), 2, seen, run(alternating), true).kind, 'keeps-start');
  assert.equal(diagnosePolicy3(qOf(() => 0), 2, seen, run(alternating), true).kind, 'ignores-market');
  const uses = diagnosePolicy3(qOf((m) => (m === 0 ? 2 : 1)), 2, seen, run(alternating), true);
  assert.deepEqual(uses, { kind: 'uses-market', warnings: [] });
  // A state never seen in training does not count against a rule.
  assert.equal(diagnosePolicy3(qOf((m) => (m === 0 ? 2 : 0)), 2, (m) => m === 0, run(alternating), true).kind, 'ignores-market');
});

test('a short continuation is judged on the table: a few flat or long days do not make a rule', () => {
  const threeLongDays = run([1, 1, 1]);
  // Over the run alone, three long days look like buy-and-hold; the table (flat stays flat elsewhere) says otherwise.
  assert.equal(diagnosePolicy3(qOf((m, p) => (m === 0 ? 2 : p)), 2, seen, threeLongDays, true).kind, 'buy-and-hold');
  assert.notEqual(diagnosePolicy3(qOf((m, p) => (m === 0 ? 2 : p)), 2, seen, undefined, true).kind, 'buy-and-hold');
  const always = diagnosePolicy3(qOf(() => 2), 2, seen, undefined, false);
  assert.equal(always.kind, 'buy-and-hold');
  assert.match(always.warnings[0], /long in every market state seen/);
  // Flat goes long and long stays long: buy-and-hold by the table, whatever a short it never enters would do.
  assert.equal(diagnosePolicy3(qOf((_m, p) => (p === 0 ? 0 : 2)), 2, seen, undefined, false).kind, 'buy-and-hold');
});
