import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, SAMPLE } from '../support/cli.js';

test('the terminal shows the window table, the account through the windows and the significance line; errors name the flags', async () => {
  const text = await cli(['walk-forward', SAMPLE, '--train', '700', '--test', '400', '--epochs', '5', '--dyna', '50', '--significance', '100', '--jobs', '1']);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^ {2}# {2}test period\s+days\s+return\s+buy&hold\s+trades\s+account\n {2}1 {2}\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d/);
  assert.match(text.stdout, /\naccount: the one account's return on the window's days \(it keeps its position\)\n/);
  assert.match(text.stdout, /out-of-sample run, one account through the 2 windows:/);
  assert.match(text.stdout, /timing vs 100 random timings with its exposure: p = \d\.\d{3}\nexcess over buy-and-hold \(block bootstrap, 100 samples\): p = \d\.\d{3}/);
  assert.match(text.stdout, /\nverdict: (indistinguishable from random timing|beats random timing|equals buy-and-hold|never trades)/);
  const short = await cli(['walk-forward', SAMPLE, '--train', '5000', '--test', '10']);
  assert.equal(short.code, 2);
  assert.match(short.stderr, /^error: --train 5000 plus at least one test row needs 5001 usable rows, but the period has \d+/);
  const overlap = await cli(['walk-forward', SAMPLE, '--train', '500', '--test', '250', '--step', '100']);
  assert.equal(overlap.stderr, 'error: --step 100 is shorter than --test 250: test windows would overlap\n');
  const jobs = await cli(['walk-forward', SAMPLE, '--train', '500', '--test', '250', '--jobs', '0']);
  assert.equal(jobs.stderr, 'error: --jobs must be an integer in [1, 256] (got 0)\n');
});
