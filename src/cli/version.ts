/** The package's version, read from package.json next to the compiled code. */
import { readFileSync } from 'node:fs';

/** The version field of dyna-trader's package.json. */
export function packageVersion(): string {
  const url = new URL('../../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}
