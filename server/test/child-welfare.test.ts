/**
 * Reports to child welfare against the real server, with hand-made clients: a professional
 * records a report; under the safety exception it lives in the restricted document, which
 * parents and the child never receive; otherwise in the shared one, where the family reads
 * it. The server refuses a report from a parent, a child or an observer, a report in the
 * shared document that claims the safety exception, and any change to a sent report other
 * than adding the child-welfare service's answer once.
 */
import { EXAMPLE_USERS, MeetingModel, seedExampleCase } from '@samrad/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../src/index.js';
import { connectRawReplica, exampleToken, provider, rawClient, start, synced, syncUpdateMessage, tempDb, token, updateFrom, waitFor, type RawClient } from './helpers.js';

const CASE = 'cw1';
const u = EXAMPLE_USERS;
const GROUNDS = 'Emma har fortalt kontaktlæreren om slag hjemme.';
const AT = '2026-11-20T10:00:00.000Z';

let server: RunningServer;
let cleanup: () => void;
let leaderShared: Y.Doc;
let leaderRestricted: Y.Doc;
const stops: Array<() => void> = [];

beforeAll(async () => {
  const t = tempDb();
  cleanup = t.cleanup;
  server = await start({ db: t.db });
  const shared = provider(server, `case/${CASE}`, await exampleToken('leader', CASE));
  const restricted = provider(server, `case/${CASE}/restricted`, await exampleToken('leader', CASE));
  stops.push(() => shared.destroy(), () => restricted.destroy());
  await Promise.all([synced(shared), synced(restricted)]);
  leaderShared = shared.doc;
  leaderRestricted = restricted.doc;
  const before = server.metrics.updatesIn;
  let sent = 0;
  const count = () => { sent += 1; };
  leaderShared.on('update', count);
  leaderRestricted.on('update', count);
  seedExampleCase(new MeetingModel(leaderShared, { ...u.leader }, { restricted: leaderRestricted }), new Date('2026-11-20T09:00:00Z'));
  leaderShared.off('update', count);
  leaderRestricted.off('update', count);
  // All of the seed stored before anyone else connects: the consent gate decides on what is stored.
  await waitFor(() => server.metrics.updatesIn >= before + sent, 'seed stored');
});

afterAll(async () => {
  for (const stop of stops) stop();
  await server.close();
  cleanup();
});

type Who = keyof typeof EXAMPLE_USERS | 'observer';
async function connect(who: Who, scope: 'shared' | 'restricted' = 'shared'): Promise<RawClient & { replica: Y.Doc }> {
  const tok = who === 'observer' ? await token({ role: 'observer', sub: 'obs', name: 'Observatør', case: CASE }) : await exampleToken(who, CASE);
  const c = await connectRawReplica(server.url, scope === 'shared' ? `case/${CASE}` : `case/${CASE}/restricted`, tok);
  stops.push(() => c.ws.close());
  return c;
}

/** Runs a command as `who` on raw replicas of both documents and sends what it changed, each to its own connection. */
function sendCommand(who: keyof typeof EXAMPLE_USERS, shared: RawClient & { replica: Y.Doc }, restricted: RawClient & { replica: Y.Doc }, fn: (m: MeetingModel) => void): void {
  const [s1, s2] = [Y.encodeStateVector(shared.replica), Y.encodeStateVector(restricted.replica)];
  fn(new MeetingModel(shared.replica, { ...u[who] }, { restricted: restricted.replica }));
  const [a, b] = [Y.encodeStateAsUpdate(shared.replica, s1), Y.encodeStateAsUpdate(restricted.replica, s2)];
  if (Y.decodeUpdate(a).structs.length) shared.send(syncUpdateMessage(a));
  if (Y.decodeUpdate(b).structs.length) restricted.send(syncUpdateMessage(b));
}

/** A report entity as a hand-made client would write it. */
function reportMap(id: string, by: { id: string; name: string }, fields: Record<string, unknown> = {}): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  const all = { id, createdAt: AT, createdBy: by.id, updatedAt: AT, updatedBy: by.id, sentAt: AT, senderName: by.name, grounds: GROUNDS, homeToldBeforehand: true, safetyException: false, ...fields };
  for (const [k, v] of Object.entries(all)) m.set(k, v);
  return m;
}

async function refused(c: RawClient, update: Uint8Array): Promise<{ code: number; reason: string }> {
  c.send(syncUpdateMessage(update));
  return c.closed;
}

let sharedReportId: string;
let restrictedReportId: string;

describe('reports to child welfare', () => {
  it('a professional sends one of each: the safety exception to the restricted document, the other to the shared one', async () => {
    const shared = await connect('teacher');
    const restricted = await connect('teacher', 'restricted');
    sendCommand('teacher', shared, restricted, (m) => {
      sharedReportId = m.welfareReports.send({ grounds: 'Vedvarende høyt fravær og bekymring for omsorgen.', homeToldBeforehand: true });
      restrictedReportId = m.welfareReports.send({ grounds: GROUNDS, homeToldBeforehand: false, safetyException: true });
    });
    await waitFor(() => leaderShared.getMap('welfareReports').has(sharedReportId), 'shared report relayed');
    await waitFor(() => leaderRestricted.getMap('restrictedWelfareReports').has(restrictedReportId), 'restricted report relayed');
    const leader = new MeetingModel(leaderShared, { ...u.leader }, { restricted: leaderRestricted });
    expect(leader.snapshot().welfareReports.map((r) => r.senderName)).toEqual([u.teacher.name]);
    expect(leader.snapshot().restrictedWelfareReports.map((r) => r.safetyException)).toEqual([true]);
  });

  it('the family reads the shared report and never receives the one under the safety exception', async () => {
    const mother = await connect('mother');
    expect((mother.replica.getMap('welfareReports').get(sharedReportId) as Y.Map<unknown>).get('homeToldBeforehand')).toBe(true);
    expect(JSON.stringify(mother.replica.toJSON())).not.toContain('slag hjemme');
    const tok = await exampleToken('mother', CASE);
    const r = rawClient(server.url, `case/${CASE}/restricted`, tok);
    expect(await r.closed).toEqual({ code: 4403, reason: 'scope-not-allowed' });
    expect(r.messages).toHaveLength(0);
  });

  for (const who of ['mother', 'child'] as const) {
    it(`a ${who} creating one is refused`, async () => {
      const c = await connect(who);
      const person = u[who];
      const closed = await refused(c, updateFrom(c.replica, (r) => r.getMap('welfareReports').set(`by-${who}`, reportMap(`by-${who}`, person))));
      expect(closed).toEqual({ code: 4422, reason: 'update-rejected:forbidden:welfareReports' });
      expect(leaderShared.getMap('welfareReports').has(`by-${who}`)).toBe(false);
    });
  }

  it('an observer creating one is refused', async () => {
    const c = await connect('observer');
    const closed = await refused(c, updateFrom(c.replica, (r) => r.getMap('welfareReports').set('by-obs', reportMap('by-obs', { id: 'obs', name: 'Observatør' }))));
    expect(closed).toEqual({ code: 4422, reason: 'update-rejected:read-only' });
  });

  it('a report in the shared document that claims the safety exception is refused', async () => {
    const c = await connect('teacher');
    const closed = await refused(c, updateFrom(c.replica, (r) => r.getMap('welfareReports').set('claims', reportMap('claims', u.teacher, { safetyException: true, homeToldBeforehand: false }))));
    expect(closed).toEqual({ code: 4422, reason: 'update-rejected:invalid:welfareReports' });
    expect(leaderShared.getMap('welfareReports').has('claims')).toBe(false);
  });

  it('a sent report cannot be edited, lifted out of the safety exception or removed, in either document', async () => {
    const attempts: Array<{ scope: 'shared' | 'restricted'; root: string; id: () => string; edit: (e: Y.Map<unknown>, root: Y.Map<unknown>) => void; reason: string }> = [
      { scope: 'shared', root: 'welfareReports', id: () => sharedReportId, edit: (e) => e.set('grounds', 'Skrevet om i ettertid'), reason: 'sent:welfareReports' },
      { scope: 'shared', root: 'welfareReports', id: () => sharedReportId, edit: (e) => e.set('sentAt', '2026-12-01T10:00:00.000Z'), reason: 'sent:welfareReports' },
      { scope: 'shared', root: 'welfareReports', id: () => sharedReportId, edit: (_e, root) => root.delete(sharedReportId), reason: 'sent:welfareReports' },
      { scope: 'restricted', root: 'restrictedWelfareReports', id: () => restrictedReportId, edit: (e) => e.set('grounds', 'Skrevet om i ettertid'), reason: 'sent:restrictedWelfareReports' },
      { scope: 'restricted', root: 'restrictedWelfareReports', id: () => restrictedReportId, edit: (_e, root) => root.delete(restrictedReportId), reason: 'sent:restrictedWelfareReports' },
    ];
    for (const a of attempts) {
      const c = await connect('leader', a.scope);
      const closed = await refused(c, updateFrom(c.replica, (r) => {
        const root = r.getMap(a.root);
        const e = root.get(a.id()) as Y.Map<unknown>;
        a.edit(e, root);
        if (root.has(a.id())) e.set('updatedBy', u.leader.id);
      }));
      expect(closed, `${a.root} ${a.reason}`).toEqual({ code: 4422, reason: `update-rejected:${a.reason}` });
    }
    expect((leaderShared.getMap('welfareReports').get(sharedReportId) as Y.Map<unknown>).get('grounds')).toBe('Vedvarende høyt fravær og bekymring for omsorgen.');
    expect(leaderRestricted.getMap('restrictedWelfareReports').has(restrictedReportId)).toBe(true);
  });

  it('the child-welfare service answer is added once; a second answer is refused', async () => {
    const shared = await connect('leader');
    const restricted = await connect('leader', 'restricted');
    sendCommand('leader', shared, restricted, (m) => m.welfareReports.answer(restrictedReportId, { answeredOn: '2026-11-27', answer: 'Meldingen er tatt til undersøkelse.' }));
    await waitFor(() => (leaderRestricted.getMap('restrictedWelfareReports').get(restrictedReportId) as Y.Map<unknown>).get('answeredOn') === '2026-11-27', 'answer relayed');
    const again = await connect('leader', 'restricted');
    const closed = await refused(again, updateFrom(again.replica, (r) => {
      const e = r.getMap('restrictedWelfareReports').get(restrictedReportId) as Y.Map<unknown>;
      e.set('answer', 'Henlagt');
    }));
    expect(closed).toEqual({ code: 4422, reason: 'update-rejected:sent:restrictedWelfareReports' });
  });
});
