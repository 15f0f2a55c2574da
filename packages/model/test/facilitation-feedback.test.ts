import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { authorizeUpdate, CommandError, countersOf, feedbackSummary, MeetingModel, summarizeFeedback, suppressParts, timeline, totalsFromCounters } from '../src/index.js';
import { seeded, steppingClock, user, writeLegacyFeedback } from './helpers.js';

describe('silent notes in plenary', () => {
  it('groups notes, then turns one into an agenda note and one into an action, each once', () => {
    const { as, ids } = seeded();
    const leader = as('leader');
    const mother = as('mother', false);
    leader.facilitation.setIgpPhase(ids.meetingId, 'individual');
    const a = mother.silentNotes.add(ids.meetingId, 'Emma trenger en fast voksen i friminuttene');
    const b = leader.silentNotes.add(ids.meetingId, 'Lekegruppe i storefri');
    leader.facilitation.setIgpPhase(ids.meetingId, 'group');
    leader.silentNotes.setGroup(a, ' Friminutt ');
    leader.silentNotes.setGroup(b, 'Friminutt');
    expect(leader.snapshot().silentNotes.map((n) => n.group)).toEqual(['Friminutt', 'Friminutt']);
    expect(() => mother.silentNotes.setGroup(a, 'x')).toThrow(/may not/);
    leader.facilitation.setIgpPhase(ids.meetingId, 'plenary');

    const item = leader.snapshot().agenda.find((i) => i.meetingId === ids.meetingId && i.kind === 'actions') ?? leader.snapshot().agenda.find((i) => i.meetingId === ids.meetingId)!;
    leader.agenda.update(item.id, { notes: 'Tidligere notat' });
    leader.silentNotes.toAgendaNote(a, item.id);
    expect(leader.snapshot().agenda.find((i) => i.id === item.id)!.notes).toBe('Tidligere notat\nEmma trenger en fast voksen i friminuttene');
    expect(leader.snapshot().silentNotes.find((n) => n.id === a)!.usedAs).toEqual({ kind: 'agenda', id: item.id });

    const actionId = leader.silentNotes.toAction(b, {
      owner: { kind: 'participant', participantId: ids.participants.teacher }, schedule: { kind: 'ongoing' }, evaluationDate: '2026-12-31',
    });
    const action = leader.snapshot().actions.find((x) => x.id === actionId)!;
    expect(action.title).toBe('Lekegruppe i storefri');
    expect(action.meetingId).toBe(ids.meetingId);
    expect(leader.snapshot().silentNotes.find((n) => n.id === b)!.usedAs).toEqual({ kind: 'action', id: actionId });

    // Used once only; the error names the reason.
    try {
      leader.silentNotes.toAgendaNote(b, item.id);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CommandError);
      expect((e as CommandError).issues[0]!.message).toBe('note-already-used');
    }
    // One undo takes the whole conversion back: the action and the mark on the note.
    expect(leader.undo()).toBe(true);
    expect(leader.snapshot().actions.some((x) => x.id === actionId)).toBe(false);
    expect(leader.snapshot().silentNotes.find((n) => n.id === b)!.usedAs).toBeUndefined();
  });

  it('refuses a parent turning notes into actions, and notes of a finalised meeting', () => {
    const { as, ids } = seeded();
    const leader = as('leader');
    const note = leader.silentNotes.add(ids.meetingId, 'Notat');
    expect(() => as('mother', false).silentNotes.toAction(note, { owner: { kind: 'parent' }, schedule: { kind: 'ongoing' }, evaluationDate: '2026-12-31' })).toThrow(/may not/);
    leader.decisions.add({ meetingId: ids.meetingId, text: 'Vedtak' });
    leader.meetings.finalise(ids.meetingId);
    expect(() => leader.silentNotes.setGroup(note, 'Gruppe')).toThrow(/locked/);
  });
});

describe('coordinator handover', () => {
  it('lets the one who offered cancel an unanswered offer; the baton stays', () => {
    const { as, ids } = seeded();
    const leader = as('leader');
    const offer = leader.handovers.offer(ids.participants.teacher, 'Skolen tar over');
    expect(leader.handovers.pending()?.id).toBe(offer);
    expect(() => as('ppt').handovers.cancel(offer)).toThrow(/may not/);
    leader.handovers.cancel(offer);
    expect(leader.handovers.pending()).toBeUndefined();
    expect(leader.snapshot().case!.coordinatorId).toBe(ids.participants.leader);
    expect(() => as('teacher').handovers.answer(offer, true)).toThrow(/already cancelled/);
    expect(timeline(leader.snapshot()).filter((e) => e.ref === offer).map((e) => e.kind)).toEqual(['handover-offered']);
  });
});

describe('feedback after the meeting', () => {
  const tally = (answers: Array<[role: 'parent' | 'child', feltHeard: number, knows: boolean, useful: number]>) =>
    totalsFromCounters(answers.flatMap(([role, feltHeard, knowsWhoToContact, useful]) =>
      countersOf({ feltHeard, knowsWhoToContact, useful }).map((c) => ({ meetingId: 'm1', role, ...c, n: 1 }))))[0];

  it('summarises totals without names or ids, hiding every figure under five answers', () => {
    const few = summarizeFeedback(tally([['parent', 5, true, 4], ['parent', 4, true, 4], ['child', 3, false, 5]]), 'm1');
    expect(few.suppressed).toBe(true);
    expect(few.answers).toBeNull();
    expect(few.feltHeard).toEqual({ average: null, counts: [null, null, null, null, null] });
    expect(few.knowsWhoToContact).toEqual({ yes: null, no: null });
    expect(summarizeFeedback(undefined, 'm1')).toMatchObject({ answers: 0, suppressed: true });
  });

  it('hides counts from 1 to 4, the rest they leave, and an average that would give them away', () => {
    const s = summarizeFeedback(tally([
      ['parent', 5, true, 4], ['parent', 4, true, 4], ['child', 3, false, 5], ['parent', 5, true, 5], ['parent', 4, true, 3], ['parent', 5, true, 4],
    ]), 'm1');
    expect(s.suppressed).toBe(false);
    expect(s.answers).toBe(6);
    // One child: shown as "5 parents of 6" it would be there all the same.
    expect(s.byRole).toEqual({ parent: null, child: null });
    expect(s.knowsWhoToContact).toEqual({ yes: null, no: null });
    expect(s.feltHeard.counts).toEqual([0, 0, null, null, null]);
    expect(s.feltHeard.average).toBeNull();
    const even = summarizeFeedback(tally(Array.from({ length: 10 }, (_, i) => ['parent', i < 5 ? 4 : 5, true, 5] as ['parent', number, boolean, number])), 'm1');
    expect(even.feltHeard).toEqual({ average: 4.5, counts: [0, 0, 0, 5, 5] });
    expect(even.useful).toEqual({ average: 5, counts: [0, 0, 0, 0, 10] });
    expect(even.knowsWhoToContact).toEqual({ yes: 10, no: 0 });
    // One count hidden alone would follow from the total and the others: the smallest other goes too.
    expect(suppressParts([0, 2, 5, 5, 0], 12, 5)).toEqual([0, null, null, 5, 0]);
    expect(suppressParts([0, 0, 6, 6, 0], 12, 5)).toEqual([0, 0, 6, 6, 0]);
  });

  it('counts a legacy document’s answers once per person, without its comments', () => {
    const { doc, ids } = seeded();
    for (const [id, feltHeard] of [['p1', 5], ['p2', 4], ['p3', 5], ['p4', 4], ['p5', 5]] as const) {
      writeLegacyFeedback(doc, { id, role: 'parent' }, { meetingId: ids.meetingId, feltHeard, knowsWhoToContact: true, useful: 4, comment: `Navn ${id}` });
    }
    const s = feedbackSummary(new MeetingModel(doc, user('leader')).snapshot(), ids.meetingId);
    expect(s).toMatchObject({ answers: 5, byRole: { parent: 5, child: 0 }, knowsWhoToContact: { yes: 5, no: 0 } });
    const json = JSON.stringify(s);
    for (const secret of ['Navn', 'p1']) expect(json).not.toContain(secret);
  });

  it('lets the server accept the leader grouping and using notes, but not a parent forging a group', () => {
    const { doc, ids, as } = seeded();
    const note = as('mother', false).silentNotes.add(ids.meetingId, 'Notat');
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    const sv = Y.encodeStateVector(replica);
    new MeetingModel(replica, user('leader'), { now: steppingClock() }).silentNotes.setGroup(note, 'Gruppe');
    const update = Y.encodeStateAsUpdate(replica, sv);
    expect(authorizeUpdate(doc, update, user('leader'))).toEqual({ ok: true });
    expect(authorizeUpdate(doc, update, user('mother')).ok).toBe(false);
  });
});
