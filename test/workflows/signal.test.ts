import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { backtest, DataError, InvalidOptionError, levelName, signal, train, type Simulation, type TrainOptions } from '../../src/index.js';
import { ROOT, SAMPLE, WALK } from '../support/paths.js';
import { tempFile, tempPath } from '../support/temp.js';

const REGIMES = join(ROOT, 'data', 'regimes.csv');
/** A wall clock on the day after the bundled files end, so that only tests that want a stale warning get one. */
const FRESH = { wallClock: () => Date.UTC(2015, 9, 3, 12) };

/** The file's rows up to `day`, written under the same name in a folder of its own (the same series, cut). */
function cutAt(file: string, day: string): string {
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  const dir = tempPath(`cut-${basename(file)}-${day}`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, basename(file));
  writeFileSync(path, `${[lines[0], ...lines.slice(1).filter((l) => l.slice(0, 10) <= day)].join('\n')}\n`);
  return path;
}

async function trained(options: TrainOptions, name: string): Promise<string> {
  return tempFile(name, (await train(options)).modelFile);
}

/** Days of a backtest to check: the first, the last, and every trade day and the day after it, thinned to about `most`. */
function daysToCheck(run: Simulation, most: number): number[] {
  const days = new Set([0, 1, run.dates.length - 1]);
  for (const trade of run.trades) for (const t of [trade.day, trade.day + 1]) if (t < run.dates.length) days.add(t);
  const sorted = [...days].sort((a, b) => a - b);
  const every = Math.max(1, Math.ceil(sorted.length / most));
  return sorted.filter((_, i) => i % every === 0 || i === sorted.length - 1);
}

test('done when: on the file cut at a day, with --start at a backtest\u2019s start, the signal is the position that backtest holds after that close', async () => {
  const levels = tempFile('levels.json', JSON.stringify({ trader: { levels: [-1, -0.5, 0, 0.5, 1] } }));
  const cases = [
    // The defaults: market model, volatility-targeted sizing.
    { prices: SAMPLE, train: { end: '2013-12-31', epochs: 4 }, start: '2014-03-03' },
    // Fractional levels and another market.
    { prices: REGIMES, train: { end: '2013-06-28', epochs: 4, config: levels }, start: '2013-07-01' },
    // Fixed shares (the ML4T preset) and the classic learner.
    { prices: WALK, train: { end: '2012-06-29', epochs: 3, preset: 'ml4t', model: 'classic' as const }, start: '2012-08-01' },
  ];
  let checked = 0;
  let changes = 0;
  for (const c of cases) {
    const model = await trained({ prices: c.prices, ...c.train }, `${basename(c.prices)}.model.json`);
    const tested = await backtest({ prices: c.prices, model, start: c.start });
    const run = tested.views.strategy as Simulation;
    const units = run.units as Float64Array;
    for (const t of daysToCheck(run, 8)) {
      const day = run.dates[t];
      const doc = await signal({ prices: cutAt(c.prices, day), model, start: c.start }, FRESH);
      const where = `${basename(c.prices)} on ${day}`;
      assert.equal(doc.date, day, where);
      assert.equal(doc.shares, run.holdings[t], `${where}: shares`);
      assert.equal(doc.previousShares, t > 0 ? run.holdings[t - 1] : 0, `${where}: previous shares`);
      assert.equal(doc.exposure, units[t], `${where}: exposure`);
      assert.equal(doc.equity, run.values[t], `${where}: equity`);
      const scale = doc.volatilityScale ?? 1;
      assert.equal(doc.position, run.holdings[t] === 0 ? 'flat' : levelName(+(units[t] / scale).toFixed(6)), `${where}: position`);
      assert.equal(doc.trade?.shares ?? 0, Math.abs(run.holdings[t] - (t > 0 ? run.holdings[t - 1] : 0)), `${where}: trade`);
      assert.equal(doc.basis.kind === 'replay' && doc.basis.start, run.dates[0]);
      assert.ok(!doc.warnings.some((w) => /is not the data the model was trained on/.test(w)), `${where}: the cut file is the model's series: ${doc.warnings}`);
      checked++;
      if (doc.changed) changes++;
    }
  }
  assert.ok(checked >= 18, `${checked} days checked`);
  assert.ok(changes >= 3, `${changes} of them change the position`);
});

test('the default replay starts the day after the model\u2019s last training day: backtest from that day; with no later day, a DataError says what to do', async () => {
  const model = await trained({ prices: SAMPLE, end: '2014-12-31', epochs: 3 }, 'default-start.model.json');
  const doc = await signal({ prices: SAMPLE, model }, FRESH);
  const tested = await backtest({ prices: SAMPLE, model, start: '2015-01-01' });
  const run = tested.views.strategy as Simulation;
  assert.deepEqual([doc.basis.kind === 'replay' && doc.basis.start, doc.date, doc.shares], ['2015-01-01', '2015-10-02', run.holdings[run.holdings.length - 1]]);
  assert.equal(doc.basis.kind === 'replay' && doc.basis.trades, tested.strategy.trades);
  await assert.rejects(signal({ prices: cutAt(SAMPLE, '2014-12-31'), model }, FRESH), (e: unknown) => e instanceof DataError && /the file ends on 2014-12-31, and the model was trained to 2014-12-31: there is no later day to replay; give --holding/.test(e.message));
});

test('the document: position and trade, the market state with each indicator\u2019s value and bucket, Q per action, training days and the model\u2019s view', async () => {
  const model = await trained({ prices: SAMPLE, end: '2014-12-31', epochs: 3 }, 'doc.model.json');
  const doc = await signal({ prices: SAMPLE, model }, FRESH);
  assert.deepEqual(JSON.parse(JSON.stringify(doc)), doc, 'plain JSON');
  assert.deepEqual([doc.schemaVersion, doc.command, doc.symbol, doc.model], [1, 'signal', 'sample', model]);
  assert.ok(['short', 'flat', 'long'].includes(doc.position) && ['short', 'flat', 'long'].includes(doc.previousPosition));
  assert.equal(doc.changed, doc.position !== doc.previousPosition);
  assert.deepEqual(Object.keys(doc.q), ['short', 'flat', 'long']);
  const best = Math.max(...Object.values(doc.q));
  assert.equal(doc.q[doc.policyPosition], best, 'the policy takes the best action from its previous position');
  assert.equal(doc.state.indicators.length, 3);
  for (const r of doc.state.indicators) {
    assert.ok(r.bucket >= 0 && r.bucket < 4);
    assert.ok((r.from === null || r.value >= r.from) && (r.to === null || r.value < r.to), `${r.indicator} ${r.value} in its bucket`);
  }
  assert.equal(doc.state.market, doc.state.indicators.reduce((state, r) => state * 4 + r.bucket, 0), 'the buckets read as digits in base 4');
  assert.ok(doc.state.trainingDays > 0);
  assert.ok(doc.state.evidence && Number.isFinite(doc.state.evidence.expectedMove) && doc.state.evidence.shrinkage >= 0 && doc.state.evidence.shrinkage <= 1);
  assert.deepEqual(doc.sizing, { sizing: 'fraction', size: 1, cash: 100000, maintenance: 0.25 });
  assert.deepEqual(doc.warnings, []);
  const shares = await signal({ prices: SAMPLE, model, shares: 10, cash: 5000 }, FRESH);
  assert.ok(Math.abs(shares.shares) <= 10 && shares.sizing.sizing === 'shares', 'sizing flags as for backtest');
});

test('--holding starts from the position held: the greedy action there, sized at the cash given; bad holdings are usage errors', async () => {
  const model = await trained({ prices: SAMPLE, end: '2014-12-31', epochs: 3 }, 'holding.model.json');
  for (const holding of ['short', 'flat', 'long', '-1', '0', '1']) {
    const doc = await signal({ prices: SAMPLE, model, holding, cash: 50_000 }, FRESH);
    const held = levelName(Number.isNaN(Number(holding)) ? { short: -1, flat: 0, long: 1 }[holding] as number : Number(holding));
    assert.deepEqual(doc.basis, { kind: 'holding', holding: held });
    assert.equal(doc.previousPosition, held);
    assert.equal(doc.q[doc.position], Math.max(...Object.values(doc.q)), `from ${held}`);
    assert.equal(doc.equity, 50_000);
    assert.equal(doc.trade?.shares ?? 0, Math.abs(doc.shares - doc.previousShares));
    assert.ok(Math.abs(doc.shares) * doc.close <= 50_000 * Math.max(1, doc.volatilityScale ?? 1), 'no leverage');
    if (doc.changed) assert.ok(doc.trade !== null && doc.trade.order === (doc.shares > doc.previousShares ? 'BUY' : 'SELL'));
  }
  await assert.rejects(signal({ prices: SAMPLE, model, holding: 'half' }), (e: unknown) => e instanceof InvalidOptionError && e.option === 'holding' && /must be one of the model's positions: short, flat, long/.test(e.message));
  await assert.rejects(signal({ prices: SAMPLE, model, holding: 'long', start: '2015-01-01' }), (e: unknown) => e instanceof InvalidOptionError && e.naming((o) => `--${o}`).startsWith('--holding starts from the position you hold on the last day and --start replays'));
  await assert.rejects(signal({ prices: SAMPLE, model, staleDays: -1 }), (e: unknown) => e instanceof InvalidOptionError && e.option === 'staleDays');
});

test('warnings: another ticker\u2019s model, stale prices (today from the injected clock), a state never seen in training, a policy that never trades', async () => {
  const regimes = await trained({ prices: REGIMES, end: '2014-12-31', epochs: 3 }, 'regimes.model.json');
  const other = await signal({ prices: SAMPLE, model: regimes }, FRESH);
  assert.ok(other.warnings.includes('sample.csv is not the data the model was trained on (regimes.csv; another file): the policy is applied to another series'), `${other.warnings}`);

  const model = await trained({ prices: SAMPLE, end: '2014-12-31', epochs: 3 }, 'stale.model.json');
  const late = await signal({ prices: SAMPLE, model, staleDays: 10 }, { wallClock: () => Date.UTC(2015, 9, 20, 12) });
  assert.ok(late.warnings.some((w) => /^the last row \(2015-10-02\) is 1[78] calendar days before today \(2015-10-(19|20|21)\), more than 10/.test(w)), `${late.warnings}`);
  assert.deepEqual((await signal({ prices: SAMPLE, model, staleDays: 30 }, { wallClock: () => Date.UTC(2015, 9, 20, 12) })).warnings, []);
  const old = await signal({ prices: cutAt(SAMPLE, '2015-06-01'), model, start: '2015-01-01' }, { wallClock: () => Date.UTC(2015, 5, 2, 12) });
  assert.ok(old.warnings.includes("the price file ends on 2015-06-01, before the model's own data (to 2015-10-02): these may not be the latest prices"), `${old.warnings}`);

  // A model trained on a few weeks has seen few of its 64 market states: some later day is in one it never saw.
  const brief = await trained({ prices: SAMPLE, start: '2014-10-01', end: '2014-11-28', epochs: 2, bins: 8 }, 'brief.model.json');
  const tested = await backtest({ prices: SAMPLE, model: brief, start: '2014-12-01' });
  let unseen = 0;
  for (const day of tested.views.strategy.dates.filter((_, i) => i % 5 === 0)) {
    const doc = await signal({ prices: cutAt(SAMPLE, day), model: brief, start: '2014-12-01' }, { wallClock: () => Date.parse(`${day}T12:00:00Z`) });
    const warned = doc.warnings.some((w) => w.startsWith(`the market state on ${day} (`) && w.endsWith('was never seen in training: the policy acts on what the market model implies for it (the drift)'));
    assert.equal(warned, doc.state.trainingDays === 0, day);
    if (warned) unseen++;
  }
  assert.ok(unseen > 0, 'some day is in a state never seen');

  // Impact this high makes every trade a loss: the policy stays flat.
  const idle = await train({ prices: SAMPLE, end: '2014-12-31', epochs: 2, impact: 0.5 });
  assert.equal(idle.training.policy, 'never-trades');
  const flat = await signal({ prices: SAMPLE, model: tempFile('idle.model.json', idle.modelFile) }, FRESH);
  assert.equal(flat.position, 'flat');
  assert.ok(flat.warnings.includes("the model's policy never trades: from flat it stays flat in every market state seen in training, so its signal is flat whatever the market does"));
});

test('a volatility target given with --shares is ignored, with the warning train and backtest give', async () => {
  const model = tempFile('signal-shares.model.json', (await train({ prices: SAMPLE, end: '2014-12-31', epochs: 2 })).modelFile);
  const doc = await signal({ prices: SAMPLE, model, shares: 100, volatilityTarget: 0.1 }, FRESH);
  assert.ok(doc.warnings.some((w) => w.startsWith('volatility-target is ignored with shares')), doc.warnings.join('\n'));
});
