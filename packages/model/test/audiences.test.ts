/** Audiences as documents: names, who receives which, and the commands that write to them. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  audienceAccess, audienceDocName, authorizeUpdate, decodeSub, encodeSub, MeetingModel, parseAudienceDocName,
  type Audience, type AuthUser,
} from '../src/index.js';
import { counterIds, seeded, steppingClock, user } from './helpers.js';

const teacher: AuthUser = { id: 'kari', name: 'Kari Lærer', role: 'professional', service: 'skole' };
const nurse: AuthUser = { id: 'nina', name: 'Nina Helsesykepleier', role: 'professional', service: 'helsestasjon' };

describe('document names', () => {
  it('round-trips every audience, with any user id', () => {
    const audiences: Audience[] = [
      { kind: 'shared' }, { kind: 'restricted' }, { kind: 'service', service: 'skole' },
      { kind: 'withheld', services: ['skole', 'helsestasjon'] }, { kind: 'private', sub: 'far/æ ø?&' }, { kind: 'kept-from', sub: 'mor@example.no' },
    ];
    for (const a of audiences) {
      const parsed = parseAudienceDocName(audienceDocName('c-1', a));
      expect(parsed?.caseId).toBe('c-1');
      expect(parsed?.audience).toEqual(a.kind === 'withheld' ? { kind: 'withheld', services: ['helsestasjon', 'skole'] } : a);
    }
  });

  it('has one spelling per document: unsorted sets, repeats, padding and unknown kinds are not names', () => {
    expect(parseAudienceDocName('case/c-1/withheld/skole+helsestasjon')).toBeNull();
    expect(parseAudienceDocName('case/c-1/withheld/skole+skole')).toBeNull();
    expect(parseAudienceDocName('case/c-1/withheld/')).toBeNull();
    expect(parseAudienceDocName('case/c-1/service/Skole')).toBeNull();
    expect(parseAudienceDocName(`case/c-1/private/${encodeSub('x')}=`)).toBeNull();
    expect(parseAudienceDocName('case/c-1/private/a/b')).toBeNull();
    expect(parseAudienceDocName('case/c-1/secret/x')).toBeNull();
    expect(parseAudienceDocName('case/c-1/restricted/x')).toBeNull();
    expect(decodeSub(encodeSub('Ærlig-ID/1'))).toBe('Ærlig-ID/1');
  });
});

describe('who receives which document', () => {
  const mother = user('mother');
  const child = user('child');
  const observer: AuthUser = { id: 'obs', name: 'Observatør', role: 'observer' };

  it('follows the table in audiences.ts', () => {
    expect(audienceAccess(teacher, { kind: 'service', service: 'skole' })).toBe('write');
    expect(audienceAccess(nurse, { kind: 'service', service: 'skole' })).toBe('none');
    expect(audienceAccess(mother, { kind: 'service', service: 'skole' })).toBe('none');
    expect(audienceAccess(teacher, { kind: 'withheld', services: ['skole'] })).toBe('none');
    expect(audienceAccess(nurse, { kind: 'withheld', services: ['skole'] })).toBe('write');
    expect(audienceAccess(nurse, { kind: 'withheld', services: ['helsestasjon', 'skole'] })).toBe('none');
    expect(audienceAccess(mother, { kind: 'withheld', services: ['skole'] })).toBe('none');
    expect(audienceAccess(mother, { kind: 'private', sub: mother.id })).toBe('write');
    expect(audienceAccess(teacher, { kind: 'private', sub: mother.id })).toBe('none');
    expect(audienceAccess(observer, { kind: 'private', sub: observer.id })).toBe('none');
    expect(audienceAccess(mother, { kind: 'kept-from', sub: mother.id })).toBe('none');
    expect(audienceAccess(child, { kind: 'kept-from', sub: mother.id })).toBe('read');
    expect(audienceAccess(teacher, { kind: 'kept-from', sub: mother.id })).toBe('write');
  });
});

describe('commands on audience documents', () => {
  /** A model with `opened` collecting every audience document it asked the connection for. */
  function withAudiences(doc: Y.Doc, u: AuthUser, restricted?: Y.Doc) {
    const opened = new Map<string, Y.Doc>();
    const model = new MeetingModel(doc, u, {
      ...(restricted ? { restricted } : {}), now: steppingClock(), newId: counterIds(u.id),
      openAudience: (a) => { const d = new Y.Doc(); opened.set(audienceDocName('c', a), d); return d; },
    });
    return { model, opened };
  }

  it('keeps a reservation in the document withheld from exactly the named services', () => {
    const { doc, restricted, ids } = seeded();
    const voiceId = new MeetingModel(doc, user('leader'), { restricted }).snapshot().voice[0]!.id;
    expect(ids.meetingId).toBeTruthy();
    const { model, opened } = withAudiences(doc, user('leader'), restricted);
    model.voice.reserve(voiceId, 'Vil ikke at skolen skal vite om angsten', ['skole', 'ppt', 'skole']);
    expect([...opened.keys()]).toEqual(['case/c/withheld/ppt+skole']);
    expect(model.snapshot().reservations.map((r) => r.withheldFrom)).toEqual([['ppt', 'skole']]);
    // Nothing of it in the shared or restricted document.
    expect(JSON.stringify(doc.toJSON()) + JSON.stringify(restricted.toJSON())).not.toContain('angsten');
  });

  it('refuses a reservation from a user of a named service: they could not read it back', () => {
    const { doc, restricted } = seeded();
    const voiceId = new MeetingModel(doc, user('leader'), { restricted }).snapshot().voice[0]!.id;
    const { model } = withAudiences(doc, teacher, restricted);
    expect(() => model.voice.reserve(voiceId, 'x', ['skole'])).toThrow(/may not write/);
  });

  it('writes silent notes privately and shares them whole, once', () => {
    const { doc, ids } = seeded();
    const { model, opened } = withAudiences(doc, user('mother'));
    const id = model.silentNotes.add(ids.meetingId, 'Fast voksen i friminuttene');
    expect(doc.getMap('silentNotes').size).toBe(0);
    expect(model.silentNotes.visible(ids.meetingId)).toMatchObject([{ id, private: true }]);
    const own = [...opened.values()][0]!;
    expect(own.getMap('silentNotes').size).toBe(1);
    expect(model.silentNotes.shareMine(ids.meetingId)).toBe(1);
    expect(model.silentNotes.shareMine(ids.meetingId)).toBe(0);
    expect(own.getMap('silentNotes').size).toBe(0);
    expect(model.silentNotes.visible(ids.meetingId)).toMatchObject([{ id, text: 'Fast voksen i friminuttene' }]);
    expect(model.silentNotes.visible(ids.meetingId)[0]!.private).toBeUndefined();
  });

  it('puts a note in its audience document only', () => {
    const { doc, restricted } = seeded();
    const { model, opened } = withAudiences(doc, teacher, restricted);
    model.notes.add({ text: 'Bare for skolen' }, { kind: 'service', service: 'skole' });
    model.notes.add({ text: 'Holdes unna far' }, { kind: 'kept-from', sub: 'far' });
    expect([...opened.keys()].sort()).toEqual(['case/c/kept-from/ZmFy', 'case/c/service/skole']);
    expect(model.snapshot().notes.map((n) => [n.text, n.audience])).toEqual([['Bare for skolen', 'service/skole'], ['Holdes unna far', 'kept-from/ZmFy']]);
    expect(() => model.notes.add({ text: 'x' }, { kind: 'service', service: 'helsestasjon' })).toThrow(/may not write/);
  });
});

describe('write rules on audience documents', () => {
  const note = (d: Y.Doc, id: string, createdBy: string, extra: Record<string, unknown> = {}) => {
    const before = Y.encodeStateVector(d);
    const m = new Y.Map<unknown>();
    d.getMap(Object.keys(extra).includes('voiceId') ? 'reservations' : 'silentNotes').set(id, m);
    const at = '2026-11-20T09:00:00.000Z';
    for (const [k, v] of Object.entries({ id, createdAt: at, createdBy, updatedAt: at, updatedBy: createdBy, ...extra })) m.set(k, v);
    return Y.encodeStateAsUpdate(d, before);
  };

  it('lets only the owner write their private document, and only their own entries', () => {
    const mother = user('mother');
    const own: Audience = { kind: 'private', sub: mother.id };
    const fields = { meetingId: 'm1', text: 'Stille notat' };
    expect(authorizeUpdate(new Y.Doc(), note(new Y.Doc(), 'n1', mother.id, fields), mother, { audience: own })).toEqual({ ok: true });
    expect(authorizeUpdate(new Y.Doc(), note(new Y.Doc(), 'n1', mother.id, fields), user('leader'), { audience: own }).ok).toBe(false);
    expect(authorizeUpdate(new Y.Doc(), note(new Y.Doc(), 'n1', 'someone-else', fields), mother, { audience: own }).ok).toBe(false);
  });

  it('refuses a reservation in a document withheld from other services than it names', () => {
    const fields = { voiceId: 'v1', what: 'Om angsten', withheldFrom: ['skole'] };
    const leader = user('leader');
    expect(authorizeUpdate(new Y.Doc(), note(new Y.Doc(), 'r1', leader.id, fields), leader, { audience: { kind: 'withheld', services: ['skole'] } })).toEqual({ ok: true });
    expect(authorizeUpdate(new Y.Doc(), note(new Y.Doc(), 'r1', leader.id, fields), leader, { audience: { kind: 'withheld', services: ['ppt'] } }))
      .toEqual({ ok: false, reason: 'audience-mismatch:reservations' });
    expect(authorizeUpdate(new Y.Doc(), note(new Y.Doc(), 'r1', 'mother', fields), user('mother'), { audience: { kind: 'withheld', services: ['skole'] } }).ok).toBe(false);
  });
});
