import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../support/cli.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test('library code draws no Math.random, evaluates no code, reaches no network, and has no `any`', () => {
  const rules: Array<[RegExp, string]> = [
    [/Math\.random/, 'Math.random (use a seeded Rng)'],
    [/\beval\s*\(|new Function\s*\(/, 'eval'],
    [/from 'node:(http|https|net|dgram|dns)'|\bfetch\s*\(/, 'network access'],
    [/:\s*any\b|as any\b|<any>/, 'the any type'],
  ];
  const offences: string[] = [];
  for (const file of sources(join(ROOT, 'src'))) {
    // Comments may talk about what the code must not do.
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const [pattern, what] of rules) if (pattern.test(text)) offences.push(`${relative(ROOT, file)}: ${what}`);
  }
  assert.deepEqual(offences, []);
});

test('pure modules do no I/O: only data/load-prices, settings/load-settings and cli touch the file system', () => {
  const allowed = [/^src\/cli\//, /^src\/data\/load-prices\.ts$/, /^src\/settings\/load-settings\.ts$/];
  const offences = sources(join(ROOT, 'src'))
    .map((f) => relative(ROOT, f))
    .filter((f) => !allowed.some((a) => a.test(f)))
    .filter((f) => /from 'node:(fs|fs\/promises|child_process)'/.test(readFileSync(join(ROOT, f), 'utf8')));
  assert.deepEqual(offences, []);
});

test('every exported function in src/ has a doc comment', () => {
  const missing: string[] = [];
  for (const file of sources(join(ROOT, 'src'))) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (/^export (async )?function /.test(line) && !/\*\/\s*$/.test(lines[i - 1] ?? '')) missing.push(`${relative(ROOT, file)}:${i + 1}`);
    });
  }
  assert.deepEqual(missing, []);
});
