/**
 * Storage faults against the real server process:
 * - PostgreSQL unreachable mid-session (refused, then packets lost), through a TCP proxy
 *   we control — the machine's PostgreSQL itself is never touched;
 * - Redis unreachable for every instance, and for one instance only (proxies again);
 * - the SQLite file locked by another connection, and the disk full.
 * In each: writes stop with a clear close code while the fault lasts (nothing is relayed
 * that was not stored), the server keeps running, and once the fault ends the editors'
 * edits arrive, no acknowledged edit is lost and the database is intact.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database, pg } from '../../server/test/reliability-deps.js';
import { Editor, storedKeys } from './support/editors.js';
import { PG_URL, REDIS_URL, ServerProcess, sleep, Tally, TcpProxy, tempDir, waitFor } from './support/harness.js';

const faults = new Tally('faults injected', 'survived');
const run = randomUUID().replace(/-/g, '').slice(0, 10);
const schemas: string[] = [];
const stops: Array<() => Promise<void> | void> = [];

afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
  for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
  console.log(faults.line());
});

const urlPort = (url: string) => Number(new URL(url).port || 0);

/** The PostgreSQL URL with its host and port replaced by a proxy's. */
function viaProxy(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
}

async function proxy(targetUrl: string, defaultPort: number): Promise<TcpProxy> {
  const p = await new TcpProxy(urlPort(targetUrl) || defaultPort, new URL(targetUrl).hostname).listen();
  stops.push(() => p.close());
  return p;
}

async function serverProcess(args: string[]): Promise<ServerProcess> {
  const s = new ServerProcess(args);
  await s.start();
  stops.push(() => s.stop());
  return s;
}

async function editorsOn(server: ServerProcess, caseId: string, n = 2): Promise<Editor[]> {
  const out: Editor[] = [];
  for (let i = 0; i < n; i++) out.push(await Editor.open({ url: server.url, caseId, sub: `${caseId}-e${i}` }));
  for (const e of out) stops.push(() => e.destroy());
  await waitFor(() => out.every((e) => e.connected), `editors on ${caseId} connected`);
  return out;
}

/** Edits on `a` reach `b`: the server stored and relayed them. */
async function roundTrip(a: Editor, b: Editor, what: string, timeoutMs = 20_000): Promise<string> {
  const key = a.edit();
  await waitFor(() => b.keys().has(key), what, timeoutMs);
  return key;
}

/** Every key any editor wrote is held by every editor. */
async function converged(editors: Editor[], what: string, timeoutMs = 30_000): Promise<void> {
  const all = new Set(editors.flatMap((e) => e.written));
  await waitFor(() => editors.every((e) => { const have = e.keys(); return [...all].every((k) => have.has(k)); }), what, timeoutMs);
}

describe('PostgreSQL unreachable', () => {
  it('refuses writes with 1011 storage-error while it is down, relays nothing unstored, and recovers', async () => {
    const schema = `samrad_rel_${run}_pg`;
    schemas.push(schema);
    const db = await proxy(PG_URL, 5432);
    const server = await serverProcess(['--db', viaProxy(PG_URL, db), '--db-schema', schema]);
    const [a, b] = await editorsOn(server, 'pg-down');
    await roundTrip(a!, b!, 'an edit before the outage');

    for (const mode of ['refuse', 'blackhole'] as const) {
      db.cut(mode);
      const closesBefore = a!.closes.length;
      const duringOutage = a!.edit();
      // A clear refusal, not silence: the edit's connection is closed with 1011 storage-error.
      await waitFor(() => a!.closes.slice(closesBefore).some((c) => c.code === 1011 && c.reason === "storage-error"), `1011 storage-error while PostgreSQL is ${mode}d`, 30_000);
      await sleep(300);
      const notPretended = !b!.keys().has(duringOutage);
      expect(notPretended, 'an edit the database never got was relayed').toBe(true);
      expect(server.unexpectedExit, `server died: ${server.stderr.slice(-800)}`).toBeNull();

      db.restore();
      await waitFor(() => b!.keys().has(duringOutage), `the edit made during the ${mode} outage arrives after it`, 40_000);
      await roundTrip(b!, a!, `editing works again after the ${mode} outage`);
      faults.record(notPretended && server.unexpectedExit === null);
    }
    await converged([a!, b!], 'PostgreSQL editors converged');
  }, 120_000);
});

describe('Redis unreachable', () => {
  it('each instance keeps serving its own editors, and the instances resynchronise when Redis is back', async () => {
    const schema = `samrad_rel_${run}_redis`;
    schemas.push(schema);
    const redisA = await proxy(REDIS_URL, 6379);
    const redisB = await proxy(REDIS_URL, 6379);
    const shared = ['--db', PG_URL, '--db-schema', schema, '--redis-prefix', `samrad-rel-${run}:`];
    const a = await serverProcess([...shared, '--redis', `redis://127.0.0.1:${redisA.port}`]);
    const b = await serverProcess([...shared, '--redis', `redis://127.0.0.1:${redisB.port}`]);
    const [a1, a2] = await editorsOn(a, 'redis-down');
    const [b1] = await editorsOn(b, 'redis-down', 1);
    await roundTrip(a1!, b1!, 'A → B through Redis');

    const outages: Array<[string, TcpProxy[]]> = [['for every instance', [redisA, redisB]], ['for one instance only', [redisA]]];
    for (const [what, cut] of outages) {
      for (const p of cut) p.cut();
      // Each instance still serves its own editors, stored and relayed as usual.
      await roundTrip(a1!, a2!, `A serves its editors while Redis is down ${what}`);
      await roundTrip(a2!, a1!, `A serves its editors while Redis is down ${what} (back)`);
      const onB = b1!.edit();
      await sleep(300);
      for (const p of cut) p.restore();
      await waitFor(() => a1!.keys().has(onB) && a2!.keys().has(onB), `B's edit reaches A after Redis is back ${what}`, 20_000);
      const ok = await converged([a1!, a2!, b1!], `instances resynchronised after Redis was down ${what}`).then(() => true, (error: Error) => { faults.record(false); throw error; });
      faults.record(ok && a.unexpectedExit === null && b.unexpectedExit === null);
      await roundTrip(b1!, a1!, `live again after Redis was down ${what}`);
    }
  }, 120_000);
});

/** The server process with a SQLite file, editors on two documents, and what they acknowledged. */
async function sqliteSetup(name: string, inDir?: string) {
  let dir = inDir;
  if (!dir) {
    const t = tempDir();
    stops.push(t.cleanup);
    dir = t.dir;
  }
  const path = join(dir, 'samrad.db');
  const server = await serverProcess(['--db', `sqlite:${path}`]);
  const [a, b] = await editorsOn(server, `${name}-a`);
  const [c, d] = await editorsOn(server, `${name}-b`);
  await roundTrip(a!, b!, 'live before the fault');
  await roundTrip(c!, d!, 'live before the fault (other document)');
  /** Keys the server relayed to some editor: stored first, so they must never be lost. */
  const acknowledged = () => new Set([a!, b!, c!, d!].flatMap((e) => [...e.relayed]));
  /** After a graceful stop: the file is intact and holds every acknowledged edit. */
  const verifyFile = async () => {
    const acked = acknowledged();
    await server.stop();
    const db = new Database(path, { readonly: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    const rows = (db.prepare('SELECT data FROM samrad_updates').all() as Array<{ data: Buffer }>).map((r) => new Uint8Array(r.data));
    db.close();
    const stored = new Set<string>();
    for (const caseId of [`${name}-a`, `${name}-b`]) {
      // Rows of both documents: each key names its own document's editor, so one merge is enough.
      for (const key of [...storedKeysOf(rows)]) if (key.startsWith(caseId)) stored.add(key);
    }
    const lost = [...acked].filter((k) => !stored.has(k));
    return { integrity, lost, acked: acked.size };
  };
  return { server, path, editors: [a!, b!, c!, d!], verifyFile };
}

function storedKeysOf(rows: Uint8Array[]): Set<string> {
  // Rows of different documents are different Yjs documents: read each row on its own.
  const keys = new Set<string>();
  for (const row of rows) for (const k of storedKeys([row])) keys.add(k);
  return keys;
}

/** A tmpfs of 2 MiB needs root and a kernel that lets this sandbox mount; tried once. */
let mountable: boolean | undefined;
function canMountTmpfs(): boolean {
  if (mountable !== undefined) return mountable;
  if (process.getuid?.() !== 0) return (mountable = false);
  const { dir, cleanup } = tempDir();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    mountable = true;
  } catch {
    mountable = false;
  }
  cleanup();
  return mountable;
}

/** A tiny file system of its own, unmounted (lazily, should a file still be open) at the end. */
function mountTinyFs(): string {
  const { dir, cleanup } = tempDir();
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir]);
  stops.push(() => {
    try { execFileSync('umount', ['-l', dir], { stdio: 'ignore' }); } catch { /* already gone */ }
    cleanup();
  });
  return dir;
}

/** The slowest /healthz answer over `forMs`, asking every 100 ms while editors keep retrying. */
async function slowestHealthz(server: ServerProcess, forMs: number): Promise<number> {
  let slowest = 0;
  const until = Date.now() + forMs;
  while (Date.now() < until) {
    const t0 = Date.now();
    await server.health();
    slowest = Math.max(slowest, Date.now() - t0);
    await sleep(100);
  }
  return slowest;
}

describe('SQLite faults', () => {
  it('the file locked by another connection: 1011 storage-error, nothing relayed unstored, recovers, file intact', async () => {
    const { server, path, editors: [a, b, c, d], verifyFile } = await sqliteSetup('locked');
    const locker = new Database(path);
    locker.exec('BEGIN EXCLUSIVE');
    const closesBefore = a!.closes.length;
    const whileLocked = a!.edit();
    await waitFor(() => a!.closes.slice(closesBefore).some((x) => x.code === 1011 && x.reason === 'storage-error'), '1011 storage-error while the file is locked', 30_000);
    const notPretended = !b!.keys().has(whileLocked);
    expect(notPretended, 'an edit SQLite never stored was relayed').toBe(true);
    // While writes wait for the lock, the rest of the server should still answer (printed, not asserted).
    const slowest = await slowestHealthz(server, 2000);
    console.log(`reliability: SQLite locked: slowest /healthz answer ${slowest} ms`);
    locker.exec('COMMIT');
    locker.close();
    await waitFor(() => b!.keys().has(whileLocked), 'the edit made while locked arrives after the lock is gone', 40_000);
    await roundTrip(c!, d!, 'the other document works after the lock');
    await converged([a!, b!], 'editors converged after the lock');
    const { integrity, lost } = await verifyFile();
    expect(integrity).toBe('ok');
    expect(lost).toEqual([]);
    faults.record(notPretended && integrity === 'ok' && lost.length === 0 && server.unexpectedExit === null);
  }, 120_000);

  for (const how of ['file-size limit', 'full file system'] as const) {
    it.skipIf(how === 'full file system' && !canMountTmpfs())(`the disk full (${how}): 1011 storage-error, nothing relayed unstored, recovers, file intact`, async () => {
      const tiny = how === 'full file system' ? mountTinyFs() : undefined;
      const { server, path, editors: [a, b, c, d], verifyFile } = await sqliteSetup(`full${tiny ? 'fs' : ''}`, tiny);
      let makeRoom: () => void;
      if (tiny) {
        // Another file takes every free byte of the file system.
        const filler = join(tiny, 'filler');
        const fd = openSync(filler, 'w');
        try { for (;;) writeSync(fd, Buffer.alloc(4096)); } catch { /* ENOSPC: full */ }
        closeSync(fd);
        makeRoom = () => rmSync(filler);
      } else {
        // The file-size limit of the server process, set just above what its files hold now:
        // the next write that grows the database or its journal fails (EFBIG).
        const sizes = ['', '-wal'].map((suffix) => { try { return statSync(path + suffix).size; } catch { return 0; } });
        execFileSync('prlimit', ['--pid', String(server.pid), `--fsize=${Math.max(...sizes)}:unlimited`]);
        makeRoom = () => execFileSync('prlimit', ['--pid', String(server.pid), '--fsize=unlimited:unlimited']);
      }
      const closesBefore = a!.closes.length;
      const written: string[] = [];
      await waitFor(() => {
        written.push(a!.edit(), c!.edit());
        return a!.closes.slice(closesBefore).some((x) => x.code === 1011 && x.reason === 'storage-error');
      }, '1011 storage-error on a full disk', 30_000);
      const fullAt = written.at(-2)!;
      await sleep(300);
      const notPretended = !b!.keys().has(fullAt);
      expect(notPretended, 'an edit that did not fit on disk was relayed').toBe(true);
      expect(server.unexpectedExit, server.stderr.slice(-500)).toBeNull();
      const reasons = new Set(server.logs.filter((l) => l.msg === 'storing an update failed').map((l) => l.err));
      console.log(`reliability: disk full (${how}): SQLite said ${[...reasons].join(', ')}`);
      makeRoom();
      await waitFor(() => b!.keys().has(fullAt), 'the refused edit arrives once there is room', 40_000);
      await converged([a!, b!], 'editors converged after the disk was full');
      await converged([c!, d!], 'editors converged after the disk was full (other document)');
      const { integrity, lost } = await verifyFile();
      expect(integrity).toBe('ok');
      expect(lost).toEqual([]);
      faults.record(notPretended && integrity === 'ok' && lost.length === 0 && server.unexpectedExit === null);
    }, 120_000);
  }
});
