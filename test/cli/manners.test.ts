/** The command line's manners: help with defaults, errors in the right order, quiet pipes, forgiving inputs, honest warnings, notices, 80 columns. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, cli, SAMPLE, WALK } from '../support/cli.js';
import { sampleModel } from '../support/models.js';
import { tempFile, tempPath } from '../support/temp.js';
import { MAX_QUOTED } from '../../src/text.js';

const QUICK = ['--epochs', '2', '--end', '2014-12-31'];

test('help shows every default and marks required options; sweep lists its --grid keys; no (default: [])', async () => {
  const help = (await cli(['train', '--help'])).stdout.replace(/\s+/g, ' ');
  for (const [flag, value] of [['--dyna <n>', '200'], ['--epochs <n>', '50'], ['--seed <n>', '1'], ['--bins <n>', '4'], ['--alpha <x>', '0.05'], ['--gamma <x>', '0.99'], ['--commission <x>', '9.95']]) {
    assert.match(help, new RegExp(`${flag.replace(/[<>]/g, '.')} (?:(?!--).)*\\(default: ${value.replace('.', '\\.')}\\)`), flag);
  }
  assert.match((await cli(['backtest', '--help'])).stdout.replace(/\s+/g, ' '), /--model <model.json> model file written by dyna train \(required\)/);
  const sweep = (await cli(['sweep', '--help'])).stdout;
  assert.match(sweep, /--grid keys/);
  assert.match(sweep, /learner +alpha, gamma, rar, radr, dyna/);
  assert.doesNotMatch(sweep, /\(default: \[\]\)/);
  for (const command of ['train', 'backtest', 'walk-forward', 'sweep', 'simulate', 'synth']) {
    const lines = (await cli([command, '--help'])).stdout.split('\n');
    assert.deepEqual(lines.filter((l) => l.length > 80), [], `${command} --help fits 80 columns`);
  }
});

test('an unknown option is reported before a missing required one', async () => {
  const run = await cli(['backtest', SAMPLE, '--modle', 'x.json']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^error: unknown option '--modle'\n\(Did you mean --model\?\)/);
  const missing = await cli(['backtest', SAMPLE]);
  assert.deepEqual([missing.code, missing.stderr], [2, "error: required option '-m, --model <model.json>' not specified\n"]);
});

test('a closed pipe ends the output quietly: no EPIPE trace', async () => {
  const child = spawn(process.execPath, [BIN, 'train', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  assert.equal(stderr, '');
  assert.equal(code, 0);
});

test('null, NaN and N/A price cells are carried forward like empty ones, with the same warning', async () => {
  const lines = readFileSync(SAMPLE, 'utf8').split('\n');
  const header = lines[0].split(',');
  const close = header.indexOf('Adj Close');
  for (const [i, token] of [[100, 'null'], [200, 'NaN'], [300, 'N/A']] as const) {
    const cells = lines[i].split(',');
    cells[close] = token;
    lines[i] = cells.join(',');
  }
  const file = tempFile('nulls.csv', lines.join('\n'));
  const run = await cli(['train', file, '-o', tempPath('nulls.model.json'), ...QUICK]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal((run.stderr.replace(/\n\s+/g, ' ').match(/warning: .*?nulls\.csv: empty Adj Close on \d{4}-\d\d-\d\d filled with the previous day's value/g) ?? []).length, 3);
});

test("warnings: an end past the file's last day, a short training period, settings the model ignores; after the report, on stderr", async () => {
  const past = await cli(['backtest', SAMPLE, '--model', await sampleModel(3), '--start', '2015-01-01', '--end', '2030-01-01']);
  assert.equal(past.code, 0, past.stderr);
  assert.match(past.stderr.replace(/\s+/g, ' '), /warning: .*sample\.csv: the end date 2030-01-01 lies past the file's last day 2015-10-02; the period ends on 2015-10-02/);
  const short = await cli(['train', SAMPLE, '--end', '2010-06-30', '--epochs', '2', '--rar', '0.2', '-o', tempPath('short.model.json')]);
  assert.equal(short.code, 0, short.stderr);
  const stderr = short.stderr.replace(/\s+/g, ' ');
  assert.match(stderr, /warning: training on only \d+ days \(under a year of 252\)/);
  assert.match(stderr, /warning: rar is ignored by the market model/);
});

test('synth --out - writes the CSV alone to stdout', async () => {
  const run = await cli(['synth', '--out', '-', '--days', '5']);
  assert.equal(run.code, 0);
  assert.equal(run.stderr, '');
  assert.match(run.stdout, /^Date,Open,High,Low,Close,Volume,Adj Close\n(\d{4}-\d\d-\d\d,[\d.,]+\n){5}$/);
  assert.ok(!existsSync('-'));
  assert.equal((await cli(['synth', '--out', '-', '--json'])).code, 2);
});

test('replacing an existing model or report says so; the output fits 80 columns', async () => {
  const out = tempPath('again.model.json');
  const report = tempPath('again-report');
  const first = await cli(['train', SAMPLE, '-o', out, '--report', report, ...QUICK]);
  assert.equal(first.code, 0, first.stderr);
  assert.doesNotMatch(first.stderr, /notice/);
  assert.deepEqual(first.stdout.split('\n').filter((l) => l.length > 80), [], 'every line within 80 columns');
  const second = await cli(['train', SAMPLE, '-o', out, '--report', report, ...QUICK]);
  assert.match(second.stderr, /notice: replaced .*again\.model\.json\n/);
  assert.match(second.stderr, /notice: replaced the report in .*again-report\n/);
  assert.match(second.stdout.replace(/\n\s+/g, ' '), /report: .*again-report\/report\.html \(with report\.json, equity\.csv, trades\.csv\)/);
});

test('dyna sweep --report writes report.html with an SVG chart naming the files; --summarize --report too', async () => {
  const out = tempPath('sweep.jsonl');
  const dir = tempPath('sweep-report');
  const run = await cli(['sweep', SAMPLE, WALK, '--split', '2013-01-01', '--grid', 'epochs=2', '--grid', 'dyna=0,10', '--grid', 'bins=3,4', '--jobs', '1', '--out', out, '--report', dir]);
  assert.equal(run.code, 0, run.stderr);
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
  assert.ok(svgs.some((svg) => svg.includes('sample.csv') && svg.includes('random-walk.csv')));
  assert.match(html, /Mean test Sharpe ratio by dyna \(rows\) and bins \(columns\)/);
  assert.match(html, /Parameter sets, ranked/);
  assert.match(html, /<h2>By file<\/h2>/);
  assert.equal(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).parameterSets, 4);
  const merged = tempPath('merged-report');
  const summary = await cli(['sweep', '--summarize', out, '--report', merged]);
  assert.equal(summary.code, 0, summary.stderr);
  assert.equal(readFileSync(join(merged, 'report.html'), 'utf8'), html, 'the same page from the results file');
});

test("commander's quoted values are clipped as dyna's own messages clip them: longer than MAX_QUOTED, cut with ...", async () => {
  const long = `--${'x'.repeat(MAX_QUOTED - 1)}`; // one character more than a message quotes
  const clipped = await cli(['train', SAMPLE, long]);
  assert.equal(clipped.code, 2);
  assert.match(clipped.stderr, new RegExp(`^error: unknown option '--${'x'.repeat(MAX_QUOTED - 2)}\\.\\.\\.'`));
  const whole = `--${'x'.repeat(MAX_QUOTED - 2)}`;
  assert.match((await cli(['train', SAMPLE, whole])).stderr, new RegExp(`^error: unknown option '${whole}'\\n`));
});
