import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataError, errorFromData, errorToData, InvalidOptionError, IoError, laneRunner, loadDefaultSettings, ModelError, prepareData, runJob, runJobOutcome, type JobTask } from '../../src/index.js';
import { threadRunner } from '../../src/cli/jobs.js';
import { loadPrices } from '../../src/data/index.js';
import { SAMPLE } from '../support/paths.js';

test('errors become data that gives back their class, message, file and line (as they cross a worker thread)', () => {
  const errors: Error[] = [new DataError('"abc" is not a number', { file: 'p.csv', line: 3, column: 'Close' }), new ModelError('not a dyna model file', 'm.json'), new InvalidOptionError([{ option: 'startDate' }, ' must be a date']), new IoError('x: no such file'), new RangeError('a bug')];
  for (const error of errors) {
    const back = errorFromData(structuredClone(errorToData(error)));
    assert.equal(back.constructor, error instanceof RangeError ? Error : error.constructor, 'the class, or Error for a bug');
    assert.equal(back.message, error.message);
    assert.equal(back.stack, error.stack, 'the stack of where it was thrown');
  }
  const data = errorFromData(structuredClone(errorToData(errors[0]))) as DataError;
  assert.deepEqual([data.file, data.line, data.column, data.kind], ['p.csv', 3, 'Close', 'data']);
  assert.equal((errorFromData(structuredClone(errorToData(errors[2]))) as InvalidOptionError).naming((o) => `--${o}`), '--startDate must be a date');
});

test('a job that fails on a worker thread rejects with its own error class, not a generic one', async () => {
  const settings = loadDefaultSettings();
  const { series } = await loadPrices(SAMPLE);
  const task: JobTask = { settings: { ...settings, learner: { ...settings.learner, alpha: 5 } }, train: prepareData(series, settings.trader.indicators, { end: '2012-12-31' }, SAMPLE), test: prepareData(series, settings.trader.indicators, { start: '2013-01-01' }, SAMPLE), simulations: false };
  assert.ok('error' in runJobOutcome(task) && !('ok' in runJobOutcome(task)));
  assert.throws(() => runJob(task), InvalidOptionError);
  const runner = threadRunner(2);
  try {
    await assert.rejects(runner.run(2, () => task), (e: unknown) => e instanceof InvalidOptionError && /alpha must be a number in \[0, 1\] \(got 5\)/.test(e.message));
  } finally {
    await runner.close();
  }
});

test('a lane runner gives results in task order, whatever order they start and finish in', async () => {
  const finished: number[] = [];
  const runner = laneRunner(async (task) => {
    await new Promise((resolve) => setTimeout(resolve, 10 * (3 - task.settings.trader.seed)));
    return { warnings: [String(task.settings.trader.seed)] } as unknown as ReturnType<typeof runJob>;
  }, 3);
  const settings = loadDefaultSettings();
  const task = (i: number) => ({ settings: { ...settings, trader: { ...settings.trader, seed: i } } }) as unknown as JobTask;
  const results = await runner.run(3, task, { order: [2, 0, 1], onResult: (i) => finished.push(i) });
  assert.deepEqual(results.map((r) => r.warnings[0]), ['0', '1', '2']);
  assert.deepEqual(finished, [2, 1, 0], 'the shortest finished first');
});
