/** The server's write rules, on updates made by real commands and by hand-made Yjs edits. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { authorizeUpdate, MeetingModel, parseDocName, scopeAccess, type AuthUser } from '../src/index.js';
import { counterIds, seeded, steppingClock, user } from './helpers.js';

/** Runs `edit` on a replica of `doc` and returns the update it produced. */
function updateFrom(doc: Y.Doc, edit: (replica: Y.Doc) => void): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(replica);
  edit(replica);
  return Y.encodeStateAsUpdate(replica, before);
}

const asUser = (doc: Y.Doc, u: AuthUser, fn: (m: MeetingModel) => void) =>
  updateFrom(doc, (r) => fn(new MeetingModel(r, u, { now: steppingClock(), newId: counterIds('x') })));

describe('document names and scopes', () => {
  it('parses names and maps roles to access', () => {
    expect(parseDocName('case/abc-1')).toEqual({ caseId: 'abc-1', scope: 'shared', audience: { kind: 'shared' } });
    expect(parseDocName('case/abc-1/restricted')).toEqual({ caseId: 'abc-1', scope: 'restricted', audience: { kind: 'restricted' } });
    expect(parseDocName('case/../x')).toBeNull();
    expect(parseDocName('other/abc')).toBeNull();
    expect(scopeAccess('parent', 'restricted')).toBe('none');
    expect(scopeAccess('observer', 'shared')).toBe('read');
    expect(scopeAccess('professional', 'restricted')).toBe('write');
  });
});

describe('authorizeUpdate', () => {
  it('accepts what parents may do through the model', () => {
    const { doc, ids } = seeded();
    const mother = user('mother');
    const cases: Array<(m: MeetingModel) => void> = [
      (m) => m.comments.add({ target: { type: 'assessment', id: ids.assessmentId }, kind: 'dissent', text: 'Uenig' }),
      (m) => m.actions.add({ title: 'Morgenrutine', owner: { kind: 'parent' }, schedule: { kind: 'ongoing' }, evaluationDate: '2026-12-24' }),
      (m) => m.actions.setStatus(ids.actionIds[3]!, 'in-progress'),
      (m) => m.participants.setOwnStatus(ids.participants.mother, { prepared: true }),
      (m) => m.voice.record({ participation: 'relayed-by-parent', date: '2026-11-20', quotes: ['Hun gruer seg'] }),
      (m) => m.consents.withdraw(m.snapshot().consents[0]!.id, ['barnevern']),
    ];
    for (const c of cases) expect(authorizeUpdate(doc, asUser(doc, mother, c), mother)).toEqual({ ok: true });
  });

  it('refuses what a hand-made parent client writes outside its parts', () => {
    const { doc, ids } = seeded();
    const mother = user('mother');
    const forbidden: Array<[string, (r: Y.Doc) => void]> = [
      ['edit the assessment conclusion', (r) => (r.getMap('assessments').get(ids.assessmentId) as Y.Map<unknown>).set('content', { conclusion: 'hacked' })],
      ['change the agenda', (r) => (r.getMap('agenda').values().next().value as Y.Map<unknown>).set('notes', 'x')],
      ['delete an action', (r) => r.getMap('actions').delete(ids.actionIds[0]!)],
      ["change a teacher's action", (r) => (r.getMap('actions').get(ids.actionIds[0]!) as Y.Map<unknown>).set('status', 'done')],
      ['retitle own action', (r) => (r.getMap('actions').get(ids.actionIds[3]!) as Y.Map<unknown>).set('title', 'nytt')],
      ['fake an evaluation', (r) => ((r.getMap('actions').get(ids.actionIds[3]!) as Y.Map<unknown>).get('evaluations') as Y.Array<unknown>).push([{ id: 'e', decision: 'close' }])],
      ['change the level', (r) => r.getMap('case').set('level', 'bti-0')],
      ['mark the father prepared', (r) => (r.getMap('participants').get(ids.participants.father) as Y.Map<unknown>).set('prepared', true)],
      ['write a new root', (r) => r.getMap('evil').set('x', 1)],
      ['forge a comment by someone else', (r) => { const c = new Y.Map(); r.getMap('comments').set('forged', c); c.set('createdBy', 'sofie.lie'); c.set('authorRole', 'leader'); c.set('text', 'x'); }],
      ['remove a withdrawal', (r) => ((r.getMap('consents').values().next().value as Y.Map<unknown>).get('withdrawals') as Y.Array<unknown>).push([{ services: ['ppt'], by: 'sofie.lie' }])],
    ];
    for (const [what, edit] of forbidden) {
      const result = authorizeUpdate(doc, updateFrom(doc, edit), mother);
      expect(result.ok, what).toBe(false);
    }
    expect(authorizeUpdate(doc, updateFrom(doc, (r) => r.getMap('comments').set('x', new Y.Map())), { id: 'o', name: 'O', role: 'observer' })).toEqual({ ok: false, reason: 'read-only' });
  });

  it('refuses updates that depend on changes the server has not seen', () => {
    const { doc } = seeded();
    const mother = user('mother');
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    const m = new MeetingModel(replica, mother, { now: steppingClock(), newId: counterIds('p') });
    const sv0 = Y.encodeStateVector(replica);
    const c = m.comments.add({ target: { type: 'case', id: 'case' }, text: 'første' });
    const sv1 = Y.encodeStateVector(replica);
    m.comments.update(c, 'andre');
    const second = Y.encodeStateAsUpdate(replica, sv1);
    void sv0;
    expect(authorizeUpdate(doc, second, mother)).toEqual({ ok: false, reason: 'missing-dependencies' });
  });

  it('keeps finalised minutes immutable even for professionals', () => {
    const { as, doc, ids } = seeded();
    const leader = as('leader');
    leader.decisions.add({ meetingId: ids.meetingId, text: 'Vedtak' });
    leader.meetings.finalise(ids.meetingId);
    const item = leader.snapshot().agenda.find((a) => a.meetingId === ids.meetingId)!;
    const typed = updateFrom(doc, (r) => ((r.getMap('agenda').get(item.id) as Y.Map<unknown>).get('notes') as Y.Text).insert(0, 'omskrevet '));
    expect(authorizeUpdate(doc, typed, user('teacher'))).toEqual({ ok: false, reason: 'finalised' });
    // Replacing the text with a plain string is refused for its shape before anything else.
    const replaced = updateFrom(doc, (r) => (r.getMap('agenda').get(item.id) as Y.Map<unknown>).set('notes', 'omskrevet'));
    expect(authorizeUpdate(doc, replaced, user('teacher'))).toEqual({ ok: false, reason: 'bad-shape:agenda.notes' });
    const fine = asUser(doc, user('teacher'), (m) => m.actions.add({ title: 'Nytt', owner: { kind: 'service', service: 'skole' }, schedule: { kind: 'ongoing' }, evaluationDate: '2026-12-24' }));
    expect(authorizeUpdate(doc, fine, user('teacher'))).toEqual({ ok: true });
  });

  it('treats malformed bytes as a refusal, not a crash', () => {
    const { doc } = seeded();
    const r = authorizeUpdate(doc, new Uint8Array([1, 2, 3, 250, 255, 0]), user('mother'));
    expect(r.ok).toBe(false);
  });
});

describe('authorizeUpdate on a document built from raw updates', () => {
  it('still sees changes when the roots were never typed (as on a fresh server)', () => {
    const { doc, ids } = seeded();
    const raw = new Y.Doc();
    Y.applyUpdate(raw, Y.encodeStateAsUpdate(doc)); // roots stay untyped until asked for
    const u = updateFrom(doc, (r) => (r.getMap('assessments').get(ids.assessmentId) as Y.Map<unknown>).set('content', { conclusion: 'hacked' }));
    expect(authorizeUpdate(raw, u, user('mother')).ok).toBe(false);
  });

  it('locks what was recorded in a finalised meeting: voice and assessment too', () => {
    const { as, doc, ids } = seeded();
    const leader = as('leader');
    leader.decisions.add({ meetingId: ids.meetingId, text: 'Vedtak' });
    leader.meetings.finalise(ids.meetingId);
    expect(() => leader.assessments.revise(ids.assessmentId, { conclusion: 'etterpå' })).toThrow(/finalised/);
    expect(() => leader.voice.update(ids.voiceId, { mood: 1 })).toThrow(/finalised/);
    const u = updateFrom(doc, (r) => (r.getMap('voice').get(ids.voiceId) as Y.Map<unknown>).set('mood', 1));
    expect(authorizeUpdate(doc, u, user('teacher'))).toEqual({ ok: false, reason: 'finalised' });
  });
});
