/**
 * GET /access-log/<caseId>: the family sees who opened their case. Real server, real
 * websocket openings, SQLite on disk: openings are recorded with name and service, a parent
 * sees a teacher's opening, a teacher is refused, bad tokens are refused, and nothing of the
 * case's content or anyone's user id is in the answer.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { EXAMPLE_USERS, MeetingModel, seedExampleCase } from '@samrad/model';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessLogResponse, RunningServer } from '../src/index.js';
import { provider, rawClient, SECRET, start, synced, tempDb, token, waitFor } from './helpers.js';

const u = EXAMPLE_USERS;
let server: RunningServer;
let cleanup: () => void;
const stops: Array<() => void> = [];

beforeAll(async () => {
  const t = tempDb();
  cleanup = t.cleanup;
  server = await start({ db: t.db });
});

afterAll(async () => {
  for (const stop of stops) stop();
  await server.close();
  cleanup();
});

const as = (who: { id: string; name: string; role: 'leader' | 'coordinator' | 'professional' | 'parent' | 'child' | 'observer'; service?: string }, caseId: string) =>
  token({ sub: who.id, name: who.name, role: who.role, case: caseId, ...(who.service ? { service: who.service } : {}) });

async function open(room: string, tok: string): Promise<void> {
  const p = provider(server, room, tok);
  stops.push(() => p.destroy());
  await synced(p);
}

/** A case seeded by the leader with the example case (consent covers school, health, PPT, child welfare). */
async function seededCase(caseId: string): Promise<void> {
  const p = provider(server, `case/${caseId}`, await as(u.leader, caseId));
  stops.push(() => p.destroy());
  await synced(p);
  const before = server.metrics.updatesIn;
  let sent = 0;
  const count = () => { sent += 1; };
  p.doc.on('update', count);
  seedExampleCase(new MeetingModel(p.doc, { ...u.leader }), new Date('2026-11-20T09:00:00Z'));
  p.doc.off('update', count);
  await waitFor(() => server.metrics.updatesIn >= before + sent, 'seed stored');
}

async function readLog(caseId: string, tok: string | undefined, query = ''): Promise<{ status: number; body: unknown; text: string }> {
  const r = await fetch(`${server.httpUrl}/access-log/${caseId}${query}`, tok === undefined ? {} : { headers: { authorization: `Bearer ${tok}` } });
  const text = await r.text();
  return { status: r.status, text, body: JSON.parse(text) as unknown };
}

/** Polls an async check until it holds. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const until = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const openingsStored = (doc: string, n: number) =>
  eventually(async () => (await server.store.readAudit({ doc })).filter((r) => r.event === 'connect').length >= n, `${n} openings of ${doc}`);

describe('access log', () => {
  it('records each opening with name and service, and shows a parent the teacher’s, newest first', async () => {
    await seededCase('al1');
    await open('case/al1', await as(u.teacher, 'al1'));
    await openingsStored('case/al1', 2);
    await open('case/al1/restricted', await as(u.teacher, 'al1'));
    await openingsStored('case/al1/restricted', 1);

    const rows = (await server.store.readAudit({ doc: 'case/al1' })).filter((r) => r.event === 'connect');
    expect(rows.find((r) => r.sub === u.teacher.id)).toMatchObject({ name: u.teacher.name, role: 'professional', service: 'skole', detail: 'write' });

    const { status, body, text } = await readLog('al1', await as(u.mother, 'al1'));
    expect(status).toBe(200);
    const log = body as AccessLogResponse;
    expect(log.more).toBe(false);
    expect(log.entries).toHaveLength(3);
    expect(log.entries[0]).toEqual({ at: expect.any(String), name: u.teacher.name, role: 'professional', service: 'skole', document: 'restricted' });
    expect(log.entries[1]).toMatchObject({ name: u.teacher.name, role: 'professional', service: 'skole', document: 'shared' });
    expect(log.entries[2]).toMatchObject({ name: u.leader.name, role: 'leader', service: 'helsestasjon', document: 'shared' });
    const times = log.entries.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);

    // Nothing of the case: not the child's name, the municipality, a consent or any user id.
    for (const secret of ['Emma', 'Eksempel kommune', 'consent', u.teacher.id, u.leader.id, 'instance']) expect(text).not.toContain(secret);
    for (const entry of log.entries) expect(Object.keys(entry).sort()).toEqual(expect.arrayContaining(['at', 'document', 'name', 'role']));
    for (const entry of log.entries) expect(Object.keys(entry).every((k) => ['at', 'name', 'role', 'service', 'document'].includes(k))).toBe(true);
  });

  it('lets the coordinator and the leader read it, and refuses everyone else with 403', async () => {
    const coordinator = { id: 'coord-1', name: 'Kim Koordinator', role: 'coordinator' as const };
    expect((await readLog('al1', await as(coordinator, 'al1'))).status).toBe(200);
    expect((await readLog('al1', await as(u.leader, 'al1'))).status).toBe(200);
    for (const who of [u.teacher, u.childWelfare, u.child, { id: 'obs-1', name: 'Observer', role: 'observer' as const }]) {
      const r = await readLog('al1', await as(who, 'al1'));
      expect(r.status, who.role).toBe(403);
      expect(r.text).not.toContain(u.teacher.name);
    }
    // A parent of another case.
    const other = await readLog('al1', await as(u.mother, 'another-case'));
    expect(other).toMatchObject({ status: 403, body: { error: 'case-not-in-token' } });
  });

  it('refuses missing, malformed, forged and expired tokens with 401', async () => {
    expect((await readLog('al1', undefined)).body).toEqual({ error: 'token-missing' });
    expect((await readLog('al1', 'not-a-jwt')).status).toBe(401);
    const forged = await token({ sub: u.mother.id, name: u.mother.name, role: 'parent', case: 'al1' }, `${SECRET}-wrong`);
    expect(await readLog('al1', forged)).toMatchObject({ status: 401, body: { error: 'token-signature' } });
    const expired = await token({ sub: u.mother.id, name: u.mother.name, role: 'parent', case: 'al1', ttl: -10 });
    expect(await readLog('al1', expired)).toMatchObject({ status: 401, body: { error: 'token-expired' } });
    // A parent's token with the role changed to leader no longer verifies.
    const good = await as(u.mother, 'al1');
    const [h, p, s] = good.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, case: 'al2' })).toString('base64url')}.${s}`;
    expect((await readLog('al2', tampered)).status).toBe(401);
    expect((await readLog('bad%2Fid', good)).status).toBe(400);
  });

  it('leaves out openings the consent gate refused', async () => {
    await seededCase('al3');
    const nav = rawClient(server.url, 'case/al3', await as({ id: 'nav-1', name: 'Nina Nav', role: 'professional', service: 'nav' }, 'al3'));
    expect(await nav.closed).toEqual({ code: 4403, reason: 'consent-missing' });
    await eventually(async () => (await server.store.readAudit({ doc: 'case/al3' })).some((r) => r.event === 'refused' && r.sub === 'nav-1'), 'refusal audited');
    const log = (await readLog('al3', await as(u.mother, 'al3'))).body as AccessLogResponse;
    expect(log.entries.map((e) => e.name)).toEqual([u.leader.name]);
  });

  it('pages with before and limit, caps the limit, and refuses a bad query', async () => {
    const caseId = 'al4';
    await open(`case/${caseId}`, await as(u.leader, caseId));
    for (let i = 0; i < 4; i++) await open(`case/${caseId}`, await as({ id: `pro-${i}`, name: `Pro ${i}`, role: 'coordinator' }, caseId));
    await openingsStored(`case/${caseId}`, 5);
    const parent = await as(u.father, caseId);

    const first = (await readLog(caseId, parent, '?limit=2')).body as AccessLogResponse;
    expect(first.entries.map((e) => e.name)).toEqual(['Pro 3', 'Pro 2']);
    expect(first.more).toBe(true);
    const second = (await readLog(caseId, parent, `?limit=2&before=${encodeURIComponent(first.entries[1]!.at)}`)).body as AccessLogResponse;
    expect(second.entries.map((e) => e.name)).toEqual(['Pro 1', 'Pro 0']);
    const third = (await readLog(caseId, parent, `?limit=2&before=${encodeURIComponent(second.entries[1]!.at)}`)).body as AccessLogResponse;
    expect(third).toEqual({ entries: [expect.objectContaining({ name: u.leader.name })], more: false });

    expect(((await readLog(caseId, parent, '?limit=999999')).body as AccessLogResponse).entries).toHaveLength(5);
    for (const q of ['?limit=0', '?limit=-1', '?limit=abc', '?before=yesterday']) expect((await readLog(caseId, parent, q)).status, q).toBe(400);
  });

  it('keeps entries that share a millisecond together across pages', async () => {
    const caseId = 'al5';
    for (let i = 0; i < 3; i++) await server.store.audit({ event: 'connect', sub: `s${i}`, role: 'leader', name: `Same ${i}`, doc: `case/${caseId}`, detail: 'write' });
    // Whatever the times, no entry is lost or repeated when paging one at a time.
    const parent = await as(u.mother, caseId);
    const seen: string[] = [];
    let before = '';
    for (let page = 0; page < 5; page++) {
      const r = (await readLog(caseId, parent, `?limit=1${before ? `&before=${encodeURIComponent(before)}` : ''}`)).body as AccessLogResponse;
      seen.push(...r.entries.map((e) => e.name!));
      if (!r.more) break;
      before = r.entries[r.entries.length - 1]!.at;
    }
    expect(seen.sort()).toEqual(['Same 0', 'Same 1', 'Same 2']);
  });

  it('limits how fast one person may ask', async () => {
    const parent = await as({ id: 'busy-parent', name: 'Busy', role: 'parent' }, 'al1');
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await readLog('al1', parent)).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses).toContain(429);
  });
});

/** The audit table as it was before names were recorded, with one opening in it. */
const OLD_AUDIT = (table: string, columns: { id: string; at: string }) => [
  `CREATE TABLE ${table} (id ${columns.id}, at ${columns.at}, instance TEXT NOT NULL, event TEXT NOT NULL, sub TEXT, role TEXT, doc TEXT, bytes INTEGER, detail TEXT)`,
  `INSERT INTO ${table} (id, at, instance, event, sub, role, doc, detail) VALUES (1, '2025-01-02T03:04:05.000Z', 'old', 'connect', 'old-sub', 'professional', 'case/old', 'write')`,
];

describe('access log storage', () => {
  it('adds name and service to an SQLite audit log that lacks them, keeping its old lines', async () => {
    const t = tempDb();
    const file = t.db.slice('sqlite:'.length);
    const { mkdirSync } = await import('node:fs');
    const { dirname } = await import('node:path');
    mkdirSync(dirname(file), { recursive: true });
    const old = new Database(file);
    for (const sql of OLD_AUDIT('samrad_audit', { id: 'INTEGER PRIMARY KEY AUTOINCREMENT', at: `TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))` })) old.exec(sql);
    old.close();
    const s = await start({ db: t.db });
    try {
      const parent = await token({ sub: 'p', name: 'P', role: 'parent', case: 'old' });
      const r = await fetch(`${s.httpUrl}/access-log/old`, { headers: { authorization: `Bearer ${parent}` } });
      expect(await r.json()).toEqual({ entries: [{ at: '2025-01-02T03:04:05.000Z', name: null, role: 'professional', document: 'shared' }], more: false });
    } finally {
      await s.close();
      t.cleanup();
    }
  });

  it('works the same on PostgreSQL, after adding the columns to an older log', async () => {
    const url = process.env.SAMRAD_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `samrad_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const admin = new pg.Pool({ connectionString: url, max: 1 });
    await admin.query(`CREATE SCHEMA "${schema}"`);
    for (const sql of OLD_AUDIT(`"${schema}".samrad_audit`, { id: 'BIGSERIAL PRIMARY KEY', at: 'TIMESTAMPTZ NOT NULL DEFAULT now()' })) await admin.query(sql);
    await admin.query(`SELECT setval(pg_get_serial_sequence('"${schema}".samrad_audit', 'id'), 1)`);
    const s = await start({ db: url, dbSchema: schema });
    try {
      const leaderTok = await as(u.leader, 'old');
      const p = provider(s, 'case/old/restricted', leaderTok);
      stops.push(() => p.destroy());
      await synced(p);
      await eventually(async () => (await s.store.readAudit({ doc: 'case/old/restricted' })).some((r) => r.event === 'connect'), 'opening stored');
      const parent = await token({ sub: 'p', name: 'P', role: 'parent', case: 'old' });
      const read = async (q: string) => (await (await fetch(`${s.httpUrl}/access-log/old${q}`, { headers: { authorization: `Bearer ${parent}` } })).json()) as AccessLogResponse;
      const all = await read('');
      expect(all.entries).toEqual([
        { at: expect.any(String), name: u.leader.name, role: 'leader', service: 'helsestasjon', document: 'restricted' },
        { at: '2025-01-02T03:04:05.000Z', name: null, role: 'professional', document: 'shared' },
      ]);
      const first = await read('?limit=1');
      expect(first.entries.map((e) => e.name)).toEqual([u.leader.name]);
      expect(first.more).toBe(true);
      expect(await read(`?limit=1&before=${encodeURIComponent(first.entries[0]!.at)}`)).toEqual({ entries: [all.entries[1]], more: false });
      p.destroy();
    } finally {
      await s.close();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  });
});
