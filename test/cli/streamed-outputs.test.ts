import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFilesAtomic } from '../../src/cli/files.js';
import { InvalidOptionError } from '../../src/errors.js';
import { barsToCsv, equityCsv, equityCsvPieces, generateMarket, loadDefaultSettings, reportFileContents, reportFilePieces, synth, train, createRng } from '../../src/index.js';
import { cli } from '../support/cli.js';
import { tempFile, tempPath } from '../support/temp.js';

test('synth writes its CSV in pieces that add up to the whole text, to a file and to stdout alike', async () => {
  // 10,000 rows: three pieces of 4,096 lines or fewer.
  const options = { days: 10_000, seed: 3, drift: 0, reversion: 0.01 };
  const result = await synth(options);
  const pieces = [...result.csvChunks()];
  assert.equal(pieces.length, 3);
  assert.equal(pieces.join(''), result.csv);
  assert.equal(result.csv, barsToCsv(generateMarket({ ...loadDefaultSettings().synth, ...options }, createRng('synth:3'))));
  const out = tempPath('streamed.csv');
  const flags = ['--days', '10000', '--seed', '3', '--drift', '0', '--reversion', '0.01'];
  assert.equal((await cli(['synth', '--out', out, ...flags])).code, 0);
  assert.equal(readFileSync(out, 'utf8'), result.csv);
  assert.equal((await cli(['synth', '--out', '-', ...flags])).stdout, result.csv);
});

test('a market synth refuses writes nothing, not even to stdout', async () => {
  const out = tempPath('refused.csv');
  const flags = ['--days', '300000', '--drift', '3'];
  const file = await cli(['synth', '--out', out, ...flags]);
  assert.equal(file.code, 2);
  assert.match(file.stderr, /beyond 1e\+100/);
  assert.equal(existsSync(out), false);
  const piped = await cli(['synth', '--out', '-', ...flags]);
  assert.equal(piped.code, 2);
  assert.equal(piped.stdout, '');
});

test('equity.csv in pieces is the same text as equity.csv whole, and the report files are the same either way', async () => {
  const prices = tempFile('long.csv', (await synth({ days: 9_000, seed: 5, drift: 0, reversion: 0.01 })).csv);
  const run = await train({ prices, epochs: 1, dyna: 0 });
  const { strategy, benchmark } = run.views;
  assert.ok('holdings' in strategy);
  const pieces = [...equityCsvPieces(strategy, benchmark)];
  assert.ok(pieces.length > 1);
  assert.equal(pieces.join(''), equityCsv(strategy, benchmark));
  const whole = reportFileContents(run, run.views);
  const streamed = reportFilePieces(run, run.views);
  for (const name of ['report.json', 'trades.csv', 'report.html'] as const) assert.equal(streamed[name], whole[name]);
  const csv = streamed['equity.csv'];
  assert.equal(typeof csv === 'string' ? csv : [...csv].join(''), whole['equity.csv']);
});

test('a file written in pieces is all or nothing: a piece that fails leaves no file and no temporary one, and its error is its own', async () => {
  const path = tempPath('pieces/out.csv');
  function* failing(): Generator<string> {
    yield 'a,b\n';
    throw new InvalidOptionError('no more rows');
  }
  await assert.rejects(writeFilesAtomic([{ path: tempPath('pieces/first.txt'), content: 'first' }, { path, content: failing() }]), (e: unknown) => e instanceof InvalidOptionError && e.message === 'no more rows');
  assert.deepEqual(readdirSync(dirname(path)), []);
  await writeFilesAtomic([{ path, content: ['x', '', 'y\n', 'é'.repeat(70_000)] }]);
  assert.equal(readFileSync(join(dirname(path), 'out.csv'), 'utf8'), `xy\n${'é'.repeat(70_000)}`);
});
