import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { cli, SAMPLE } from '../support/cli.js';
import { sampleModel } from '../support/models.js';
import { tempFile, tempPath } from '../support/temp.js';

/** The bundled files end in 2015: without this, every signal on them warns that they are stale. */
const NOT_STALE = ['--stale-days', '1000000'];

test('dyna signal prints the position, the trade, the Q values and the market state; --json prints the document; warnings go to stderr', async () => {
  const model = await sampleModel(5);
  const run = await cli(['signal', SAMPLE, '--model', model, ...NOT_STALE]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '');
  const lines = run.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^sample {2}2015-10-02 {2}close \d+(\.\d+)?$/);
  assert.match(lines[1], /^position after the close: (short|flat|long) \((changed from (short|flat|long)|unchanged, as after the previous close)\)$/);
  assert.match(lines[2], /^trade at the close: (none|(BUY|SELL) [\d,]+ shares, [\d,.]+ \(costs [\d,.]+\))$/);
  assert.match(lines[3], /^holding -?[\d,]+ shares: -?[\d.]+ of a full position, volatility scale \d\.\d\d; equity [\d,.]+$/);
  assert.match(lines[4], /^policy: (short|flat|long); Q values from (short|flat|long): short -?\d+\.\d{4}, flat -?\d+\.\d{4}, long -?\d+\.\d{4}$/);
  assert.match(lines[5], /^market state \d+, seen on [\d,]+ training days:$/);
  assert.match(lines[6], /^ {2}bollinger-pb\(20\) +-?[\d.e+-]+ {2}bucket [1-4] \(.+\)$/);
  assert.match(lines[8], /^ {2}price-sma\(100\) +-?[\d.e+-]+ {2}bucket [1-4] \(.+\)$/);
  assert.match(lines[9], /^ {2}the market model expects [+-]\d+\.\d bp tomorrow: the drift [+-]\d+\.\d bp and this state's own [+-]\d+\.\d bp \(weight \d\.\d\d on its days\)$/);
  assert.match(lines[10], /^replayed from 2015-01-01 \(197 days, \d+ trades, [+-]\d+\.\d\d%\)$/);
  const json = await cli(['signal', SAMPLE, '--model', model, '--json', '--stale-days', '1']);
  assert.equal(json.code, 0);
  assert.equal(json.stderr, '', 'with --json the warnings are in the document');
  const doc = JSON.parse(json.stdout);
  assert.equal(doc.command, 'signal');
  assert.ok(doc.warnings.some((w: string) => /^the last row \(2015-10-02\) is \d+ calendar days before today/.test(w)), 'stale by the real clock');
  const warned = await cli(['signal', SAMPLE, '--model', model, '--holding', 'flat', '--stale-days', '1']);
  assert.match(warned.stderr, /^warning: the last row \(2015-10-02\) is \d+ calendar days before today/m);
  assert.match(warned.stdout, /\nfrom the position you hold: flat, sized at the cash given\n$/);
  const quiet = await cli(['signal', SAMPLE, '--model', model, '--quiet']);
  assert.deepEqual([quiet.code, quiet.stdout, quiet.stderr], [0, '', '']);
});

test('dyna signal errors: one line and the documented exit code', async () => {
  const model = await sampleModel(5);
  const check = async (args: string[], code: number, message: RegExp) => {
    const run = await cli(['signal', ...args]);
    assert.equal(run.code, code, run.stderr);
    assert.match(run.stderr, message);
    assert.equal(run.stdout, '');
    assert.ok(!run.stderr.includes('    at '));
  };
  await check([SAMPLE], 2, /required option '-m, --model <model\.json>' not specified/);
  await check([SAMPLE, '--model', model, '--holding', 'sideways'], 2, /^error: --holding must be one of the model's positions: short, flat, long \(or its exposure, -1, 0, 1\); got "sideways"$/m);
  await check([SAMPLE, '--model', model, '--holding', 'long', '--start', '2015-01-01'], 2, /^error: --holding starts from the position you hold on the last day and --start replays the policy from a day: give one of them$/m);
  await check([SAMPLE, '--model', model, '--stale-days', 'x'], 2, /--stale-days <n>' argument 'x' is invalid/);
  await check([tempFile('sample.csv', readFileSync(SAMPLE, 'utf8').split('\n').filter((l) => l.slice(0, 4) !== '2015').join('\n')), '--model', model], 3, /sample\.csv: the file ends on 2014-12-31, and the model was trained to 2014-12-31: there is no later day to replay/);
  await check([SAMPLE, '--model', tempFile('broken.json', '{')], 4, /broken\.json: not a dyna model/);
  await check([SAMPLE, '--model', '/no/model.json'], 5, /\/no\/model\.json: no such file/);
});

test('dyna train --init-model continues a model and says so; it never writes over the model it continues; walk-forward --online says it is online', async () => {
  const first = await sampleModel(5);
  const out = tempPath('continued.model.json');
  const run = await cli(['train', SAMPLE, '--init-model', first, '--end', '2015-06-30', '--out', out]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, new RegExp(`\\ncontinued ${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the model has learned from 2 periods, 2010-05-21 to 2015-06-30\\nmodel: `));
  assert.equal(JSON.parse(readFileSync(out, 'utf8')).periods.length, 2);
  const same = await cli(['train', SAMPLE, '--init-model', first, '--out', first]);
  assert.equal(same.code, 2);
  assert.match(same.stderr, /^error: --out .* is an input file .*; refusing to overwrite it$/m);
  const refit = await cli(['train', SAMPLE, '--refit', '--out', tempPath('never.model.json')]);
  assert.equal(refit.code, 2);
  assert.equal(refit.stderr, 'error: --refit refits the bucket thresholds of a model to continue: it needs --init-model\n');
  assert.ok(!existsSync(tempPath('never.model.json')));
  const bins = await cli(['train', SAMPLE, '--init-model', first, '--bins', '3', '--out', tempPath('bins.model.json')]);
  assert.equal(bins.code, 2);
  assert.match(bins.stderr, /^error: --bins 3 differs from the model's 4: a continued model keeps the settings it learned with/);
  const online = await cli(['walk-forward', SAMPLE, '--train', '600', '--test', '400', '--online', '--epochs', '2', '--dyna', '20']);
  assert.equal(online.code, 0, online.stderr);
  assert.match(online.stdout, /\nout-of-sample run, one account through the 3 windows, online: each window continued the previous window's model:\n/);
});
