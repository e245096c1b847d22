import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dyna, ROOT } from '../support/cli.js';
import { tempPath } from '../support/temp.js';

// The commands in data/README.md: each must reproduce its bundled file byte for byte.
const SAMPLES: Array<[string, string[]]> = [
  ['sample.csv', ['--days', '1500', '--seed', '7', '--volatility', '0.15', '--cycle-period', '30', '--cycle-amplitude', '0.05']],
  ['random-walk.csv', ['--days', '1000', '--seed', '11']],
  ['regimes.csv', ['--days', '1500', '--seed', '3', '--volatility', '0.25', '--reversion', '0.05', '--regime-switch', '0.01', '--regime-drift', '0.3']],
];

test('dyna synth regenerates every bundled sample file byte for byte', async () => {
  const readme = readFileSync(join(ROOT, 'data', 'README.md'), 'utf8');
  for (const [name, args] of SAMPLES) {
    assert.ok(readme.includes(`dyna synth --out data/${name} ${args.join(' ')}`), `data/README.md documents ${name}`);
    const out = tempPath(name);
    const run = await dyna(['synth', '--out', out, ...args]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(readFileSync(out).equals(readFileSync(join(ROOT, 'data', name))), `${name} differs`);
  }
});

test('same seed, same bytes; another seed, other bytes; --json summarizes', async () => {
  const a = tempPath('a.csv');
  const b = tempPath('b.csv');
  const c = tempPath('c.csv');
  await dyna(['synth', '--out', a, '--days', '300', '--seed', '5']);
  await dyna(['synth', '--out', b, '--days', '300', '--seed', '5']);
  const run = await dyna(['synth', '--out', c, '--days', '300', '--seed', '6', '--json']);
  assert.ok(readFileSync(a).equals(readFileSync(b)));
  assert.ok(!readFileSync(a).equals(readFileSync(c)));
  const summary = JSON.parse(run.stdout);
  assert.equal(summary.rows, 300);
  assert.equal(summary.settings.seed, 6);
  assert.equal(readFileSync(c, 'utf8').split('\n')[0], 'Date,Open,High,Low,Close,Volume,Adj Close');
});

test('bad synth options are usage errors (exit 2) naming the option', async () => {
  const out = tempPath('bad.csv');
  for (const [args, message] of [
    [['--days', '0'], /--days must be an integer in \[1, 2000000\] \(got 0\)/],
    [['--reversion', '2'], /--reversion must be a number in \[0, 1\] \(got 2\)/],
    [['--start-date', 'tomorrow'], /--start-date must be a real date YYYY-MM-DD/],
  ] as const) {
    const run = await dyna(['synth', '--out', out, ...args]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, message);
    assert.ok(!run.stderr.includes('    at '), 'no stack trace');
  }
});

test('a long synthetic series stays within what the loader accepts (300,000 days at the default drift)', async () => {
  const { generateMarket, loadDefaultSettings, MAX_PRICE } = await import('../../src/index.js');
  const { createRng } = await import('../../src/rng.js');
  const bars = generateMarket({ ...loadDefaultSettings().synth, days: 300_000 }, createRng('long'));
  let highest = 0;
  for (const b of bars) highest = Math.max(highest, b.high);
  assert.ok(highest > 1e12, 'it does compound far beyond any real price');
  assert.ok(highest < MAX_PRICE, `highest ${highest}`);
});
