import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  buildMinutesVersion, dueNotices, MeetingModel, minutesSha256, noticeToday, readSnapshot, type DueNotice, type SentNotice,
} from '../src/index.js';
import { counterIds, NOW, seeded, user } from './helpers.js';

const keys = (notices: DueNotice[]) => notices.map((n) => n.key).sort();
const sent = (notices: DueNotice[]): SentNotice[] => notices.map((n) => ({ kind: n.kind, entityId: n.entityId, recipientId: n.recipient.participantId, date: n.date }));
const due = (doc: Y.Doc, extra: { sent?: SentNotice[]; now?: Date; leadDays?: number } = {}) =>
  dueNotices(readSnapshot(doc), { caseId: 'c1', now: extra.now ?? NOW, linkBase: 'https://portal.example/samrad', ...extra });

describe('dueNotices', () => {
  it('reminds of an evaluation coming up and a deadline passed, to whom the action belongs', () => {
    const { doc, ids } = seeded();
    const notices = due(doc);
    const [teacherAction, leaderAction, pptAction] = ids.actionIds;
    expect(keys(notices)).toEqual([
      `action-deadline-passed:${pptAction}:2026-11-15:${ids.participants.ppt}`,
      `action-evaluation-soon:${leaderAction}:2026-11-23:${ids.participants.leader}`,
    ]);
    // The teacher's action was evaluated on its date: no reminder.
    expect(notices.some((n) => n.entityId === teacherAction)).toBe(false);
    const reminder = notices.find((n) => n.kind === 'action-evaluation-soon')!;
    expect(reminder.subject).toBe('Et tiltak skal evalueres snart');
    expect(reminder.text).toContain('23. november 2026');
    expect(reminder.recipient).toEqual({ participantId: ids.participants.leader, name: 'Sofie Lie', role: 'leader', userId: 'sofie.lie', channels: ['portal'], locale: 'nb' });
    // A shorter lead time: not yet.
    expect(keys(due(doc, { leadDays: 2 })).some((k) => k.startsWith('action-evaluation-soon'))).toBe(false);
    // Long after: the passed deadline is no longer told.
    expect(due(doc, { now: new Date('2027-01-20T09:00:00Z') }).some((n) => n.kind === 'action-deadline-passed')).toBe(false);
  });

  it('invites every participant to a new meeting with an ICS, tells a change and a cancellation once', () => {
    const { doc, ids, as } = seeded();
    const leader = as('leader');
    const meetingId = leader.meetings.create({ templateId: 'samarbeidsmote', purpose: 'Oppfølging', date: '2026-12-03T08:00:00.000Z', place: 'Møterom 2', locale: 'nb' });
    const first = due(doc).filter((n) => n.meetingId === meetingId);
    expect(first).toHaveLength(7);
    expect(first.every((n) => n.kind === 'meeting-invitation')).toBe(true);
    const toMother = first.find((n) => n.recipient.participantId === ids.participants.mother)!;
    expect(toMother.key).toBe(`meeting-invitation:${meetingId}:2026-12-03T08:00:00.000Z:${ids.participants.mother}`);
    expect(toMother.text).toBe('Du er invitert til et samarbeidsmøte 3. desember 2026 kl. 09:00. Sted: Møterom 2. Åpne Samråd for å se innkallingen.');
    expect(toMother.link).toBe(`https://portal.example/samrad?case=c1&meeting=${meetingId}`);
    expect(toMother.ics).toContain('METHOD:REQUEST');
    expect(toMother.ics).toContain(`UID:${meetingId}@samrad`);
    expect(toMother.ics).toContain('DTSTART:20261203T080000Z');
    expect(toMother.ics).toContain('LOCATION:Møterom 2');

    // Once sent, nothing more is due for the meeting…
    const told = sent(first);
    expect(due(doc, { sent: told }).filter((n) => n.meetingId === meetingId)).toEqual([]);
    // …until it moves: a change, with a higher sequence.
    leader.meetings.update(meetingId, { date: '2026-12-04T08:00:00.000Z' });
    const changed = due(doc, { sent: told }).filter((n) => n.meetingId === meetingId);
    expect(changed).toHaveLength(7);
    expect(changed.every((n) => n.kind === 'meeting-changed')).toBe(true);
    expect(changed[0]!.ics).toContain('SEQUENCE:1');
    const toldTwice = [...told, ...sent(changed)];
    // Removed: a cancellation to everyone who was told, for the date they were told.
    doc.getMap('meetings').delete(meetingId);
    const cancelled = due(doc, { sent: toldTwice }).filter((n) => n.meetingId === meetingId);
    expect(cancelled).toHaveLength(7);
    expect(cancelled[0]!.kind).toBe('meeting-cancelled');
    expect(cancelled[0]!.date).toBe('2026-12-04T08:00:00.000Z');
    expect(cancelled[0]!.ics).toContain('METHOD:CANCEL');
    expect(due(doc, { sent: [...toldTwice, ...sent(cancelled)] }).filter((n) => n.meetingId === meetingId)).toEqual([]);
  });

  it('follows each participant\'s own preferences: kinds, none at all, channels and language', () => {
    const { doc, ids, as } = seeded();
    as('mother').participants.setOwnStatus(ids.participants.mother, { notices: { kinds: [] } });
    as('father').participants.setOwnStatus(ids.participants.father, { notices: { kinds: ['meeting-invitation'], channels: ['sms'], locale: 'uk' } });
    const leader = as('leader');
    const noLogin = leader.participants.add({ name: 'Besteforelder', role: 'observer' });
    const meetingId = leader.meetings.create({ templateId: 'samarbeidsmote', purpose: 'Oppfølging', date: '2026-12-03T08:00:00.000Z', locale: 'nb' });
    const notices = due(doc).filter((n) => n.meetingId === meetingId);
    expect(notices.some((n) => n.recipient.participantId === ids.participants.mother)).toBe(false);
    const toFather = notices.find((n) => n.recipient.participantId === ids.participants.father)!;
    expect(toFather.recipient.channels).toEqual(['sms']);
    expect(toFather.subject).toBe('Запрошення на зустріч 3 грудня 2026 р. о 09:00');
    // No login and no channel: due all the same (the server records it as undeliverable).
    expect(notices.find((n) => n.recipient.participantId === noLogin)!.recipient.channels).toEqual([]);
    // The father wants invitations only.
    leader.actions.add({ title: 'Hjemmerutine', owner: { kind: 'parent' }, schedule: { kind: 'deadline', date: '2026-11-21' }, evaluationDate: '2027-01-10' });
    const reminders = due(doc).filter((n) => n.kind === 'action-deadline-soon');
    expect(reminders.map((n) => n.recipient.participantId)).toEqual([]);
  });

  it('tells the baton offered, accepted and changed, to the right people', () => {
    const { doc, ids, as } = seeded();
    const h = as('leader').handovers.offer(ids.participants.ppt);
    const offered = due(doc).filter((n) => n.entityId === h);
    expect(keys(offered)).toEqual([`baton-offered:${h}:${offered[0]!.date}:${ids.participants.ppt}`]);
    as('ppt').handovers.answer(h, true);
    const after = due(doc).filter((n) => n.entityId === h);
    expect(after.filter((n) => n.kind === 'baton-offered')).toEqual([]);
    expect(after.filter((n) => n.kind === 'baton-accepted').map((n) => n.recipient.participantId)).toEqual([ids.participants.leader]);
    const changed = after.filter((n) => n.kind === 'baton-changed');
    expect(changed.map((n) => n.recipient.participantId).sort()).toEqual(
      [ids.participants.teacher, ids.participants.childWelfare, ids.participants.mother, ids.participants.father, ids.participants.child].sort());
    expect(changed[0]!.text).toContain('Morten Dahl er koordinator');
  });

  it('tells the coordinator and guardians that a consent runs out, and the case that minutes are locked', () => {
    const { doc, ids, as } = seeded();
    const leader = as('leader');
    const consentId = leader.consents.record({
      givenBy: [{ name: 'Kari Fjellstad', relation: 'guardian' }], services: ['skole'], scope: 'Fravær', purpose: 'Samarbeid',
      validFrom: '2026-01-01', validTo: '2026-11-22',
    });
    const consent = due(doc).filter((n) => n.entityId === consentId);
    expect(consent.map((n) => n.recipient.participantId).sort()).toEqual([ids.participants.leader, ids.participants.mother, ids.participants.father].sort());
    expect(consent[0]!.kind).toBe('consent-expiring');

    // The server appends a locked version when a meeting is finalised.
    const locked = new Date(NOW.getTime() - 3_600_000);
    const v = buildMinutesVersion(readSnapshot(doc), ids.meetingId, { lockedAt: locked, lockedBy: 'sofie.lie', lockedByName: 'Sofie Lie' });
    ((doc.getMap('meetings').get(ids.meetingId) as Y.Map<unknown>).get('minutes') as Y.Array<unknown>).push([{ ...v, sha256: minutesSha256(v) }]);
    const minutes = due(doc).filter((n) => n.kind === 'minutes-locked');
    expect(minutes).toHaveLength(7);
    expect(minutes[0]!.entityId).toBe(`${ids.meetingId}.v1`);
    expect(minutes[0]!.meetingId).toBe(ids.meetingId);
  });

  it('never carries notes, the child\'s words, assessments or action titles', () => {
    const { doc, as } = seeded();
    as('leader').meetings.create({ templateId: 'samarbeidsmote', purpose: 'Hemmelig formål', date: '2026-12-03T08:00:00.000Z', locale: 'nb' });
    const all = JSON.stringify(due(doc));
    for (const secret of ['Emma Fjellstad', 'friminuttene', 'sliten', 'Utredning', 'Fravær på', 'Hemmelig', 'Samtaler med helsesykepleier']) expect(all).not.toContain(secret);
  });

  it('reads the date in Oslo', () => {
    expect(noticeToday(new Date('2026-11-20T23:30:00Z'))).toBe('2026-11-21');
    // The model refuses notice preferences another participant writes.
    const { doc, ids } = seeded();
    const mother = new MeetingModel(doc, user('mother'), { newId: counterIds('x') });
    expect(() => mother.participants.setOwnStatus(ids.participants.father, { notices: { kinds: [] } })).toThrow();
  });
});
