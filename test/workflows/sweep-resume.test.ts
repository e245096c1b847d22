import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { DataError, IoError, summarizeSweepFiles, sweep, type SweepOptions, type SweepSink } from '../../src/index.js';
import { tempFile, tempPath } from '../support/temp.js';
import { SAMPLE, WALK } from '../support/paths.js';

const config = tempFile('resume-config.json', JSON.stringify({ trader: { epochs: 3, minEpochs: 1 } }));
const OPTIONS: SweepOptions = { prices: [SAMPLE], split: '2012-06-01', end: '2012-12-31', seeds: '1,2', grid: ['dyna=0,20'], config };
/** Four jobs, uninterrupted; the lines in the order they were appended (costliest first) are what a kill after the last append leaves. */
const appended: string[] = [];
const whole = sweep(OPTIONS, { sink: { append: (text) => void appended.push(text), truncate: () => undefined } });
const lines = (text: string) => text.trim().split('\n');

/** A sink that records what the sweep would do to the file. */
function recorder(): SweepSink & { writes: string[] } {
  const writes: string[] = [];
  return { writes, append: (text) => void writes.push(`append ${text.length}`), truncate: (bytes) => void writes.push(`truncate ${bytes}`) };
}

test('a complete file in any order (a sweep killed after its last append, or lines shuffled) is rewritten into the uninterrupted run\u2019s bytes', async () => {
  const { results } = await whole;
  assert.equal(lines(results).length, 4);
  assert.notEqual(appended.join(''), results, 'appended costliest first, not in job order');
  for (const content of [appended.join(''), [...lines(results)].reverse().join('\n') + '\n', results]) {
    const sink = recorder();
    const resumed = await sweep({ ...OPTIONS, out: tempFile('complete.jsonl', content) }, { sink });
    assert.deepEqual([resumed.ran, resumed.skipped, sink.writes], [0, 4, []]);
    assert.equal(resumed.results, results, 'the job-order rewrite runs although every job was done');
    assert.deepEqual(resumed.rows, (await whole).rows);
  }
});

test('a shard that gets no jobs (more shards than jobs) gives an empty file, not an error', async () => {
  const empty = await sweep({ ...OPTIONS, shard: '7/8', out: tempPath('empty-shard.jsonl') });
  assert.deepEqual([empty.results, empty.ran, empty.skipped, empty.rows], ['', 0, 0, []]);
});

test('a file that is not UTF-8 is refused and left byte for byte: nothing is cut, nothing appended', async () => {
  const { results } = await whole;
  // A whole line with a Latin-1 byte inside a string (it would decode to U+FFFD, 3 bytes for 1), then a half line.
  const [first, second] = lines(results);
  const at = second.indexOf('"symbol":"') + 10;
  const bytes = Buffer.concat([Buffer.from(`${first}\n${second.slice(0, at)}`), Buffer.from([0xe9]), Buffer.from(`${second.slice(at)}\n{"index":`)]);
  const out = tempFile('latin.jsonl', bytes);
  const sink = recorder();
  // The byte named is the Latin-1 one itself (a lead byte that no continuation follows), not the one after it.
  const position = Buffer.byteLength(`${first}\n${second.slice(0, at)}`) + 1;
  await assert.rejects(sweep({ ...OPTIONS, out }, { sink }), (e: unknown) => e instanceof DataError && e.file === out && e.line === 2 && e.message.includes(`not UTF-8 text (byte ${position})`));
  assert.deepEqual(sink.writes, [], 'no truncate (the decoded text is longer than the bytes: it would have grown the file)');
  assert.ok(readFileSync(out).equals(bytes));
  assert.throws(() => summarizeSweepFiles([out]), (e: unknown) => e instanceof DataError && /not UTF-8/.test(e.message));
  // A write cut short inside a character (a disk full mid-line) leaves bytes that are not UTF-8 in the unfinished last line only: cut, exactly.
  const kept = Buffer.from(`${first}\n${second}\n`);
  const cut = tempFile('cut.jsonl', Buffer.concat([kept, Buffer.from('{"index":2,"file":"donn'), Buffer.from([0xc3])]));
  const resumed = recorder();
  assert.equal((await sweep({ ...OPTIONS, out: cut }, { sink: resumed })).results, results);
  assert.deepEqual(resumed.writes.slice(0, 1), [`truncate ${kept.length}`]);
});

test('every line must be a job of this sweep with numbers as numbers: a foreign line refuses the file, which is left alone', async () => {
  const all = lines((await whole).results).map((text) => JSON.parse(text) as Record<string, unknown>);
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['another seed', { ...all[1], seed: 9 }, /:2: is not job 1 of this sweep \(its file, seed or parameters differ\); a results file holds one sweep/],
    ['another file', { ...all[1], file: WALK }, /:2: is not job 1 of this sweep/],
    ['other settings', { ...all[1], params: { dyna: 50 } }, /:2: is not job 1 of this sweep/],
    ['an index out of range', { ...all[1], index: 4 }, /:2: job 4 is not in this sweep of 4 jobs/],
    ['a negative index', { ...all[1], index: -1 }, /:2: index must be a job number/],
    ['the string "NaN" as a metric', { ...all[1], test: { ...(all[1].test as object), sharpe: 'NaN' } }, /:2: test\.sharpe has the wrong type \(got "NaN"\)/],
    ['a string total return', { ...all[1], benchmark: { ...(all[1].benchmark as object), totalReturn: '0.1' } }, /:2: benchmark\.totalReturn must be a number/],
    ['a string in dailyLogExcess', { ...all[1], dailyLogExcess: [...(all[1].dailyLogExcess as number[]).slice(1), 'NaN'] }, /:2: dailyLogExcess must be a list of numbers/],
    ['too few daily returns', { ...all[1], dailyLogExcess: (all[1].dailyLogExcess as number[]).slice(1) }, /:2: dailyLogExcess has \d+ days, the test \d+/],
    ['a moment as text', { ...all[1], moments: { ...(all[1].moments as object), kurtosis: 'x' } }, /:2: moments must hold/],
  ];
  for (const [what, line, message] of cases) {
    const content = `${JSON.stringify(all[0])}\n${JSON.stringify(line)}\n${JSON.stringify(all[2]).slice(0, 30)}`;
    const out = tempFile('foreign.jsonl', content);
    const sink = recorder();
    await assert.rejects(sweep({ ...OPTIONS, out }, { sink }), (e: unknown) => e instanceof DataError && message.test(e.message), what);
    assert.deepEqual(sink.writes, [], `${what}: the file is not touched`);
    assert.equal(readFileSync(out, 'utf8'), content);
  }
  // 1e999 is valid JSON, and Infinity: not a number a result can have.
  const infinite = tempFile('infinite.jsonl', `${JSON.stringify(all[0]).replace(/"totalReturn":[^,]+/, '"totalReturn":1e999')}\n`);
  await assert.rejects(sweep({ ...OPTIONS, out: infinite }), /train\.totalReturn must be a number/);
});

test('duplicate lines (two sweeps on one file) are dropped with a warning and never counted', async () => {
  const { results, rows } = await whole;
  const all = lines(results);
  // Two overlapping writers: every line twice, interleaved.
  const out = tempFile('twice.jsonl', `${[all[0], all[0], all[1], all[2], all[1], all[3], all[3], all[2]].join('\n')}\n`);
  const warnings: string[] = [];
  const resumed = await sweep({ ...OPTIONS, out }, { onWarning: (w) => warnings.push(w) });
  assert.deepEqual([resumed.ran, resumed.skipped], [0, 4]);
  assert.deepEqual(resumed.rows.map((r) => r.jobs), [2, 2], 'each job once');
  assert.deepEqual(resumed.rows, rows);
  assert.deepEqual(resumed.notes, []);
  assert.equal(resumed.results, results);
  assert.deepEqual(warnings, [`${out}: 4 duplicate line(s) of jobs it already holds dropped (line 2, 5, 7, 8); two sweeps wrote this --out?`]);
});

test('--summarize counts each job once: the same file given twice, or the same job in two files, with a warning', async () => {
  const { results, rows } = await whole;
  const all = lines(results);
  const a = tempFile('a.jsonl', results);
  const b = tempFile('b.jsonl', `${all[3]}\n`);
  const twice = summarizeSweepFiles([a, a]);
  assert.deepEqual(twice.rows, rows);
  assert.deepEqual(twice.warnings, [`${a} is given twice: read once`]);
  assert.deepEqual(twice.notes, []);
  const both = summarizeSweepFiles([a, b]);
  assert.deepEqual(both.rows, rows);
  assert.equal(both.lines.length, 4);
  assert.deepEqual(both.warnings, [`${b}: 1 line(s) of jobs also in ${a}: counted once`]);
  assert.deepEqual(both.notes, ['1 duplicate lines of the same job (file, seed and parameters) were counted once']);
});

test('--summarize refuses a device, a folder or a named pipe before opening it, and never waits on it', { timeout: 20_000 }, async (t) => {
  const refused = (path: string) => assert.throws(() => summarizeSweepFiles([path]), (e: unknown) => e instanceof DataError && e.file === path && /not a regular file/.test(e.message));
  refused(tempPath(''));
  if (process.platform !== 'linux') return t.skip('devices and named pipes are checked on Linux');
  refused('/dev/null');
  refused('/dev/zero');
  const { spawnSync } = await import('node:child_process');
  const fifo = tempPath('results.fifo');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  refused(fifo);
  assert.throws(() => summarizeSweepFiles([tempPath('missing.jsonl')]), (e: unknown) => e instanceof IoError && / no such file$/.test(e.message));
});

test('a disk full (or any file-system error) during the appends is an IoError naming the results file', async () => {
  const out = tempPath('full.jsonl');
  for (const code of ['ENOSPC', 'EROFS', 'EIO']) {
    const sink: SweepSink = {
      append: () => {
        throw Object.assign(new Error(`${code}: failed, write`), { code });
      },
      truncate: () => undefined,
    };
    await assert.rejects(sweep({ ...OPTIONS, out }, { sink }), (e: unknown) => e instanceof IoError && e.message.startsWith(`${out}: `), code);
  }
  writeFileSync(out, '{"index":0');
  const sink: SweepSink = { append: () => undefined, truncate: () => { throw Object.assign(new Error('EACCES'), { code: 'EACCES' }); } };
  await assert.rejects(sweep({ ...OPTIONS, out }, { sink }), (e: unknown) => e instanceof IoError && e.message === `${out}: permission denied`);
});

test('--summarize counts a whole last line without its newline (a file saved by an editor), and warns of an unfinished one it leaves out', async () => {
  const { results } = await whole;
  const saved = summarizeSweepFiles([tempFile('no-newline.jsonl', results.slice(0, -1))]);
  assert.equal(saved.lines.length, 4, 'every job counted');
  assert.deepEqual(saved.rows, (await whole).rows);
  assert.deepEqual(saved.warnings, []);
  const cut = summarizeSweepFiles([tempFile('cut.jsonl', results.slice(0, -20))]);
  assert.equal(cut.lines.length, 3);
  assert.equal(cut.warnings.length, 1);
  assert.match(cut.warnings[0], /cut\.jsonl: line 4 is unfinished \(a sweep killed while writing it\?\) and left out/);
});

test('a file that starts with a byte-order mark is refused by name and left alone (its offsets would be 3 bytes off)', async () => {
  const { results } = await whole;
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(results)]);
  const out = tempFile('bom.jsonl', bytes);
  const sink = recorder();
  const named = (e: unknown) => e instanceof DataError && e.file === out && e.line === 1 && /byte-order mark/.test(e.message);
  await assert.rejects(sweep({ ...OPTIONS, out }, { sink }), named);
  assert.deepEqual(sink.writes, []);
  assert.ok(readFileSync(out).equals(bytes));
  assert.throws(() => summarizeSweepFiles([out]), named);
});

test('every line carries its sweep’s fingerprint: a resume under other settings or dates is refused by line, an older line is kept with a warning, a summary says when it mixes sweeps', async () => {
  const { results } = await whole;
  const all = lines(results).map((text) => JSON.parse(text) as Record<string, unknown>);
  assert.ok(all.every((line) => typeof line.sweep === 'string' && line.sweep === all[0].sweep), 'one fingerprint per sweep');
  const out = tempFile('fingerprinted.jsonl', results);
  // Another base config, or another end date: the same jobs by index, file, seed and parameters, but another sweep.
  const other = tempFile('other-config.json', JSON.stringify({ trader: { epochs: 3, minEpochs: 1 }, market: { volatilityTarget: 0.3 } }));
  for (const [what, options] of [['another --config', { ...OPTIONS, config: other }], ['another --end', { ...OPTIONS, end: '2012-11-30' }]] as const) {
    const sink = recorder();
    await assert.rejects(sweep({ ...options, out }, { sink }), (e: unknown) => e instanceof DataError && /:1: was written by a sweep with other settings or dates/.test(e.message), what);
    assert.deepEqual(sink.writes, [], `${what}: the file is not touched`);
  }
  assert.equal(readFileSync(out, 'utf8'), results);
  // Lines of an older dyna have no fingerprint: kept, unchecked, and said so.
  const { sweep: _gone, ...older } = all[0];
  const old = tempFile('older.jsonl', `${JSON.stringify(older)}\n`);
  const warnings: string[] = [];
  const resumed = await sweep({ ...OPTIONS, out: old }, { onWarning: (w) => warnings.push(w) });
  assert.equal(resumed.skipped, 1);
  assert.ok(warnings.includes(`${old}: 1 line(s) written by an older dyna carry no settings fingerprint: kept as this sweep's, unchecked`), warnings.join('\n'));
  // A summary of lines from two sweeps says so.
  const mixed = tempFile('mixed.jsonl', `${JSON.stringify({ ...all[0], sweep: '0123456789abcdef' })}\n${lines(results).slice(1).join('\n')}\n`);
  assert.ok(summarizeSweepFiles([mixed]).warnings.includes('the files hold lines of 2 different sweeps (other settings or dates): their rows mix them'));
});
