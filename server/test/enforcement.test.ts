/**
 * Enforcement against hand-made clients: read-only roles, scopes, the parent write rules
 * from @samrad/model's authorizeUpdate, and proof that nothing refused was stored.
 */
import { readFileSync, existsSync } from 'node:fs';
import { EXAMPLE_USERS, MeetingModel, SHARED_ROOTS, seedExampleCase, type ExampleCaseIds } from '@samrad/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../src/index.js';
import { addNote, author, commentEntity, connectRawReplica, exampleToken, kindOf, noteText, provider, rawClient, start, synced, syncUpdateMessage, tempDb, token, updateFrom, waitFor } from './helpers.js';

const CASE = 'c1';
const FORBIDDEN_MARK = 'HACKED-BY-A-MODIFIED-CLIENT';
const u = EXAMPLE_USERS;
const authorOf = (who: keyof typeof EXAMPLE_USERS) => author(u[who].role, { sub: u[who].id, name: u[who].name });
const tokenFor = (who: keyof typeof EXAMPLE_USERS) => exampleToken(who, CASE);

let server: RunningServer;
let dbFile: string;
let cleanup: () => void;
let leaderDoc: Y.Doc;
let ids: ExampleCaseIds;
let stopLeader: () => void;

beforeAll(async () => {
  const t = tempDb();
  cleanup = t.cleanup;
  dbFile = t.db.slice('sqlite:'.length);
  server = await start({ db: t.db });
  const p = provider(server, `case/${CASE}`, await tokenFor('leader'));
  await synced(p);
  leaderDoc = p.doc;
  ids = seedExampleCase(new MeetingModel(leaderDoc, { ...u.leader }), new Date('2026-11-20T09:00:00Z'));
  await waitFor(() => server.metrics.updatesIn >= 1, 'seed stored');
  stopLeader = () => p.destroy();
});

afterAll(async () => {
  stopLeader();
  await server.close();
  cleanup();
});

/** A raw client that has received the server's copy of the document. */
async function connectRaw(who: keyof typeof EXAMPLE_USERS | 'observer', room = `case/${CASE}`) {
  const tok = who === 'observer' ? await token({ role: 'observer', sub: 'obs', case: CASE }) : await tokenFor(who);
  return connectRawReplica(server.url, room, tok);
}

describe('read-only observer', () => {
  it('reads the document, is never asked for its state, and is refused when it writes', async () => {
    const c = await connectRaw('observer');
    expect(c.replica.getMap('case').get('municipality')).toBe('Eksempel kommune');
    expect(c.messages.map(kindOf)).not.toContain('sync-step1');
    // An empty answer to a sync step 1 is harmless and ignored.
    c.send(syncUpdateMessage(Y.encodeStateAsUpdate(new Y.Doc()), true));
    // A well-formed comment in the observer's own name: refused for the role alone.
    const write = updateFrom(c.replica, (r) => r.getMap('comments').set('obs', commentEntity('obs', FORBIDDEN_MARK, author('observer', { sub: 'obs' }))));
    c.send(syncUpdateMessage(write));
    expect(await c.closed).toEqual({ code: 4422, reason: 'update-rejected:read-only' });
  });

  it('the stock client of an observer is told through `closed`', async () => {
    const p = provider(server, `case/${CASE}`, await token({ role: 'observer', sub: 'obs2', case: CASE }));
    await synced(p);
    const closed = new Promise<{ code: number; reason: string }>((resolve) => p.once('closed', resolve));
    p.doc.getMap('comments').set('obs2', commentEntity('obs2', FORBIDDEN_MARK, author('observer', { sub: 'obs2' })));
    expect(await closed).toEqual({ code: 4422, reason: 'update-rejected:read-only' });
    p.destroy();
  });
});

describe('parents', () => {
  it('may write what SPEC.md gives them: a dissent comment reaches the leader', async () => {
    const c = await connectRaw('mother');
    const update = updateFrom(c.replica, (r) =>
      new MeetingModel(r, { ...u.mother }).comments.add({ target: { type: 'assessment', id: ids.assessmentId }, kind: 'dissent', text: 'Vi er uenige' }));
    c.send(syncUpdateMessage(update));
    await waitFor(() => [...leaderDoc.getMap('comments').values()].some((m) => (m as Y.Map<unknown>).get('text') === 'Vi er uenige'), 'comment relayed');
    c.ws.close();
    await c.closed;
  });

  const forbidden: Array<[string, string, (r: Y.Doc) => void]> = [
    ['edit the assessment conclusion', 'forbidden:assessments', (r) => (((r.getMap('assessments').get(ids.assessmentId) as Y.Map<unknown>).get('content') as Y.Map<unknown>).get('conclusion') as Y.Text).insert(0, FORBIDDEN_MARK)],
    ['retitle a teacher\'s action', 'forbidden:actions', (r) => (r.getMap('actions').get(ids.actionIds[0]!) as Y.Map<unknown>).set('title', FORBIDDEN_MARK)],
    ['change the case level', 'forbidden:case', (r) => r.getMap('case').set('level', FORBIDDEN_MARK)],
    ['write a new root type', 'unknown-part', (r) => r.getMap('evil').set('x', FORBIDDEN_MARK)],
  ];
  for (const [what, reason, edit] of forbidden) {
    it(`may not ${what} → 4422 update-rejected:${reason}`, async () => {
      const c = await connectRaw('mother');
      const before = Y.encodeStateVector(leaderDoc);
      c.send(syncUpdateMessage(updateFrom(c.replica, edit)));
      expect(await c.closed).toEqual({ code: 4422, reason: `update-rejected:${reason}` });
      // Not relayed to the leader either.
      await new Promise((r) => setTimeout(r, 100));
      expect(Y.encodeStateVector(leaderDoc)).toEqual(before);
    });
  }

  it('never receive the restricted document', async () => {
    const c = rawClient(server.url, `case/${CASE}/restricted`, await tokenFor('father'));
    expect(await c.closed).toEqual({ code: 4403, reason: 'scope-not-allowed' });
    expect(c.messages).toEqual([]);
  });

  it('a forbidden part inside an otherwise allowed sync step 2 refuses the whole message', async () => {
    const c = await connectRaw('mother');
    const update = updateFrom(c.replica, (r) => {
      new MeetingModel(r, { ...u.mother }).comments.add({ target: { type: 'case', id: 'case' }, text: 'lovlig' });
      r.getMap('case').set('level', FORBIDDEN_MARK);
    });
    c.send(syncUpdateMessage(update, true));
    expect(await c.closed).toEqual({ code: 4422, reason: 'update-rejected:forbidden:case' });
  });
});

describe('restricted document', () => {
  it('professionals read and write it; it stays apart from the shared one', async () => {
    const a = provider(server, `case/${CASE}/restricted`, await tokenFor('childWelfare'));
    const b = provider(server, encodeURIComponent(`case/${CASE}/restricted`), await tokenFor('teacher'));
    await Promise.all([synced(a), synced(b)]);
    addNote(a.doc, 'n1', 'bekymringsmelding vurderes', authorOf('childWelfare'));
    await waitFor(() => noteText(b.doc, 'n1') === 'bekymringsmelding vurderes', 'restricted relay');
    expect(leaderDoc.getMap('notes').size).toBe(0);
    a.destroy();
    b.destroy();
  });
});

describe('audit log and storage', () => {
  it('records finalisation, client exports, accepted and rejected update sizes', async () => {
    const model = new MeetingModel(leaderDoc, { ...u.leader });
    model.meetings.finalise(ids.meetingId, 'Ingen nye vedtak i dette møtet');
    const exported = await fetch(`${server.httpUrl}/audit`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor('leader')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ document: `case/${CASE}`, event: 'export', format: 'markdown' }),
    });
    expect(exported.status).toBe(201);
    const asParent = await fetch(`${server.httpUrl}/audit`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor('mother')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ document: `case/${CASE}/restricted`, event: 'export' }),
    });
    expect(asParent.status).toBe(403);
    let rows = await server.store.readAudit({ doc: `case/${CASE}` });
    // The example case's earlier meeting was finalised when it was seeded; wait for this one.
    for (let i = 0; i < 100 && !rows.some((r) => r.event === 'finalise' && r.detail === ids.meetingId); i++) {
      await new Promise((r) => setTimeout(r, 100));
      rows = await server.store.readAudit({ doc: `case/${CASE}` });
    }
    const events = new Set(rows.map((r) => r.event));
    for (const e of ['connect', 'disconnect', 'update-accepted', 'update-rejected', 'export', 'finalise']) expect(events, e).toContain(e);
    expect(rows.find((r) => r.event === 'finalise' && r.detail === ids.meetingId)).toMatchObject({ sub: u.leader.id, role: 'leader', detail: ids.meetingId });
    const rejected = rows.filter((r) => r.event === 'update-rejected');
    expect(rejected.every((r) => typeof r.bytes === 'number' && r.bytes > 0)).toBe(true);
    expect(rejected.map((r) => r.detail)).toContain('forbidden:assessments');
    // Who and what size, never what was written.
    expect(JSON.stringify(rows)).not.toContain('Vi er uenige');
    expect(JSON.stringify(rows)).not.toContain(FORBIDDEN_MARK);
  });

  it('a professional may not edit finalised minutes either', async () => {
    const c = await connectRaw('teacher');
    const update = updateFrom(c.replica, (r) => (r.getMap('meetings').get(ids.meetingId) as Y.Map<unknown>).set('place', FORBIDDEN_MARK));
    c.send(syncUpdateMessage(update));
    expect(await c.closed).toEqual({ code: 4422, reason: 'update-rejected:finalised' });
  });

  it('after a restart the allowed changes are back and nothing forbidden was stored', async () => {
    stopLeader();
    await server.close();
    // Not in the database file, nor in its write-ahead log.
    for (const f of [dbFile, `${dbFile}-wal`]) if (existsSync(f)) expect(readFileSync(f).includes(FORBIDDEN_MARK)).toBe(false);
    server = await start({ db: `sqlite:${dbFile}` });
    const p = provider(server, `case/${CASE}`, await tokenFor('leader'));
    stopLeader = () => p.destroy();
    await synced(p);
    const json = JSON.stringify(Object.values(SHARED_ROOTS).map((root) => p.doc.getMap(root).toJSON()));
    expect(json).toContain('Vi er uenige');
    expect(json).toContain('Eksempel kommune');
    expect(json).not.toContain(FORBIDDEN_MARK);
    expect(p.doc.getMap('evil').size).toBe(0);
  });
});
