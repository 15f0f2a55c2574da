/**
 * The fast path of authorizeUpdate for full-write roles while a meeting is finalised: it
 * places an update without applying it, and must give the same verdict as the check on a
 * copy for every kind of edit, and fall back to that check whenever it cannot tell.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { authorizeUpdate, MeetingModel, rootsWritten, type AuthUser } from '../src/index.js';
import { counterIds, seeded, steppingClock, user } from './helpers.js';

function updateFrom(doc: Y.Doc, edit: (replica: Y.Doc) => void): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(replica);
  edit(replica);
  return Y.encodeStateAsUpdate(replica, before);
}

const asUser = (doc: Y.Doc, u: AuthUser, fn: (m: MeetingModel) => void) =>
  updateFrom(doc, (r) => fn(new MeetingModel(r, u, { now: steppingClock(), newId: counterIds('x') })));

describe('authorizeUpdate fast path', () => {
  it('places model edits by the roots they write, without applying them', () => {
    const { doc, ids } = seeded();
    const teacher = user('teacher');
    expect(rootsWritten(doc, asUser(doc, teacher, (m) => m.actions.update(ids.actionIds[0]!, { title: 'Ny tittel' })))).toEqual(new Set(['actions']));
    expect(rootsWritten(doc, asUser(doc, teacher, (m) => m.goals.add({ kind: 'effect', text: 'Mål' })))).toEqual(new Set(['goals']));
    expect(rootsWritten(doc, asUser(doc, teacher, (m) => m.actions.remove(ids.actionIds[2]!)))).toEqual(new Set(['actions']));
    expect(rootsWritten(doc, asUser(doc, teacher, (m) => m.decisions.add({ meetingId: ids.meetingId, text: 'Vedtak' })))).toEqual(new Set(['decisions']));
  });

  it('gives the same verdict as the check on a copy, edit by edit', () => {
    const { as, doc, ids } = seeded();
    const leader = as('leader');
    leader.decisions.add({ meetingId: ids.meetingId, text: 'Vedtak' });
    leader.meetings.finalise(ids.meetingId);
    const teacher = user('teacher');
    const item = leader.snapshot().agenda.find((a) => a.meetingId === ids.meetingId)!;
    const edits: Uint8Array[] = [
      asUser(doc, teacher, (m) => m.actions.update(ids.actionIds[0]!, { title: 'Ny tittel' })),
      asUser(doc, teacher, (m) => m.actions.evaluate(ids.actionIds[1]!, { effect: 'partly', evidence: 'Bedre', decision: 'continue', progress: '4 av 5' })),
      asUser(doc, teacher, (m) => m.actions.add({ title: 'Nytt', owner: { kind: 'service', service: 'skole' }, schedule: { kind: 'ongoing' }, evaluationDate: '2026-12-24' })),
      asUser(doc, teacher, (m) => m.actions.remove(ids.actionIds[2]!)),
      asUser(doc, teacher, (m) => m.goals.add({ kind: 'effect', text: 'Mål' })),
      updateFrom(doc, (r) => (r.getMap('agenda').get(item.id) as Y.Map<unknown>).set('notes', 'omskrevet')),
      updateFrom(doc, (r) => (r.getMap('meetings').get(ids.meetingId) as Y.Map<unknown>).set('state', 'open')),
      updateFrom(doc, (r) => (r.getMap('voice').get(ids.voiceId) as Y.Map<unknown>).set('mood', 1)),
      updateFrom(doc, (r) => r.getMap('voice').delete(ids.voiceId)),
      updateFrom(doc, (r) => r.getMap('somethingElse').set('x', 1)),
      updateFrom(doc, (r) => {
        (r.getMap('actions').get(ids.actionIds[0]!) as Y.Map<unknown>).set('title', 'Begge');
        (r.getMap('agenda').get(item.id) as Y.Map<unknown>).set('title', 'Begge');
      }),
    ];
    const verdicts = edits.map((u) => [authorizeUpdate(doc, u, teacher), authorizeUpdate(doc, u, teacher, { fastPath: false })]);
    for (const [fast, full] of verdicts) expect(fast).toEqual(full);
    expect(verdicts.map(([v]) => v!.ok)).toEqual([true, true, true, true, true, false, false, false, false, false, false]);
  });

  it('falls back to the check on a copy when a dependency is missing', () => {
    const { doc, ids } = seeded();
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    const sv0 = Y.encodeStateVector(replica);
    (replica.getMap('actions').get(ids.actionIds[0]!) as Y.Map<unknown>).set('title', 'Først');
    const sv1 = Y.encodeStateVector(replica);
    (replica.getMap('actions').get(ids.actionIds[0]!) as Y.Map<unknown>).set('title', 'Så');
    const second = Y.encodeStateAsUpdate(replica, sv1);
    void sv0;
    expect(rootsWritten(doc, second)).toBeNull();
    expect(authorizeUpdate(doc, second, user('teacher'))).toEqual(authorizeUpdate(doc, second, user('teacher'), { fastPath: false }));
  });
});
