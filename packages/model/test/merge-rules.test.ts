/**
 * Rules that hold after two replicas merge concurrent edits: one running timer and one
 * active agenda item per meeting, one feedback answer per person and meeting, a finalised
 * meeting stays finalised, and concerns are a history, never overwritten.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  checkInvariants, CommandError, concernDeadline, feedbackId, Id, LEGACY_CONCERN_ID, MeetingModel, readSnapshot, sha256Hex, timeline,
  type AuthUser, type CaseSnapshot,
} from '../src/index.js';
import { counterIds, NOW, seeded, steppingClock, user } from './helpers.js';

/** Two replicas of the seeded case, each with its own model, not yet exchanging updates. */
function twoReplicas(a: Parameters<typeof user>[0] = 'leader', b: Parameters<typeof user>[0] = 'teacher') {
  const { doc, ids } = seeded();
  const docs = [new Y.Doc(), new Y.Doc()] as const;
  for (const d of docs) Y.applyUpdate(d, Y.encodeStateAsUpdate(doc));
  const model = (d: Y.Doc, who: AuthUser, prefix: string) => new MeetingModel(d, who, { now: steppingClock(), newId: counterIds(prefix) });
  const models = [model(docs[0], user(a), 'a-'), model(docs[1], user(b), 'b-')] as const;
  const sync = () => {
    const u0 = Y.encodeStateAsUpdate(docs[0], Y.encodeStateVector(docs[1]));
    const u1 = Y.encodeStateAsUpdate(docs[1], Y.encodeStateVector(docs[0]));
    Y.applyUpdate(docs[1], u0);
    Y.applyUpdate(docs[0], u1);
  };
  return { ids, docs, models, sync, modelOn: model };
}

function expectAgreedAndValid(models: readonly MeetingModel[]): CaseSnapshot {
  const snaps = models.map((m) => m.snapshot());
  for (const s of snaps) {
    expect(checkInvariants(s)).toEqual([]);
    expect(s.unreadable).toEqual([]);
    expect(JSON.stringify(s)).toBe(JSON.stringify(snaps[0]));
  }
  return snaps[0]!;
}

describe('one running timer and one active item per meeting', () => {
  it('two people starting different items at once end with one active item and one timer everywhere', () => {
    const { ids, models, sync } = twoReplicas();
    const items = models[0].snapshot().agenda.filter((a) => a.meetingId === ids.meetingId);
    models[0].agenda.startTimer(items[0]!.id);
    models[1].agenda.startTimer(items[1]!.id);
    sync();
    const snap = expectAgreedAndValid(models);
    const mine = snap.agenda.filter((a) => a.meetingId === ids.meetingId);
    expect(mine.filter((a) => a.state === 'active')).toHaveLength(1);
    expect(mine.filter((a) => a.timerStartedAt)).toHaveLength(1);
    const meeting = snap.meetings.find((m) => m.id === ids.meetingId)!;
    expect(meeting.timer?.itemId).toBe(meeting.activeItemId);
    expect(mine.find((a) => a.state === 'active')!.id).toBe(meeting.activeItemId);
  });

  it('the agenda items store only pending or done; the meeting holds the active item and the timer', () => {
    const { doc, ids, as } = seeded();
    const leader = as('leader');
    const [first, second] = leader.snapshot().agenda.filter((a) => a.meetingId === ids.meetingId);
    leader.agenda.startTimer(first!.id);
    leader.agenda.startTimer(second!.id);
    const raw = (id: string) => (doc.getMap('agenda').get(id) as Y.Map<unknown>).toJSON();
    expect(raw(first!.id).state).toBe('pending');
    expect(raw(first!.id).timerStartedAt).toBeUndefined();
    expect(raw(first!.id).elapsedSeconds).toBeGreaterThan(0);
    expect(raw(second!.id).state).toBe('pending');
    expect(raw(second!.id).timerStartedAt).toBeUndefined();
    const meeting = (doc.getMap('meetings').get(ids.meetingId) as Y.Map<unknown>).toJSON();
    expect(meeting.activeItemId).toBe(second!.id);
    expect(meeting.timer).toEqual({ itemId: second!.id, startedAt: expect.any(String) });
    // The snapshot keeps the shape the views read.
    const shown = leader.snapshot().agenda.find((a) => a.id === second!.id)!;
    expect(shown.state).toBe('active');
    expect(shown.timerStartedAt).toBe(meeting.timer.startedAt);
    leader.agenda.complete(second!.id);
    const after = leader.snapshot();
    expect(after.agenda.find((a) => a.id === second!.id)!.state).toBe('done');
    expect(after.meetings.find((m) => m.id === ids.meetingId)!.timer).toBeUndefined();
    expect(checkInvariants(after)).toEqual([]);
  });

  it('completing an item while someone else starts its timer leaves one active item', () => {
    const { ids, models, sync } = twoReplicas();
    const items = models[0].snapshot().agenda.filter((a) => a.meetingId === ids.meetingId);
    models[0].agenda.startTimer(items[0]!.id);
    sync();
    models[0].agenda.complete(items[0]!.id);
    models[1].agenda.startTimer(items[2]!.id);
    sync();
    expectAgreedAndValid(models);
  });

  it('removing the active item while another replica restarts it leaves no dangling active item', () => {
    const { ids, models, sync } = twoReplicas();
    const items = models[0].snapshot().agenda.filter((a) => a.meetingId === ids.meetingId);
    models[0].agenda.startTimer(items[0]!.id);
    sync();
    models[1].agenda.stopTimer(items[0]!.id);
    models[1].agenda.startTimer(items[0]!.id);
    models[0].agenda.remove(items[0]!.id);
    sync();
    const snap = expectAgreedAndValid(models);
    expect(snap.meetings.find((m) => m.id === ids.meetingId)!.activeItemId).toBeUndefined();
  });

  it('reads a layout-1 document: the per-item timer counts on the active item only, a stale one elsewhere is ignored', () => {
    const { doc, ids, as } = seeded();
    const items = as('leader').snapshot().agenda.filter((a) => a.meetingId === ids.meetingId);
    const started = '2026-11-20T08:50:00.000Z';
    doc.transact(() => {
      // What the old model left behind after a concurrent start: two items "active", two timers.
      for (const item of items.slice(0, 2)) {
        const m = doc.getMap('agenda').get(item.id) as Y.Map<unknown>;
        m.set('state', 'active');
        m.set('timerStartedAt', started);
      }
      (doc.getMap('meetings').get(ids.meetingId) as Y.Map<unknown>).set('activeItemId', items[1]!.id);
    });
    const leader = as('leader');
    const snap = leader.snapshot();
    const mine = snap.agenda.filter((a) => a.meetingId === ids.meetingId);
    expect(mine.filter((a) => a.state === 'active').map((a) => a.id)).toEqual([items[1]!.id]);
    expect(mine.filter((a) => a.timerStartedAt).map((a) => a.id)).toEqual([items[1]!.id]);
    expect(snap.meetings.find((m) => m.id === ids.meetingId)!.timer).toEqual({ itemId: items[1]!.id, startedAt: started });
    expect(checkInvariants(snap)).toEqual([]);
    // The next timer command folds the old run into elapsed time and clears the old fields.
    leader.agenda.startTimer(items[2]!.id);
    for (const item of items.slice(0, 2)) {
      const raw = (doc.getMap('agenda').get(item.id) as Y.Map<unknown>).toJSON();
      expect(raw.timerStartedAt).toBeUndefined();
      expect(raw.state).toBe('pending');
    }
    expect(leader.snapshot().agenda.find((a) => a.id === items[1]!.id)!.elapsedSeconds).toBeGreaterThan(0);
    expect(leader.snapshot().agenda.find((a) => a.id === items[0]!.id)!.elapsedSeconds).toBe(0);
    expect(checkInvariants(leader.snapshot())).toEqual([]);
  });
});

describe('a finalised meeting stays finalised', () => {
  it('finalising while another replica starts a timer: finalised everywhere, nothing running', () => {
    const { ids, models, sync } = twoReplicas();
    const items = models[0].snapshot().agenda.filter((a) => a.meetingId === ids.meetingId);
    models[0].meetings.finalise(ids.meetingId, 'Bare informasjon i dag.');
    models[1].agenda.startTimer(items[1]!.id);
    models[1].meetings.start(ids.meetingId);
    sync();
    const snap = expectAgreedAndValid(models);
    const meeting = snap.meetings.find((m) => m.id === ids.meetingId)!;
    expect(meeting.state).toBe('finalised');
    expect(meeting.activeItemId).toBeUndefined();
    expect(snap.agenda.filter((a) => a.meetingId === ids.meetingId && (a.state === 'active' || a.timerStartedAt))).toEqual([]);
  });

  it('a concurrent state write does not reopen it, for reading or for commands', () => {
    const { doc, ids, as } = seeded();
    const leader = as('leader');
    leader.meetings.finalise(ids.meetingId, 'Ingen vedtak.');
    (doc.getMap('meetings').get(ids.meetingId) as Y.Map<unknown>).set('state', 'running');
    expect(leader.snapshot().meetings.find((m) => m.id === ids.meetingId)!.state).toBe('finalised');
    expect(() => leader.agenda.add(ids.meetingId, { title: 'Etterpå' })).toThrow(CommandError);
    expect(checkInvariants(leader.snapshot())).toEqual([]);
  });
});

describe('one feedback answer per person and meeting', () => {
  it('feedbackId is deterministic, per meeting and person, and a valid id whatever the user id holds', () => {
    expect(feedbackId('m1', 'kari')).toBe(feedbackId('m1', 'kari'));
    expect(feedbackId('m1', 'kari')).not.toBe(feedbackId('m1', 'ola'));
    expect(feedbackId('m1', 'kari')).not.toBe(feedbackId('m2', 'kari'));
    // The separator keeps ("m1", "2x") apart from ("m12", "x").
    expect(feedbackId('m1', '2x')).not.toBe(feedbackId('m12', 'x'));
    for (const sub of ['kari.fjellstad', 'urn:oid:2.16.578.1.12.4.1.1:12345678901', 'kari@example.no', 'Åse Øvre / ✓', 'x'.repeat(500)]) {
      const id = feedbackId('meeting-1', sub);
      expect(id).toMatch(/^[A-Za-z0-9_.:-]{1,80}$/);
      expect(Id.safeParse(id).success).toBe(true);
      expect(id).toBe(`fb-${createHash('sha256').update(`meeting-1\u0000${sub}`).digest('hex').slice(0, 32)}`);
    }
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('a document with two answers by one person under random keys (older clients) reads as the latest', () => {
    const { doc, ids } = seeded();
    const put = (id: string, createdAt: string, feltHeard: number) => doc.transact(() => {
      const m = new Y.Map<unknown>();
      doc.getMap('feedback').set(id, m);
      for (const [k, v] of Object.entries({ id, createdAt, createdBy: 'kari.fjellstad', updatedAt: createdAt, updatedBy: 'kari.fjellstad', meetingId: ids.meetingId, respondentRole: 'parent', feltHeard, knowsWhoToContact: true, useful: 3, comment: '' })) m.set(k, v);
    });
    put('old1', '2026-11-20T10:00:00.000Z', 1);
    put('old2', '2026-11-20T11:00:00.000Z', 5);
    const snap = readSnapshot(doc);
    expect(snap.feedback.map((f) => [f.id, f.feltHeard])).toEqual([['old2', 5]]);
    expect(checkInvariants(snap)).toEqual([]);
  });
});

describe('concern history', () => {
  it('a new concern is added, never written over the last one and its decision', () => {
    const { as } = seeded();
    const leader = as('leader');
    const first = leader.case.raiseConcern('2026-11-01T10:00:00.000Z', 'Mye fravær');
    leader.case.concernDecided(first, 'Samarbeidsmøte innkalles');
    const second = leader.case.raiseConcern('2026-11-15T10:00:00.000Z');
    const concerns = leader.snapshot().concerns;
    expect(concerns.map((c) => c.id)).toEqual([first, second]);
    expect(concerns[0]).toMatchObject({ raisedAt: '2026-11-01T10:00:00.000Z', note: 'Mye fravær', decision: 'Samarbeidsmøte innkalles', decidedBy: 'sofie.lie', decidedByName: 'Sofie Lie', raisedByName: 'Sofie Lie' });
    expect(concerns[0]!.decidedAt).toBeDefined();
    expect(concerns[1]!.decidedAt).toBeUndefined();
    expect(concernDeadline(leader.snapshot(), NOW)!.concern.id).toBe(second);
    expect(() => leader.case.concernDecided(first)).toThrow(/already decided/);
    expect(() => leader.case.concernDecided('nope')).toThrow(CommandError);
    const kinds = timeline(leader.snapshot()).filter((e) => e.kind.startsWith('concern')).map((e) => [e.kind, e.ref]);
    expect(kinds).toEqual([['concern-raised', first], ['concern-raised', second], ['concern-decided', first]]);
  });

  it('concerns raised at once on two replicas are both kept', () => {
    const { models, sync } = twoReplicas('leader', 'teacher');
    const a = models[0].case.raiseConcern('2026-11-10T10:00:00.000Z');
    const b = models[1].case.raiseConcern('2026-11-10T10:00:00.000Z');
    sync();
    const snap = expectAgreedAndValid(models);
    expect(snap.concerns.map((c) => c.id).sort()).toEqual([a, b].sort());
  });

  it('only full-write roles write concerns', () => {
    const { as } = seeded();
    for (const who of ['mother', 'child'] as const) {
      expect(() => as(who, false).case.raiseConcern()).toThrow(/may not/);
    }
    const id = as('teacher').case.raiseConcern();
    expect(() => as('mother', false).case.concernDecided(id)).toThrow(/may not/);
    as('ppt').case.concernDecided(id, 'Tiltak i skolen');
  });

  it('reads the concern a layout-1 document kept on the case, and deciding it keeps the history', () => {
    const { doc, as } = seeded();
    doc.getMap('case').set('concernRaisedAt', '2026-11-05T08:00:00.000Z');
    const leader = as('leader');
    let snap = leader.snapshot();
    expect(snap.concerns).toEqual([expect.objectContaining({ id: LEGACY_CONCERN_ID, raisedAt: '2026-11-05T08:00:00.000Z' })]);
    expect(concernDeadline(snap, NOW)!.due).toBe('2026-11-19T08:00:00.000Z');
    leader.case.concernDecided(LEGACY_CONCERN_ID, 'Ressursteam');
    const newer = leader.case.raiseConcern('2026-11-19T12:00:00.000Z');
    snap = leader.snapshot();
    expect(snap.concerns.map((c) => [c.id, c.decision])).toEqual([[LEGACY_CONCERN_ID, 'Ressursteam'], [newer, undefined]]);
    expect(doc.getMap('concerns').has(LEGACY_CONCERN_ID)).toBe(true);
    expect(checkInvariants(snap)).toEqual([]);
  });

  it('reads a decided layout-1 concern as decided', () => {
    const { doc, as } = seeded();
    doc.getMap('case').set('concernRaisedAt', '2026-11-05T08:00:00.000Z');
    doc.getMap('case').set('concernDecidedAt', '2026-11-09T08:00:00.000Z');
    const snap = as('leader').snapshot();
    expect(snap.concerns).toEqual([expect.objectContaining({ id: LEGACY_CONCERN_ID, decidedAt: '2026-11-09T08:00:00.000Z' })]);
    expect(concernDeadline(snap, NOW)).toBeUndefined();
  });
});

describe('checkInvariants', () => {
  it('names each broken rule (so the checks in the property test can fail)', () => {
    const { as, ids } = seeded();
    const snap = structuredClone(as('leader').snapshot());
    const items = snap.agenda.filter((a) => a.meetingId === ids.meetingId);
    const meeting = snap.meetings.find((m) => m.id === ids.meetingId)!;
    items[0]!.state = 'active';
    items[1]!.state = 'active';
    items[0]!.timerStartedAt = NOW.toISOString();
    items[1]!.timerStartedAt = NOW.toISOString();
    meeting.finalisedAt = NOW.toISOString();
    snap.feedback.push(...[1, 2].map((n) => ({
      id: `f${n}`, createdAt: NOW.toISOString(), createdBy: 'kari', updatedAt: NOW.toISOString(), updatedBy: 'kari',
      meetingId: ids.meetingId, respondentRole: 'parent' as const, feltHeard: 3, knowsWhoToContact: true, useful: 3, comment: '',
    })));
    expect(checkInvariants(snap).sort()).toEqual([
      `active-item:${ids.meetingId}`, `active-items:${ids.meetingId}`, `feedback-answers:${ids.meetingId}`,
      `finalised-state:${ids.meetingId}`, `timer-item:${ids.meetingId}`, `timers:${ids.meetingId}`,
    ].sort());
    meeting.state = 'finalised';
    expect(checkInvariants(snap)).toContain(`finalised-running:${ids.meetingId}`);
  });
});
