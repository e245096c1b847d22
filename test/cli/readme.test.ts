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

test("the README's out-of-sample example shows the real output of its commands", async () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## An out-of-sample example'));
  const blocks = [...section.matchAll(/```(?:sh)?\n([\s\S]*?)```/g)].map((m) => m[1]);
  const commands = blocks[0].trim().split('\n');
  assert.equal(commands.length, 2);
  const cwd = tempPath('example');
  cpSync(join(ROOT, 'data'), join(cwd, 'data'), { recursive: true });
  const train = await dyna(commands[0].split(/\s+/).slice(2), { cwd });
  assert.equal(train.code, 0, train.stderr);
  // From the "trained" line to the model line (the report line follows); wall-clock seconds differ run to run.
  const trainTail = train.stdout.slice(train.stdout.lastIndexOf('\ntrained ') + 1).trim().split('\n').filter((l) => !l.startsWith('report:')).join('\n');
  assert.equal(trainTail.replace(/, \d+\.\d+ s$/m, ''), blocks[1].trim().replace(/, \d+\.\d+ s$/m, ''));
  const backtest = await dyna(commands[1].split(/\s+/).slice(2), { cwd });
  assert.equal(backtest.code, 0, backtest.stderr);
  const lines = (text: string) => text.trim().split('\n').map((l) => l.trimEnd());
  assert.deepEqual(lines(backtest.stdout), lines(blocks[2]));
});
