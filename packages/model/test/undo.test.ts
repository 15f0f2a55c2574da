import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MeetingModel } from '../src/index.js';
import { counterIds, seeded, steppingClock, user } from './helpers.js';

describe('per-user undo', () => {
  it("undoes only the user's own edits, even when interleaved with others'", () => {
    const { doc, ids } = seeded();
    // Two people on two replicas, kept in sync.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    doc.on('update', (u: Uint8Array, origin: unknown) => { if (origin !== 'net') Y.applyUpdate(other, u, 'net'); });
    other.on('update', (u: Uint8Array, origin: unknown) => { if (origin !== 'net') Y.applyUpdate(doc, u, 'net'); });
    const leader = new MeetingModel(doc, user('leader'), { now: steppingClock(), newId: counterIds('l') });
    const teacher = new MeetingModel(other, user('teacher'), { now: steppingClock(), newId: counterIds('t') });
    const item = leader.snapshot().agenda.find((a) => a.meetingId === ids.meetingId)!;

    leader.agenda.update(item.id, { notes: 'Leders notat' });
    const teachersAction = teacher.actions.add({ title: 'Lærerens tiltak', owner: { kind: 'service', service: 'skole' }, schedule: { kind: 'ongoing' }, evaluationDate: '2026-12-24' });
    const leadersAction = leader.actions.add({ title: 'Lederens tiltak', owner: { kind: 'service', service: 'helsestasjon' }, schedule: { kind: 'ongoing' }, evaluationDate: '2026-12-24' });

    expect(leader.undo()).toBe(true); // removes the leader's action only
    let titles = teacher.snapshot().actions.map((a) => a.id);
    expect(titles).toContain(teachersAction);
    expect(titles).not.toContain(leadersAction);

    expect(leader.undo()).toBe(true); // restores the notes
    expect(teacher.snapshot().agenda.find((a) => a.id === item.id)?.notes).toBe('');
    expect(leader.canUndo()).toBe(false);
    expect(leader.undo()).toBe(false);
    expect(teacher.snapshot().actions.map((a) => a.id)).toContain(teachersAction);

    expect(leader.redo()).toBe(true);
    expect(teacher.snapshot().agenda.find((a) => a.id === item.id)?.notes).toBe('Leders notat');

    expect(teacher.undo()).toBe(true);
    titles = leader.snapshot().actions.map((a) => a.id);
    expect(titles).not.toContain(teachersAction);
    expect(leader.snapshot().agenda.find((a) => a.id === item.id)?.notes).toBe('Leders notat');
  });

  it('undoes across the shared and restricted documents in order', () => {
    const { as, ids } = seeded();
    const leader = as('leader');
    leader.notes.add({ text: 'Fortrolig notat' });
    leader.agenda.update(leader.snapshot().agenda.find((a) => a.meetingId === ids.meetingId)!.id, { notes: 'x' });
    leader.undo();
    expect(leader.snapshot().notes).toHaveLength(1);
    leader.undo();
    expect(leader.snapshot().notes).toHaveLength(0);
  });
});
