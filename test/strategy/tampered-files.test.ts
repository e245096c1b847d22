import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDefaultSettings, loadPrices, mergeSettings, modelOfTraining, parseModel, prepareData, serializeModel, trainTrader, validateOverride, InvalidOptionError, ModelError } from '../../src/index.js';
import { createRng } from '../../src/rng.js';
import { SAMPLE } from '../support/paths.js';

/** Every way of breaking a JSON value at one place: a different type, an extreme number, a missing key, a hostile key. */
function mutations(value: unknown, rng: ReturnType<typeof createRng>, count: number): unknown[] {
  const replacements: unknown[] = [null, -1, 0, 1e308, -1e308, 3.5, 'x', '', true, [], {}, [1, 2], { __proto__: 1 }, Number.NaN];
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const copy = structuredClone(value) as Record<string, unknown>;
    let node: Record<string, unknown> = copy;
    for (let depth = 0; depth < 6; depth++) {
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const key = keys[rng.int(keys.length)];
      const child = node[key];
      const stop = typeof child !== 'object' || child === null || rng.next() < 0.3;
      if (stop) {
        const what = rng.int(3);
        if (what === 0) delete node[key];
        else if (what === 1) node[key] = replacements[rng.int(replacements.length)];
        else Object.defineProperty(node, ['__proto__', 'constructor', 'prototype'][rng.int(3)], { value: { polluted: 1 }, enumerable: true });
        break;
      }
      node = child as Record<string, unknown>;
    }
    out.push(copy);
  }
  return out;
}

test('tampered model files are either valid or a ModelError, never another error, and never touch built-ins', async () => {
  const settings = mergeSettings(loadDefaultSettings(), [{ source: 't', override: { trader: { epochs: 2 } } }]);
  const { series, sha256 } = await loadPrices(SAMPLE);
  const data = prepareData(series, settings.trader.indicators, { end: '2011-06-30' }, 'sample.csv');
  const result = trainTrader({ ...data, settings });
  const model = JSON.parse(serializeModel(modelOfTraining({ symbol: 's', source: { file: 'sample.csv', sha256 }, series, data, result, settings })));
  const rng = createRng('fuzz-model');
  let rejected = 0;
  for (const tampered of mutations(model, rng, 400)) {
    try {
      parseModel(JSON.stringify(tampered), 'm.json');
    } catch (error) {
      assert.ok(error instanceof ModelError, `not a ModelError: ${(error as Error).stack}`);
      assert.ok(error.message.startsWith('m.json: '));
      assert.ok(error.message.length < 400);
      rejected++;
    }
  }
  for (const cut of [1, 10, 100, 1000]) assert.throws(() => parseModel(JSON.stringify(model).slice(0, -cut), 'm.json'), ModelError);
  assert.ok(rejected > 200, `${rejected} of 400 rejected`);
  assert.equal(({}).toString(), '[object Object]');
  assert.equal(typeof Object.keys, 'function');
});

test('tampered settings are either valid or an InvalidOptionError', () => {
  const defaults = loadDefaultSettings();
  const rng = createRng('fuzz-config');
  for (const tampered of mutations(defaults, rng, 400)) {
    try {
      mergeSettings(defaults, [{ source: 'c.json', override: validateOverride(tampered, 'c.json') }]);
    } catch (error) {
      assert.ok(error instanceof InvalidOptionError, `not an InvalidOptionError: ${(error as Error).stack}`);
    }
  }
  assert.equal(({}).toString(), '[object Object]');
});
