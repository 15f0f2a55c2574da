import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  authorizeUpdate, carriedInto, concernDeadline, consentAllows, emptyTotals, timeline, yearlyReport,
} from '../src/index.js';
import { NOW, seeded, user, writeLegacyFeedback } from './helpers.js';

describe('the case across meetings', () => {
  it('carries open actions, due evaluations and the latest assessment into a new meeting', () => {
    const { as, ids } = seeded();
    const leader = as('leader');
    const next = leader.meetings.create({ templateId: 'evalueringsmote', purpose: 'Evaluere', date: '2026-12-20T08:00:00.000Z' });
    const snap = leader.snapshot();
    const evaluationItem = snap.agenda.find((a) => a.meetingId === next && a.kind === 'evaluation')!;
    // Every open action with an evaluation date by the meeting day is on the evaluation item.
    const due = snap.actions.filter((a) => (a.status === 'planned' || a.status === 'in-progress') && a.evaluationDate <= '2026-12-20').map((a) => a.id).sort();
    expect([...evaluationItem.actionIds].sort()).toEqual(due);
    expect(due.length).toBeGreaterThan(0);
    const carried = carriedInto(snap, next);
    expect(carried.actions.map((a) => a.id)).toEqual(expect.arrayContaining([ids.actionIds[0]!, ids.actionIds[3]!]));
    expect(carried.childGoals).toContain('Være med i leseklubben');
    const draft = snap.assessments.find((a) => a.meetingId === next)!;
    expect(draft.content.primaryDifficulty.text).toBe(snap.assessments.find((a) => a.id === ids.assessmentId)!.content.primaryDifficulty.text);
  });

  it('builds a timeline in time order with handovers, consent events and evaluations', () => {
    const { as, ids } = seeded();
    const leader = as('leader');
    const offer = leader.handovers.offer(ids.participants.teacher);
    as('teacher').handovers.answer(offer, true);
    leader.consents.withdraw(leader.snapshot().consents[0]!.id, ['ppt']);
    const t = timeline(leader.snapshot());
    const kinds = t.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['meeting-held', 'decision', 'consent-recorded', 'consent-withdrawn', 'handover-offered', 'handover-accepted', 'action-evaluated']));
    for (let i = 1; i < t.length; i++) expect(t[i - 1]!.at <= t[i]!.at).toBe(true);
  });

  it('counts the 14-day decision deadline after a concern', () => {
    const { as } = seeded();
    const leader = as('leader');
    const concernId = leader.case.raiseConcern('2026-11-10T10:00:00.000Z');
    const d = concernDeadline(leader.snapshot(), NOW)!;
    expect(d.due).toBe('2026-11-24T10:00:00.000Z');
    expect(d.daysLeft).toBe(5);
    expect(d.concern.id).toBe(concernId);
    leader.case.concernDecided(concernId);
    expect(concernDeadline(leader.snapshot(), NOW)).toBeUndefined();
  });

  it('gates professionals on consent, child welfare too', () => {
    const { as } = seeded();
    const leader = as('leader');
    const ppt = { role: 'professional' as const, service: 'ppt' };
    expect(consentAllows(leader.snapshot(), ppt, NOW)).toBe(true);
    expect(consentAllows(leader.snapshot(), { role: 'professional', service: 'barnevern' }, NOW)).toBe(true);
    leader.consents.withdraw(leader.snapshot().consents[0]!.id, ['ppt', 'barnevern']);
    const later = new Date(NOW.getTime() + 3_600_000);
    expect(consentAllows(leader.snapshot(), ppt, later)).toBe(false);
    // Child welfare is gated like any other service (opplysningsplikt is a report, not access).
    expect(consentAllows(leader.snapshot(), { role: 'professional', service: 'barnevern' }, later)).toBe(false);
    expect(consentAllows(leader.snapshot(), { role: 'professional', service: 'nav' }, later)).toBe(false);
    expect(consentAllows(leader.snapshot(), { role: 'parent' }, later)).toBe(true);
  });

  it('runs round-robin and IGP, and hides silent notes until plenary', () => {
    const { as, ids } = seeded();
    const leader = as('leader');
    leader.facilitation.startRound(ids.meetingId);
    leader.facilitation.markHeard(ids.meetingId, ids.participants.mother);
    let m = leader.snapshot().meetings.find((x) => x.id === ids.meetingId)!;
    expect(m.speakingOrder.length).toBeGreaterThan(0);
    expect(m.heard).toEqual([ids.participants.mother]);
    leader.facilitation.setIgpPhase(ids.meetingId, 'individual');
    const mother = as('mother', false);
    mother.silentNotes.add(ids.meetingId, 'Mitt stille notat');
    leader.silentNotes.add(ids.meetingId, 'Lederens notat');
    expect(mother.silentNotes.visible(ids.meetingId).map((n) => n.text)).toEqual(['Mitt stille notat']);
    leader.facilitation.setIgpPhase(ids.meetingId, 'plenary');
    expect(mother.silentNotes.visible(ids.meetingId)).toHaveLength(2);
    m = leader.snapshot().meetings.find((x) => x.id === ids.meetingId)!;
    expect(m.igpPhase).toBe('plenary');
  });

  it('reports the family’s feedback without names, suppressing small numbers', () => {
    const { as, ids, doc } = seeded();
    writeLegacyFeedback(doc, user('mother') as { id: string; role: 'parent' }, { meetingId: ids.meetingId, feltHeard: 4, knowsWhoToContact: true, useful: 5 });
    const leader = as('leader');
    leader.decisions.add({ meetingId: ids.meetingId, text: 'x' });
    leader.meetings.finalise(ids.meetingId);
    const few = yearlyReport([leader.snapshot()], 2026, { asOf: NOW });
    expect(few.meetings).toBeNull(); // two meetings: suppressed
    expect(few.familiesFeltHeard.count).toBeNull();
    expect(JSON.stringify(few)).not.toContain('Kari');
    // Five cases, each with a finalised meeting and feedback: figures appear.
    const snaps = Array.from({ length: 5 }, () => {
      const s = seeded();
      const l = s.as('leader');
      l.decisions.add({ meetingId: s.ids.meetingId, text: 'x' });
      l.meetings.finalise(s.ids.meetingId);
      writeLegacyFeedback(s.doc, user('mother') as { id: string; role: 'parent' }, { meetingId: s.ids.meetingId, feltHeard: 5, knowsWhoToContact: true, useful: 4 });
      return l.snapshot();
    });
    const figures = yearlyReport(snaps, 2026, { asOf: NOW });
    // Each example case has two finalised meetings; only today's documents the child's voice.
    expect(figures.meetings).toBe(10);
    expect(figures.childVoiceDocumented).toEqual({ count: 5, of: 10, percent: 50 });
    expect(figures.familiesFeltHeard).toEqual({ count: 5, of: 5, percent: 100 });
    // With the server's totals (answers are stored outside the documents), those count instead.
    const fromStore = yearlyReport(snaps, 2026, {
      asOf: NOW,
      feedbackOf: (s) => {
        const t = emptyTotals(s.meetings.find((m) => m.templateId === 'samarbeidsmote' && m.state === 'finalised')?.id ?? ids.meetingId);
        t.parent = { answers: 2, feltHeard: [1, 0, 0, 0, 1], useful: [0, 0, 0, 2, 0], knowsWhoToContact: { yes: 2, no: 0 } };
        t.child = { answers: 1, feltHeard: [0, 0, 0, 1, 0], useful: [0, 0, 0, 1, 0], knowsWhoToContact: { yes: 1, no: 0 } };
        return [t];
      },
    });
    expect(fromStore.familiesFeltHeard).toEqual({ count: 5, of: 10, percent: 50 });
    expect(fromStore.childrenFeltHeard).toEqual({ count: 5, of: 5, percent: 100 });
    void doc;
  });

  it('refuses feedback written into the document, by anyone: answers go to the server', () => {
    const { doc, ids } = seeded();
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    const sv = Y.encodeStateVector(replica);
    writeLegacyFeedback(replica, user('mother') as { id: string; role: 'parent' }, { meetingId: ids.meetingId, feltHeard: 3, knowsWhoToContact: true, useful: 3 });
    for (const who of ['mother', 'leader'] as const) {
      expect(authorizeUpdate(doc, Y.encodeStateAsUpdate(replica, sv), user(who))).toEqual({ ok: false, reason: 'server-only:feedback' });
    }
    // Nor may anyone delete what an older document holds: the server moves it out itself.
    writeLegacyFeedback(doc, user('mother') as { id: string; role: 'parent' }, { meetingId: ids.meetingId, feltHeard: 3, knowsWhoToContact: true, useful: 3 });
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(copy);
    copy.getMap('feedback').clear();
    expect(authorizeUpdate(doc, Y.encodeStateAsUpdate(copy, before), user('leader'))).toEqual({ ok: false, reason: 'server-only:feedback' });
  });
});
