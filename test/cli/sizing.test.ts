import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dyna, SAMPLE } from '../support/cli.js';
import { tempFile, tempPath } from '../support/temp.js';

const MODEL = tempPath('sizing.model.json');
const trained = dyna(['train', SAMPLE, '--end', '2014-12-31', '--epochs', '5', '--out', MODEL, '--quiet']);

test('--size and --shares together are a usage error naming both', async () => {
  assert.equal((await trained).code, 0);
  for (const args of [['train', SAMPLE, '--size', '0.5', '--shares', '100'], ['backtest', SAMPLE, '--model', MODEL, '--size', '0.5', '--shares', '100']]) {
    const run = await dyna(args);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /--size and --shares cannot be used together/);
    assert.equal(run.stderr.trim().split('\n').length, 1);
  }
  const config = tempFile('both.json', JSON.stringify({ market: { size: 0.5, shares: 10 } }));
  const run = await dyna(['train', SAMPLE, '--config', config]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /both\.json: market\.size and market\.shares cannot both be set/);
});

test('default sizing is fully invested without leverage; --size 0.5 keeps exposure near half; JSON says which sizing', async () => {
  assert.equal((await trained).code, 0);
  const full = JSON.parse((await dyna(['backtest', SAMPLE, '--model', MODEL, '--start', '2015-01-01', '--json'])).stdout);
  assert.deepEqual(full.position, { sizing: 'fraction', size: 1, cash: 100000, maintenance: 0.25 });
  assert.ok(full.strategy.maxLeverage <= 1.05 && full.benchmark.maxLeverage <= 1.05, `${full.strategy.maxLeverage}`);
  assert.deepEqual(full.warnings, []);
  const dir = tempPath('half');
  const run = await dyna(['backtest', SAMPLE, '--model', MODEL, '--start', '2015-01-01', '--size', '0.5', '--report', dir, '--json']);
  const half = JSON.parse(run.stdout);
  assert.equal(half.position.size, 0.5);
  const rows = readFileSync(join(dir, 'equity.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const prices = new Map(readFileSync(SAMPLE, 'utf8').trim().split('\n').slice(1).map((l) => [l.split(',')[0], Number(l.split(',')[6])]));
  for (const [date, value, , shares] of rows) {
    if (Number(shares) === 0) continue;
    const exposure = Math.abs(Number(shares) * (prices.get(date) as number)) / Number(value);
    assert.ok(exposure >= 0.35 && exposure <= 0.6, `exposure ${exposure} on ${date}`);
  }
});

test('backtest --shares re-sizes a saved policy in shares, and a fixed size above 1x equity is warned about', async () => {
  assert.equal((await trained).code, 0);
  const small = JSON.parse((await dyna(['backtest', SAMPLE, '--model', MODEL, '--start', '2015-01-01', '--shares', '100', '--json'])).stdout);
  assert.deepEqual(small.position, { sizing: 'shares', shares: 100, cash: 100000, maintenance: 0.25 });
  assert.ok(small.strategy.maxLeverage < 0.2);
  const big = await dyna(['backtest', SAMPLE, '--model', MODEL, '--start', '2015-01-01', '--shares', '3000']);
  assert.equal(big.code, 0);
  assert.match(big.stderr, /warning: .*gross exposure reached \d+\.\d\dx equity/);
  assert.equal(big.stderr.match(/gross exposure/g)?.length, 1, 'once per run');
  const levered = await dyna(['backtest', SAMPLE, '--model', MODEL, '--start', '2015-01-01', '--size', '1.5', '--json']);
  assert.ok(JSON.parse(levered.stdout).warnings.some((w: string) => /^size 1\.5 is leverage/.test(w)));
});
