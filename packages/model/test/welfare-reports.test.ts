/**
 * Reports to child welfare (melding til barnevernstjenesten): recorded once by a leader,
 * coordinator or professional; under the safety exception kept in the restricted document
 * (never the guardians'), otherwise in the shared one; never changed after sending except
 * for the service's answer; exported only when the family may read them.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  allWelfareReports, authorizeUpdate, CommandError, exportMeeting, MeetingModel, toMarkdown, type AuthUser,
} from '../src/index.js';
import { counterIds, seeded, steppingClock, user } from './helpers.js';

function updateFrom(doc: Y.Doc, edit: (replica: Y.Doc) => void): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(replica);
  edit(replica);
  return Y.encodeStateAsUpdate(replica, before);
}

/** The update a user's model produces on replicas of both documents. */
function commandUpdates(doc: Y.Doc, restricted: Y.Doc, u: AuthUser, fn: (m: MeetingModel) => void): { shared: Uint8Array; restricted: Uint8Array } {
  const r1 = new Y.Doc();
  const r2 = new Y.Doc();
  Y.applyUpdate(r1, Y.encodeStateAsUpdate(doc));
  Y.applyUpdate(r2, Y.encodeStateAsUpdate(restricted));
  const [s1, s2] = [Y.encodeStateVector(r1), Y.encodeStateVector(r2)];
  fn(new MeetingModel(r1, u, { restricted: r2, now: steppingClock(), newId: counterIds('w') }));
  return { shared: Y.encodeStateAsUpdate(r1, s1), restricted: Y.encodeStateAsUpdate(r2, s2) };
}

const GROUNDS = 'Emma har fortalt læreren om vold hjemme.';

describe('reports to child welfare', () => {
  it('stores a report without the safety exception in the shared document, where the family reads it', () => {
    const { as } = seeded();
    const teacher = as('teacher');
    const id = teacher.welfareReports.send({ grounds: 'Vedvarende høyt fravær og bekymring for omsorgen.', homeToldBeforehand: true });
    const report = teacher.snapshot().welfareReports.find((r) => r.id === id)!;
    expect(report).toMatchObject({ senderName: user('teacher').name, senderService: 'skole', homeToldBeforehand: true, safetyException: false });
    expect(report.senderParticipantId).toBe(teacher.me()!.id);
    expect(teacher.snapshot().restrictedWelfareReports).toEqual([]);
    const mother = as('mother', false);
    expect(mother.snapshot().welfareReports.map((r) => r.id)).toEqual([id]);
  });

  it('keeps a report under the safety exception in the restricted document only: the guardians never see it', () => {
    const { as, doc } = seeded();
    const teacher = as('teacher');
    const id = teacher.welfareReports.send({ grounds: GROUNDS, homeToldBeforehand: false, safetyException: true });
    expect(teacher.snapshot().restrictedWelfareReports.map((r) => r.id)).toEqual([id]);
    expect(teacher.snapshot().welfareReports).toEqual([]);
    expect(allWelfareReports(teacher.snapshot()).map((r) => r.id)).toEqual([id]);
    expect(JSON.stringify(doc.toJSON())).not.toContain('vold hjemme');
    expect(as('mother', false).snapshot().restrictedWelfareReports).toEqual([]);
  });

  it('refuses the home told beforehand together with the safety exception, and the exception without the restricted document', () => {
    const { as } = seeded();
    expect(() => as('teacher').welfareReports.send({ grounds: GROUNDS, homeToldBeforehand: true, safetyException: true })).toThrow(CommandError);
    expect(() => as('teacher', false).welfareReports.send({ grounds: GROUNDS, homeToldBeforehand: false, safetyException: true })).toThrow(/restricted/);
  });

  it('lets leader, coordinator and professionals send it, nobody else', () => {
    const { as } = seeded();
    for (const who of ['mother', 'child'] as const) {
      expect(() => as(who, false).welfareReports.send({ grounds: 'x', homeToldBeforehand: true })).toThrow(CommandError);
    }
    expect(as('leader').can('welfareReport.send')).toBe(true);
    expect(as('ppt').can('welfareReport.send')).toBe(true);
  });

  it('adds the service answer once, and never changes a sent report otherwise', () => {
    const { as } = seeded();
    const leader = as('leader');
    const id = leader.welfareReports.send({ grounds: GROUNDS, homeToldBeforehand: false, safetyException: true });
    leader.welfareReports.answer(id, { answeredOn: '2026-11-27', answer: 'Meldingen er tatt til undersøkelse.' });
    expect(leader.snapshot().restrictedWelfareReports[0]).toMatchObject({ answeredOn: '2026-11-27', answerRecordedByName: user('leader').name });
    expect(() => leader.welfareReports.answer(id, { answeredOn: '2026-11-28', answer: 'Henlagt' })).toThrow(/already/);
  });

  it('the write rules: accepted through the commands, refused for changes, removals, misplacement and the family', () => {
    const { doc, restricted } = seeded();
    const teacher = user('teacher');
    const sent = commandUpdates(doc, restricted, teacher, (m) => {
      m.welfareReports.send({ grounds: 'Bekymring for omsorgen.', homeToldBeforehand: true });
      m.welfareReports.send({ grounds: GROUNDS, homeToldBeforehand: false, safetyException: true });
    });
    expect(authorizeUpdate(doc, sent.shared, teacher, { scope: 'shared' })).toEqual({ ok: true });
    expect(authorizeUpdate(restricted, sent.restricted, teacher, { scope: 'restricted' })).toEqual({ ok: true });
    Y.applyUpdate(doc, sent.shared);
    Y.applyUpdate(restricted, sent.restricted);
    const [sharedId] = [...doc.getMap('welfareReports').keys()];
    const [restrictedId] = [...restricted.getMap('restrictedWelfareReports').keys()];

    // Edits of a sent report, and its removal.
    const edit = (d: Y.Doc, root: string, id: string, field: string, value: unknown) => updateFrom(d, (r) => {
      const e = r.getMap(root).get(id) as Y.Map<unknown>;
      e.set(field, value);
      e.set('updatedBy', teacher.id);
    });
    expect(authorizeUpdate(doc, edit(doc, 'welfareReports', sharedId!, 'grounds', 'Endret'), teacher, { scope: 'shared' })).toEqual({ ok: false, reason: 'sent:welfareReports' });
    expect(authorizeUpdate(doc, edit(doc, 'welfareReports', sharedId!, 'homeToldBeforehand', false), teacher, { scope: 'shared' })).toEqual({ ok: false, reason: 'sent:welfareReports' });
    expect(authorizeUpdate(restricted, edit(restricted, 'restrictedWelfareReports', restrictedId!, 'grounds', 'Endret'), teacher, { scope: 'restricted' })).toEqual({ ok: false, reason: 'sent:restrictedWelfareReports' });
    expect(authorizeUpdate(doc, updateFrom(doc, (r) => r.getMap('welfareReports').delete(sharedId!)), teacher, { scope: 'shared' })).toEqual({ ok: false, reason: 'sent:welfareReports' });
    // Moving a shared report under the safety exception where the family reads it.
    expect(authorizeUpdate(doc, edit(doc, 'welfareReports', sharedId!, 'safetyException', true), teacher, { scope: 'shared' })).toMatchObject({ ok: false });

    // The answer, once, through the command; a second answer by hand is refused.
    const answered = commandUpdates(doc, restricted, teacher, (m) => m.welfareReports.answer(sharedId!, { answeredOn: '2026-11-27', answer: 'Undersøkes' }));
    expect(authorizeUpdate(doc, answered.shared, teacher, { scope: 'shared' })).toEqual({ ok: true });
    Y.applyUpdate(doc, answered.shared);
    expect(authorizeUpdate(doc, edit(doc, 'welfareReports', sharedId!, 'answer', 'Henlagt'), teacher, { scope: 'shared' })).toEqual({ ok: false, reason: 'sent:welfareReports' });

    // A new report in the shared document that claims the safety exception.
    const claim = updateFrom(doc, (r) => {
      const m = new Y.Map<unknown>();
      const at = '2026-11-20T10:00:00.000Z';
      for (const [k, v] of Object.entries({ id: 'claim', createdAt: at, createdBy: teacher.id, updatedAt: at, updatedBy: teacher.id, sentAt: at, senderName: teacher.name, grounds: GROUNDS, homeToldBeforehand: false, safetyException: true })) m.set(k, v);
      r.getMap('welfareReports').set('claim', m);
    });
    expect(authorizeUpdate(doc, claim, teacher, { scope: 'shared' })).toEqual({ ok: false, reason: 'invalid:welfareReports' });

    // Parents, children and observers may not create one.
    for (const who of ['mother', 'child', 'observer'] as const) {
      const u: AuthUser = who === 'observer' ? { id: 'obs', name: 'Observatør', role: 'observer' } : user(who);
      const forged = updateFrom(doc, (r) => {
        const m = new Y.Map<unknown>();
        const at = '2026-11-20T10:00:00.000Z';
        for (const [k, v] of Object.entries({ id: `f-${who}`, createdAt: at, createdBy: u.id, updatedAt: at, updatedBy: u.id, sentAt: at, senderName: u.name, grounds: 'x', homeToldBeforehand: true, safetyException: false })) m.set(k, v);
        r.getMap('welfareReports').set(`f-${who}`, m);
      });
      expect(authorizeUpdate(doc, forged, u, { scope: 'shared' }).ok, who).toBe(false);
    }
  });

  it('exports the reports the family may read, never one under the safety exception', () => {
    const { as, ids } = seeded();
    const teacher = as('teacher');
    teacher.welfareReports.send({ grounds: 'Vedvarende høyt fravær.', homeToldBeforehand: true });
    teacher.welfareReports.send({ grounds: GROUNDS, homeToldBeforehand: false, safetyException: true });
    const exp = exportMeeting(teacher.snapshot(), ids.meetingId);
    expect(exp.welfareReports?.map((r) => r.grounds)).toEqual(['Vedvarende høyt fravær.']);
    const md = toMarkdown(exp, 'nb');
    expect(md).toContain('Meldinger til barnevernstjenesten');
    expect(md).toContain('hjemmet ble informert på forhånd');
    expect(md).not.toContain('vold hjemme');
  });

  it('leaves the export as it was for a case without reports (locked minutes keep their hash)', () => {
    const { as, ids } = seeded();
    expect('welfareReports' in exportMeeting(as('leader').snapshot(), ids.meetingId)).toBe(false);
  });
});
