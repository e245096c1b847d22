import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { atLeast, integerRangeText, isIntegerIn, parseInteger, SAFE_INTEGERS } from '../src/integers.js';
import { runs } from './support/properties.js';

test('integers parse from decimal digits within the safe integers, and nothing else', () => {
  assert.equal(parseInteger(' 42 '), 42);
  assert.equal(parseInteger('-7'), -7);
  assert.equal(parseInteger('9007199254740991'), Number.MAX_SAFE_INTEGER);
  for (const text of ['', ' ', '1.5', '1e3', '0x10', '9007199254740992', '9007199254740993', '99999999999999999999', '1_000', 'Infinity', '--1']) assert.equal(parseInteger(text), undefined, text);
  fc.assert(
    fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (n) => assert.equal(parseInteger(String(n)), n)),
    runs(),
  );
  fc.assert(
    fc.property(fc.bigInt({ min: 2n ** 53n, max: 10n ** 30n }), fc.boolean(), (n, negative) => assert.equal(parseInteger(`${negative ? '-' : ''}${n}`), undefined)),
    runs(),
  );
});

test('a range is stated one way: "an integer in [min, max]"', () => {
  assert.equal(integerRangeText([1, 10_000]), 'an integer in [1, 10000]');
  assert.equal(integerRangeText(atLeast(0)), 'an integer in [0, 9007199254740991]');
  assert.ok(isIntegerIn(5, [1, 5]) && !isIntegerIn(6, [1, 5]) && !isIntegerIn(1.5, [1, 5]) && !isIntegerIn('3', [1, 5]));
  assert.ok(!isIntegerIn(2 ** 53, SAFE_INTEGERS));
});
