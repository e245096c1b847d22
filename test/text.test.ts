import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { clip, MAX_QUOTED, neutralize, quote, quoted, UNSAFE_CHARACTERS } from '../src/text.js';
import { runs } from './support/properties.js';

const UNSAFE = ['\u0000', '\u0007', '\u001b', '\r', '\t', '\u007f', '\u0085', '\u009b', '\u061c', '\u200b', '\u200e', '\u200f', '\u2028', '\u2029', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\ufeff'];

test('control, invisible and bidirectional characters are shown as ?; letters of any script and newlines stay', () => {
  for (const c of UNSAFE) assert.equal(neutralize(`a${c}b`), 'a?b', `U+${c.charCodeAt(0).toString(16)}`);
  assert.equal(neutralize('Zürich 東京 Ω\nnext'), 'Zürich 東京 Ω\nnext');
  assert.equal(clip('a\nb'), 'a?b', 'a quoted value stays on one line');
});

test('a quoted value is cut to 60 characters with "...", never in the middle of a surrogate pair', () => {
  assert.equal(clip('x'.repeat(100_000)), `${'x'.repeat(MAX_QUOTED)}...`);
  assert.equal(quote('y'.repeat(61)), `"${'y'.repeat(60)}..."`);
  assert.equal(quoted({ key: 'v' }), '{"key":"v"}');
  assert.equal(quoted(Number.NaN), 'NaN');
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.integer({ min: 2, max: 80 }), (text, max) => {
      const out = clip(text, max);
      assert.ok(out.length <= max + 3);
      assert.doesNotMatch(out, new RegExp(UNSAFE_CHARACTERS.source));
      assert.doesNotMatch(out, /\n/);
      assert.doesNotMatch(out.replace(/\.\.\.$/, ''), /[\ud800-\udbff]$/, 'no half of a pair at the cut');
      if (out.endsWith('...') && text.length <= max) assert.ok(text.endsWith('...'));
    }),
    runs(),
  );
});
