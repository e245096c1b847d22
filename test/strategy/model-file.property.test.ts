import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { ModelError } from '../../src/errors.js';
import { parseModel, serializeModel } from '../../src/strategy/model-file.js';
import { sampleModel } from '../support/models.js';
import { resultOrTypedError, runs } from '../support/properties.js';

const PATH = 'm.model.json';
const modelText = async () => readFileSync(await sampleModel(2), 'utf8');

/** Every path into the model's JSON but the learner's bulky arrays' elements: where a tampered file may differ. */
function paths(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(prefix);
  if (Array.isArray(value)) {
    if (value.length <= 12) value.forEach((v, i) => paths(v, [...prefix, i], out));
    else out.push([...prefix, 0], [...prefix, value.length - 1]);
  } else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

function replaced(root: unknown, path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string | number, unknown>;
  copy[path[0]] = replaced(copy[path[0]], path.slice(1), value);
  return copy;
}

test('any text is a model or one model error naming the file: never a crash', async () => {
  const text = fc.oneof(fc.string({ maxLength: 300 }), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), fc.constant('{"kind":"dyna-trader-model","schemaVersion":4}'));
  await fc.assert(
    fc.asyncProperty(text, async (t) => {
      const result = await resultOrTypedError(() => parseModel(t, PATH), 'model');
      assert.ok(result instanceof ModelError, 'no such text is a model');
      assert.equal(result.file, PATH);
    }),
    runs(),
  );
});

test('a model file with any one value tampered with loads or is one model error: never a crash', async () => {
  const json = JSON.parse(await modelText()) as unknown;
  const all = paths(json).filter((p) => p.length > 0);
  const odd = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(-1, 0, 1e308, 'x', '2020-13-45', '9999-12-31', null, [], {}), fc.string({ unit: 'binary', maxLength: 200 }));
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...all), odd, async (path, value) => {
      await resultOrTypedError(() => parseModel(JSON.stringify(replaced(json, path, value)), PATH), 'model');
    }),
    runs(200),
  );
});

test('a written model loads back equal, and writes the same bytes again', async () => {
  const text = await modelText();
  const loaded = parseModel(text, PATH);
  assert.equal(serializeModel(loaded.file), text);
  assert.deepEqual(parseModel(serializeModel(loaded.file), PATH).file, loaded.file);
  // Any symbol a model may hold survives the trip, control and bidirectional characters included (written as \u escapes).
  await fc.assert(
    fc.asyncProperty(fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }).filter((s) => s.length <= 100), async (symbol) => {
      const again = serializeModel({ ...loaded.file, symbol });
      assert.doesNotMatch(again, /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      assert.equal(parseModel(again, PATH).file.symbol, symbol);
    }),
    runs(100),
  );
});

test('an impossible training period is a refused model file', async () => {
  const json = JSON.parse(await modelText()) as { period: { start: string; end: string; days: number }; periods: Array<{ start: string; end: string; days: number }> };
  const day = fc.integer({ min: 0, max: 3_000_000 }).map((d) => new Date(Date.UTC(0, 0, 1) + d * 86_400_000).toISOString().slice(0, 10)).filter((d) => /^\d{4}-/.test(d));
  const impossible = fc.oneof(
    fc.tuple(day, day).filter(([a, b]) => a > b).map(([start, end]) => ({ start, end, days: 1 })),
    fc.constantFrom({ start: '2020-02-30', end: '2020-03-01', days: 1 }, { start: '2020-01-01', end: '2020-01-10', days: 11 }, { start: 'x', end: '2020-01-01', days: 1 }, { start: '2020-01-01', end: '2020-01-01', days: 0 }),
  );
  await fc.assert(
    fc.asyncProperty(impossible, fc.boolean(), async (period, inList) => {
      const last = json.periods.length - 1;
      const tampered = inList ? { ...json, period: { ...json.period, ...period }, periods: json.periods.map((p, i) => (i === last ? { ...p, ...period } : p)) } : { ...json, period: { ...json.period, ...period } };
      assert.throws(() => parseModel(JSON.stringify(tampered), PATH), (e) => e instanceof ModelError && /period/.test(e.message));
    }),
    runs(100),
  );
});
