import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DynaError, InvalidOptionError } from '../../src/errors.js';
import { loadDefaultSettings, loadSettingsFile } from '../../src/settings/load-settings.js';
import { INTEGER_SETTINGS, mergeSettings, settingKeys, validateOverride, type Settings } from '../../src/settings/settings.js';
import { resultOrTypedError, runs } from '../support/properties.js';
import { tempFile } from '../support/temp.js';

const keys = settingKeys(['learner', 'market', 'trader', 'synth']);
/** A short name, or a long one with any characters (messages must clip and neutralize it). */
const name = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', minLength: 1100, maxLength: 1200 }));
/** Overrides that reach the checks: known sections and keys (and some unknown), any JSON values. */
const override = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.record({ section: fc.oneof(fc.constantFrom('learner', 'market', 'trader', 'synth'), name), key: name })), fc.jsonValue({ maxDepth: 2 })), { maxLength: 6 })
  .map((entries) => {
    const out: Record<string, Record<string, unknown>> = {};
    for (const [{ section, key }, value] of entries) Object.defineProperty((out[section] ??= {}), key, { value, enumerable: true, writable: true, configurable: true });
    return out;
  });

test('any JSON value is a settings override or one usage error: never a crash', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(override, fc.jsonValue({ maxDepth: 3 })), async (value) => {
      const result = await resultOrTypedError(() => mergeSettings(loadDefaultSettings(), [{ source: 'test.json', override: validateOverride(value, 'test.json') }]), 'usage');
      if (!(result instanceof DynaError)) assert.equal(typeof result.trader.seed, 'number');
    }),
    runs(),
  );
});

test('any settings file is read or refused with one usage error', async () => {
  let files = 0;
  const text = fc.oneof(fc.string({ maxLength: 200 }), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), override.map((v) => JSON.stringify(v)));
  await fc.assert(
    fc.asyncProperty(text, async (content) => {
      await resultOrTypedError(() => loadSettingsFile(tempFile(`s${files++}.json`, content)), 'usage');
    }),
    runs(),
  );
});

test('integer settings in their range are taken as they are, and one step outside is refused with the same range', () => {
  const integerKeys = Object.keys(INTEGER_SETTINGS).filter((key) => key !== 'shares') as Array<Exclude<keyof typeof INTEGER_SETTINGS, 'shares'>>;
  const sectionOf = (key: string) => (key === 'dyna' ? 'learner' : 'trader') as keyof Settings;
  const pick = fc.constantFrom(...integerKeys).chain((key) => fc.tuple(fc.constant(key), fc.integer({ min: INTEGER_SETTINGS[key][0], max: INTEGER_SETTINGS[key][1] })));
  fc.assert(
    fc.property(pick, ([key, value]) => {
      const settings = mergeSettings(loadDefaultSettings(), [{ source: 'flags', override: { [sectionOf(key)]: { [key]: value, ...(key === 'epochs' ? { minEpochs: 1 } : {}) } }, names: 'flags' }]);
      assert.equal((settings[sectionOf(key)] as unknown as Record<string, number>)[key], value);
      const [min, max] = INTEGER_SETTINGS[key];
      for (const outside of [min - 1, max + 1, value + 0.5].filter((v) => v < min || v > max || !Number.isInteger(v))) {
        if (!Number.isSafeInteger(outside) && Number.isInteger(outside)) continue;
        assert.throws(() => mergeSettings(loadDefaultSettings(), [{ source: 'flags', override: { [sectionOf(key)]: { [key]: outside } }, names: 'flags' }]), (e) => e instanceof InvalidOptionError && e.message === `${key} must be an integer in [${min}, ${max}] (got ${outside})`);
      }
    }),
    runs(),
  );
});
