import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { integerRangeText } from '../../src/integers.js';
import { UNSAFE_CHARACTERS } from '../../src/text.js';
import { INTEGER_OPTIONS, type IntegerOption } from '../../src/workflows/index.js';
import { cli, SAMPLE } from '../support/cli.js';
import { sampleModel } from '../support/models.js';
import { tempFile, tempPath } from '../support/temp.js';

const QUICK = ['--epochs', '2', '--end', '2012-12-31'];
const unsafe = new RegExp(UNSAFE_CHARACTERS.source);

/** Each integer flag, the command line it is tried on and the option it sets. */
const INTEGER_FLAGS: Array<[string[], string, IntegerOption]> = [
  ...(['seed', 'dyna', 'epochs', 'bins', 'shares'] as const).map((o): [string[], string, IntegerOption] => [['train', SAMPLE, '-o', tempPath('i.model.json')], `--${o}`, o]),
  [['backtest', SAMPLE, '-m', 'none.json'], '--significance', 'significance'],
  [['simulate', 'orders.csv', '--prices', '.'], '--significance', 'significance'],
  [['signal', SAMPLE, '-m', 'none.json'], '--stale-days', 'staleDays'],
  [['sweep', SAMPLE, '--split', '2012-01-01', '--out', tempPath('r.jsonl')], '--jobs', 'jobs'],
  ...(['train', 'test', 'step', 'jobs', 'significance'] as const).map((o): [string[], string, IntegerOption] => [['walk-forward', SAMPLE, ...(o === 'train' ? [] : ['--train', '500']), ...(o === 'test' ? [] : ['--test', '100'])], `--${o}`, o]),
  [['synth', '-o', tempPath('s.csv')], '--days', 'days'],
  [['synth', '-o', tempPath('s.csv')], '--seed', 'seed'],
];

test('every integer option states one range, the same in its help and its errors, and refuses digits beyond the safe integers at once', async () => {
  for (const [args, flag, option] of INTEGER_FLAGS) {
    const range = integerRangeText(INTEGER_OPTIONS[option]);
    const help = await cli([args[0], '--help']);
    assert.ok(help.stdout.replace(/\s+/g, ' ').includes(`${flag} <`) && help.stdout.replace(/\s+/g, ' ').includes(range), `${args[0]} ${flag}: help states ${range}`);
    for (const value of ['99999999999999999999', '9007199254740993', '1.5', '1e3', '']) {
      const run = await cli([...args, flag, value]);
      assert.equal(run.code, 2, `${args[0]} ${flag} ${value}: ${run.stderr}`);
      assert.equal(run.stderr, `error: option '${flag} <${/--(train|test|step)$/.test(flag) ? 'rows' : 'n'}>' argument '${value}' is invalid. expected ${range}.\n`);
    }
  }
  // In range for the parser, outside for the option: the option's own message, the same range.
  for (const [flag, option, value] of [['--epochs', 'epochs', '0'], ['--bins', 'bins', '101'], ['--dyna', 'dyna', '-1'], ['--seed', 'seed', '-9007199254740991']] as const) {
    const run = await cli(['train', SAMPLE, ...QUICK, '-o', tempPath('r.model.json'), flag, value]);
    if (option === 'seed') {
      assert.equal(run.code, 0, 'the smallest seed is a seed');
      continue;
    }
    assert.equal(run.stderr, `error: ${flag} must be ${integerRangeText(INTEGER_OPTIONS[option])} (got ${value})\n`);
  }
  const train = await cli(['walk-forward', SAMPLE, '--train', '1', '--test', '5']);
  assert.equal(train.stderr, 'error: --train must be an integer in [2, 9007199254740991] (got 1)\n', 'not ">= 1", then "at least 2"');
});

test('--seeds beyond the safe integers, or empty, are usage errors at once', async () => {
  const started = Date.now();
  for (const [seeds, message] of [
    ['9007199254740993-9007199254740994', /^error: --seeds must be an integer in \[-9007199254740991, 9007199254740991\] \(got "9007199254740993-9007199254740994"\)\n$/],
    ['1,99999999999999999999', /^error: --seeds must be an integer in .* \(got "99999999999999999999"\)\n$/],
    ['', /^error: --seeds must be integers and ranges like 1,2,5-8 \(got ""\)\n$/],
  ] as const) {
    const run = await cli(['sweep', SAMPLE, '--split', '2012-01-01', '--out', tempPath('seeds.jsonl'), '--seeds', seeds]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, message);
  }
  assert.ok(Date.now() - started < 5000, 'refused within seconds, not after looping');
  const shard = await cli(['sweep', SAMPLE, '--split', '2012-01-01', '--out', tempPath('shard.jsonl'), '--shard', '99999999999999999999/99999999999999999999']);
  assert.equal(shard.code, 2);
});

test('values quoted in messages are cut short: a 100,000-character key or value gives one short line', async () => {
  const key = 'k'.repeat(100_000);
  for (const args of [
    ['train', SAMPLE, '--config', tempFile('long-key.json', JSON.stringify({ trader: { [key]: 1 } }))],
    ['train', SAMPLE, '--config', tempFile('long-section.json', JSON.stringify({ [key]: {} }))],
    ['train', SAMPLE, '--end', key],
    ['train', SAMPLE, '--epochs', key],
    ['sweep', SAMPLE, '--split', '2012-01-01', '--out', tempPath('g.jsonl'), '--grid', `${key}=1,2`],
    ['train', SAMPLE, '--preset', `\u202e${key}`],
  ]) {
    const run = await cli(args);
    assert.equal(run.code, 2, run.stderr.slice(0, 200));
    assert.equal(run.stderr.split('\n').length, 2, 'one line');
    assert.ok(run.stderr.length < 400, `${run.stderr.length} bytes: ${run.stderr.slice(0, 200)}`);
    assert.doesNotMatch(run.stderr, unsafe);
  }
});

test('train refuses a symbol no model can hold, before training; the longest allowed round-trips through backtest', async () => {
  const long = await cli(['train', SAMPLE, ...QUICK, '--symbol', 'S'.repeat(101), '-o', tempPath('long.model.json')]);
  assert.equal(long.code, 2);
  assert.match(long.stderr, /^error: --symbol must be 1 to 100 characters \(got "S{60}\.\.\.", 101 characters\)\n$/);
  const named = tempFile(`${'F'.repeat(101)}.csv`, readFileSync(SAMPLE));
  const fromName = await cli(['train', named, ...QUICK, '-o', tempPath('named.model.json')]);
  assert.equal(fromName.code, 2);
  assert.match(fromName.stderr, /the symbol taken from the price file's name, "F{60}\.\.\.", must be 1 to 100 characters: name it with --symbol/);
  const model = tempPath('longest.model.json');
  assert.equal((await cli(['train', SAMPLE, ...QUICK, '--symbol', 'S'.repeat(100), '-o', model, '-q'])).code, 0);
  const backtest = await cli(['backtest', SAMPLE, '-m', model, '--start', '2013-01-01', '-q']);
  assert.equal(backtest.code, 0, backtest.stderr);
});

test('control and bidirectional characters in a symbol are neutralized in every file written, and the JSON keeps them as escapes', async () => {
  const symbol = 'A\u202eB\u200fC\u0085D\u2066E';
  const dir = tempPath('bidi-report');
  const run = await cli(['train', SAMPLE, ...QUICK, '--symbol', symbol, '-o', tempPath('bidi.model.json'), '--report', dir]);
  assert.equal(run.code, 0, run.stderr);
  assert.doesNotMatch(run.stdout + run.stderr, unsafe, 'terminal');
  for (const name of readdirSync(dir)) assert.doesNotMatch(readFileSync(join(dir, name), 'utf8'), unsafe, name);
  assert.match(readFileSync(join(dir, 'report.html'), 'utf8'), /A\?B\?C\?D\?E/);
  assert.match(readFileSync(join(dir, 'trades.csv'), 'utf8'), /,A\?B\?C\?D\?E,/);
  assert.equal(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).symbol, symbol, 'the data is unchanged');
  assert.doesNotMatch(readFileSync(tempPath('bidi.model.json'), 'utf8'), unsafe);
  const json = await cli(['train', SAMPLE, ...QUICK, '--symbol', symbol, '-o', tempPath('bidi2.model.json'), '--json']);
  assert.doesNotMatch(json.stdout, unsafe);
  assert.equal(JSON.parse(json.stdout).symbol, symbol);
});

test('a tampered model whose training period is impossible is a refused model file (exit 4)', async () => {
  const model = JSON.parse(readFileSync(await sampleModel(), 'utf8')) as { period: { start: string; end: string }; periods: Array<{ start: string; end: string }> };
  for (const [start, end] of [['2014-12-31', '2010-01-01'], ['2014-02-30', '2014-12-31'], ['2010-01-04', 'soon']]) {
    const last = model.periods.length - 1;
    const tampered = { ...model, period: { ...model.period, start, end }, periods: model.periods.map((p, i) => (i === last ? { ...p, start, end } : p)) };
    const path = tempPath(`tampered-${start}.model.json`);
    writeFileSync(path, JSON.stringify(tampered));
    const run = await cli(['backtest', SAMPLE, '-m', path, '--start', '2015-01-01']);
    assert.equal(run.code, 4, run.stderr);
    assert.match(run.stderr, /^error: .*tampered-.*\.model\.json: period(s\[\d+\])? /);
  }
});

test('prices below the minimum are a data error naming the file and line (exit 3)', async () => {
  const path = tempFile('tiny.csv', `Date,Close\n2020-01-01,1e-200\n`);
  const run = await cli(['train', path, '-o', tempPath('tiny.model.json')]);
  assert.equal(run.code, 3);
  assert.equal(run.stderr, `error: ${path}:2 (column Close): Close 1e-200 is below the smallest price dyna computes with (1e-8)\n`);
});

test('control and bidirectional characters in sweep file names reach neither the terminal nor the sweep page raw', async () => {
  const prices = tempFile('sweep\u202eevil.csv', readFileSync(SAMPLE, 'utf8'));
  const config = tempFile('sweep-quick.json', JSON.stringify({ trader: { epochs: 2 } }));
  const out = tempPath('out\u001b[31m\u202e.jsonl');
  const dir = tempPath('sweep-bidi-report');
  const run = await cli(['sweep', prices, '--split', '2012-06-01', '--end', '2012-12-31', '--config', config, '--jobs', '1', '--out', out, '--report', dir]);
  assert.equal(run.code, 0, run.stderr);
  assert.doesNotMatch(run.stdout + run.stderr, unsafe, 'terminal');
  assert.match(run.stdout, /1 lines in .*out\?\[31m\?\.jsonl/);
  assert.doesNotMatch(readFileSync(join(dir, 'report.html'), 'utf8'), unsafe, 'report.html');
  assert.doesNotMatch(readFileSync(out, 'utf8'), unsafe, 'the results file escapes them');
  const again = await cli(['sweep', prices, '--split', '2012-06-01', '--end', '2012-12-31', '--config', config, '--jobs', '1', '--out', out]);
  assert.equal(again.code, 0, again.stderr);
  assert.doesNotMatch(again.stdout + again.stderr, unsafe, 'terminal, on resume');
  const summary = await cli(['sweep', '--summarize', out, out]);
  assert.equal(summary.code, 0, summary.stderr);
  assert.doesNotMatch(summary.stdout + summary.stderr, unsafe, 'terminal, --summarize and its warnings');
});
