import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT } from '../support/cli.js';
import { tempPath } from '../support/temp.js';

test('dyna synth writes the file the data/README.md command describes, and --json summarizes', async () => {
  const out = tempPath('walk.csv');
  const run = await cli(['synth', '--out', out, '--days', '1000', '--seed', '11', '--json']);
  assert.equal(run.code, 0, run.stderr);
  assert.ok(readFileSync(out).equals(readFileSync(join(ROOT, 'data', 'random-walk.csv'))));
  assert.deepEqual(Object.keys(JSON.parse(run.stdout)), ['schemaVersion', 'command', 'out', 'rows', 'first', 'last', 'settings']);
  const text = await cli(['synth', '--out', out, '--days', '30']);
  assert.match(text.stderr, /^notice: replaced .*walk\.csv\nwrote 30 rows \(2010-01-04 to 2010-02-12\) to /);
  const spells = await cli(['synth', '--out', out, '--days', '30', '--regime-switch', '0.1', '--regime-reversion', '0.2', '--json']);
  assert.equal(JSON.parse(spells.stdout).settings.regimeReversion, 0.2);
});

test('bad synth options are usage errors (exit 2) naming the flag', async () => {
  const out = tempPath('bad.csv');
  for (const [args, message] of [
    [['--days', '0'], 'error: --days must be an integer in [1, 2000000] (got 0)\n'],
    [['--reversion', '2'], 'error: --reversion must be a number in [0, 1] (got 2)\n'],
    [['--start-date', 'tomorrow'], 'error: --start-date must be a real date YYYY-MM-DD (got "tomorrow")\n'],
    [['--start-date', '2020-02-30'], 'error: --start-date must be a real date YYYY-MM-DD (got "2020-02-30")\n'],
    [['--regime-reversion', '2'], 'error: --regime-reversion must be a number in [0, 1] (got 2)\n'],
  ] as const) {
    const run = await cli(['synth', '--out', out, ...args]);
    assert.deepEqual([run.code, run.stderr], [2, message]);
  }
});
