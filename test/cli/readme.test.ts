import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dyna, ROOT } from '../support/cli.js';
import { tempPath } from '../support/temp.js';

test("the README's quick-start command runs the main job on the bundled sample data", async () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const line = readme.split('\n').find((l) => l.includes('# the main job'));
  assert.ok(line, 'README has the main-job command');
  const args = line.split('#')[0].trim().split(/\s+/);
  assert.deepEqual(args.slice(0, 2), ['npx', 'dyna']);
  const cwd = tempPath('readme');
  cpSync(join(ROOT, 'data'), join(cwd, 'data'), { recursive: true });
  const run = await dyna(args.slice(2), { cwd });
  assert.equal(run.code, 0, run.stderr);
  assert.ok(existsSync(join(cwd, 'sample.model.json')));
  assert.ok(existsSync(join(cwd, 'reports', 'train', 'report.html')));
  assert.ok(readme.includes('npm test'));
});
