/** Loading speed and memory for a large intraday file (1-minute bars), generated in a temporary folder. */
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { loadPrices } from '../src/data/index.js';

export interface LoadBenchResult {
  rows: number;
  megabytes: number;
  seconds: number;
  rssMiB: number;
}

/** Writes `rows` one-minute bars and times loadPrices on them. */
export async function benchLoad(rows: number): Promise<LoadBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'dyna-load-'));
  const file = join(dir, 'minutes.csv');
  const out = createWriteStream(file);
  out.write('Date,Open,High,Low,Close,Volume\n');
  let price = 100;
  let bytes = 0;
  const start = Date.UTC(2015, 0, 1);
  for (let i = 0; i < rows; i++) {
    price *= 1 + (((i * 7919) % 1000) - 500) / 1e6;
    const stamp = new Date(start + i * 60_000).toISOString().slice(0, 16).replace('T', ' ');
    const line = `${stamp},${price.toFixed(2)},${(price * 1.001).toFixed(2)},${(price * 0.999).toFixed(2)},${price.toFixed(2)},${1000 + (i % 100)}\n`;
    bytes += line.length;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const t = process.hrtime.bigint();
  const { series } = await loadPrices(file);
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  const rssMiB = process.memoryUsage().rss / 2 ** 20;
  rmSync(dir, { recursive: true, force: true });
  return { rows: series.dates.length, megabytes: bytes / 1e6, seconds, rssMiB };
}
