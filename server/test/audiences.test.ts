/**
 * Audiences as documents, against the real server with hand-made clients: each document
 * reaches exactly the people audiences.ts names, whatever a client asks for, and what a
 * client writes into one must belong there.
 */
import { audienceDocName, EXAMPLE_USERS, MeetingModel, seedExampleCase, type Audience, type ExampleCaseIds } from '@samrad/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../src/index.js';
import { connectRawReplica, exampleToken, provider, rawClient, start, synced, syncUpdateMessage, tempDb, updateFrom, waitFor } from './helpers.js';

const CASE = 'aud1';
const u = EXAMPLE_USERS;
type Who = keyof typeof EXAMPLE_USERS;
const tokenFor = (who: Who) => exampleToken(who, CASE);
const nameOf = (a: Audience) => audienceDocName(CASE, a);

const WITHHELD_FROM_SCHOOL = nameOf({ kind: 'withheld', services: ['skole'] });
const SCHOOL_ONLY = nameOf({ kind: 'service', service: 'skole' });
const MOTHERS_DRAFTS = nameOf({ kind: 'private', sub: u.mother.id });
const KEPT_FROM_FATHER = nameOf({ kind: 'kept-from', sub: u.father.id });

let server: RunningServer;
let cleanup: () => void;
let ids: ExampleCaseIds;
const stops: Array<() => void> = [];

/** Opens `name` as `who` with the stock provider and a model over it, to write as a real client would. */
async function open(who: Who, name: string): Promise<Y.Doc> {
  const p = provider(server, name, await tokenFor(who));
  await synced(p);
  stops.push(() => p.destroy());
  return p.doc;
}

beforeAll(async () => {
  const t = tempDb();
  cleanup = t.cleanup;
  server = await start({ db: t.db });
  const shared = await open('leader', `case/${CASE}`);
  ids = seedExampleCase(new MeetingModel(shared, { ...u.leader }), new Date('2026-11-20T09:00:00Z'));
  const voiceId = new MeetingModel(shared, { ...u.leader }).snapshot().voice[0]!.id;

  // Each document written through the model, by someone who may write it.
  const docs = new Map<string, Y.Doc>();
  const model = async (who: Who, names: string[]) => {
    for (const n of names) docs.set(`${who} ${n}`, await open(who, n));
    return new MeetingModel(shared, { ...u[who] }, {
      openAudience: (a) => docs.get(`${who} ${nameOf(a)}`),
    });
  };
  (await model('leader', [WITHHELD_FROM_SCHOOL, KEPT_FROM_FATHER])).voice.reserve(voiceId, 'MARK-WITHHELD Emma vil ikke at skolen skal vite om angsten', ['skole']);
  (await model('leader', [])).notes.add({ text: 'MARK-KEPT Mors nye adresse' }, { kind: 'kept-from', sub: u.father.id });
  (await model('teacher', [SCHOOL_ONLY])).notes.add({ text: 'MARK-SCHOOL Skolens egen vurdering' }, { kind: 'service', service: 'skole' });
  (await model('mother', [MOTHERS_DRAFTS])).silentNotes.add(ids.meetingId, 'MARK-DRAFT Mors stille notat');
  await waitFor(() => server.metrics.updatesIn >= 5, 'audience documents stored');
});

afterAll(async () => {
  for (const stop of stops) stop();
  await server.close();
  cleanup();
});

/** What `who` receives of `name`: its JSON text, or the refusal. */
async function receive(who: Who, name: string): Promise<{ text: string } | { code: number; reason: string }> {
  const c = rawClient(server.url, name, await tokenFor(who));
  const outcome = await Promise.race([c.opened.then(() => 'open' as const), c.closed]);
  if (outcome !== 'open') return outcome;
  const first = await Promise.race([c.closed, new Promise<'open'>((r) => setTimeout(() => r('open'), 150))]);
  c.ws.close();
  if (first !== 'open') return first;
  const replica = await connectRawReplica(server.url, name, await tokenFor(who));
  replica.ws.close();
  // A replica built from raw updates has untyped roots until asked for: ask for every root there is.
  const d = replica.replica;
  return { text: JSON.stringify([...d.share.keys()].map((root) => d.getMap(root).toJSON())) };
}

describe('who receives which document', () => {
  const cases: Array<[string, string, Who[], Who[]]> = [
    ['withheld from the school', WITHHELD_FROM_SCHOOL, ['leader', 'ppt', 'childWelfare'], ['teacher', 'mother', 'father', 'child']],
    ["the school's own", SCHOOL_ONLY, ['teacher'], ['leader', 'ppt', 'childWelfare', 'mother', 'father', 'child']],
    ["the mother's drafts", MOTHERS_DRAFTS, ['mother'], ['father', 'leader', 'teacher', 'child']],
    ['kept from the father', KEPT_FROM_FATHER, ['mother', 'child', 'leader', 'teacher'], ['father']],
  ];
  for (const [what, name, readers, refused] of cases) {
    it(`sends ${what} to exactly who may read it`, async () => {
      const marker = { [WITHHELD_FROM_SCHOOL]: 'MARK-WITHHELD', [SCHOOL_ONLY]: 'MARK-SCHOOL', [MOTHERS_DRAFTS]: 'MARK-DRAFT', [KEPT_FROM_FATHER]: 'MARK-KEPT' }[name]!;
      for (const who of readers) {
        const got = await receive(who, name);
        expect('text' in got && got.text.includes(marker), `${who} receives ${what}`).toBe(true);
      }
      for (const who of refused) {
        expect(await receive(who, name), `${who} is refused ${what}`).toEqual({ code: 4403, reason: 'scope-not-allowed' });
      }
    });
  }

  it('keeps every marker out of the shared and restricted documents', async () => {
    for (const name of [`case/${CASE}`, `case/${CASE}/restricted`]) {
      const got = await receive('leader', name);
      expect('text' in got, `${name} opened`).toBe(true);
      expect('text' in got && /MARK-/.test(got.text)).toBe(false);
    }
  });

  it('lists to each person only the documents they may open', async () => {
    const list = async (who: Who) => {
      const res = await fetch(`${server.httpUrl}/documents/${CASE}`, { headers: { authorization: `Bearer ${await tokenFor(who)}` } });
      expect(res.status).toBe(200);
      return ((await res.json()) as { documents: Array<{ name: string }> }).documents.map((d) => d.name);
    };
    // Stored documents only (nobody wrote to the restricted one or the teacher's drafts).
    expect(await list('teacher')).toEqual([`case/${CASE}`, KEPT_FROM_FATHER, SCHOOL_ONLY].sort());
    expect(await list('ppt')).toEqual([`case/${CASE}`, KEPT_FROM_FATHER, WITHHELD_FROM_SCHOOL].sort());
    expect(await list('father')).toEqual([`case/${CASE}`]);
    expect(await list('mother')).toEqual([`case/${CASE}`, KEPT_FROM_FATHER, MOTHERS_DRAFTS].sort());
    const other = await fetch(`${server.httpUrl}/documents/other-case`, { headers: { authorization: `Bearer ${await tokenFor('mother')}` } });
    expect(other.status).toBe(403);
  });

  it('limits how often one person may ask, so the list cannot be used to load the store', async () => {
    const auth = { authorization: `Bearer ${await tokenFor('child')}` };
    const statuses = [];
    for (let i = 0; i < 25; i++) statuses.push((await fetch(`${server.httpUrl}/documents/${CASE}`, { headers: auth })).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(20)).toContain(429);
  });
});

describe('what a hand-made client writes', () => {
  /** Sends `update` to `name` as `who`; resolves to the close (code, reason), or null when it was taken. */
  async function send(who: Who, name: string, edit: (d: Y.Doc) => void): Promise<{ code: number; reason: string } | null> {
    const c = await connectRawReplica(server.url, name, await tokenFor(who));
    c.send(syncUpdateMessage(updateFrom(c.replica, edit)));
    const outcome = await Promise.race([c.closed, new Promise<null>((r) => setTimeout(() => r(null), 400))]);
    c.ws.close();
    return outcome;
  }
  const entry = (root: string, id: string, by: string, fields: Record<string, unknown>) => (d: Y.Doc) => {
    const m = new Y.Map<unknown>();
    d.getMap(root).set(id, m);
    const at = new Date().toISOString();
    for (const [k, v] of Object.entries({ id, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by, ...fields })) m.set(k, v);
  };

  it('refuses a reservation naming other services than the document withholds it from', async () => {
    const forged = entry('reservations', 'r-forged', u.ppt.id, { voiceId: 'v1', what: 'x', withheldFrom: ['bup'] });
    expect(await send('ppt', WITHHELD_FROM_SCHOOL, forged)).toEqual({ code: 4422, reason: 'update-rejected:audience-mismatch:reservations' });
  });

  it('refuses a parent writing into a document kept from the other parent', async () => {
    const note = entry('notes', 'n-mother', u.mother.id, { text: 'Fra mor' });
    expect(await send('mother', KEPT_FROM_FATHER, note)).toEqual({ code: 4422, reason: 'update-rejected:read-only' });
  });

  it('refuses a note in a private document that names someone else as its author', async () => {
    const note = entry('silentNotes', 's-forged', u.father.id, { meetingId: ids.meetingId, text: 'Fra far?' });
    expect((await send('mother', MOTHERS_DRAFTS, note))?.code).toBe(4422);
  });

  it('takes the owner\'s own private note', async () => {
    const note = entry('silentNotes', 's-own', u.mother.id, { meetingId: ids.meetingId, text: 'Eget notat' });
    expect(await send('mother', MOTHERS_DRAFTS, note)).toBeNull();
  });
});
