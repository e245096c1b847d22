import { test } from 'node:test';
import assert from 'node:assert/strict';
import { significanceVerdict, type VerdictInput } from '../../src/evaluation/index.js';

const base: VerdictInput = { timingPValue: 0.5, benchmarkPValue: 0.5, samples: 1000, trades: 30, equalsBenchmark: false, longShare: 0.5 };

test('one plain sentence for each outcome of the two tests, at 0.05 unless told', () => {
  assert.equal(significanceVerdict(base).verdict, 'indistinguishable from random timing');
  assert.equal(significanceVerdict({ ...base, timingPValue: 0.01 }).verdict, 'beats random timing but not buy-and-hold');
  assert.equal(significanceVerdict({ ...base, timingPValue: 0.01, benchmarkPValue: 0.05 }).verdict, 'beats random timing and buy-and-hold');
  assert.match(significanceVerdict({ ...base, benchmarkPValue: 0.01 }).verdict, /^indistinguishable from random timing: its excess over buy-and-hold comes from its exposure/);
  assert.equal(significanceVerdict({ ...base, timingPValue: 0.03, alpha: 0.01 }).verdict, 'indistinguishable from random timing');
  assert.deepEqual(significanceVerdict({ ...base, timingPValue: 0.001, benchmarkPValue: 0.001 }).warnings, []);
});

test('warnings instead of a claim: never trades, equals buy-and-hold, nearly buy-and-hold, too few samples', () => {
  const never = significanceVerdict({ ...base, trades: 0, timingPValue: 0.001 });
  assert.equal(never.verdict, 'never trades: there is no timing to judge');
  assert.match(never.warnings[0], /never traded/);
  const same = significanceVerdict({ ...base, trades: 1, equalsBenchmark: true, longShare: 1 });
  assert.equal(same.verdict, 'equals buy-and-hold: there is no timing to judge');
  assert.match(same.warnings[0], /is buy-and-hold/);
  const near = significanceVerdict({ ...base, longShare: 0.974 });
  assert.match(near.warnings[0], /long on 97\.4% of the days/);
  const few = significanceVerdict({ ...base, samples: 10 });
  assert.match(few.warnings[0], /10 samples cannot give a p-value below 0\.091: use at least 19/);
});
