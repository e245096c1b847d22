import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDefaultSettings, loadPreset, mergeSettings, presetNames } from '../../src/settings/index.js';
import { InvalidOptionError } from '../../src/errors.js';

test('the ml4t preset sets the course conventions over the defaults, and --config and flags still win', () => {
  assert.ok(presetNames().includes('ml4t'));
  const preset = loadPreset('ml4t');
  const settings = mergeSettings(loadDefaultSettings(), [{ source: 'config/presets/ml4t.json', override: preset }]);
  assert.equal(settings.market.shares, 1000);
  assert.equal(settings.market.cash, 100_000);
  assert.equal(settings.market.commission, 9.95);
  assert.equal(settings.market.impact, 0.005);
  assert.equal(settings.learner.priorDrift, 0);
  const flags = mergeSettings(loadDefaultSettings(), [
    { source: 'config/presets/ml4t.json', override: preset },
    { source: 'command line', override: { market: { impact: 0 } }, names: 'flags' },
  ]);
  assert.equal(flags.market.impact, 0);
  assert.equal(flags.market.shares, 1000);
});

test('an unknown preset is a usage error that lists the known ones', () => {
  assert.throws(() => loadPreset('nope'), (e: unknown) => e instanceof InvalidOptionError && /unknown preset "nope" \(known: .*ml4t/.test(e.message));
  assert.throws(() => loadPreset('../defaults'), InvalidOptionError);
});
