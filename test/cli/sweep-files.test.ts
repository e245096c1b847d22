import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs, { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { appendText, lockFile, LOCK_STALE_MS } from '../../src/cli/files.js';
import { BIN, cli, SAMPLE } from '../support/cli.js';
import { tempFile, tempPath } from '../support/temp.js';

const config = tempFile('files-config.json', JSON.stringify({ trader: { epochs: 3, minEpochs: 1 } }));
const ARGS = [SAMPLE, '--split', '2012-06-01', '--end', '2012-12-31', '--seeds', '1,2', '--grid', 'dyna=0,20', '--config', config, '--jobs', '1', '--quiet'];
/** The uninterrupted run's file, for comparisons. */
const reference = (async () => {
  const out = tempPath('reference.jsonl');
  const run = await cli(['sweep', ...ARGS, '--out', out]);
  assert.equal(run.code, 0, run.stderr);
  return readFileSync(out, 'utf8');
})();
const linesOf = (text: string) => text.trim().split('\n');

test('two sweeps on one --out: the second refuses (exit 5, one line) and the file has one line per job; the lock is gone after', async () => {
  const out = tempPath('shared.jsonl');
  const [a, b] = await Promise.all([cli(['sweep', ...ARGS, '--out', out]), cli(['sweep', ...ARGS, '--out', out])]);
  const [winner, loser] = a.code === 0 ? [a, b] : [b, a];
  assert.equal(winner.code, 0, winner.stderr);
  assert.equal(loser.code, 5);
  assert.equal(loser.stderr, `error: ${out}: in use by process ${process.pid} on this host (since ${/since ([^)]+)\)/.exec(loser.stderr)?.[1]}); one sweep at a time writes a results file (if that run is gone, remove ${out}.lock)\n`);
  assert.equal(readFileSync(out, 'utf8'), await reference);
  assert.ok(!existsSync(`${out}.lock`));
});

test('another process holding the lock stops a sweep; a lock whose process is gone is taken over, one from another machine once it is not renewed', { timeout: 60_000 }, async () => {
  const out = tempPath('busy.jsonl');
  const other = spawn(process.execPath, [BIN, 'sweep', ...ARGS, '--out', out], { stdio: 'ignore' });
  const ended = new Promise<number | null>((resolve) => other.on('exit', resolve));
  // Until the other process has written its lock (created, then filled).
  while (!((statSync(`${out}.lock`, { throwIfNoEntry: false })?.size ?? 0) > 0) && other.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 20));
  const refused = await cli(['sweep', ...ARGS, '--out', out]);
  assert.equal(refused.code, 5, refused.stderr);
  assert.match(refused.stderr, new RegExp(`^error: .*busy\\.jsonl: in use by process ${other.pid} on this host`));
  assert.equal(await ended, 0);
  assert.equal(readFileSync(out, 'utf8'), await reference, 'one line per job, in job order');
  // What this process writes in a lock, to forge the locks of others.
  const probe = tempPath('probe.jsonl');
  const release = await lockFile(probe);
  const mine = JSON.parse(readFileSync(`${probe}.lock`, 'utf8')) as Record<string, unknown>;
  release();
  assert.ok(!existsSync(`${probe}.lock`));
  const loud = ARGS.filter((a) => a !== '--quiet');
  const takenOver = async (name: string, owner: Record<string, unknown>, warning: RegExp, age = 0) => {
    const path = tempPath(name);
    writeFileSync(`${path}.lock`, JSON.stringify(owner));
    if (age) utimesSync(`${path}.lock`, new Date(Date.now() - age), new Date(Date.now() - age));
    const run = await cli(['sweep', ...loud, '--out', path]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr.replace(/\n {9}/g, ' '), warning);
    assert.equal(readFileSync(path, 'utf8'), await reference);
    assert.ok(!existsSync(`${path}.lock`));
  };
  // A lock left by a process of this machine that no longer runs (a kill -9), or by a former process with this pid (a restarted container), is taken over.
  const gone = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
  await takenOver('stale.jsonl', { ...mine, pid: gone, token: 'x' }, new RegExp(`warning: removed the lock .*stale\\.jsonl\\.lock of process ${gone}, which no longer runs`));
  await takenOver('former.jsonl', { ...mine, token: 'y' }, /warning: removed the lock .*former\.jsonl\.lock of process \d+, which no longer runs/);
  // One from another machine (whose pids cannot be asked) holds until it has not been renewed for ten minutes.
  const remoteOwner = { ...mine, pid: 1, host: 'node-7', machine: 'another boot', since: '2026-01-01T00:00:00.000Z', token: 'z' };
  const remote = tempPath('remote.jsonl');
  writeFileSync(`${remote}.lock`, JSON.stringify(remoteOwner));
  const run = await cli(['sweep', ...ARGS, '--out', remote]);
  assert.equal(run.code, 5);
  assert.equal(run.stderr, `error: ${remote}: in use by process 1 on host node-7 (since 2026-01-01T00:00:00.000Z); one sweep at a time writes a results file (if that run is gone, remove ${remote}.lock)\n`);
  assert.ok(!existsSync(remote), 'nothing written');
  await takenOver('remote-gone.jsonl', remoteOwner, /warning: removed the lock .*remote-gone\.jsonl\.lock of process 1 on host node-7, not renewed for 11 minutes/, LOCK_STALE_MS + 60_000);
  // While another run takes the same stale lock over (its .takeover file is fresh), this one leaves the lock alone and stops;
  // a .takeover file left by a run that died in the middle is cleared after a few seconds.
  const contested = tempPath('contested.jsonl');
  const deadLock = JSON.stringify({ ...mine, pid: gone, token: 'w' });
  writeFileSync(`${contested}.lock`, deadLock);
  writeFileSync(`${contested}.lock.takeover`, '');
  const waiting = await cli(['sweep', ...ARGS, '--out', contested]);
  assert.equal(waiting.code, 5, waiting.stderr);
  assert.equal(waiting.stderr, `error: ${contested}: another run is taking over its lock ${contested}.lock right now; try again in a moment\n`);
  assert.equal(readFileSync(`${contested}.lock`, 'utf8'), deadLock, 'the lock is left to the run taking it over');
  assert.ok(!existsSync(contested), 'nothing written');
  utimesSync(`${contested}.lock.takeover`, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
  await takenOver('contested.jsonl', { ...mine, pid: gone, token: 'w' }, /warning: removed the lock .*contested\.jsonl\.lock of process \d+, which no longer runs/);
  assert.ok(!existsSync(`${contested}.lock.takeover`));
});

test('a resume always ends with the job-order rewrite: a file killed after its last append gets the uninterrupted bytes; an empty shard writes an empty file (its folder made)', async () => {
  const whole = await reference;
  const out = tempFile('killed.jsonl', `${[...linesOf(whole)].reverse().join('\n')}\n`);
  const run = await cli(['sweep', ...ARGS, '--out', out]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(readFileSync(out, 'utf8'), whole);
  const empty = tempPath('artifacts/shard-8.jsonl'); // in a folder that does not exist yet
  const shard = await cli(['sweep', ...ARGS, '--shard', '8/8', '--out', empty]);
  assert.equal(shard.code, 0, shard.stderr);
  assert.equal(statSync(empty).size, 0);
  const told = await cli(['sweep', ...ARGS.filter((a) => a !== '--quiet'), '--shard', '8/8', '--out', empty]);
  assert.match(told.stdout, /^no results to summarize\n0 jobs run, 0 already done; 0 lines in /, 'no empty table');
});

test('a refused file is left byte for byte; --summarize refuses a device with exit 3', async () => {
  const whole = await reference;
  // "sampl\xe9": Latin-1, not UTF-8, inside a whole line, then a half line that a resume would have cut.
  const [before, after] = linesOf(whole)[0].split('"symbol":"sample"');
  const bytes = Buffer.concat([Buffer.from(`${before}"symbol":"sampl`), Buffer.from([0xe9]), Buffer.from(`"${after}\n{"ind`)]);
  const out = tempFile('refused.jsonl', bytes);
  const run = await cli(['sweep', ...ARGS, '--out', out]);
  assert.equal(run.code, 3);
  assert.match(run.stderr, /^error: .*refused\.jsonl:1: not UTF-8 text \(byte \d+\); a results file holds JSON lines, and this one is left as it is\n$/);
  assert.ok(readFileSync(out).equals(bytes));
  assert.ok(!existsSync(`${out}.lock`));
  if (existsSync('/dev/null')) {
    const device = await cli(['sweep', '--summarize', '/dev/null']);
    assert.deepEqual([device.code, device.stderr], [3, 'error: /dev/null: not a regular file (a folder, a device or a pipe?): results files are read from disk\n']);
  }
});

test('a disk full or a read-only file system during the appends or the final rewrite exits 5 naming the results file', async () => {
  await reference; // no other sweep may be appending while appends fail
  const append = fs.appendFileSync;
  for (const [code, reason] of [['ENOSPC', 'no space left on the device'], ['EROFS', 'read-only file system'], ['EIO', 'EIO: i/o error, write']] as const) {
    fs.appendFileSync = () => {
      throw Object.assign(new Error(code === 'EIO' ? reason : `${code}: write`), { code });
    };
    syncBuiltinESMExports();
    try {
      const out = tempPath(`full-${code}.jsonl`);
      const run = await cli(['sweep', ...ARGS, '--out', out]);
      assert.deepEqual([run.code, run.stderr], [5, `error: ${out}: ${reason}\n`], code);
      assert.ok(!existsSync(`${out}.lock`));
    } finally {
      fs.appendFileSync = append;
      syncBuiltinESMExports();
    }
  }
  // The final rewrite (a temporary sibling, then a rename) on a full disk: exit 5 naming the file, no temporary file left, the appended lines kept.
  const write = fs.writeFileSync;
  fs.writeFileSync = (...args: Parameters<typeof write>) => {
    if (String(args[0]).endsWith('.tmp')) throw Object.assign(new Error('ENOSPC: write'), { code: 'ENOSPC' });
    return write(...args);
  };
  syncBuiltinESMExports();
  try {
    const dir = tempPath('rewrite-full');
    const out = join(dir, 'r.jsonl');
    const run = await cli(['sweep', ...ARGS, '--out', out]);
    assert.deepEqual([run.code, run.stderr], [5, `error: ${out}: no space left on the device\n`]);
    assert.deepEqual(readdirSync(dir), ['r.jsonl']);
    assert.deepEqual(linesOf(readFileSync(out, 'utf8')).sort(), linesOf(await reference).sort());
  } finally {
    fs.writeFileSync = write;
    syncBuiltinESMExports();
  }
  // Permissions do not stop root: only another user sees EACCES.
  if (process.getuid?.() === 0 || process.platform === 'win32') return;
  const dir = tempPath('read-only');
  mkdirSync(dir);
  chmodSync(dir, 0o555);
  const run = await cli(['sweep', ...ARGS, '--out', join(dir, 'r.jsonl')]);
  assert.deepEqual([run.code, run.stderr], [5, `error: ${join(dir, 'r.jsonl')}.lock: permission denied\n`]);
});

test('each append renews the lock of its file, so that a long sweep on one thread keeps it', async () => {
  const path = tempPath('renewed.jsonl');
  const release = await lockFile(path);
  const old = new Date(Date.now() - LOCK_STALE_MS);
  utimesSync(`${path}.lock`, old, old);
  appendText(path, '{}\n');
  assert.ok(Date.now() - statSync(`${path}.lock`).mtimeMs < LOCK_STALE_MS / 2);
  release();
  assert.ok(!existsSync(`${path}.lock`));
});

test('an --out that is a symlink stays one: the lock, the appends and the final rewrite all reach its target', async () => {
  const target = tempPath('linked/target.jsonl');
  mkdirSync(join(target, '..'), { recursive: true });
  const out = tempPath('linked/out.jsonl');
  const reversed = `${linesOf(await reference).reverse().join('\n')}\n`;
  writeFileSync(target, reversed);
  fs.symlinkSync(target, out);
  const run = await cli(['sweep', ...ARGS, '--out', out]);
  assert.equal(run.code, 0, run.stderr);
  assert.ok(fs.lstatSync(out).isSymbolicLink(), 'still a link');
  assert.equal(readFileSync(target, 'utf8'), await reference, 'the target rewritten in job order');
  assert.deepEqual(readdirSync(join(target, '..')).sort(), ['out.jsonl', 'target.jsonl'], 'no lock or temporary file left');
  // A link to a file not made yet: the sweep makes it there.
  const later = tempPath('linked/later.jsonl');
  const dangling = tempPath('linked/dangling.jsonl');
  fs.symlinkSync('later.jsonl', dangling);
  const fresh = await cli(['sweep', ...ARGS, '--out', dangling]);
  assert.equal(fresh.code, 0, fresh.stderr);
  assert.ok(fs.lstatSync(dangling).isSymbolicLink(), 'a dangling link stays one');
  assert.equal(readFileSync(later, 'utf8'), await reference);
});

test('a lock naming no process (pid 0 or below, which kill(0) would answer for the whole group) is judged by its age like an unreadable one', async () => {
  const probe = tempPath('pid-probe.jsonl');
  const release = await lockFile(probe);
  const mine = JSON.parse(readFileSync(`${probe}.lock`, 'utf8')) as Record<string, unknown>;
  release();
  for (const pid of [0, -1]) {
    const path = tempPath(`pid${pid}.jsonl`);
    writeFileSync(`${path}.lock`, JSON.stringify({ ...mine, pid, token: 'forged' }));
    await assert.rejects(lockFile(path), /in use by another run/, 'a fresh one is held');
    const old = new Date(Date.now() - LOCK_STALE_MS - 60_000);
    utimesSync(`${path}.lock`, old, old);
    const warnings: string[] = [];
    const releaseIt = await lockFile(path, (message) => warnings.push(message));
    assert.match(warnings.join('\n'), /not renewed for 11 minutes/);
    releaseIt();
    assert.ok(!existsSync(`${path}.lock`));
  }
});

test('a sweep refused for its options leaves nothing behind: no folder for its --out, no lock', async () => {
  const out = tempPath('refused/sub/results.jsonl');
  const run = await cli(['sweep', ...ARGS, '--grid', 'bogus=1', '--out', out]);
  assert.equal(run.code, 2, run.stderr);
  assert.equal(existsSync(tempPath('refused')), false);
});
