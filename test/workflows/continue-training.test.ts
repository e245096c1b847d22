import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backtest, DataError, InvalidOptionError, ModelError, train, type TrainOptions } from '../../src/index.js';
import { ROOT, SAMPLE } from '../support/paths.js';
import { tempFile, tempPath } from '../support/temp.js';

const REGIMES = join(ROOT, 'data', 'regimes.csv');
const FIRST = { prices: SAMPLE, end: '2012-12-31', epochs: 4 } as const;

async function saved(options: TrainOptions, name: string): Promise<string> {
  return tempFile(name, (await train(options)).modelFile);
}

const outcomeDays = (modelFile: string) => (JSON.parse(modelFile).learner.outcomes.count as number[]).reduce((a, b) => a + b, 0);

test('done when: train --init-model on a later period writes a model that differs, records both periods, and is byte-identical when run twice (both learners)', async () => {
  for (const model of ['market', 'classic'] as const) {
    const first = await train({ ...FIRST, model });
    const path = tempFile(`first-${model}.model.json`, first.modelFile);
    const later = { prices: SAMPLE, initModel: path, end: '2014-12-31' };
    const [a, b] = [await train(later), await train(later)];
    assert.equal(a.modelFile, b.modelFile, `${model}: byte-identical`);
    assert.notEqual(a.modelFile, first.modelFile, `${model}: another model`);
    const periods = JSON.parse(a.modelFile).periods;
    assert.deepEqual(periods.map((p: { start: string; end: string }) => [p.start, p.end]), [['2010-05-21', '2012-12-31'], ['2012-12-31', '2014-12-31']], model);
    assert.deepEqual(JSON.parse(a.modelFile).period, { start: '2012-12-31', end: '2014-12-31', days: periods[1].days });
    assert.deepEqual(a.continued, { model: path, refit: false, periods }, 'the document says what it continued');
    assert.equal(a.period.start, '2012-12-31', 'it starts on the model\u2019s last training day, whose move it had not learned');
    assert.deepEqual(JSON.parse(a.modelFile).discretizer, JSON.parse(first.modelFile).discretizer, 'the thresholds are kept');
    assert.deepEqual(a.settings.trader, first.settings.trader);
  }
});

test('the market model learns each day once: the continued model has the evidence of one training over both periods', async () => {
  const first = await train(FIRST);
  const path = tempFile('evidence.model.json', first.modelFile);
  const continued = await train({ prices: SAMPLE, initModel: path, end: '2014-12-31' });
  const whole = await train({ prices: SAMPLE, end: '2014-12-31', epochs: 4 });
  assert.equal(outcomeDays(first.modelFile), first.period.days - 1);
  assert.equal(outcomeDays(continued.modelFile), outcomeDays(whole.modelFile), 'every move of 2010-05-21 to 2014-12-31 once');
  const counts = (text: string) => (JSON.parse(text).learner.model.slots as Array<[number, number, number[]]>).reduce((sum, slot) => sum + slot[2].reduce((a, b) => a + b, 0), 0);
  assert.equal(counts(continued.modelFile), whole.period.days - 1, 'T_c counts each transition once');
  await assert.rejects(train({ prices: SAMPLE, initModel: path, start: '2012-06-01', end: '2014-12-31' }), (e: unknown) => e instanceof InvalidOptionError && e.option === 'start' && /the model already learned from 2012-06-01 \(trained on sample\.csv, 2010-05-21 to 2012-12-31\); each day is learned once, so continue from 2012-12-31 or later/.test(e.message));
  await assert.rejects(train({ prices: SAMPLE, initModel: path, end: '2012-12-31' }), (e: unknown) => e instanceof DataError && /nothing new to learn: the period 2012-12-31 to 2012-12-31 has 1 row/.test(e.message));
  const gap = await train({ prices: SAMPLE, initModel: path, start: '2013-02-01', end: '2013-12-31' });
  assert.ok(gap.warnings.includes("the period starts on 2013-02-01, after the model's last training day 2012-12-31: the moves from 2012-12-31 to 2013-02-01 are not learned (start on 2012-12-31 to learn every day)"), `${gap.warnings}`);
  assert.ok(!(await train({ prices: SAMPLE, initModel: path, end: '2013-12-31' })).warnings.some((w) => w.includes('not learned')));
  const elsewhere = await train({ prices: REGIMES, initModel: path, start: '2012-01-02', end: '2012-12-31' });
  assert.ok(elsewhere.warnings.includes('regimes.csv is not the data the model was trained on (sample.csv; another file): the model learns from another series'), 'another series may overlap in dates, and is said');
});

test('settings that define the learned tables cannot change: one usage error naming the first; the run length can', async () => {
  const path = await saved(FIRST, 'settings.model.json');
  const rejects = (options: Partial<TrainOptions>, check: (e: InvalidOptionError) => boolean) =>
    assert.rejects(train({ prices: SAMPLE, initModel: path, end: '2013-12-31', ...options }), (e: unknown) => e instanceof InvalidOptionError && check(e));
  await rejects({ bins: 5 }, (e) => e.option === 'bins' && e.naming((o) => `--${o}`) === "--bins 5 differs from the model's 4: a continued model keeps the settings it learned with (only epochs, minEpochs, patience may change); train a new model to change it");
  await rejects({ seed: 2 }, (e) => e.option === 'seed');
  await rejects({ model: 'classic' }, (e) => e.option === 'model');
  await rejects({ commission: 1 }, (e) => e.option === 'commission');
  await rejects({ config: tempFile('rsi.json', JSON.stringify({ trader: { indicators: [{ name: 'rsi', period: 14 }] } })) }, (e) => e.message.startsWith('trader.indicators [{"name":"rsi","period":14}] differs from the model\'s'));
  await rejects({ preset: 'ml4t' }, (e) => /^(market\.shares|learner\.gamma|learner\.priorDrift|learner\.priorDays|trader\.indicators) .* differs from the model's/.test(e.message));
  await rejects({ refit: true, initModel: undefined }, (e) => e.naming((o) => `--${o}`) === '--refit refits the bucket thresholds of a model to continue: it needs --initModel');
  const longer = await train({ prices: SAMPLE, initModel: path, end: '2013-12-31', epochs: 2, config: tempFile('same.json', JSON.stringify({ trader: { bins: 4, patience: 1, minEpochs: 1 } })) });
  assert.equal(longer.training.epochs <= 2, true, 'epochs, minEpochs and patience are this run\u2019s');
});

test('--refit fits the buckets again and restarts the tables: the model equals a new one trained on the period with the saved settings', async () => {
  const first = await train(FIRST);
  const path = tempFile('refit.model.json', first.modelFile);
  const refit = await train({ prices: SAMPLE, initModel: path, end: '2014-12-31', refit: true });
  assert.ok(refit.warnings.some((w) => /^--refit: the bucket thresholds were fitted again on 2012-12-31 to 2014-12-31, so the learned tables \(indexed by the old buckets\) started empty/.test(w)));
  const { learner, market, trader } = JSON.parse(first.modelFile).settings;
  const fresh = await train({ prices: SAMPLE, start: '2012-12-31', end: '2014-12-31', config: tempFile('saved-settings.json', JSON.stringify({ learner, market, trader })) });
  assert.equal(refit.modelFile, fresh.modelFile);
  assert.equal(JSON.parse(refit.modelFile).periods.length, 1, 'it learned from this period only');
  assert.notDeepEqual(JSON.parse(refit.modelFile).discretizer, JSON.parse(first.modelFile).discretizer);
});

test('backtest\u2019s in-sample warnings use every period; a file with the model\u2019s rows and more days is still its data', async () => {
  const lines = readFileSync(SAMPLE, 'utf8').trimEnd().split('\n');
  const dir = tempPath('nightly');
  mkdirSync(dir);
  const growing = join(dir, 'sample.csv');
  const upTo = (day: string) => `${[lines[0], ...lines.slice(1).filter((l) => l.slice(0, 10) <= day)].join('\n')}\n`;
  writeFileSync(growing, upTo('2012-12-31'));
  const first = await saved({ ...FIRST, prices: growing }, 'growing.model.json');
  writeFileSync(growing, upTo('2014-12-31'));
  const continued = await saved({ prices: growing, initModel: first }, 'grown.model.json');
  writeFileSync(growing, `${lines.join('\n')}\n`);
  const early = await backtest({ prices: growing, model: continued, start: '2011-01-01', end: '2011-12-31' });
  assert.deepEqual(early.warnings, [`in-sample: ${early.period.days} days of this backtest (2011-01-03 to 2011-12-30) were used for training; judge the model on later days`], 'the first period, from a shorter file with the same rows');
  const both = await backtest({ prices: SAMPLE, model: continued, start: '2012-06-01', end: '2015-06-30' });
  assert.equal(both.inSample?.start, '2012-06-01');
  assert.equal(both.inSample?.end, '2014-12-31');
  assert.deepEqual((await backtest({ prices: SAMPLE, model: continued, start: '2015-01-01' })).warnings, [], 'later days are out of sample, and the file is the model\u2019s series');
  // One close changed in each period: no period's rows are in this file any more.
  const changed = tempFile('sample.csv', readFileSync(SAMPLE, 'utf8').replace(/^((2011-06-01|2013-06-03),.*,)([\d.]+)$/gm, (_, head, _day, adj) => `${head}${(Number(adj) * 1.01).toFixed(2)}`));
  const other = await backtest({ prices: changed, model: continued, start: '2015-01-01' });
  assert.ok(other.warnings.some((w) => /^sample\.csv is not the data the model was trained on \(sample\.csv; same name, different contents\)/.test(w)), `${other.warnings}`);
});

test('older model files: version 3 continues (its one period becomes the list), versions before 3 are refused', async () => {
  const path = await saved(FIRST, 'v4.model.json');
  const model = JSON.parse(readFileSync(path, 'utf8'));
  // Before version 5 the market states were pooled alone: no pooling settings, no factors in the learner.
  const { pooling: _pooling, factorEvidence: _level, ...learnerSettings } = model.settings.learner;
  const { factors: _factors, factorEvidence: _option, ...options } = model.learner.options;
  const older = { ...model, settings: { ...model.settings, learner: learnerSettings }, learner: { ...model.learner, options } };
  const { periods: _periods, ...v3 } = { ...older, schemaVersion: 3 };
  const v3path = tempFile('v3.model.json', JSON.stringify(v3));
  const continued = await train({ prices: SAMPLE, initModel: v3path, end: '2013-12-31' });
  assert.deepEqual(JSON.parse(continued.modelFile).periods.map((p: { rows?: string }) => p.rows === undefined), [true, false]);
  const v2 = tempFile('v2.model.json', JSON.stringify({ ...v3, schemaVersion: 2 }));
  await assert.rejects(train({ prices: SAMPLE, initModel: v2, end: '2013-12-31' }), (e: unknown) => e instanceof ModelError && /v2\.model\.json: written by an older dyna \(model schema version 2\).*can be backtested but not continued/.test(e.message));
});
