import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModelFile, parseModel, serializeModel, prepareData, trainTrader } from '../../src/strategy/index.js';
import { loadDefaultSettings, mergeSettings, runSettings, type SettingsOverride } from '../../src/settings/index.js';
import { ModelError } from '../../src/errors.js';
import type { PriceSeries } from '../../src/data/index.js';
import type { FactoredDynaQLearner, FactoredDynaQLearnerJSON } from '../../src/learner/index.js';

function trained(override: SettingsOverride = {}) {
  const dates = Array.from({ length: 120 }, (_, i) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10));
  const series: PriceSeries = { symbol: 'M', dates, close: Float64Array.from(dates, (_, t) => 50 + 5 * Math.sin(t / 3)) };
  const settings = mergeSettings(loadDefaultSettings(), [{ source: 't', override: { trader: { epochs: 2, minEpochs: 1 } } }, { source: 'test', override }]);
  const data = prepareData(series, settings.trader.indicators, {}, 'm.csv');
  const result = trainTrader({ ...data, settings });
  return buildModelFile({
    symbol: 'M',
    data: { file: 'm.csv', sha256: '0'.repeat(64), rows: 120, firstDate: dates[0], lastDate: dates[119] },
    period: { start: dates[data.period.from], end: dates[119], days: 120 - data.period.from },
    settings: runSettings(settings),
    warmup: data.features.warmup,
    discretizer: result.discretizer,
    numStates: result.numStates,
    training: { epochs: result.epochs, converged: result.converged, changedDays: result.changedDays, policy: result.diagnosis.kind, realSteps: 1, hallucinatedSteps: 2, learningCurve: result.learningCurve },
    reward: result.reward,
    learner: result.learner.toJSON(),
  });
}

test('a model file round-trips: parse(serialize(m)) gives m and a learner with the same Q table', () => {
  const model = trained();
  const text = serializeModel(model);
  const loaded = parseModel(text, 'm.json');
  assert.deepEqual(loaded.file, JSON.parse(JSON.stringify(model)));
  assert.deepEqual(Array.from(loaded.learner.qTable()), model.learner.q);
  assert.equal(serializeModel(loaded.file), text, 'stable bytes');
  assert.ok(text.endsWith('}\n'));
});

test('corrupt or mismatched models are ModelErrors that name the file', () => {
  const model = trained();
  const bad = (m: unknown) => assert.throws(() => parseModel(typeof m === 'string' ? m : JSON.stringify(m), 'x.json'), (e: unknown) => e instanceof ModelError && e.message.startsWith('x.json: '));
  bad('{');
  bad('[]');
  bad({ ...model, schemaVersion: 6 });
  bad({ ...model, periods: [] });
  bad({ ...model, periods: [{ ...model.periods[0], start: "2021-01-01", end: "2020-01-01" }] });
  bad({ ...model, numStates: 7 });
  bad({ ...model, settings: { ...model.settings, learner: { ...model.settings.learner, alpha: 9 } } });
  bad({ ...model, settings: { ...model.settings, trader: { ...model.settings.trader, bins: 6 } } });
  bad({ ...model, learner: { ...model.learner, options: { ...model.learner.options, numMarketStates: 3 } } });
  bad({ ...model, reward: { impact: -1, commission: 0 } });
  bad({ ...model, settings: { ...model.settings, learner: { ...model.settings.learner, pooling: 'states' } } });
  bad({ ...model, warmup: -1 });
});

test('a version 1 model file (classic learner, written before the market model) still loads', () => {
  const classic = mergeSettings(loadDefaultSettings(), [{ source: 't', override: { learner: { model: 'classic' } } }]);
  const model = trained();
  const dates = Array.from({ length: 120 }, (_, i) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10));
  const series: PriceSeries = { symbol: 'M', dates, close: Float64Array.from(dates, (_, t) => 50 + 5 * Math.sin(t / 3)) };
  const data = prepareData(series, classic.trader.indicators, {}, 'm.csv');
  const result = trainTrader({ ...data, settings: { ...classic, trader: { ...classic.trader, epochs: 2, minEpochs: 1 } } });
  const { reward: _reward, ...rest } = { ...model, learner: result.learner.toJSON() };
  void _reward;
  const { model: _kind, priorDrift: _drift, priorDays: _days, evidence: _evidence, pooling: _pooling, factorEvidence: _factorEvidence, ...learnerSettings } = classic.learner;
  void [_kind, _drift, _days, _evidence, _pooling, _factorEvidence];
  const v1 = { ...rest, schemaVersion: 1, settings: { ...model.settings, learner: learnerSettings } };
  const loaded = parseModel(JSON.stringify(v1), 'v1.json');
  assert.equal(loaded.file.schemaVersion, 5);
  assert.equal(loaded.file.settings.learner.model, 'classic');
  assert.deepEqual(Array.from(loaded.learner.qTable()), Array.from(result.learner.qTable()));
  assert.throws(() => parseModel(JSON.stringify({ ...model, settings: { ...model.settings, learner: { ...model.settings.learner, model: 'classic' } } }), 'k.json'), /does not match learner\.model/);
});

test('a version 4 model file (market states pooled alone, before factors) loads as "states" pooling and plans as it did', () => {
  const model = trained({ learner: { pooling: 'states' } });
  const { pooling: _pooling, factorEvidence: _level, ...learnerSettings } = model.settings.learner;
  const { factors: _factors, factorEvidence: _options, ...options } = (model.learner as FactoredDynaQLearnerJSON).options;
  void [_pooling, _level, _factors, _options];
  const v4 = { ...model, schemaVersion: 4, settings: { ...model.settings, learner: learnerSettings }, learner: { ...model.learner, options } };
  const loaded = parseModel(JSON.stringify(v4), 'v4.json');
  assert.equal(loaded.file.schemaVersion, 5);
  assert.equal(loaded.file.settings.learner.pooling, 'states');
  const learner = loaded.learner as FactoredDynaQLearner;
  const current = parseModel(serializeModel(model), 'v5.json').learner as FactoredDynaQLearner;
  assert.deepEqual(learner.options.factors, []);
  assert.deepEqual(Array.from(learner.qTable()), Array.from(current.qTable()));
  for (let m = 0; m < learner.numMarketStates; m++) assert.equal(learner.modelOutcome(m), current.modelOutcome(m));
});
