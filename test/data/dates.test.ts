import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calendarDaysBetween } from '../../src/data/dates.js';

test('calendar days between ISO days, for any year a price file may hold (0000-9999), times ignored', () => {
  assert.equal(calendarDaysBetween('2015-10-02', '2015-10-05'), 3);
  assert.equal(calendarDaysBetween('2016-02-28', '2016-03-01'), 2, 'a leap year');
  assert.equal(calendarDaysBetween('2015-10-05T15:30:00Z', '2015-10-06'), 1);
  assert.equal(calendarDaysBetween('0099-12-31', '0100-01-01'), 1, 'years below 100 are not read as 19xx');
  assert.equal(calendarDaysBetween('0000-02-28', '0000-03-01'), 2, 'year 0 is a leap year');
  assert.equal(calendarDaysBetween('2015-10-05', '2015-10-02'), -3);
});
