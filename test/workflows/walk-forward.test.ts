import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backtest, InvalidOptionError, reportFileContents, train, walkForward } from '../../src/index.js';
import { threadRunner } from '../../src/cli/jobs.js';
import { SAMPLE, WALK } from '../support/paths.js';
import { tempFile } from '../support/temp.js';

const FAST = { epochs: 5, dyna: 50 } as const;

test('window 0 is exactly train + backtest, to the last digit; the account\u2019s days are the windows\u2019 sum', async () => {
  const doc = await walkForward({ prices: SAMPLE, train: 500, test: 250, ...FAST });
  assert.equal(doc.command, 'walk-forward');
  assert.equal(doc.windows.length, 4);
  assert.equal(doc.strategy.days, doc.windows.reduce((s, w) => s + w.test.days, 0));
  for (let i = 1; i < doc.windows.length; i++) assert.ok(doc.windows[i].test.start > doc.windows[i - 1].test.end, 'non-overlapping, in order');
  const w = doc.windows[0];
  const model = tempFile('wf0.model.json', (await train({ prices: SAMPLE, start: w.train.start, end: w.train.end, ...FAST })).modelFile);
  const tested = await backtest({ prices: SAMPLE, model, start: w.test.start, end: w.test.end });
  assert.deepEqual(tested.strategy, w.strategy);
  assert.deepEqual(tested.benchmark, w.benchmark);
  // The account's returns on the windows' days compound to its total, and its trades add up.
  const compounded = doc.windows.reduce((g, x) => g * (1 + x.account.totalReturn), 1) - 1;
  assert.ok(Math.abs(compounded - doc.strategy.totalReturn) < 1e-9, `${compounded} vs ${doc.strategy.totalReturn}`);
  assert.equal(doc.windows.reduce((sum, x) => sum + x.account.trades, 0), doc.strategy.trades);
});

test('one account through the windows: a position the next model keeps is kept, not sold and bought back', async () => {
  // A random walk, unscaled positions (no volatility target): both windows learn buy-and-hold.
  const doc = await walkForward({ prices: WALK, train: 500, test: 250, ...FAST, volatilityTarget: 0 });
  assert.deepEqual(doc.windows.map((w) => [w.train.policy, w.strategy.trades]), [['buy-and-hold', 1], ['buy-and-hold', 1]]);
  // Each window alone buys on its first day; the account buys once and holds through the boundary,
  // so it is buy-and-hold over every day, the second window's first day's move included.
  assert.deepEqual(doc.views.strategy.trades.map((t) => t.day), [0]);
  assert.deepEqual(Array.from(doc.views.strategy.values), Array.from(doc.views.benchmark.values));
  // With days between the windows (a step longer than the test), neither the account nor buy-and-hold holds through them.
  const gaps = await walkForward({ prices: WALK, train: 400, test: 100, step: 200, ...FAST, volatilityTarget: 0 });
  const tradeDays = (trades: Array<{ day: number }>) => trades.map((t) => t.day);
  assert.deepEqual(tradeDays(gaps.views.benchmark.trades), [0, 99, 100, 199, 200]);
  const held = (gaps.views.strategy as { holdings: Float64Array }).holdings;
  for (const last of [99, 199]) {
    assert.equal(held[last], 0, `flat on day ${last}, the last before a gap`);
    assert.ok(tradeDays(gaps.views.strategy.trades).includes(last) && held[last + 1] !== 0, `sold on day ${last}, held again on day ${last + 1}`);
  }
  // The online path says what the fresh one says about its settings.
  const online = await walkForward({ prices: WALK, train: 500, test: 250, ...FAST, online: true, shares: 100, volatilityTarget: 0.1 });
  assert.ok(online.warnings.some((w) => w.startsWith('volatility-target is ignored with shares')), online.warnings.join('\n'));
});

test('the output is identical on worker threads; significance adds a p-value; the report marks the windows', async () => {
  const options = { prices: SAMPLE, train: 600, test: 300, anchored: true, ...FAST, significance: 200 };
  const one = await walkForward({ ...options, jobs: 1 });
  const two = await walkForward({ ...options, jobs: 2 }, { startRunner: threadRunner });
  assert.equal(JSON.stringify(one), JSON.stringify(two));
  const [a, b] = [one, two].map((r) => reportFileContents(r, r.views));
  assert.deepEqual(a, b);
  assert.equal(one.windows[1].train.start, one.windows[0].train.start, 'anchored');
  assert.deepEqual(Object.keys(one.significance ?? {}), ['method', 'samples', 'pValue', 'absoluteProbabilisticSharpe', 'vsBenchmark', 'verdict', 'warnings']);
  assert.deepEqual(Object.keys(one.significance?.vsBenchmark ?? {}), ['method', 'blockLength', 'meanDailyLogExcess', 'pValue', 'probabilisticSharpe']);
  assert.ok((one.significance?.pValue ?? 0) > 0 && (one.significance?.pValue ?? 2) <= 1);
  assert.ok((one.significance?.vsBenchmark.pValue ?? 0) > 0 && (one.significance?.vsBenchmark.pValue ?? 2) <= 1);
  assert.match(a['report.html'], /<h2>Walk-forward windows<\/h2>/);
  assert.match(a['report.html'], /<th>trades<\/th><th>account<\/th>/, 'the account\u2019s return by window');
  assert.match(a['report.html'], /stroke-dasharray="4 3"/, 'window boundaries on the equity chart');
  assert.equal(a['equity.csv'].trim().split('\n').length - 1, one.strategy.days);
});

test('each window says what kind of rule it learned, and the windows that learned no market rule are counted in one warning', async () => {
  const doc = await walkForward({ prices: WALK, train: 400, test: 200, ...FAST, preset: 'ml4t' });
  assert.equal(doc.position.sizing, 'shares', 'the preset applies to every window');
  const kinds = doc.windows.map((w) => w.train.policy);
  for (const [kind, words] of [['never-trades', 'never trades'], ['buy-and-hold', 'is buy-and-hold'], ['keeps-start', 'keeps whatever position it holds'], ['ignores-market', 'ignores the market state']]) {
    const n = kinds.filter((k) => k === kind).length;
    assert.equal(doc.warnings.includes(`in ${n} of ${kinds.length} windows the learned policy ${words} (see windows[].train.policy in --json)`), n > 0, kind);
  }
  assert.ok(kinds.some((k) => k !== 'uses-market'), 'a random walk has no market rule to learn');
});

test('fewer rows than one window is a usage error naming the numbers; options are checked before anything runs', async () => {
  await assert.rejects(walkForward({ prices: SAMPLE, train: 5000, test: 10 }), (e: unknown) => e instanceof InvalidOptionError && e.option === 'train' && /^train 5000 plus at least one test row needs 5001 usable rows, but the period has \d+/.test(e.message));
  await assert.rejects(walkForward({ prices: SAMPLE, train: 500, test: 250, step: 100 }), (e: unknown) => e instanceof InvalidOptionError && e.naming((o) => `--${o}`) === '--step 100 is shorter than --test 250: test windows would overlap');
  await assert.rejects(walkForward({ prices: SAMPLE, train: 500, test: 250, significance: 200_000 }), /significance must be an integer in \[1, 100000\] \(got 200000\)/);
  await assert.rejects(walkForward({ prices: SAMPLE, train: 500, test: 250, jobs: 0 }), /jobs must be an integer in \[1, 256\] \(got 0\)/);
  await assert.rejects(walkForward({ prices: SAMPLE, train: 500, test: 250, jobs: 100_000 }), /jobs must be an integer in \[1, 256\] \(got 100000\)/, 'thousands of threads would exhaust memory');
});
