/**
 * Locked minutes versions, end to end on a real server with real SQLite and PostgreSQL:
 * the server locks a version when a meeting is finalised, exports stay byte-identical
 * whatever changes later, a correction becomes version 2 with its reason, the table
 * refuses UPDATE and DELETE, GET /minutes checks its token like a connection, and
 * `samrad-server verify` passes on a good store and fails on a tampered one.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  EXAMPLE_USERS, exportMinutes, MeetingModel, minutesVersions, MinutesVersion, readSnapshot, seedExampleCase, toHtml, toJson, toMarkdown,
} from '@samrad/model';
import { openStore } from '../src/store/index.js';
import { provider, start, synced, tempDb, token, waitFor } from './helpers.js';

const PG_URL = process.env.SAMRAD_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const CLI = fileURLToPath(new URL('../bin/samrad-server.js', import.meta.url));
const run = promisify(execFile);
const NOW = new Date('2026-11-20T09:00:00.000Z');
const schema = `samrad_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
afterAll(async () => {
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

const leaderToken = (caseId: string) => token({ role: 'leader', sub: EXAMPLE_USERS.leader.id, name: EXAMPLE_USERS.leader.name, case: caseId });

function exportsOf(doc: Y.Doc, meetingId: string): string[] {
  const exp = exportMinutes(readSnapshot(doc), meetingId, new Date());
  return [toJson(exp), toMarkdown(exp, 'nb'), toHtml(exp, 'en')];
}

const versionsOf = (doc: Y.Doc, meetingId: string) => minutesVersions(readSnapshot(doc).meetings.find((m) => m.id === meetingId));

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [CLI, ...args], { timeout: 60_000 });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, out: e.stdout ?? '' };
  }
}

interface Backend {
  name: string;
  db: () => { db: string; dbSchema?: string; cliArgs: string[]; cleanup: () => void };
  /** Runs one SQL statement against the store's minutes table directly, as a database user could. */
  sql: (target: ReturnType<Backend['db']>, statement: (table: string) => string) => Promise<void>;
}

const BACKENDS: Backend[] = [
  {
    name: 'SQLite',
    db: () => {
      const { db, cleanup } = tempDb();
      return { db, cliArgs: ['--db', db], cleanup };
    },
    sql: async (target, statement) => {
      const file = new Database(target.db.slice('sqlite:'.length));
      try {
        file.exec(statement('samrad_minutes'));
      } finally {
        file.close();
      }
    },
  },
  {
    name: 'PostgreSQL',
    db: () => ({ db: PG_URL, dbSchema: schema, cliArgs: ['--db', PG_URL, '--db-schema', schema], cleanup: () => {} }),
    sql: async (_target, statement) => {
      await admin.query(statement(`"${schema}".samrad_minutes`));
    },
  },
];

describe.each(BACKENDS)('locked minutes on $name', (backend) => {
  it('locks a version on finalising, keeps exports byte-identical, versions corrections, serves and verifies them', async () => {
    const target = backend.db();
    const caseId = `m-${randomUUID().slice(0, 8)}`;
    const server = await start({ db: target.db, ...(target.dbSchema ? { dbSchema: target.dbSchema } : {}) });
    try {
      const leaderTok = await leaderToken(caseId);
      const p = provider(server, `case/${caseId}`, leaderTok);
      await synced(p);
      const leader = new MeetingModel(p.doc, { ...EXAMPLE_USERS.leader });
      const ids = seedExampleCase(leader, NOW);
      leader.decisions.add({ meetingId: ids.meetingId, text: 'Lesestøtte fortsetter.' });
      leader.meetings.finalise(ids.meetingId);

      // The server locks version 1 and appends it to the meeting's list, which reaches the client.
      await waitFor(() => versionsOf(p.doc, ids.meetingId).length === 1, 'version 1 to arrive');
      const [v1] = versionsOf(p.doc, ids.meetingId);
      expect(v1).toMatchObject({ version: 1, previousSha256: null, lockedBy: EXAMPLE_USERS.leader.id, lockedByName: EXAMPLE_USERS.leader.name });
      expect(v1!.content.exportedAt).toBe(v1!.lockedAt);
      expect(v1!.content.meeting.state).toBe('finalised');
      // The earlier meeting the example case finalised got its own version 1 as well.
      await waitFor(() => versionsOf(p.doc, ids.earlierMeetingId).length === 1, 'the earlier meeting to be locked too');
      const before = exportsOf(p.doc, ids.meetingId);

      // Later edits to actions, participants and the case.
      const open = leader.snapshot().actions.find((a) => a.status === 'in-progress')!;
      leader.actions.setStatus(open.id, 'planned');
      leader.actions.add({ title: 'Nytt tiltak etter låsing', owner: { kind: 'child' }, schedule: { kind: 'ongoing' }, evaluationDate: '2027-02-01' });
      leader.participants.add({ name: 'Per Senere', role: 'professional', service: 'nav' });
      leader.participants.update(ids.participants.teacher, { name: 'Ingrid Haugen-Berg' });
      leader.case.setup({ child: { name: 'Emma F.', pseudonym: false, birthYear: 2015 }, levelModelId: 'bti' });
      const edits = server.metrics.updatesIn;
      expect(edits).toBeGreaterThan(0);

      // Same bytes for the editor, and for someone who joins afresh after the edits.
      expect(exportsOf(p.doc, ids.meetingId)).toEqual(before);
      const q = provider(server, `case/${caseId}`, await token({ role: 'parent', sub: EXAMPLE_USERS.mother.id, case: caseId }));
      await synced(q);
      await waitFor(() => readSnapshot(q.doc).participants.some((x) => x.name === 'Per Senere'), 'the later edits to reach a new client');
      expect(exportsOf(q.doc, ids.meetingId)).toEqual(before);
      expect(before[1]).not.toContain('Nytt tiltak etter låsing');
      expect(before[1]).toContain('Versjon 1');

      // A correction: reopened with a reason, edited, finalised again → version 2.
      leader.meetings.correct(ids.meetingId, 'Feil sted i referatet');
      await waitFor(() => readSnapshot(q.doc).meetings.find((m) => m.id === ids.meetingId)?.state === 'correcting', 'the correction to reach others');
      expect(exportsOf(q.doc, ids.meetingId)).toEqual(before); // still the locked version while correcting
      leader.meetings.update(ids.meetingId, { place: 'Møterom 2' });
      leader.meetings.finalise(ids.meetingId);
      await waitFor(() => versionsOf(q.doc, ids.meetingId).length === 2, 'version 2 to arrive');
      const [, v2] = versionsOf(q.doc, ids.meetingId);
      expect(v2).toMatchObject({ version: 2, reason: 'Feil sted i referatet', previousSha256: v1!.sha256 });
      expect(v2!.content.meeting.place).toBe('Møterom 2');
      const corrected = exportsOf(q.doc, ids.meetingId);
      expect(corrected[1]).toContain('Versjon 2 — rettelse: Feil sted i referatet');
      expect(corrected[1]).toContain('Versjon 1');
      expect(corrected[2]).toContain('Version 2 — correction: Feil sted i referatet');

      // GET /minutes with a good token, and refusals.
      const url = `${server.httpUrl}/minutes/${caseId}/${ids.meetingId}`;
      const get = (tok?: string, at = url) => fetch(at, tok ? { headers: { authorization: `Bearer ${tok}` } } : {});
      const ok = await get(leaderTok);
      expect(ok.status).toBe(200);
      const body = await ok.json() as { versions: unknown[] };
      expect(body.versions.map((v) => MinutesVersion.parse(v))).toEqual([v1, v2]);
      const parentOk = await get(await token({ role: 'parent', case: caseId }));
      expect(parentOk.status).toBe(200);
      expect((await get()).status).toBe(401);
      expect(await (await get()).json()).toMatchObject({ error: 'token-missing' });
      expect((await get('not-a-token')).status).toBe(401);
      expect((await get(await token({ role: 'leader', case: caseId }, 'another-secret-0123456789abcdef0123'))).status).toBe(401);
      const otherCase = await get(await token({ role: 'leader', case: 'some-other-case' }));
      expect(otherCase.status).toBe(403);
      expect(await otherCase.json()).toMatchObject({ error: 'case-not-in-token' });
      const noConsent = await get(await token({ role: 'professional', service: 'nav', case: caseId }));
      expect(noConsent.status).toBe(403);
      expect(await noConsent.json()).toMatchObject({ error: 'consent-missing' });
      expect((await get(await token({ role: 'professional', service: 'skole', case: caseId }))).status).toBe(200);
      const unknown = await get(leaderTok, `${server.httpUrl}/minutes/${caseId}/no-such-meeting`);
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ error: 'no-minutes' });
      expect((await get(leaderTok, `${server.httpUrl}/minutes/bad%20case/x`)).status).toBe(400);

      // Only the server writes versions: the table is append-only.
      await expect(backend.sql(target, (t) => `UPDATE ${t} SET sha256 = 'x'`)).rejects.toThrow(/append-only/);
      await expect(backend.sql(target, (t) => `DELETE FROM ${t}`)).rejects.toThrow(/append-only/);
      p.destroy();
      q.destroy();
    } finally {
      await server.close();
    }

    // verify: every chain holds.
    const good = await cli(['verify', ...target.cliArgs]);
    expect(good.out).toMatch(/checked \d+ minutes versions of \d+ meetings in \d+ cases: every chain holds/);
    expect(good.out).toContain('checked 3 minutes versions of 2 meetings in 1 cases');
    expect(good.code).toBe(0);

    // Tamper: drop the guard, change what version 1 of the meeting says.
    if (backend.name === 'SQLite') await backend.sql(target, () => 'DROP TRIGGER samrad_minutes_no_update');
    else await backend.sql(target, (t) => `DROP TRIGGER samrad_minutes_append_only ON ${t}`);
    await backend.sql(target, (t) => `UPDATE ${t} SET data = replace(data, 'Lesestøtte fortsetter.', 'Ingen støtte.') WHERE case_id = '${caseId}' AND version = 1`);
    const bad = await cli(['verify', ...target.cliArgs]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`BROKEN case ${caseId}`);
    expect(bad.out).toMatch(/version 1: content changed/);
    target.cleanup();
  }, 120_000);
});

describe('repair on load', () => {
  it('locks the version of a meeting that was finalised while no server made it', async () => {
    const { db, cleanup } = tempDb();
    // A finalised meeting stored without its version (as after a stop between the two writes).
    const store = await openStore({ db }, 'test');
    const doc = new Y.Doc();
    const leader = new MeetingModel(doc, { ...EXAMPLE_USERS.leader }, { now: () => NOW });
    const ids = seedExampleCase(leader, NOW);
    leader.decisions.add({ meetingId: ids.meetingId, text: 'Vedtatt.' });
    leader.meetings.finalise(ids.meetingId);
    await store.append('case/r1', Y.encodeStateAsUpdate(doc), { event: 'update-accepted' });
    await store.close();

    const server = await start({ db });
    try {
      const p = provider(server, 'case/r1', await token({ role: 'observer', case: 'r1' }));
      await synced(p);
      await waitFor(() => versionsOf(p.doc, ids.meetingId).length === 1, 'the repaired version');
      const [v1] = versionsOf(p.doc, ids.meetingId);
      expect(v1).toMatchObject({ version: 1, lockedBy: EXAMPLE_USERS.leader.id });
      expect((await server.store.listMinutes('r1', ids.meetingId)).map((s) => s.sha256)).toEqual([v1!.sha256]);
      p.destroy();
    } finally {
      await server.close();
      cleanup();
    }
  }, 60_000);
});

describe('two instances on PostgreSQL and Redis', () => {
  it('only the instance that received the finalising update locks it; the other relays the version', async () => {
    const run = randomUUID().replace(/-/g, '').slice(0, 12);
    const shared = { db: PG_URL, dbSchema: `${schema}_2i`, redis: process.env.SAMRAD_TEST_REDIS ?? 'redis://127.0.0.1:6379', redisPrefix: `samrad-test-${run}:` };
    const a = await start({ ...shared, instanceId: 'A' });
    const b = await start({ ...shared, instanceId: 'B' });
    try {
      const caseId = `two-${run}`;
      const onA = provider(a, `case/${caseId}`, await leaderToken(caseId));
      const onB = provider(b, `case/${caseId}`, await token({ role: 'observer', case: caseId }));
      await Promise.all([synced(onA), synced(onB)]);
      const leader = new MeetingModel(onA.doc, { ...EXAMPLE_USERS.leader });
      const ids = seedExampleCase(leader, NOW);
      leader.decisions.add({ meetingId: ids.meetingId, text: 'Vedtatt.' });
      leader.meetings.finalise(ids.meetingId);
      await waitFor(() => versionsOf(onB.doc, ids.meetingId).length === 1, 'the version to reach the other instance');
      await new Promise((r) => setTimeout(r, 300));
      expect((await b.store.listMinutes(caseId, ids.meetingId)).length).toBe(1);
      const { rows } = await admin.query(`SELECT instance FROM "${schema}_2i".samrad_audit WHERE event = 'minutes-locked' AND doc = $1`, [`case/${caseId}`]);
      expect(new Set(rows.map((r: { instance: string }) => r.instance))).toEqual(new Set(['A']));
      // The minutes list holds the version once.
      const meeting = onB.doc.getMap<Y.Map<unknown>>('meetings').get(ids.meetingId)!;
      expect((meeting.get('minutes') as Y.Array<unknown>).length).toBe(1);
      onA.destroy();
      onB.destroy();
    } finally {
      await Promise.allSettled([a.close(), b.close()]);
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}_2i" CASCADE`);
    }
  }, 60_000);
});
