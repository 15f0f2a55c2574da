/**
 * The write rules on the Yjs structure, tried with hand-made clients against the real
 * server: forged keys (`__proto__`), replaced append-only lists, list content in maps,
 * updates that wait on state the server does not have, misattributed entries, oversized
 * text. Each is refused with 4422 and its reason, is not relayed, is not stored (checked
 * after a restart), and the other clients keep working.
 */
import { existsSync, readFileSync } from 'node:fs';
import { EXAMPLE_USERS, MeetingModel, SHARED_ROOTS, seedExampleCase, type ExampleCaseIds } from '@samrad/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../src/index.js';
import { connectRawReplica, exampleToken, kindOf, provider, start, synced, syncUpdateMessage, tempDb, updateFrom, waitFor } from './helpers.js';

const CASE = 'wr1';
const MARK = 'FORGED-BY-A-HAND-MADE-CLIENT';
const u = EXAMPLE_USERS;
type Who = keyof typeof EXAMPLE_USERS;
const tokenFor = (who: Who) => exampleToken(who, CASE);

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
  const leader = new MeetingModel(leaderDoc, { ...u.leader });
  ids = seedExampleCase(leader, new Date('2026-11-20T09:00:00Z'));
  leader.case.raiseConcern('2026-11-01T09:00:00.000Z', 'Mye fravær');
  await waitFor(() => server.metrics.updatesIn >= 1, 'seed stored');
  // The server locks the earlier meeting's minutes itself; let that arrive before the attacks start.
  await waitFor(() => ((leaderDoc.getMap('meetings').get(ids.earlierMeetingId) as Y.Map<unknown>).get('minutes') as Y.Array<unknown>).length === 1, 'locked minutes');
  stopLeader = () => p.destroy();
});

afterAll(async () => {
  stopLeader();
  await server.close();
  cleanup();
});

async function connectRaw(who: Who) {
  return connectRawReplica(server.url, `case/${CASE}`, await tokenFor(who));
}

const entity = (doc: Y.Doc, root: string, id: string) => doc.getMap(root).get(id) as Y.Map<unknown>;
/** A Y.Map entity holding `fields`, ready to be set under a root. */
const mapOf = (fields: Record<string, unknown>) => {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) m.set(k, v);
  return m;
};
const stamp = (by: string, id: string) => ({ id, createdAt: '2026-11-20T10:00:00.000Z', createdBy: by, updatedAt: '2026-11-20T10:00:00.000Z', updatedBy: by });
/** A Y.Map whose only key is `__proto__` (an object literal cannot say that: it would set the prototype). */
const protoMap = (value: unknown) => {
  const m = new Y.Map<unknown>();
  m.set('__proto__', value);
  return m;
};
/** Inserts list content straight into a map, as a hand-made client can (the stock API never does). */
const insertAsList = (map: Y.Map<unknown>, values: unknown[]) => (Y.Array.prototype.insert as (this: unknown, i: number, c: unknown[]) => void).call(map, 0, values);

const attacks: Array<{ name: string; who: Who; reason: string; edit: (r: Y.Doc) => void }> = [
  {
    name: 'a parent forges a decision through a map whose only key is __proto__',
    who: 'mother', reason: 'unknown-field:decisions',
    edit: (r) => r.getMap('decisions').set('forged', protoMap({ ...stamp(u.mother.id, 'forged'), meetingId: ids.meetingId, text: MARK })),
  },
  {
    name: 'a parent adds a participant with the role leader through __proto__',
    who: 'mother', reason: 'unknown-field:participants',
    edit: (r) => r.getMap('participants').set('forged', protoMap({ ...stamp(u.mother.id, 'forged'), name: MARK, role: 'leader', userId: u.mother.id })),
  },
  {
    name: 'a parent writes an assessment through __proto__',
    who: 'father', reason: 'unknown-field:assessments',
    edit: (r) => entity(r, 'assessments', ids.assessmentId).set('__proto__', { content: { conclusion: MARK } }),
  },
  {
    name: 'the child forges a consent for NAV through __proto__',
    who: 'child', reason: 'unknown-field:consents',
    edit: (r) => r.getMap('consents').set('forged', protoMap({ ...stamp(u.child.id, 'forged'), givenBy: [{ name: MARK, relation: 'young-person' }], services: ['nav'], scope: 'alt', purpose: 'alt', validFrom: '2026-01-01' })),
  },
  {
    name: 'a parent hides a prototype inside a plain value',
    who: 'mother', reason: 'bad-value:participants',
    edit: (r) => entity(r, 'participants', ids.participants.mother).set('interpreterLanguage', JSON.parse(`{"__proto__": {"role": "leader"}, "x": "${MARK}"}`) as unknown),
  },
  {
    name: 'a parent replaces the evaluations of their own action with a plain array',
    who: 'mother', reason: 'bad-shape:actions.evaluations',
    edit: (r) => entity(r, 'actions', ids.actionIds[3]!).set('evaluations', [{ id: 'e', at: '2026-11-20T10:00:00.000Z', by: u.mother.id, effect: 'achieved', decision: 'close', evidence: MARK }]),
  },
  {
    name: 'a professional replaces an assessment\'s history with a new list',
    who: 'teacher', reason: 'append-only:assessments.history',
    edit: (r) => entity(r, 'assessments', ids.assessmentId).set('history', new Y.Array()),
  },
  {
    name: 'a parent puts list content into a root map',
    who: 'mother', reason: 'not-a-list:comments',
    edit: (r) => insertAsList(r.getMap('comments'), [MARK]),
  },
  {
    name: 'a professional puts list content into the finalised meeting',
    who: 'teacher', reason: 'not-a-list:meetings',
    edit: (r) => insertAsList(entity(r, 'meetings', ids.earlierMeetingId), [MARK]),
  },
  {
    name: 'a parent writes a dissent in the meeting leader\'s name',
    who: 'mother', reason: 'attribution:comments',
    edit: (r) => r.getMap('comments').set('forged', mapOf({ ...stamp(u.mother.id, 'forged'), target: { type: 'meeting', id: ids.meetingId }, kind: 'dissent', text: MARK, authorName: u.leader.name, authorRole: 'parent' })),
  },
  {
    name: 'a parent writes a comment as the leader\'s role',
    who: 'mother', reason: 'attribution:comments',
    edit: (r) => r.getMap('comments').set('forged', mapOf({ ...stamp(u.mother.id, 'forged'), target: { type: 'meeting', id: ids.meetingId }, kind: 'dissent', text: MARK, authorName: u.mother.name, authorRole: 'leader' })),
  },
  {
    name: 'a parent creates an action that arrives done, evaluated by a professional',
    who: 'mother', reason: 'attribution:actions',
    edit: (r) => {
      const m = mapOf({ ...stamp(u.mother.id, 'forged'), title: MARK, owner: { kind: 'parent' }, schedule: { kind: 'ongoing' }, evaluationDate: '2026-12-24', status: 'done' });
      m.set('evaluations', Y.Array.from([{ id: 'e1', at: '2026-11-20T10:00:00.000Z', by: u.teacher.id, byName: u.teacher.name, effect: 'achieved', decision: 'close' }]));
      r.getMap('actions').set('forged', m);
    },
  },
  {
    name: 'a parent creates an action that arrives done',
    who: 'mother', reason: 'forbidden:actions',
    edit: (r) => {
      const m = mapOf({ ...stamp(u.mother.id, 'forged'), title: MARK, owner: { kind: 'parent' }, schedule: { kind: 'ongoing' }, evaluationDate: '2026-12-24', status: 'done' });
      m.set('evaluations', new Y.Array());
      r.getMap('actions').set('forged', m);
    },
  },
  {
    name: 'a parent signs a comment as someone else',
    who: 'mother', reason: 'attribution:comments',
    edit: (r) => r.getMap('comments').set('forged', mapOf({ ...stamp(u.father.id, 'forged'), target: { type: 'case', id: 'case' }, kind: 'comment', text: MARK, authorName: u.mother.name, authorRole: 'parent' })),
  },
  {
    name: 'a professional changes who wrote an action',
    who: 'teacher', reason: 'attribution:actions',
    edit: (r) => entity(r, 'actions', ids.actionIds[0]!).set('createdBy', MARK),
  },
  {
    name: 'a professional stamps an edit with someone else\'s id',
    who: 'teacher', reason: 'attribution:actions',
    edit: (r) => entity(r, 'actions', ids.actionIds[0]!).set('updatedBy', u.ppt.id),
  },
  {
    name: 'a professional changes the title of the finalised meeting',
    who: 'teacher', reason: 'finalised',
    edit: (r) => entity(r, 'meetings', ids.earlierMeetingId).set('title', MARK),
  },
  {
    name: 'a professional locks the minutes (the leader does)',
    who: 'teacher', reason: 'forbidden:meetings',
    edit: (r) => {
      const m = entity(r, 'meetings', ids.meetingId);
      m.set('state', 'finalised');
      m.set('finalisedAt', '2026-11-20T12:00:00.000Z');
      m.set('finalisedBy', u.teacher.id);
      m.set('finalisedByName', u.teacher.name);
    },
  },
  {
    name: 'a professional appends a forged version to a meeting\'s locked minutes',
    who: 'teacher', reason: 'server-only:meetings.minutes',
    edit: (r) => (entity(r, 'meetings', ids.meetingId).get('minutes') as Y.Array<unknown>).push([{ version: 9, content: MARK }]),
  },
  {
    name: 'a professional reopens finalised minutes (a correction is the leader\'s)',
    who: 'teacher', reason: 'finalised',
    edit: (r) => {
      const m = entity(r, 'meetings', ids.earlierMeetingId);
      m.set('state', 'correcting');
      m.set('correction', { reason: MARK, at: '2026-11-20T12:00:00.000Z', by: u.teacher.id, byName: u.teacher.name });
    },
  },
  {
    name: 'the leader locks minutes with neither a decision nor a reason for none',
    who: 'leader', reason: 'no-decision:meetings',
    edit: (r) => {
      const meetingId = 'bare';
      const m = mapOf({ ...stamp(u.leader.id, meetingId), templateId: 'standard', date: '2026-11-20T09:00:00.000Z', state: 'finalised', finalisedAt: '2026-11-20T12:00:00.000Z', finalisedBy: u.leader.id, finalisedByName: u.leader.name });
      m.set('purpose', new Y.Text('Oppfølging'));
      m.set('minutes', new Y.Array());
      r.getMap('meetings').set(meetingId, m);
    },
  },
  {
    name: 'a professional replaces the agenda notes (shared text) with a plain string',
    who: 'ppt', reason: 'bad-shape:agenda.notes',
    edit: (r) => {
      const item = [...r.getMap<Y.Map<unknown>>('agenda').values()].find((a) => a.get('meetingId') === ids.meetingId)!;
      item.set('notes', MARK);
    },
  },
  {
    name: 'a parent types into the agenda notes',
    who: 'mother', reason: 'forbidden:agenda',
    edit: (r) => {
      const item = [...r.getMap<Y.Map<unknown>>('agenda').values()].find((a) => a.get('meetingId') === ids.meetingId)!;
      (item.get('notes') as Y.Text).insert(0, MARK);
    },
  },
  {
    name: 'a parent types into the assessment\'s conclusion',
    who: 'mother', reason: 'forbidden:assessments',
    edit: (r) => ((entity(r, 'assessments', ids.assessmentId).get('content') as Y.Map<unknown>).get('conclusion') as Y.Text).insert(0, MARK),
  },
  {
    name: 'a professional replaces the assessment\'s content (a map of parts) with a plain value',
    who: 'ppt', reason: 'bad-shape:assessments.content',
    edit: (r) => entity(r, 'assessments', ids.assessmentId).set('content', { conclusion: MARK }),
  },
  {
    name: 'a professional replaces the assessment\'s content with a new map, dropping what others type',
    who: 'ppt', reason: 'replaces-parts:assessments.content',
    edit: (r) => entity(r, 'assessments', ids.assessmentId).set('content', new Y.Map()),
  },
  {
    name: 'a professional writes over an earlier concern',
    who: 'teacher', reason: 'history:concerns',
    edit: (r) => {
      const concern = [...r.getMap<Y.Map<unknown>>('concerns').values()][0]!;
      concern.set('note', MARK);
    },
  },
  {
    name: 'a parent writes a feedback answer into the document (answers go to POST /feedback, outside every document)',
    who: 'mother', reason: 'server-only:feedback',
    edit: (r) => r.getMap('feedback').set('second', mapOf({ ...stamp(u.mother.id, 'second'), meetingId: ids.meetingId, respondentRole: 'parent', feltHeard: 5, knowsWhoToContact: true, useful: 5, comment: MARK })),
  },
  {
    name: 'the leader writes a feedback answer into the document',
    who: 'leader', reason: 'server-only:feedback',
    edit: (r) => r.getMap('feedback').set('forged', mapOf({ ...stamp(u.leader.id, 'forged'), meetingId: ids.meetingId, respondentRole: 'parent', feltHeard: 1, knowsWhoToContact: false, useful: 1, comment: MARK })),
  },
  {
    name: 'a professional closes an action nobody has evaluated',
    who: 'teacher', reason: 'evaluation-required:actions',
    edit: (r) => {
      const id = new MeetingModel(r, { ...u.teacher }).actions.add({ title: 'Leksehjelp', owner: { kind: 'service', service: 'skole' }, schedule: { kind: 'ongoing' }, evaluationDate: '2026-12-24' });
      entity(r, 'actions', id).set('status', 'done');
    },
  },
  {
    name: 'a professional escalates an action without saying what was tried before',
    who: 'teacher', reason: 'tried-before-required:actions',
    edit: (r) => (entity(r, 'actions', ids.actionIds[0]!).get('evaluations') as Y.Array<unknown>).push([{ id: 'ev-forged', at: '2026-11-20T10:00:00.000Z', by: u.teacher.id, byName: u.teacher.name, effect: 'not', evidence: '', decision: 'escalate', progress: '' }]),
  },
  {
    name: 'a leader moves the case up past the first level without saying what was tried before',
    who: 'leader', reason: 'tried-before-required:levelChanges',
    edit: (r) => r.getMap('levelChanges').set('lc-forged', mapOf({ ...stamp(u.leader.id, 'lc-forged'), from: 'bti-2', to: 'bti-3', reason: MARK })),
  },
  {
    name: 'a professional writes an unknown field',
    who: 'ppt', reason: 'unknown-field:actions',
    edit: (r) => entity(r, 'actions', ids.actionIds[0]!).set('secretNote', MARK),
  },
  {
    name: 'a professional writes an entity that fails its schema',
    who: 'ppt', reason: 'invalid:actions',
    edit: (r) => entity(r, 'actions', ids.actionIds[0]!).set('status', MARK),
  },
  {
    name: 'a parent sends a 3.5 MB comment (the schema allows 20,000 characters)',
    who: 'father', reason: 'invalid:comments',
    edit: (r) => r.getMap('comments').set('big', mapOf({ ...stamp(u.father.id, 'big'), target: { type: 'case', id: 'case' }, kind: 'comment', text: MARK + 'x'.repeat(3_500_000), authorName: u.father.name, authorRole: 'parent' })),
  },
  {
    name: 'a parent turns off the other parent\'s notices',
    who: 'mother', reason: 'forbidden:participants',
    edit: (r) => entity(r, 'participants', ids.participants.father).set('notices', { kinds: [] }),
  },
  {
    name: 'a parent writes a notice kind that does not exist into their own preferences',
    who: 'mother', reason: 'invalid:participants',
    edit: (r) => entity(r, 'participants', ids.participants.mother).set('notices', { kinds: [MARK] }),
  },
  {
    name: 'a parent changes their own role along with their notice preferences',
    who: 'mother', reason: 'forbidden:participants',
    edit: (r) => {
      entity(r, 'participants', ids.participants.mother).set('notices', { kinds: [] });
      entity(r, 'participants', ids.participants.mother).set('role', 'leader');
    },
  },
  {
    name: 'an entity under an id that is not an id',
    who: 'ppt', reason: 'bad-id:goals',
    edit: (r) => r.getMap('goals').set('../../etc', mapOf({ ...stamp(u.ppt.id, '../../etc'), kind: 'effect', text: MARK })),
  },
];

describe('write rules on the Yjs structure, against the real server', () => {
  for (const attack of attacks) {
    it(`${attack.name} → 4422 update-rejected:${attack.reason}`, async () => {
      const c = await connectRaw(attack.who);
      const before = Y.encodeStateVector(leaderDoc);
      c.send(syncUpdateMessage(updateFrom(c.replica, attack.edit)));
      expect(await c.closed).toEqual({ code: 4422, reason: `update-rejected:${attack.reason}` });
      await new Promise((r) => setTimeout(r, 50));
      expect(Y.encodeStateVector(leaderDoc), 'nothing relayed').toEqual(before);
    });
  }

  it('a parent sets their own notice preferences from a hand-made client: accepted and relayed', async () => {
    const c = await connectRaw('mother');
    const prefs = { kinds: ['meeting-invitation', 'minutes-locked'], channels: ['sms'], locale: 'en' };
    c.send(syncUpdateMessage(updateFrom(c.replica, (r) => {
      const m = entity(r, 'participants', ids.participants.mother);
      r.transact(() => {
        m.set('notices', prefs);
        m.set('updatedAt', new Date().toISOString());
        m.set('updatedBy', u.mother.id);
      });
    })));
    await waitFor(() => JSON.stringify(entity(leaderDoc, 'participants', ids.participants.mother).get('notices')) === JSON.stringify(prefs), 'the preferences to arrive');
    c.ws.close();
  });

  it('an update built on one the server never got is not kept: the server asks for what is missing, and checks both together', async () => {
    const c = await connectRaw('teacher');
    const replica = c.replica;
    // The first update stays on this client: a decision in the running meeting, which a professional may write.
    const first = updateFrom(replica, (r) => new MeetingModel(r, { ...u.teacher }).decisions.add({ meetingId: ids.meetingId, text: 'Vedtak' }));
    Y.applyUpdate(replica, first);
    const decisionId = [...replica.getMap('decisions').keys()].find((k) => !leaderDoc.getMap('decisions').has(k))!;
    // The second moves it into the finalised meeting's minutes.
    const second = updateFrom(replica, (r) => entity(r, 'decisions', decisionId).set('meetingId', ids.earlierMeetingId));
    Y.applyUpdate(replica, second);
    const asked = c.messages.length;
    c.send(syncUpdateMessage(second));
    await waitFor(() => c.messages.slice(asked).some((m) => kindOf(m) === 'sync-step1'), 'the server asks for what is missing');
    expect(leaderDoc.getMap('decisions').has(decisionId), 'nothing kept or relayed').toBe(false);
    // The client's answer carries both: together they put a decision into locked minutes.
    c.send(syncUpdateMessage(Y.mergeUpdates([first, second]), true));
    expect(await c.closed).toEqual({ code: 4422, reason: 'update-rejected:finalised' });
    expect(leaderDoc.getMap('decisions').has(decisionId)).toBe(false);
  });

  it('a client that keeps sending updates with gaps it never fills is closed', async () => {
    const c = await connectRaw('teacher');
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(c.replica));
    const model = new MeetingModel(local, { ...u.teacher });
    model.goals.add({ kind: 'effect', text: 'Aldri sendt' });
    let sv = Y.encodeStateVector(local);
    for (let i = 0; i < 12; i++) {
      model.goals.add({ kind: 'effect', text: `Mål ${i}` });
      c.send(syncUpdateMessage(Y.encodeStateAsUpdate(local, sv)));
      sv = Y.encodeStateVector(local);
    }
    expect(await c.closed).toEqual({ code: 4422, reason: 'update-rejected:missing-dependencies' });
  });

  it('a stock client that types while it reconnects, before its offline edits are sent, keeps working and loses nothing', async () => {
    const p = provider(server, `case/${CASE}`, await tokenFor('ppt'));
    await synced(p);
    const model = new MeetingModel(p.doc, { ...u.ppt });
    model.goals.add({ kind: 'effect', text: 'Skrevet på nett' });
    p.disconnect();
    model.goals.add({ kind: 'effect', text: 'Skrevet uten nett' });
    let typed = false;
    const closes: number[] = [];
    p.on('connection-close', (e: { code: number } | null) => { if (e) closes.push(e.code); });
    p.on('status', ({ status }: { status: string }) => {
      if (status === 'connected' && !typed) {
        typed = true;
        model.goals.add({ kind: 'effect', text: 'Skrevet idet forbindelsen kom tilbake' });
      }
    });
    p.connect();
    const texts = () => [...leaderDoc.getMap<Y.Map<unknown>>('goals').values()].map((g) => String(g.get('text')));
    await waitFor(() => ['Skrevet på nett', 'Skrevet uten nett', 'Skrevet idet forbindelsen kom tilbake'].every((t) => texts().includes(t)), 'all three goals at the leader');
    expect(closes).toEqual([]);
    p.destroy();
  });

  it('the first step up (level 0 → 1) needs no "tried before", and a step further up is kept when it says what was tried', async () => {
    const c = await connectRaw('leader');
    c.send(syncUpdateMessage(updateFrom(c.replica, (r) => {
      r.getMap('levelChanges').set('lc-first', mapOf({ ...stamp(u.leader.id, 'lc-first'), from: 'bti-0', to: 'bti-1', reason: 'Tiltak i egen enhet' }));
      r.getMap('levelChanges').set('lc-second', mapOf({ ...stamp(u.leader.id, 'lc-second'), from: 'bti-1', to: 'bti-2', reason: '', triedBefore: 'Morgenmøte i fire uker' }));
    })));
    await waitFor(() => leaderDoc.getMap('levelChanges').has('lc-first') && leaderDoc.getMap('levelChanges').has('lc-second'), 'level changes relayed');
    c.ws.close();
  });

  it('the other clients keep working: a parent\'s allowed comment still arrives after every refusal', async () => {
    const c = await connectRaw('mother');
    c.send(syncUpdateMessage(updateFrom(c.replica, (r) =>
      new MeetingModel(r, { ...u.mother }).comments.add({ target: { type: 'case', id: 'case' }, kind: 'view', text: 'Vi ble hørt' }))));
    await waitFor(() => [...leaderDoc.getMap('comments').values()].some((m) => (m as Y.Map<unknown>).get('text') === 'Vi ble hørt'), 'allowed comment relayed');
    c.ws.close();
  });

  it('after a restart nothing refused is stored', async () => {
    stopLeader();
    await server.close();
    for (const f of [dbFile, `${dbFile}-wal`]) if (existsSync(f)) expect(readFileSync(f).includes(MARK)).toBe(false);
    server = await start({ db: `sqlite:${dbFile}` });
    const p = provider(server, `case/${CASE}`, await tokenFor('leader'));
    stopLeader = () => p.destroy();
    await synced(p);
    const json = JSON.stringify(Object.values(SHARED_ROOTS).map((root) => p.doc.getMap(root).toJSON()));
    expect(json).toContain('Vi ble hørt');
    expect(json).not.toContain(MARK);
  });
});
