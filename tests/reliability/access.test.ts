/**
 * Access: every way in that should be shut, tried through real websockets with hand-made
 * tokens and hand-made y-protocols frames (a modified client can send anything). Each
 * case must be refused with its close code and reason, store nothing, and leak nothing:
 * a client refused at connect receives not a single frame, and no refused writer ever
 * receives content it may not read.
 */
import { createHmac } from 'node:crypto';
import { EXAMPLE_USERS, MeetingModel, seedExampleCase } from '@samrad/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/src/index.js';
import { addComment, addNote, applyReceived, author, commentEntity, commentText, editComment, kindOf, noteEntity, provider, start, synced, tempDb, updateFrom } from '../../server/test/helpers.js';
import { describeReceived, probe, rawClient, syncStep1, syncUpdate } from './support/frames.js';
import { SECRET, sleep, Tally, waitFor } from './support/harness.js';

const tally = new Tally('access cases tried', 'refused');
const CASE = 'access-1';
const SHARED = `case/${CASE}`;
const RESTRICTED = `case/${CASE}/restricted`;
const u = EXAMPLE_USERS;

let server: RunningServer;
let cleanup: () => void;
let leader: ReturnType<typeof provider>;
let leaderRestricted: ReturnType<typeof provider>;
let model: MeetingModel;

// ---- tokens by hand: any header, any claims, any key ----

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

function jwt(claims: Record<string, unknown>, options: { alg?: string; secret?: string } = {}): string {
  const alg = options.alg ?? 'HS256';
  const head = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}`;
  if (alg === 'none') return `${head}.`;
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg] ?? 'sha256';
  return `${head}.${createHmac(hash, options.secret ?? SECRET).update(head).digest('base64url')}`;
}

const claimsFor = (role: string, extra: Record<string, unknown> = {}) =>
  ({ sub: `${role}-x`, name: `Test ${role}`, role, case: CASE, iat: now(), exp: now() + 600, ...extra });

/** Swaps a signed token's payload for another, keeping the original signature. */
function tampered(token: string, change: Record<string, unknown>): string {
  const [head, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  return `${head}.${b64({ ...claims, ...change })}.${signature}`;
}

// ---- what is stored, before and after ----

async function storedRows(): Promise<number> {
  return (await server.store.countUpdates(SHARED)) + (await server.store.countUpdates(RESTRICTED));
}

beforeAll(async () => {
  const t = tempDb();
  cleanup = t.cleanup;
  server = await start({ db: t.db, idleUnloadMs: 60_000 });
  const tok = (scope: string) => jwt({ ...claimsFor('leader'), sub: u.leader.id, name: u.leader.name, service: u.leader.service, scope });
  leader = provider(server, SHARED, tok('shared'));
  leaderRestricted = provider(server, RESTRICTED, tok('restricted'));
  await Promise.all([synced(leader), synced(leaderRestricted)]);
  model = new MeetingModel(leader.doc, { ...u.leader }, { restricted: leaderRestricted.doc });
  seedExampleCase(model, new Date('2026-11-20T09:00:00Z'));
  addNote(leaderRestricted.doc, 'n1', 'RESTRICTED-SECRET child welfare note', author('leader', { sub: u.leader.id, name: u.leader.name }));
  // A comment of the father's, for the mother to try to edit below.
  const father = provider(server, SHARED, jwt({ ...claimsFor('parent'), sub: u.father.id, name: u.father.name }));
  await synced(father);
  addComment(father.doc, 'c-father', 'written by the father', author('parent', { sub: u.father.id, name: u.father.name }));
  await waitFor(() => commentText(leader.doc, 'c-father') === 'written by the father', "the father's comment relayed");
  father.destroy();
  // Everything the leader wrote is stored once a fresh reader of each document holds it all.
  for (const [room, doc] of [[SHARED, leader.doc], [RESTRICTED, leaderRestricted.doc]] as const) {
    const reader = provider(server, room, tok(room));
    await synced(reader);
    await waitFor(() => Buffer.from(Y.encodeStateVector(reader.doc)).equals(Buffer.from(Y.encodeStateVector(doc))), `${room} stored`);
    reader.destroy();
  }
});

afterAll(async () => {
  leader?.destroy();
  leaderRestricted?.destroy();
  await server?.close();
  cleanup?.();
  console.log(tally.line());
});

/** A connection that must be refused at connect: the close code and reason, and not one frame. */
async function refusedAtConnect(room: string, token: string | undefined, expected: { code: number; reason: string }): Promise<void> {
  const before = await storedRows();
  // A well-formed comment: only the refusal at connect keeps it out.
  const forged = updateFrom(new Y.Doc(), (d) => d.getMap('comments').set('c-forged', commentEntity('c-forged', 'forged', author('leader', { sub: 'leader-x' }))));
  const { closed, messages } = await probe(server.url, room, token, [syncStep1(), syncUpdate(forged)], 1000);
  const ok = closed?.code === expected.code && closed.reason === expected.reason && messages.length === 0 && (await storedRows()) === before;
  tally.record(ok);
  expect(closed).toEqual(expected);
  expect(messages.map(kindOf), 'frames sent to a refused connection').toEqual([]);
  expect(await storedRows()).toBe(before);
}

describe('refused at connect, before any frame is sent', () => {
  it('no token', () => refusedAtConnect(SHARED, undefined, { code: 4401, reason: 'token-missing' }));
  it('not a JWT', () => refusedAtConnect(SHARED, 'not-a-token', { code: 4401, reason: 'token-malformed' }));
  it('a header that is not JSON', () => refusedAtConnect(SHARED, `${b64('{{{')}.${b64(claimsFor('leader'))}.x`, { code: 4401, reason: 'token-malformed' }));
  it('wrong signature (another secret)', () => refusedAtConnect(SHARED, jwt(claimsFor('leader'), { secret: 'not-the-secret-0123456789abcdefghij' }), { code: 4401, reason: 'token-signature' }));
  it('alg: none', () => refusedAtConnect(SHARED, jwt(claimsFor('leader'), { alg: 'none' }), { code: 4401, reason: 'token-algorithm' }));
  it('an algorithm no key uses (HS512 with the right secret)', () => refusedAtConnect(SHARED, jwt(claimsFor('leader'), { alg: 'HS512' }), { code: 4401, reason: 'token-algorithm' }));
  it('expired', () => refusedAtConnect(SHARED, jwt(claimsFor('leader', { exp: now() - 60 })), { code: 4401, reason: 'token-expired' }));
  it('not yet valid (nbf in the future)', () => refusedAtConnect(SHARED, jwt(claimsFor('leader', { nbf: now() + 3600 })), { code: 4401, reason: 'token-claims' }));
  it('no exp', () => refusedAtConnect(SHARED, jwt({ ...claimsFor('leader'), exp: undefined }), { code: 4401, reason: 'token-claims' }));
  it('an unknown role', () => refusedAtConnect(SHARED, jwt(claimsFor('superuser')), { code: 4401, reason: 'token-claims' }));
  it('role claim tampered (observer → leader, signature kept)', () => refusedAtConnect(SHARED, tampered(jwt(claimsFor('observer')), { role: 'leader' }), { code: 4401, reason: 'token-signature' }));
  it('case claim tampered (other case → this case, signature kept)', () => refusedAtConnect(SHARED, tampered(jwt(claimsFor('leader', { case: 'other' })), { case: CASE }), { code: 4401, reason: 'token-signature' }));
  it('a token for another case', () => refusedAtConnect(SHARED, jwt(claimsFor('leader', { case: ['other', 'third'] })), { code: 4403, reason: 'case-not-in-token' }));
  it('a parent opening the restricted document', () => refusedAtConnect(RESTRICTED, jwt({ ...claimsFor('parent'), sub: u.mother.id }), { code: 4403, reason: 'scope-not-allowed' }));
  it('a child opening the restricted document', () => refusedAtConnect(RESTRICTED, jwt(claimsFor('child')), { code: 4403, reason: 'scope-not-allowed' }));
  it('an observer opening the restricted document', () => refusedAtConnect(RESTRICTED, jwt(claimsFor('observer')), { code: 4403, reason: 'scope-not-allowed' }));
  it('a path that climbs out of the case', () => refusedAtConnect(`case/${CASE}/../other`, jwt(claimsFor('leader')), { code: 4400, reason: 'bad-document-name' }));
});

/**
 * A hand-made client that may read the shared document: it asks for the document, builds
 * the forbidden change on a replica of what it got, and sends it. The change must be
 * refused, stored nowhere, relayed to no one, and the client must have received nothing
 * from the restricted document.
 */
async function refusedWrite(role: 'parent' | 'child' | 'observer', sub: string, edit: (replica: Y.Doc) => void, reason: string, step2 = false): Promise<void> {
  const c = rawClient(server.url, SHARED, jwt({ ...claimsFor(role), sub }));
  await c.opened;
  c.send(syncStep1());
  await waitFor(() => c.messages.some((m) => kindOf(m) === 'sync-step2'), 'the shared document sent');
  const replica = new Y.Doc();
  applyReceived(replica, c.messages);
  const before = await storedRows();
  const leaderBefore = JSON.stringify(leader.doc.toJSON());
  c.send(syncUpdate(updateFrom(replica, edit), step2));
  const closed = await Promise.race([c.closed, sleep(5000).then(() => null)]);
  await sleep(100);
  const leaked = c.messages.some((m) => Buffer.from(m).includes(Buffer.from('RESTRICTED-SECRET')));
  const ok = closed?.code === 4422 && closed.reason === `update-rejected:${reason}` && (await storedRows()) === before && JSON.stringify(leader.doc.toJSON()) === leaderBefore && !leaked;
  tally.record(ok);
  expect(closed).toEqual({ code: 4422, reason: `update-rejected:${reason}` });
  expect(await storedRows()).toBe(before);
  expect(JSON.stringify(leader.doc.toJSON()), 'a refused change reached another client').toBe(leaderBefore);
  expect(leaked).toBe(false);
  if (c.ws.readyState !== c.ws.CLOSED) c.ws.terminate();
}

const firstKey = (doc: Y.Doc, root: string) => [...doc.getMap(root).keys()][0]!;
/** The author a `claimsFor(role)` token with this `sub` names (its name is `Test <role>`). */
const as = (role: 'parent' | 'child' | 'observer', sub: string) => author(role, { sub });
const stampOf = (id: string, sub: string) => {
  const at = new Date().toISOString();
  return { id, createdAt: at, createdBy: sub, updatedAt: at, updatedBy: sub };
};
/** A decision as the model writes it (its text a Y.Text), in `sub`'s name: only the role can make it forbidden. */
const decisionEntity = (id: string, sub: string) =>
  new Y.Map<unknown>([...Object.entries({ ...stampOf(id, sub), meetingId: 'm-forged' }), ['text', new Y.Text('forged')]]);
/** A child-owned action in `sub`'s name, valid in every field (its success criterion a Y.Text). */
const actionEntity = (id: string, sub: string) =>
  new Y.Map<unknown>([...Object.entries({ ...stampOf(id, sub), title: 'x', owner: { kind: 'child' }, schedule: { kind: 'ongoing' }, evaluationDate: '2027-01-01' }), ['successCriterion', new Y.Text('')]]);

describe('refused writes through a hand-made y-protocols client', () => {
  it('an observer writing anything', () => refusedWrite('observer', 'obs-1', (d) => d.getMap('comments').set('c-obs', commentEntity('c-obs', 'hi', as('observer', 'obs-1'))), 'read-only'));
  it('a parent changing the case record', () => refusedWrite('parent', u.mother.id, (d) => d.getMap('case').set('municipality', 'Forged'), 'forbidden:case'));
  it('a parent writing a best-interest assessment', () => refusedWrite('parent', u.mother.id, (d) => {
    const a = d.getMap('assessments').get(firstKey(d, 'assessments')) as Y.Map<unknown>;
    ((a.get('content') as Y.Map<unknown>).get('conclusion') as Y.Text).insert(0, 'forged by a parent');
  }, 'forbidden:assessments'));
  it('a parent adding a decision', () => refusedWrite('parent', u.mother.id, (d) => d.getMap('decisions').set('d-forged', decisionEntity('d-forged', u.mother.id)), 'forbidden:decisions'));
  it("a parent editing another person's comment", () => refusedWrite('parent', u.mother.id, (d) => editComment(d, 'c-father', 'in his name', as('parent', u.mother.id)), 'forbidden:comments'));
  it("a parent rewriting an action's title", () => refusedWrite('parent', u.mother.id, (d) => {
    (d.getMap('actions').get(firstKey(d, 'actions')) as Y.Map<unknown>).set('title', 'forged');
  }, 'forbidden:actions'));
  it('a parent writing to a part that does not exist', () => refusedWrite('parent', u.mother.id, (d) => d.getMap('admin').set('owner', u.mother.id), 'unknown-part'));
  // `notes` is a part of the restricted document only: in the shared one it does not exist.
  it('a parent writing restricted notes into the shared document', () => refusedWrite('parent', u.mother.id, (d) => d.getMap('notes').set('n-forged', noteEntity('n-forged', 'a note', as('parent', u.mother.id))), 'unknown-part'));
  it('a sync step 2 mixing an allowed and a forbidden change is refused whole', () => refusedWrite('parent', u.mother.id, (d) => {
    d.getMap('comments').set('c-mine', commentEntity('c-mine', 'allowed on its own', as('parent', u.mother.id)));
    d.getMap('case').set('municipality', 'Forged');
  }, 'forbidden:case', true));
  it('a child writing an action', () => refusedWrite('child', u.child.id, (d) => d.getMap('actions').set('a-forged', actionEntity('a-forged', u.child.id)), 'forbidden:actions'));
});

describe('refused later', () => {
  it('a token that runs out while connected is cut off (4401 token-expired)', async () => {
    const c = rawClient(server.url, SHARED, jwt(claimsFor('leader', { sub: 'short', exp: now() + 2 })));
    await c.opened;
    const closed = await Promise.race([c.closed, sleep(5000).then(() => null)]);
    tally.record(closed?.code === 4401 && closed.reason === 'token-expired');
    expect(closed).toEqual({ code: 4401, reason: 'token-expired' });
  });

  it('consent withdrawn: the live connection is closed and a replay of the same token gets nothing (4403 consent-missing)', async () => {
    const pptToken = jwt({ ...claimsFor('professional'), sub: u.ppt.id, name: u.ppt.name, service: 'ppt' });
    const live = rawClient(server.url, SHARED, pptToken);
    await live.opened;
    live.send(syncStep1());
    await waitFor(() => live.messages.some((m) => kindOf(m) === 'sync-step2'), 'PPT admitted while consent covers PPT');
    const consentId = model.snapshot().consents[0]!.id;
    model.consents.withdraw(consentId, ['ppt'], 'Foreldrene ønsker ikke PPT med nå');
    const closed = await Promise.race([live.closed, sleep(5000).then(() => null)]);
    tally.record(closed?.code === 4403 && closed.reason === 'consent-missing');
    expect(closed).toEqual({ code: 4403, reason: 'consent-missing' });

    // The replay: the same, still unexpired token, on both documents of the case.
    for (const room of [SHARED, RESTRICTED]) {
      const before = await storedRows();
      const write = room === SHARED
        ? updateFrom(new Y.Doc(), (d) => d.getMap('comments').set('c-ppt', commentEntity('c-ppt', 'after withdrawal', author('professional', { sub: u.ppt.id, name: u.ppt.name }))))
        : updateFrom(new Y.Doc(), (d) => d.getMap('notes').set('n-ppt', noteEntity('n-ppt', 'after withdrawal', author('professional', { sub: u.ppt.id, name: u.ppt.name }))));
      const replay = await probe(server.url, room, pptToken, [syncStep1(), syncUpdate(write)], 1000);
      const { contentBytes } = describeReceived(replay.messages);
      const ok = replay.closed?.code === 4403 && replay.closed.reason === 'consent-missing' && replay.messages.length === 0 && contentBytes === 0 && (await storedRows()) === before;
      tally.record(ok);
      expect(replay.closed).toEqual({ code: 4403, reason: 'consent-missing' });
      expect(replay.messages.map(kindOf)).toEqual([]);
      expect(await storedRows()).toBe(before);
    }
  });
});

describe('what is allowed still works (so the refusals above mean something)', () => {
  it('a parent writing their own comment is accepted and stored', async () => {
    const parent = provider(server, SHARED, jwt({ ...claimsFor('parent'), sub: u.mother.id, name: u.mother.name }));
    await synced(parent);
    const before = await storedRows();
    addComment(parent.doc, 'c-allowed', 'allowed', author('parent', { sub: u.mother.id, name: u.mother.name }));
    await waitFor(() => commentText(leader.doc, 'c-allowed') === 'allowed', 'relayed to the leader');
    expect(await storedRows()).toBeGreaterThan(before);
    parent.destroy();
  });
});
