import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { authorizeUpdate, CommandError, feedbackSummary, MeetingModel, timeline } from '../src/index.js';
import { counterIds, seeded, steppingClock, user } from './helpers.js';

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
  it('takes one answer per person per meeting', () => {
    const { as, ids } = seeded();
    const mother = as('mother', false);
    expect(mother.feedback.given(ids.meetingId)).toBe(false);
    mother.feedback.submit({ meetingId: ids.meetingId, feltHeard: 4, knowsWhoToContact: true, useful: 4 });
    expect(mother.feedback.given(ids.meetingId)).toBe(true);
    expect(() => mother.feedback.submit({ meetingId: ids.meetingId, feltHeard: 1, knowsWhoToContact: false, useful: 1 })).toThrow(/already answered/);
    // Another meeting is another question.
    mother.feedback.submit({ meetingId: ids.earlierMeetingId, feltHeard: 2, knowsWhoToContact: true, useful: 3 });
    expect(mother.snapshot().feedback).toHaveLength(2);
  });

  it('summarises without names or ids, hiding every figure under five answers', () => {
    const { doc, ids } = seeded();
    const answer = (id: string, role: 'parent' | 'child', feltHeard: number, knows: boolean, useful: number, comment = '') =>
      new MeetingModel(doc, { id, name: `Navn ${id}`, role }, { now: steppingClock(), newId: counterIds(`${id}-`) })
        .feedback.submit({ meetingId: ids.meetingId, feltHeard, knowsWhoToContact: knows, useful, comment });
    answer('p1', 'parent', 5, true, 4, 'Vi ble hørt.');
    answer('p2', 'parent', 4, true, 4);
    answer('c1', 'child', 3, false, 5, 'Det var lenge.');
    let s = feedbackSummary(new MeetingModel(doc, user('leader')).snapshot(), ids.meetingId);
    expect(s.suppressed).toBe(true);
    expect(s.answers).toBeNull();
    expect(s.feltHeard.average).toBeNull();
    expect(s.knowsWhoToContact).toEqual({ yes: null, no: null });
    expect(s.comments).toEqual([]);

    answer('p3', 'parent', 5, true, 5);
    answer('p4', 'parent', 4, true, 3, 'Bra med tolk.');
    answer('p5', 'parent', 5, true, 4);
    s = feedbackSummary(new MeetingModel(doc, user('leader')).snapshot(), ids.meetingId);
    expect(s.suppressed).toBe(false);
    expect(s.answers).toBe(6);
    expect(s.byRole).toEqual({ parent: 5, child: null });
    expect(s.feltHeard.average).toBe(4.3);
    expect(s.feltHeard.counts).toEqual([0, 0, null, null, null]);
    expect(s.useful.average).toBe(4.2);
    expect(s.knowsWhoToContact).toEqual({ yes: 5, no: null });
    expect(s.comments).toEqual([
      { role: 'parent', text: 'Bra med tolk.' },
      { role: 'child', text: 'Det var lenge.' },
      { role: 'parent', text: 'Vi ble hørt.' },
    ]);
    const json = JSON.stringify(s);
    for (const secret of ['Navn', 'p1', 'c1']) expect(json).not.toContain(secret);
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
