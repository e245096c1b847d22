/** Temporary files for tests; each test file gets its own folder, removed at exit. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const folder = mkdtempSync(join(tmpdir(), 'dyna-test-'));
process.on('exit', () => rmSync(folder, { recursive: true, force: true }));

/** A fresh path inside the test's temporary folder. */
export function tempPath(name: string): string {
  return join(folder, name);
}

/** Writes content to a temporary file and returns its path. */
export function tempFile(name: string, content: string | Buffer): string {
  const path = tempPath(name);
  writeFileSync(path, content);
  return path;
}
