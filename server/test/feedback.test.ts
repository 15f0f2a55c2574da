/**
 * Anonymous feedback: answers go to `POST /feedback/<caseId>/<meetingId>` and are kept
 * only as counters outside every document; only suppressed totals come back. Tried with
 * the real server, hand-made websocket clients and plain HTTP, as every role.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { EXAMPLE_USERS, MeetingModel, seedExampleCase, type ExampleCaseIds, type FeedbackSummary, type Role } from '@samrad/model';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../src/index.js';
import { openStore } from '../src/store/index.js';
import { connectRawReplica, exampleToken, provider, start, synced, tempDb, token } from './helpers.js';

const CASE = 'fb1';
const PG_URL = process.env.SAMRAD_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const NOW = new Date('2026-11-20T09:00:00Z');
/** What the two parents answer: values nobody else gives in these tests. */
const MOTHER = { feltHeard: 2, knowsWhoToContact: false, useful: 3 };
const FATHER = { feltHeard: 1, knowsWhoToContact: true, useful: 4 };

let server: RunningServer;
let dbFile: string;
let cleanup: () => void;
let ids: ExampleCaseIds;
let stopLeader: () => void;

/** A token for each role on the case: the example case's people, a coordinator and an observer. */
const roleToken = (role: Role, caseId = CASE): Promise<string> => {
  switch (role) {
    case 'leader': return exampleToken('leader', caseId);
    case 'professional': return exampleToken('teacher', caseId);
    case 'parent': return exampleToken('mother', caseId);
    case 'child': return exampleToken('child', caseId);
    default: return token({ role, sub: `${role}-1`, case: caseId });
  }
};
const ROLES: Role[] = ['leader', 'coordinator', 'professional', 'parent', 'child', 'observer'];

async function call(method: 'GET' | 'POST', path: string, tok: string | undefined, body?: unknown): Promise<{ status: number; json: Record<string, unknown>; text: string }> {
  const res = await fetch(`${server.httpUrl}${path}`, {
    method,
    headers: { ...(tok ? { authorization: `Bearer ${tok}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown>, text };
}

/** Every number in a summary that is a shown count: none may be from 1 to 4, nor leave 1 to 4 of the answers. */
function shownCounts(s: FeedbackSummary): number[] {
  return [s.byRole.parent, s.byRole.child, ...s.feltHeard.counts, ...s.useful.counts, s.knowsWhoToContact.yes, s.knowsWhoToContact.no]
    .filter((n): n is number => n !== null);
}
function expectNoSmallCount(s: FeedbackSummary): void {
  const total = s.answers ?? 0;
  for (const n of shownCounts(s)) {
    expect(n === 0 || n >= 5, `count ${n} shown`).toBe(true);
    expect(total - n === 0 || total - n >= 5, `count ${n} of ${total} shown`).toBe(true);
  }
  if (s.answers !== null && s.answers > 0) expect(s.answers).toBeGreaterThanOrEqual(5);
}

/** Any feedback answer a document holds: an entity with an answer's fields, anywhere in it. */
function answersIn(doc: Y.Doc): unknown[] {
  const found: unknown[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ('feltHeard' in o || 'knowsWhoToContact' in o || 'respondentRole' in o) found.push(o);
      Object.values(o).forEach(walk);
    }
  };
  for (const name of doc.share.keys()) walk(doc.getMap(name).toJSON());
  return found;
}

beforeAll(async () => {
  const t = tempDb();
  cleanup = t.cleanup;
  dbFile = t.db.slice('sqlite:'.length);
  server = await start({ db: t.db });
  const p = provider(server, `case/${CASE}`, await exampleToken('leader', CASE));
  await synced(p);
  ids = seedExampleCase(new MeetingModel(p.doc, { ...EXAMPLE_USERS.leader }), NOW);
  stopLeader = () => p.destroy();
  // Until the server holds both meetings of the seed (asked as a leader of its own, whose
  // requests do not use up the example leader's rate limit).
  const leaderToken = await token({ role: 'leader', sub: 'seed-poller', case: CASE });
  for (let tries = 0; ; tries++) {
    const r = await call('GET', `/feedback/${CASE}`, leaderToken);
    if (r.status === 200 && (r.json.meetings as unknown[]).length === 2) break;
    if (tries > 200) throw new Error('the seed never arrived');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
});

afterAll(async () => {
  stopLeader();
  await server.close();
  cleanup();
});

describe('POST /feedback/<caseId>/<meetingId>', () => {
  it('takes one answer from each parent and the child, and refuses a second', async () => {
    const path = `/feedback/${CASE}/${ids.meetingId}`;
    expect(await call('POST', path, await exampleToken('mother', CASE), MOTHER)).toMatchObject({ status: 201, json: { ok: true } });
    expect(await call('POST', path, await exampleToken('father', CASE), FATHER)).toMatchObject({ status: 201 });
    expect(await call('POST', path, await exampleToken('mother', CASE), { feltHeard: 5, knowsWhoToContact: true, useful: 5 }))
      .toMatchObject({ status: 409, json: { error: 'already-answered' } });
    // Another meeting is another question.
    expect((await call('POST', `/feedback/${CASE}/${ids.earlierMeetingId}`, await exampleToken('mother', CASE), MOTHER)).status).toBe(201);
  });

  it('refuses the other roles, other cases, meetings that do not exist, free text and bad tokens', async () => {
    const path = `/feedback/${CASE}/${ids.meetingId}`;
    for (const role of ['leader', 'coordinator', 'professional', 'observer'] as const) {
      expect(await call('POST', path, await roleToken(role), MOTHER), role).toMatchObject({ status: 403, json: { error: 'role-not-allowed' } });
    }
    expect(await call('POST', path, await exampleToken('child', 'other'), MOTHER)).toMatchObject({ status: 403, json: { error: 'case-not-in-token' } });
    expect(await call('POST', `/feedback/${CASE}/no-such-meeting`, await exampleToken('child', CASE), MOTHER)).toMatchObject({ status: 404, json: { error: 'no-meeting' } });
    expect(await call('POST', path, await exampleToken('child', CASE), { ...MOTHER, comment: 'Kari her' })).toMatchObject({ status: 400, json: { error: 'bad-answer' } });
    expect(await call('POST', path, await exampleToken('child', CASE), { ...MOTHER, feltHeard: 6 })).toMatchObject({ status: 400 });
    expect(await call('POST', path, await exampleToken('child', CASE), 'not json')).toMatchObject({ status: 400 });
    expect(await call('POST', path, undefined, MOTHER)).toMatchObject({ status: 401, json: { error: 'token-missing' } });
    expect((await call('POST', `/feedback/${CASE}/a/b/c`, await exampleToken('child', CASE), MOTHER)).status).toBe(400);
    // None of these was counted: the child may still answer.
    expect(await call('GET', `${path}/answered`, await exampleToken('child', CASE))).toMatchObject({ status: 200, json: { answered: false } });
  });

  it('answers "did I answer" for the caller only', async () => {
    const path = `/feedback/${CASE}/${ids.meetingId}/answered`;
    expect((await call('GET', path, await exampleToken('mother', CASE))).json).toEqual({ answered: true });
    expect((await call('GET', path, await exampleToken('father', CASE))).json).toEqual({ answered: true });
    expect((await call('GET', path, await token({ role: 'parent', sub: 'someone-else', case: CASE }))).json).toEqual({ answered: false });
    // The leader asks about themself, not about the mother: there is no way to name another person.
    expect((await call('GET', `${path}?sub=${EXAMPLE_USERS.mother.id}`, await exampleToken('leader', CASE))).json).toEqual({ answered: false });
  });
});

describe('GET /feedback/<caseId>[/<meetingId>]', () => {
  it('gives the people who run the case the totals, every count under five hidden', async () => {
    for (const role of ['leader', 'coordinator', 'professional'] as const) {
      const one = await call('GET', `/feedback/${CASE}/${ids.meetingId}`, await roleToken(role));
      expect(one.status, role).toBe(200);
      const s = one.json as unknown as FeedbackSummary;
      expect(s).toMatchObject({ meetingId: ids.meetingId, answers: null, suppressed: true, byRole: { parent: null, child: null } });
      expectNoSmallCount(s);
      const all = await call('GET', `/feedback/${CASE}`, await roleToken(role));
      expect(all.status).toBe(200);
      const meetings = (all.json.meetings as FeedbackSummary[]);
      expect(meetings.map((m) => m.meetingId).sort()).toEqual([ids.earlierMeetingId, ids.meetingId].sort());
      meetings.forEach(expectNoSmallCount);
    }
  });

  it('shows figures once five have answered, still hiding what would single anyone out', async () => {
    const meetingId = ids.earlierMeetingId;
    // The mother answered this meeting already; four more parents of a (large) family.
    for (const n of [1, 2, 3, 4]) {
      const tok = await token({ role: 'parent', sub: `guardian-${n}`, case: CASE });
      expect((await call('POST', `/feedback/${CASE}/${meetingId}`, tok, { feltHeard: 5, knowsWhoToContact: true, useful: 5 })).status).toBe(201);
    }
    const s = (await call('GET', `/feedback/${CASE}/${meetingId}`, await roleToken('leader'))).json as unknown as FeedbackSummary;
    expect(s.answers).toBe(5);
    expect(s.suppressed).toBe(false);
    expect(s.byRole).toEqual({ parent: 5, child: 0 });
    // The mother's 2 and her "no" are one answer each: hidden, and so are the four others beside them.
    expect(s.feltHeard).toEqual({ average: null, counts: [0, null, 0, 0, null] });
    expect(s.knowsWhoToContact).toEqual({ yes: null, no: null });
    expectNoSmallCount(s);
  });

  it('refuses the family and observers (the totals are for the people who run the case), and professionals without consent', async () => {
    for (const role of ['parent', 'child', 'observer'] as const) {
      expect(await call('GET', `/feedback/${CASE}/${ids.meetingId}`, await roleToken(role)), role).toMatchObject({ status: 403, json: { error: 'role-not-allowed' } });
      expect(await call('GET', `/feedback/${CASE}`, await roleToken(role)), role).toMatchObject({ status: 403, json: { error: 'role-not-allowed' } });
    }
    const nav = await token({ role: 'professional', service: 'nav', sub: 'nav-1', case: CASE });
    expect(await call('GET', `/feedback/${CASE}/${ids.meetingId}`, nav)).toMatchObject({ status: 403, json: { error: 'consent-missing' } });
    expect(await call('GET', `/feedback/${CASE}/${ids.meetingId}`, await roleToken('leader', 'other'))).toMatchObject({ status: 403, json: { error: 'case-not-in-token' } });
    expect(await call('GET', `/feedback/${CASE}/no-such-meeting`, await roleToken('leader'))).toMatchObject({ status: 404 });
  });

  it('answers cross-origin requests, with the token in a header', async () => {
    const res = await fetch(`${server.httpUrl}/feedback/${CASE}/${ids.meetingId}`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });
});

describe('nobody reads one answer', () => {
  it('no document, as any role, holds an answer, and no endpoint gives a person’s answer or a small count', async () => {
    const seen: string[] = [];
    for (const role of ROLES) {
      const tok = await roleToken(role);
      // Every document the server lists for this role (the shared one, the restricted one and
      // any audience document of the case), and the two the case always has.
      const listed = await call('GET', `/documents/${CASE}`, tok);
      expect(listed.status, role).toBe(200);
      const rooms = new Set([`case/${CASE}`, ...(listed.json.documents as Array<{ name: string }>).map((d) => d.name)]);
      if (role === 'leader' || role === 'coordinator' || role === 'professional') rooms.add(`case/${CASE}/restricted`);
      for (const room of rooms) {
        const c = await connectRawReplica(server.url, room, tok);
        expect(answersIn(c.replica), `${role} on ${room}`).toEqual([]);
        expect(c.replica.getMap('feedback').size).toBe(0);
        seen.push(JSON.stringify(Object.fromEntries([...c.replica.share.keys()].map((k) => [k, c.replica.getMap(k).toJSON()]))));
        c.ws.close();
      }
      for (const path of [`/feedback/${CASE}`, `/feedback/${CASE}/${ids.meetingId}`, `/feedback/${CASE}/${ids.earlierMeetingId}`, `/feedback/${CASE}/${ids.meetingId}/answered`, `/access-log/${CASE}`, `/minutes/${CASE}/${ids.earlierMeetingId}`]) {
        const r = await call('GET', path, tok);
        seen.push(r.text);
        if (r.status === 200 && path.startsWith('/feedback/') && !path.endsWith('/answered')) {
          const summaries = 'meetings' in r.json ? (r.json.meetings as FeedbackSummary[]) : [r.json as unknown as FeedbackSummary];
          summaries.forEach(expectNoSmallCount);
        }
      }
    }
    const everything = seen.join('\n');
    for (const sub of [EXAMPLE_USERS.mother.id, EXAMPLE_USERS.father.id]) {
      // The access log names who opened the case (their name, not their id), never what they answered.
      expect(everything).not.toContain(`"createdBy":"${sub}"`);
    }
    expect(everything).not.toContain('"feltHeard":2');
    expect(everything).not.toContain('"respondentRole"');
  });

  it('stores no row that ties a person to an answer', () => {
    const db = new Database(dbFile, { readonly: true });
    try {
      const columns = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
      expect(columns('samrad_feedback_counts')).toEqual(['case_id', 'meeting_id', 'role', 'question', 'value', 'n']);
      expect(columns('samrad_feedback_answered')).toEqual(['answered_key']);
      const keys = (db.prepare('SELECT answered_key FROM samrad_feedback_answered').all() as Array<{ answered_key: string }>).map((r) => r.answered_key);
      expect(keys.length).toBeGreaterThanOrEqual(2);
      for (const k of keys) expect(k).toMatch(/^[0-9a-f]{64}$/);
      // No audit line records an answer, or who sent one.
      const audit = JSON.stringify(db.prepare(`SELECT * FROM samrad_audit WHERE sub = ?`).all(EXAMPLE_USERS.father.id));
      expect(audit).not.toContain('feedback');
      // Every counter of the father's (case, meeting, role) exists, whatever he answered; none by name.
      const counters = db.prepare('SELECT question, value, n FROM samrad_feedback_counts WHERE case_id = ? AND meeting_id = ? AND role = ?').all(CASE, ids.meetingId, 'parent');
      expect(counters).toHaveLength(12);
    } finally {
      db.close();
    }
  });
});

describe('answers in documents from before', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.reverse()) await c();
    cleanups.length = 0;
  });

  it('are moved into the counters once on load, deleted from the document and its stored rows, and count as answered', async () => {
    const { db, cleanup: done } = tempDb();
    cleanups.push(done);
    const doc = new Y.Doc();
    const seeded = seedExampleCase(new MeetingModel(doc, { ...EXAMPLE_USERS.leader }), NOW);
    const subs = [EXAMPLE_USERS.mother.id, EXAMPLE_USERS.father.id, 'g3', 'g4', 'g5'];
    doc.transact(() => subs.forEach((sub, i) => {
      const m = new Y.Map<unknown>();
      doc.getMap('feedback').set(`fb-${i}`, m);
      const at = NOW.toISOString();
      for (const [k, v] of Object.entries({ id: `fb-${i}`, createdAt: at, createdBy: sub, updatedAt: at, updatedBy: sub, meetingId: seeded.meetingId, respondentRole: 'parent', feltHeard: 4, knowsWhoToContact: true, useful: 5, comment: `LEGACY-COMMENT-${sub}` })) m.set(k, v);
    }));
    const seed = await openStore({ db }, 'seed');
    await seed.append('case/old1', Y.encodeStateAsUpdate(doc), { event: 'update-accepted', doc: 'case/old1' });
    await seed.close();

    let s = await start({ db });
    const leader = provider(s, 'case/old1', await exampleToken('leader', 'old1'));
    await synced(leader);
    expect(leader.doc.getMap('feedback').size).toBe(0);
    expect(answersIn(leader.doc)).toEqual([]);
    const moved = (await s.store.readAudit({ doc: 'case/old1' })).filter((a) => a.event === 'layout-migrated');
    expect(moved.map((a) => a.detail)).toContain('feedback-moved:5');
    const stored = (await s.store.load('case/old1')).map((u) => Buffer.from(u).toString('latin1')).join('');
    expect(stored).not.toContain('LEGACY-COMMENT');
    const totals = await fetch(`${s.httpUrl}/feedback/old1/${seeded.meetingId}`, { headers: { authorization: `Bearer ${await exampleToken('leader', 'old1')}` } });
    expect(await totals.json()).toMatchObject({ answers: 5, byRole: { parent: 5, child: 0 }, feltHeard: { average: 4, counts: [0, 0, 0, 5, 0] }, knowsWhoToContact: { yes: 5, no: 0 } });
    // The mother answered in the old document: she has answered.
    const again = await fetch(`${s.httpUrl}/feedback/old1/${seeded.meetingId}`, {
      method: 'POST', headers: { authorization: `Bearer ${await exampleToken('mother', 'old1')}`, 'content-type': 'application/json' }, body: JSON.stringify(MOTHER),
    });
    expect(again.status).toBe(409);
    leader.destroy();
    await s.close();

    // Loaded again: nothing left to move, nothing counted twice.
    s = await start({ db });
    cleanups.push(() => s.close());
    const second = provider(s, 'case/old1', await exampleToken('leader', 'old1'));
    cleanups.push(() => second.destroy());
    await synced(second);
    expect((await s.store.readAudit({ doc: 'case/old1' })).filter((a) => a.detail?.startsWith('feedback-moved'))).toHaveLength(1);
    const counters = await s.store.feedbackCounters('old1', seeded.meetingId);
    expect(counters.filter((c) => c.question === 'feltHeard').reduce((n, c) => n + c.n, 0)).toBe(5);
  });
});

describe('the PostgreSQL store', () => {
  it('counts answers the same way, once per answered-key', async () => {
    const schema = `samrad_fb_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
    const store = await openStore({ db: PG_URL, dbSchema: schema }, 'test');
    try {
      const record = (key: string, answer = MOTHER) => ({ caseId: 'p1', meetingId: 'm1', role: 'parent' as const, answeredKey: key, answer });
      expect(await store.recordFeedback([record('a'), record('b', FATHER)])).toBe(2);
      expect(await store.recordFeedback([record('a', FATHER), record('c', FATHER)])).toBe(1);
      expect(await store.hasAnswered('a')).toBe(true);
      expect(await store.hasAnswered('z')).toBe(false);
      const counters = await store.feedbackCounters('p1');
      expect(counters).toHaveLength(12);
      const n = (question: string, value: string) => counters.find((c) => c.question === question && c.value === value)?.n;
      expect([n('feltHeard', '1'), n('feltHeard', '2'), n('knowsWhoToContact', 'yes'), n('knowsWhoToContact', 'no')]).toEqual([2, 1, 2, 1]);
      expect(await store.storedKey('k')).toBe(await store.storedKey('k'));
      const columns = await admin.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'samrad_feedback_answered'`, [schema]);
      expect(columns.rows.map((r: { column_name: string }) => r.column_name)).toEqual(['answered_key']);
    } finally {
      await store.close();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  });
});
