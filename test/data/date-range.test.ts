import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataError, InvalidOptionError } from '../../src/errors.js';
import { selectRows, type PriceSeries } from '../../src/data/index.js';

const series: PriceSeries = {
  symbol: 'X',
  dates: ['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07', '2020-01-08'],
  close: new Float64Array([1, 2, 3, 4, 5]),
};

test('selects inclusive date ranges, keeping earlier rows available', () => {
  assert.deepEqual(selectRows(series, {}, 'f'), { from: 0, to: 5 });
  assert.deepEqual(selectRows(series, { start: '2020-01-03', end: '2020-01-07' }, 'f'), { from: 1, to: 4 });
  assert.deepEqual(selectRows(series, { start: '2020-01-04' }, 'f'), { from: 2, to: 5 }, 'a start on a weekend begins on the next row');
  assert.deepEqual(selectRows(series, { end: '2020-01-05' }, 'f'), { from: 0, to: 2 });
});

test('rejects bad or empty ranges', () => {
  assert.throws(() => selectRows(series, { start: '2020-13-01' }, 'f'), InvalidOptionError);
  assert.throws(() => selectRows(series, { start: '2020-01-07', end: '2020-01-03' }, 'f'), (e: unknown) => e instanceof InvalidOptionError && e.message === 'start 2020-01-07 is after end 2020-01-03' && e.naming((o) => `--${o}`) === '--start 2020-01-07 is after --end 2020-01-03');
  assert.throws(() => selectRows(series, { start: '2021-01-01' }, 'f'), (e: unknown) => e instanceof DataError && /no rows between 2021-01-01 and the end \(file covers 2020-01-02 to 2020-01-08\)/.test(e.message));
});
