import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFilesAtomic } from '../../src/cli/files.js';
import { handleSignal } from '../../src/cli/main.js';
import { tempPath } from '../support/temp.js';

// One process per test file: this file's state starts with nothing replaced, and the tests run in order.

test('an interrupt before any output is in place exits 130 or 143 and replaces nothing', () => {
  const codes: number[] = [];
  assert.equal(handleSignal(130, (code) => codes.push(code)), true);
  assert.equal(handleSignal(143, (code) => codes.push(code)), true);
  assert.deepEqual(codes, [130, 143]);
});

test('an interrupt after the final renames lets the run finish with its own status: the files are in place', async () => {
  const out = tempPath('done.json');
  writeFileSync(out, 'old');
  await writeFilesAtomic([{ path: out, content: 'new' }, { path: tempPath('done.csv'), content: 'x\n' }]);
  const codes: number[] = [];
  assert.equal(handleSignal(130, (code) => codes.push(code)), false);
  assert.deepEqual(codes, [], 'no exit: the command goes on to its normal exit code');
  assert.ok(existsSync(out));
  assert.deepEqual(readdirSync(join(out, '..')).filter((name) => name.endsWith('.tmp')), [], 'no temporary file left');
});
