/** What only a real process shows: exit codes, stdout and stderr kept apart, colours by environment, signals, and the binary against the library. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { walkForward } from '../../src/index.js';
import { colorAllowed } from '../../src/cli/terminal.js';
import { BIN, dyna, SAMPLE } from '../support/cli.js';
import { sampleModel } from '../support/models.js';
import { tempFile, tempPath } from '../support/temp.js';

test('the library walkForward gives the account’s return and windows of `dyna walk-forward --json`', async () => {
  const run = await dyna(['walk-forward', SAMPLE, '--train', '504', '--test', '252', '--seed', '3', '--json', '--jobs', '1']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '', 'nothing but the document, on stdout');
  const binary = JSON.parse(run.stdout);
  const library = await walkForward({ prices: SAMPLE, train: 504, test: 252, seed: 3, jobs: 1 });
  assert.equal(library.strategy.totalReturn, binary.strategy.totalReturn);
  assert.deepEqual(JSON.parse(JSON.stringify(library.windows)), binary.windows);
  assert.deepEqual(JSON.parse(JSON.stringify(library)), binary, 'the whole document');
});

test('exit codes: 0, 2 usage, 3 data, 4 model, 5 I/O, 6 below target; errors are one line on stderr, nothing on stdout', async () => {
  const cases: Array<[string[], number, RegExp]> = [
    [['train', SAMPLE, '--epochs', '0'], 2, /^error: --epochs must be an integer in \[1, 10000\] \(got 0\)\n$/],
    [['train', tempFile('bad.csv', 'Date,Close\n2020-01-01,abc\n')], 3, /^error: .*bad\.csv:2 \(column Close\): "abc" is not a number\n$/],
    [['backtest', SAMPLE, '--model', tempFile('m.json', '{"hello": 1}')], 4, /^error: .*m\.json: not a dyna model file\n$/],
    [['train', '/no/such.csv'], 5, /^error: \/no\/such\.csv: no such file\n$/],
  ];
  for (const [args, code, stderr] of cases) {
    const run = await dyna(args);
    assert.deepEqual([run.code, run.stdout], [code, ''], run.stderr);
    assert.match(run.stderr, stderr);
  }
  const model = await sampleModel(3);
  const gate = await dyna(['backtest', SAMPLE, '--model', model, '--start', '2015-01-01', '--min-sharpe', '100', '--json']);
  assert.equal(gate.code, 6);
  assert.equal(JSON.parse(gate.stdout).command, 'backtest', 'the document on stdout');
  assert.match(gate.stderr, /^below target: .*\(--min-sharpe\)\n$/, 'the verdict on stderr');
});

test('colours only on a TTY and never with NO_COLOR; a short help with no arguments; --version', async () => {
  const run = await dyna(['train', '/no/such.csv'], { env: { NO_COLOR: '1', FORCE_COLOR: '3' } });
  assert.equal(run.stderr, 'error: /no/such.csv: no such file\n', 'no colour codes around "error:"');
  assert.deepEqual([colorAllowed(true, {}), colorAllowed(true, { NO_COLOR: '1' }), colorAllowed(true, { TERM: 'dumb' }), colorAllowed(false, {})], [true, false, false, false]);
  const help = await dyna([]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: dyna/);
  assert.match(help.stdout, /train \[options\] <prices.csv>/);
  assert.match((await dyna(['-V'])).stdout, /^\d+\.\d+\.\d+\n$/);
});

test('SIGTERM exits 143 at once, leaving no temporary file and only whole result lines', async () => {
  const dir = tempPath('sigterm');
  mkdirSync(dir);
  const out = join(dir, 'out.jsonl');
  const child = spawn(process.execPath, [BIN, 'sweep', SAMPLE, '--split', '2013-01-01', '--seeds', '1-50', '--grid', 'dyna=0,50', '--jobs', '1', '--out', out, '--quiet'], { stdio: 'ignore' });
  // Killed once the first job's line is in the file: mid-sweep, whatever the machine's speed.
  for (let waited = 0; !(existsSync(out) && readFileSync(out, 'utf8').includes('\n')); waited += 20) {
    assert.ok(waited < 30_000, 'the sweep wrote its first line');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const killed = Date.now();
  child.kill('SIGTERM');
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  assert.equal(code, 143);
  assert.ok(Date.now() - killed < 5_000, 'between two jobs, not after the sweep (100 jobs)');
  assert.ok(!readdirSync(dir).some((f) => f.endsWith('.tmp')));
  const text = readFileSync(out, 'utf8');
  assert.ok(text.endsWith('\n'));
  const lines = text.split('\n').filter(Boolean);
  assert.ok(lines.length >= 1 && lines.length < 100, `${lines.length} of 100 jobs done`);
  for (const line of lines) assert.equal(typeof JSON.parse(line).index, 'number');
});
