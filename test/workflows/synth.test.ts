import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateMarket, InvalidOptionError, loadDefaultSettings, MAX_PRICE, synth, createRng } from '../../src/index.js';
import { ROOT } from '../support/paths.js';

// The commands in data/README.md: each must reproduce its bundled file byte for byte.
const SAMPLES: Array<[string, string, Parameters<typeof synth>[0]]> = [
  ['sample.csv', '--days 1500 --seed 7 --volatility 0.22 --cycle-period 30 --cycle-amplitude 0.03', { days: 1500, seed: 7, volatility: 0.22, cyclePeriod: 30, cycleAmplitude: 0.03 }],
  ['random-walk.csv', '--days 1000 --seed 11', { days: 1000, seed: 11 }],
  ['regimes.csv', '--days 1500 --seed 3 --volatility 0.25 --reversion 0.05 --regime-switch 0.01 --regime-drift 0.3', { days: 1500, seed: 3, volatility: 0.25, reversion: 0.05, regimeSwitch: 0.01, regimeDrift: 0.3 }],
];

test('synth regenerates every bundled sample file byte for byte, as data/README.md documents', async () => {
  const readme = readFileSync(join(ROOT, 'data', 'README.md'), 'utf8');
  for (const [name, flags, options] of SAMPLES) {
    assert.ok(readme.includes(`dyna synth --out data/${name} ${flags}`), `data/README.md documents ${name}`);
    assert.equal((await synth(options)).csv, readFileSync(join(ROOT, 'data', name), 'utf8'), `${name} differs`);
  }
});

test('same seed, same bytes; another seed, other bytes; the summary', async () => {
  const [a, b, c] = [await synth({ days: 300, seed: 5 }), await synth({ days: 300, seed: 5 }), await synth({ days: 300, seed: 6, out: 'c.csv' })];
  assert.equal(a.csv, b.csv);
  assert.notEqual(a.csv, c.csv);
  assert.deepEqual([c.rows, c.settings.seed, c.out], [300, 6, 'c.csv']);
  assert.equal(c.csv.split('\n')[0], 'Date,Open,High,Low,Close,Volume,Adj Close');
});

test('regimeReversion turns the regimes into calm mean-reverting spells between trends', async () => {
  const options = { days: 400, regimeSwitch: 0.02, regimeDrift: 0.3 };
  const [spells, bullBear] = [await synth({ ...options, regimeReversion: 0.1 }), await synth(options)];
  assert.equal(spells.settings.regimeReversion, 0.1);
  assert.equal(bullBear.settings.regimeReversion, 0, 'off by default');
  assert.notEqual(spells.csv, bullBear.csv);
  await assert.rejects(synth({ regimeReversion: 2 }), (e: unknown) => e instanceof InvalidOptionError && e.message === 'regimeReversion must be a number in [0, 1] (got 2)');
});

test('each option has one rule and one message, from the settings and from the generator alike', async () => {
  for (const [options, message] of [
    [{ days: 0 }, 'days must be an integer in [1, 2000000] (got 0)'],
    [{ reversion: 2 }, 'reversion must be a number in [0, 1] (got 2)'],
    [{ startDate: 'tomorrow' }, 'startDate must be a real date YYYY-MM-DD (got "tomorrow")'],
    [{ startDate: '2020-02-30' }, 'startDate must be a real date YYYY-MM-DD (got "2020-02-30")'],
  ] as const) {
    await assert.rejects(synth(options), (e: unknown) => e instanceof InvalidOptionError && e.message === message);
    assert.throws(() => generateMarket({ ...loadDefaultSettings().synth, ...options }, createRng(1)), (e: unknown) => e instanceof InvalidOptionError && e.message.startsWith(message.split(' (got')[0]));
  }
  await assert.rejects(synth({ days: 5000, startDate: '9990-01-01', drift: 0, volatility: 0 }), /past the year 9999/);
});

test('a long synthetic series stays within what the loader accepts (300,000 days at the default drift)', () => {
  const bars = generateMarket({ ...loadDefaultSettings().synth, days: 300_000 }, createRng('long'));
  let highest = 0;
  for (const b of bars) highest = Math.max(highest, b.high);
  assert.ok(highest > 1e12, 'it does compound far beyond any real price');
  assert.ok(highest < MAX_PRICE, `highest ${highest}`);
});
