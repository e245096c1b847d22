import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backtest, InvalidOptionError, train, walkForward } from '../../src/index.js';
import { SAMPLE } from '../support/paths.js';
import { tempFile } from '../support/temp.js';

const FAST = { epochs: 5, dyna: 50 } as const;

test('--online continues one model: window 0 is train + backtest, each later window is train --init-model over the new days + backtest', async () => {
  const doc = await walkForward({ prices: SAMPLE, train: 500, test: 250, online: true, ...FAST });
  const fresh = await walkForward({ prices: SAMPLE, train: 500, test: 250, ...FAST });
  assert.equal(doc.online, true);
  assert.equal(JSON.parse(JSON.stringify(doc)).online, true, 'the document says which');
  assert.equal(fresh.online, undefined);
  assert.deepEqual(doc.windows[0], fresh.windows[0], 'the first window trains as a fresh one does');
  assert.deepEqual(doc.windows.map((w) => w.test), fresh.windows.map((w) => w.test), 'the same test days');
  let model = tempFile('online-0.model.json', (await train({ prices: SAMPLE, start: doc.windows[0].train.start, end: doc.windows[0].train.end, ...FAST })).modelFile);
  for (let i = 1; i < doc.windows.length; i++) {
    const w = doc.windows[i];
    assert.equal(w.train.start, doc.windows[i - 1].train.end, 'each window learns from the previous one\u2019s last training day on');
    const continued = await train({ prices: SAMPLE, initModel: model, end: w.train.end });
    assert.deepEqual([continued.period.start, continued.period.end], [w.train.start, w.train.end]);
    model = tempFile(`online-${i}.model.json`, continued.modelFile);
    const tested = await backtest({ prices: SAMPLE, model, start: w.test.start, end: w.test.end });
    assert.deepEqual(tested.strategy, w.strategy, `window ${i}`);
  }
  assert.notDeepEqual(doc.windows.slice(1).map((w) => w.strategy), fresh.windows.slice(1).map((w) => w.strategy), 'continuing is not retraining');
});

test('--online with --anchored is refused: a continued model keeps every day it learned already', async () => {
  await assert.rejects(walkForward({ prices: SAMPLE, train: 500, test: 250, online: true, anchored: true }), (e: unknown) => e instanceof InvalidOptionError && e.naming((o) => `--${o}`) === '--online continues one model through the windows, which keeps every day it learned: --anchored has nothing to add');
});
