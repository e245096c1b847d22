import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InvalidOptionError } from '../../src/errors.js';
import { createRng } from '../../src/rng.js';
import { loadDefaultSettings } from '../../src/settings/index.js';
import { generateMarket, MIN_SYNTH_PRICE, type SyntheticMarketOptions } from '../../src/synth/synthetic-market.js';
import { runs } from '../support/properties.js';

const base: SyntheticMarketOptions = loadDefaultSettings().synth;

test('a synthetic market never touches a floor: every price is at least one cent, or the options are refused naming the floor', () => {
  const options = fc.record({
    days: fc.integer({ min: 1, max: 3000 }),
    startPrice: fc.oneof(fc.double({ min: 0.001, max: 1, noNaN: true }), fc.double({ min: 1, max: 1000, noNaN: true })),
    drift: fc.double({ min: -5, max: 1, noNaN: true }),
    volatility: fc.double({ min: 0, max: 5, noNaN: true }),
  });
  let refused = 0;
  fc.assert(
    fc.property(options, fc.nat(), (o, seed) => {
      let bars;
      try {
        bars = generateMarket({ ...base, ...o }, createRng(`floor:${seed}`));
      } catch (error) {
        assert.ok(error instanceof InvalidOptionError, String(error));
        assert.match(error.message, /^these options drive the price below 0\.01 \(one cent, the smallest price synth writes\) by day \d+;/);
        refused++;
        return;
      }
      assert.equal(bars.length, o.days);
      for (const b of bars) assert.ok(b.low >= MIN_SYNTH_PRICE && b.low <= Math.min(b.open, b.close) && b.high >= Math.max(b.open, b.close), JSON.stringify(b));
    }),
    runs(60),
  );
  assert.ok(refused > 0, 'some options are refused');
});

test('a long driftless synth is refused rather than pinned at one cent', () => {
  // A 2,000,000-day driftless walk at 20% volatility once ended 93% at exactly 0.01; a steeper one fails faster the same way.
  assert.throws(() => generateMarket({ ...base, days: 20_000, drift: 0, volatility: 2 }, createRng('synth:1')), (e) => e instanceof InvalidOptionError && /below 0\.01/.test(e.message));
  const bars = generateMarket({ ...base, days: 5000, drift: 0 }, createRng('synth:3'));
  const pinned = bars.filter((b) => b.close === MIN_SYNTH_PRICE).length;
  assert.equal(pinned, 0);
});
