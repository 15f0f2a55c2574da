import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  authorizeUpdate, buildMinutesVersion, canonicalJson, CommandError, exportMinutes, minutesHashInput, minutesSha256, minutesView,
  MinutesVersion, readSnapshot, toHtml, toJson, toMarkdown, type MinutesVersion as MinutesVersionType,
} from '../src/index.js';
import { seeded, user } from './helpers.js';

/** What the server does on locking: build, hash and append the version to the meeting's list. */
function lockVersion(doc: Y.Doc, meetingId: string, lockedAt: Date, reason?: string): MinutesVersionType {
  const snapshot = readSnapshot(doc);
  const meeting = doc.getMap<Y.Map<unknown>>('meetings').get(meetingId)!;
  const list = meeting.get('minutes') as Y.Array<unknown>;
  const previous = list.length ? MinutesVersion.parse(list.get(list.length - 1)) : undefined;
  const unhashed = buildMinutesVersion(snapshot, meetingId, { lockedAt, lockedBy: 'u-leader', lockedByName: 'Lea Leder', previous, reason });
  const version = { ...unhashed, sha256: createHash('sha256').update(minutesHashInput(unhashed)).digest('hex') };
  doc.transact(() => list.push([version]), 'server');
  return MinutesVersion.parse(version);
}

function finalised() {
  const s = seeded();
  const leader = s.as('leader');
  leader.decisions.add({ meetingId: s.ids.meetingId, text: 'Fortsette med morgenmøtet.' });
  leader.meetings.finalise(s.ids.meetingId);
  return { ...s, leader };
}

describe('minutes versions', () => {
  it('minutesSha256 is the SHA-256 of the version\'s hash input, as any SHA-256 gives it', () => {
    const { doc, ids } = finalised();
    const unhashed = buildMinutesVersion(readSnapshot(doc), ids.meetingId, { lockedAt: new Date('2026-11-20T12:00:00Z'), lockedBy: 'u-leader', lockedByName: 'Lea Leder' });
    expect(minutesSha256(unhashed)).toBe(createHash('sha256').update(minutesHashInput(unhashed)).digest('hex'));
  });

  it('canonical JSON sorts keys at every level and leaves out undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined, x: 'é' }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":"é","z":1}]},"b":1}');
  });

  it('a new meeting has an empty minutes list, and the live record is shown until a version is locked', () => {
    const { doc, ids, leader } = finalised();
    const list = doc.getMap<Y.Map<unknown>>('meetings').get(ids.meetingId)!.get('minutes');
    expect(list).toBeInstanceOf(Y.Array);
    const view = minutesView(leader.snapshot(), ids.meetingId);
    expect(view).toMatchObject({ live: true, pending: true, versions: [] });
  });

  it('once locked, exports show the version whatever changes later, with the list of versions', () => {
    const { doc, ids, leader } = finalised();
    const v1 = lockVersion(doc, ids.meetingId, new Date('2026-11-20T10:00:00.000Z'));
    expect(v1).toMatchObject({ version: 1, previousSha256: null });
    expect(v1.content.exportedAt).toBe('2026-11-20T10:00:00.000Z');
    const before = exportMinutes(leader.snapshot(), ids.meetingId);
    const texts = [toJson(before), toMarkdown(before, 'nb'), toHtml(before, 'en')];
    const action = leader.snapshot().actions.find((a) => a.status === 'planned' || a.status === 'in-progress')!;
    leader.actions.setStatus(action.id, action.status === 'planned' ? 'in-progress' : 'planned');
    leader.actions.add({ title: 'Nytt tiltak etterpå', owner: { kind: 'child' }, schedule: { kind: 'ongoing' }, evaluationDate: '2027-01-10' });
    leader.participants.add({ name: 'Ny Person', role: 'professional', service: 'ppt' });
    leader.case.setup({ child: { name: 'Endret Navn', pseudonym: false }, levelModelId: 'bti' });
    const after = exportMinutes(leader.snapshot(), ids.meetingId);
    expect([toJson(after), toMarkdown(after, 'nb'), toHtml(after, 'en')]).toEqual(texts);
    expect(texts[1]).toContain('Versjon 1');
    expect(texts[1]).not.toContain('Nytt tiltak etterpå');
  });

  it('a correction reopens the minutes with a reason and the next version carries it', () => {
    const { doc, ids, leader, as } = finalised();
    const v1 = lockVersion(doc, ids.meetingId, new Date('2026-11-20T10:00:00.000Z'));
    expect(() => as('teacher').meetings.correct(ids.meetingId, 'Feil dato')).toThrow(CommandError);
    expect(() => leader.meetings.correct(ids.meetingId, '  ')).toThrow(/reason/);
    leader.meetings.correct(ids.meetingId, 'Feil navn på referent');
    const m = leader.snapshot().meetings.find((x) => x.id === ids.meetingId)!;
    expect(m.state).toBe('correcting');
    expect(m.correction).toMatchObject({ reason: 'Feil navn på referent', by: user('leader').id });
    const view = minutesView(leader.snapshot(), ids.meetingId);
    expect(view.correcting?.reason).toBe('Feil navn på referent');
    expect(view.export.meeting.state).toBe('finalised'); // still the locked version
    leader.meetings.update(ids.meetingId, { place: 'Rom 2' });
    leader.meetings.finalise(ids.meetingId);
    const v2 = lockVersion(doc, ids.meetingId, new Date('2026-11-21T10:00:00.000Z'), 'Feil navn på referent');
    expect(v2).toMatchObject({ version: 2, reason: 'Feil navn på referent', previousSha256: v1.sha256 });
    const md = toMarkdown(exportMinutes(leader.snapshot(), ids.meetingId), 'en');
    expect(md).toContain('Version 2 — correction: Feil navn på referent');
    expect(md).toContain('Rom 2');
  });

  it('the server lets a full-write role start a correction of finalised minutes and nothing more', () => {
    const { doc, ids } = finalised();
    const meeting = () => doc.getMap<Y.Map<unknown>>('meetings').get(ids.meetingId)!;
    const attempt = (who: Parameters<typeof user>[0], change: (m: Y.Map<unknown>) => void) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      const sv = Y.encodeStateVector(copy);
      copy.transact(() => change(copy.getMap<Y.Map<unknown>>('meetings').get(ids.meetingId)!));
      return authorizeUpdate(doc, Y.encodeStateAsUpdate(copy, sv), user(who));
    };
    const correction = { reason: 'Feil', at: '2026-11-21T10:00:00.000Z', by: 'x', byName: 'X' };
    const start = (m: Y.Map<unknown>) => { m.set('state', 'correcting'); m.set('correction', correction); m.set('updatedAt', '2026-11-21T10:00:00.000Z'); };
    expect(attempt('leader', start)).toEqual({ ok: true });
    expect(attempt('mother', start)).toMatchObject({ ok: false });
    expect(attempt('leader', (m) => { start(m); m.set('place', 'Annet sted'); })).toEqual({ ok: false, reason: 'finalised' });
    expect(attempt('leader', (m) => m.set('state', 'running'))).toEqual({ ok: false, reason: 'finalised' });
    expect(meeting().get('state')).toBe('finalised');
  });
});
