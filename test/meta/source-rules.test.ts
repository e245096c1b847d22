import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../support/paths.js';

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

/** The names a file imports from a module, e.g. importsFrom(text, /^node:fs/) for the file system. */
function importsFrom(text: string, module: RegExp): string[] {
  return [...text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/g)].filter((m) => module.test(m[2])).flatMap((m) => m[1].split(',').map((n) => n.trim().replace(/^type\s+/, '')).filter(Boolean));
}

test('pure modules do no I/O: only the loaders and the CLI read files, and only cli/files.ts writes them', () => {
  const readers = [/^src\/cli\//, /^src\/data\/load-prices\.ts$/, /^src\/settings\/load-settings\.ts$/, /^src\/strategy\/load-model\.ts$/, /^src\/market\/load-orders\.ts$/, /^src\/workflows\/sweep-results\.ts$/];
  const files = sources(join(ROOT, 'src')).map((f) => relative(ROOT, f));
  const text = (f: string) => readFileSync(join(ROOT, f), 'utf8');
  assert.deepEqual(files.filter((f) => !readers.some((a) => a.test(f))).filter((f) => /from 'node:(fs|fs\/promises|child_process)'/.test(text(f))), []);
  const writing = /^(writeFile|appendFile|rename|truncate|rm|mkdir|unlink|copyFile|cp|createWriteStream)(Sync)?$/;
  assert.deepEqual(files.filter((f) => importsFrom(text(f), /^node:fs/).some((name) => writing.test(name))), ['src/cli/files.ts']);
});

test('commands import only workflows, renderers, CLI modules and errors: no core internals', () => {
  const allowed = [/^commander$/, /^\.\.\/[a-z-]+\.js$/, /^\.\.\/\.\.\/workflows\/index\.js$/, /^\.\.\/\.\.\/report\/render\/index\.js$/, /^\.\.\/\.\.\/errors\.js$/];
  const offences: string[] = [];
  for (const file of sources(join(ROOT, 'src', 'cli', 'commands'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)) if (!allowed.some((a) => a.test(m[1]))) offences.push(`${relative(ROOT, file)}: ${m[1]}`);
  }
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
