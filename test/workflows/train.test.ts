import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DataError, defaultModelPath, InvalidOptionError, IoError, reportFileContents, train, type ProgressEvent } from '../../src/index.js';
import { SAMPLE, WALK } from '../support/paths.js';
import { tempFile } from '../support/temp.js';

const QUICK = { prices: SAMPLE, epochs: 5, end: '2014-12-31' } as const;
/** One run of QUICK, shared by the tests that only read it. */
const quick = train(QUICK);

test('train returns the --json document: the documented fields, the model path, and the training run', async () => {
  const doc = await train({ ...QUICK, commission: 0, impact: 0.001, out: 'x.model.json' });
  assert.equal(doc.schemaVersion, 3);
  assert.equal(doc.command, 'train');
  assert.equal(doc.symbol, 'sample');
  assert.deepEqual(Object.keys(doc.period), ['start', 'end', 'days']);
  assert.equal(doc.period.end, '2014-12-31');
  assert.deepEqual(doc.costs, { commission: 0, impact: 0.001 });
  for (const side of [doc.strategy, doc.benchmark]) {
    for (const key of ['startValue', 'endValue', 'totalReturn', 'sharpe', 'maxDrawdown', 'trades']) assert.ok(key in side, key);
    assert.equal(side.startValue, 100000);
    assert.ok(Math.abs(side.totalReturn - (side.endValue / side.startValue - 1)) < 1e-12);
  }
  assert.equal(doc.benchmark.trades, 1);
  assert.equal(doc.training.epochs, 5);
  assert.ok(doc.training.realSteps > 0);
  assert.equal(doc.training.hallucinatedSteps, doc.training.realSteps * 200);
  assert.equal(typeof doc.training.seconds, 'number');
  assert.equal(doc.model, 'x.model.json');
  assert.equal((await train({ ...QUICK, epochs: 2 })).training.epochs, 2, 'fewer epochs than minEpochs is fine');
  assert.equal((await quick).model, 'sample.model.json', 'the default model path');
  assert.equal(defaultModelPath('a/=b c.csv'), '_b_c.model.json', 'made safe for a file name');
});

test('what train writes is attached, not part of the document: the model file and the report views', async () => {
  const result = await quick;
  assert.ok(!('modelFile' in JSON.parse(JSON.stringify(result))), 'JSON.stringify(result) is the --json document');
  const model = JSON.parse(result.modelFile);
  assert.equal(model.schemaVersion, 5);
  assert.equal(model.data.file, 'sample.csv');
  assert.equal(model.data.sha256, createHash('sha256').update(readFileSync(SAMPLE)).digest('hex'));
  assert.equal(model.period.end, '2014-12-31');
  assert.equal(model.discretizer.thresholds.length, model.settings.trader.indicators.length);
  assert.equal(model.settings.market.commission, 9.95);
  assert.ok(!/\d{4}-\d{2}-\d{2}T\d{2}:/.test(result.modelFile), 'no timestamps in the model');
  assert.equal(result.views.strategy.values.length, result.period.days);
});

test('same inputs and seed give byte-identical model and report files; another seed differs', async () => {
  const files = (result: Awaited<typeof quick>) => [result.modelFile, ...Object.values(reportFileContents(result, result.views))];
  const [a, b, c] = [files(await quick), files(await train({ ...QUICK, seed: 1 })), files(await train({ ...QUICK, seed: 4 }))];
  assert.deepEqual(a, b);
  assert.notEqual(a[0], c[0], 'another seed, another model');
  const html = a[4];
  assert.equal((html.match(/<svg /g) ?? []).length, 6, 'train reports add the learning curve');
  assert.match(html, /Learning curve/);
  assert.ok(!a[1].includes('"seconds"'), 'report.json holds no wall-clock time');
});

test('precedence: options over the config file over config/defaults.json', async () => {
  const config = tempFile('cfg.json', JSON.stringify({ learner: { dyna: 7 }, market: { commission: 1.5 }, trader: { epochs: 3, minEpochs: 1 } }));
  const doc = await train({ prices: SAMPLE, end: '2014-12-31', config, commission: 2.5 });
  assert.equal(doc.costs.commission, 2.5, 'the option wins');
  assert.equal(doc.training.epochs, 3, 'the config file wins over the defaults');
  assert.equal(doc.training.hallucinatedSteps, doc.training.realSteps * 7);
  assert.equal(doc.costs.impact, 0.005, 'defaults fill the rest');
});

test('a preset sits between the defaults and the config file; the options win over both; the settings used are attached', async () => {
  const doc = await train({ ...QUICK, epochs: 2, preset: 'ml4t' });
  assert.deepEqual(doc.position, { sizing: 'shares', shares: 1000, cash: 100000, maintenance: 0.25 });
  assert.equal(doc.settings.learner.gamma, 0.9, 'the preset\u2019s learner settings');
  const config = tempFile('preset-cfg.json', JSON.stringify({ learner: { gamma: 0.95 } }));
  const over = await train({ ...QUICK, epochs: 2, preset: 'ml4t', config, shares: 10 });
  assert.deepEqual([over.settings.learner.gamma, over.settings.market.shares], [0.95, 10]);
  await assert.rejects(train({ ...QUICK, preset: 'nope' }), (e: unknown) => e instanceof InvalidOptionError && e.option === 'preset' && e.naming((o) => `--${o}`) === '--preset: unknown preset "nope" (known: ml4t)');
});

test('what training learned is told: the policy kind and, when it is no market rule, a warning before the leverage ones', async () => {
  const doc = await quick;
  assert.ok(['uses-market', 'never-trades', 'buy-and-hold', 'keeps-start', 'ignores-market'].includes(doc.training.policy));
  assert.equal(typeof doc.training.changedDays, 'number');
  assert.deepEqual(doc.policy?.levels, ['short', 'flat', 'long']);
  const walk = await train({ prices: WALK, epochs: 5, shares: 3000 });
  assert.notEqual(walk.training.policy, 'uses-market', 'a random walk has no market rule to learn');
  assert.match(walk.warnings[0], /^the learned policy (never trades|is buy-and-hold|keeps|ignores the market state)/);
  assert.match(walk.warnings[1], /gross exposure reached/);
});

test('progress, warnings and the clock are the caller\u2019s', async () => {
  const events: ProgressEvent[] = [];
  const warned: string[] = [];
  let now = 1000;
  const doc = await train({ ...QUICK, shares: 3000 }, { onProgress: (e) => events.push(e), onWarning: (w) => warned.push(w), clock: () => (now += 250) });
  assert.deepEqual(events.map((e) => (e.kind === 'epoch' ? [e.epoch, e.epochs] : [])), [[1, 5], [2, 5], [3, 5], [4, 5], [5, 5]]);
  assert.equal(doc.training.seconds, 0.25, 'one clock reading after the start');
  assert.deepEqual(warned, doc.warnings);
  assert.match(doc.warnings.join('\n'), /gross exposure reached \d+\.\d\dx equity/);
});

test('bad options and inputs are typed errors naming the option, the file or the line', async () => {
  const rejects = (options: Parameters<typeof train>[0], check: (e: unknown) => boolean) => assert.rejects(train(options), check);
  await rejects({ ...QUICK, alpha: 1.5 }, (e) => e instanceof InvalidOptionError && e.option === 'alpha' && e.message === 'alpha must be a number in [0, 1] (got 1.5)');
  await rejects({ ...QUICK, epochs: -3 }, (e) => e instanceof InvalidOptionError && e.message === 'epochs must be an integer in [1, 10000] (got -3)');
  await rejects({ ...QUICK, bins: 1 }, (e) => e instanceof InvalidOptionError && e.option === 'bins');
  await rejects({ ...QUICK, size: 0.5, shares: 100 }, (e) => e instanceof InvalidOptionError && e.naming((o) => `--${o}`).startsWith('--size and --shares cannot be used together'));
  await rejects({ ...QUICK, start: '2015-13-01' }, (e) => e instanceof InvalidOptionError && e.option === 'start');
  await rejects({ ...QUICK, symbol: ' ' }, (e) => e instanceof InvalidOptionError && e.message === 'symbol must not be empty');
  await rejects({ ...QUICK, start: '2030-01-01', end: undefined }, (e) => e instanceof DataError && /no rows between 2030-01-01 and the end/.test(e.message));
  await rejects({ ...QUICK, prices: tempFile('bad.csv', 'Date,Close\n2020-01-01,abc\n') }, (e) => e instanceof DataError && e.line === 2 && e.column === 'Close' && /bad\.csv:2 \(column Close\): "abc" is not a number/.test(e.message));
  await rejects({ ...QUICK, prices: '/no/such/file.csv' }, (e) => e instanceof IoError && e.message === '/no/such/file.csv: no such file');
  await rejects({ ...QUICK, end: undefined, prices: tempFile('short.csv', 'Date,Close\n2020-01-01,1\n2020-01-02,2\n') }, (e) => e instanceof DataError && /too few rows: the indicators need 99 rows of warm-up/.test(e.message));
  await rejects({ ...QUICK, config: tempFile('unknown.json', '{"trader":{"epoch":3}}') }, (e) => e instanceof InvalidOptionError && /unknown\.json: unknown key "trader\.epoch"/.test(e.message));
  await rejects({ ...QUICK, config: tempFile('broken.json', '{"trader":') }, (e) => e instanceof InvalidOptionError && /broken\.json: not valid JSON/.test(e.message));
  for (const [text, key] of [['{"__proto__":{"toString":"pwned"}}', '__proto__'], ['{"constructor":{"keys":1}}', 'constructor'], ['{"learner":{"prototype":{"x":1}}}', 'prototype'], ['{"learner":{"\\u005f_proto__":{}}}', '__proto__']]) {
    await rejects({ ...QUICK, config: tempFile('evil.json', text) }, (e) => e instanceof InvalidOptionError && e.message.includes(`the key "${key}" is not allowed`));
  }
  await rejects({ ...QUICK, config: tempFile('big.json', `{"trader":{"bins":"${'x'.repeat(1_100_000)}"}}`) }, (e) => e instanceof InvalidOptionError && /too large for a settings file/.test(e.message));
  await rejects({ ...QUICK, config: tempFile('long.json', `{"trader":{"bins":"${'y'.repeat(50_000)}"}}`) }, (e) => e instanceof InvalidOptionError && e.message.length < 300);
  await rejects({ ...QUICK, prices: tempFile('huge.csv', 'Date,Close\n2020-01-01,1e300\n') }, (e) => e instanceof DataError && /huge\.csv:2 \(column Close\): Close 1e300 is too large to compute with \(limit 1e\+100\)/.test(e.message));
  await rejects({ ...QUICK, commission: 1e308 }, (e) => e instanceof InvalidOptionError && e.option === 'commission');
});

test('fixed shares are never re-sized: a volatility target given with --shares is ignored, and says so', async () => {
  const fixed = await train({ ...QUICK, shares: 1000, volatilityTarget: 0.1 });
  assert.ok(fixed.warnings.includes('volatility-target is ignored with shares: fixed shares are never re-sized (size sets a volatility-targeted fraction of equity)'), fixed.warnings.join('\n'));
  const { holdings } = fixed.views.strategy as { holdings: Float64Array };
  assert.ok(Array.from(holdings).every((h) => [-1000, 0, 1000].includes(h)), 'exactly the shares asked for');
  // The default target, not asked for, applies to fractions of equity and warns of nothing with shares.
  assert.ok(!(await train({ ...QUICK, shares: 1000 })).warnings.some((w) => w.startsWith('volatility-target')));
  // A config file that asks for one is told too.
  const config = tempFile('target.json', JSON.stringify({ market: { volatilityTarget: 0.3 } }));
  assert.ok((await train({ ...QUICK, shares: 1000, config })).warnings.some((w) => w.startsWith('volatility-target is ignored with shares')));
});
