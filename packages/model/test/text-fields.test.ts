import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { authorizeUpdate, CommandError, LAYOUT_VERSION, MeetingModel, migrateLayout, TEXT_FIELDS, textDiff, type EntityRoot } from '../src/index.js';
import { patchEntity } from '../src/store.js';
import { counterIds, seeded, steppingClock, user } from './helpers.js';

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};
const textOf = (doc: Y.Doc, root: string, id: string, field: string) => doc.getMap<Y.Map<unknown>>(root).get(id)!.get(field);

describe('text fields', () => {
  it('stores every text field as a Y.Text and reads it back as a string', () => {
    const { doc, ids } = seeded();
    expect(doc.getMap('case').get('schemaVersion')).toBe(LAYOUT_VERSION);
    expect(LAYOUT_VERSION).toBe(3);
    const item = (doc.getMap<Y.Map<unknown>>('agenda').values().next().value)!;
    expect(item.get('notes')).toBeInstanceOf(Y.Text);
    expect(textOf(doc, 'meetings', ids.meetingId, 'purpose')).toBeInstanceOf(Y.Text);
    expect(textOf(doc, 'voice', ids.voiceId, 'adultNotes')).toBeInstanceOf(Y.Text);
    expect(textOf(doc, 'actions', ids.actionIds[0]!, 'successCriterion')).toBeInstanceOf(Y.Text);
    const leader = seeded().as('leader');
    const meeting = leader.snapshot().meetings.find((m) => m.id === ids.meetingId)!;
    expect(typeof meeting.purpose).toBe('string');
    expect(leader.snapshot().unreadable).toEqual([]);
  });

  it('patchEntity edits the Y.Text in place with one delete and one insert', () => {
    const { doc, ids, as } = seeded();
    const leader = as('leader');
    const purpose = textOf(doc, 'meetings', ids.meetingId, 'purpose') as Y.Text;
    const deltas: unknown[] = [];
    purpose.observe((e) => deltas.push(e.delta));
    const before = purpose.toString();
    leader.meetings.update(ids.meetingId, { purpose: before.replace('skolenærvær', 'nærvær på skolen') });
    expect(textOf(doc, 'meetings', ids.meetingId, 'purpose')).toBe(purpose);
    expect(purpose.toString()).toBe(before.replace('skolenærvær', 'nærvær på skolen'));
    expect(deltas).toHaveLength(1);
    const ops = deltas[0] as Array<Record<string, unknown>>;
    expect(ops.filter((o) => 'delete' in o)).toHaveLength(1);
    expect(ops.filter((o) => 'insert' in o)).toHaveLength(1);
    // Writing the same string changes nothing.
    doc.transact(() => patchEntity(doc, 'meetings', ids.meetingId, { purpose: purpose.toString() }));
    expect(deltas).toHaveLength(1);
  });

  it('textDiff keeps the common prefix and suffix and follows the caret in a run of equal characters', () => {
    expect(textDiff('hello world', 'hello brave world')).toEqual({ index: 6, remove: 0, insert: 'brave ' });
    expect(textDiff('abcdef', 'abXef')).toEqual({ index: 2, remove: 2, insert: 'X' });
    expect(textDiff('aa', 'aaa', 2)).toEqual({ index: 1, remove: 0, insert: 'a' });
    expect(textDiff('aa', 'aaa')).toEqual({ index: 2, remove: 0, insert: 'a' });
    expect(textDiff('a😀b', 'a😃b')).toEqual({ index: 1, remove: 2, insert: '😃' });
  });

  it('concurrent typing in the same agenda notes on two documents keeps both texts', () => {
    const { doc, ids, as } = seeded();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const leader = as('leader');
    const teacher = new MeetingModel(other, user('teacher'), { now: steppingClock(), newId: counterIds('t') });
    const item = leader.snapshot().agenda.find((a) => a.meetingId === ids.meetingId)!;
    leader.editText('agenda', item.id, 'notes', 'Felles notat.');
    sync(doc, other);
    leader.editText('agenda', item.id, 'notes', 'Leder skriver her. Felles notat.', 'Leder skriver her. '.length);
    teacher.editText('agenda', item.id, 'notes', 'Felles notat. Lærer skriver der.');
    sync(doc, other);
    const a = leader.snapshot().agenda.find((x) => x.id === item.id)!.notes;
    const b = teacher.snapshot().agenda.find((x) => x.id === item.id)!.notes;
    expect(a).toBe(b);
    expect(a).toBe('Leder skriver her. Felles notat. Lærer skriver der.');
    // The commands merge too: two people updating different parts of the same decision text.
    const decisionId = leader.decisions.add({ meetingId: ids.meetingId, text: 'Vi prøver morgenmøte.' });
    sync(doc, other);
    leader.decisions.update(decisionId, { text: 'Vi prøver morgenmøte i fire uker.' });
    teacher.decisions.update(decisionId, { text: 'Skolen: Vi prøver morgenmøte.' });
    sync(doc, other);
    expect(teacher.snapshot().decisions.find((d) => d.id === decisionId)!.text).toBe('Skolen: Vi prøver morgenmøte i fire uker.');
  });

  it('textField gives the Y.Text only to someone who may edit it, and not in finalised minutes', () => {
    const { ids, as } = seeded();
    const leader = as('leader');
    const parent = as('mother');
    const item = leader.snapshot().agenda.find((a) => a.meetingId === ids.meetingId)!;
    expect(leader.textField('agenda', item.id, 'notes')).toBeInstanceOf(Y.Text);
    expect(leader.textField('agenda', item.id, 'title')).toBeUndefined();
    expect(parent.textField('agenda', item.id, 'notes')).toBeUndefined();
    expect(() => parent.editText('agenda', item.id, 'notes', 'x')).toThrow(CommandError);
    const earlier = leader.snapshot().agenda.find((a) => a.meetingId === ids.earlierMeetingId)!;
    expect(leader.textField('agenda', earlier.id, 'notes')).toBeUndefined();
    expect(() => leader.editText('agenda', earlier.id, 'notes', 'x')).toThrow(/finalised/);
    // Actions agreed in a finalised meeting stay editable.
    expect(leader.textField('actions', ids.actionIds[0]!, 'successCriterion')).toBeInstanceOf(Y.Text);
  });

  it('editText checks the schema, stamps the entry, and undo takes typing back', () => {
    const { ids, as } = seeded();
    const leader = as('leader');
    expect(() => leader.editText('meetings', ids.meetingId, 'purpose', '')).toThrow(CommandError);
    expect(() => leader.editText('meetings', ids.meetingId, 'purpose', 'x'.repeat(20_001))).toThrow(CommandError);
    const before = leader.snapshot().meetings.find((m) => m.id === ids.meetingId)!;
    leader.editText('meetings', ids.meetingId, 'purpose', `${before.purpose}!`);
    const after = leader.snapshot().meetings.find((m) => m.id === ids.meetingId)!;
    expect(after.purpose).toBe(`${before.purpose}!`);
    expect(after.updatedBy).toBe('sofie.lie');
    expect(after.updatedAt).not.toBe(before.updatedAt);
    expect(leader.undo()).toBe(true);
    expect(leader.snapshot().meetings.find((m) => m.id === ids.meetingId)!.purpose).toBe(before.purpose);
  });
});

describe('text edits through the server check', () => {
  it('accepts a parent typing in their own relayed child\'s-voice entry and refuses typing in agenda notes', () => {
    const { doc, ids, as } = seeded();
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
    const parentDoc = new Y.Doc();
    Y.applyUpdate(parentDoc, Y.encodeStateAsUpdate(doc));
    const parent = new MeetingModel(parentDoc, user('mother'), { now: steppingClock(), newId: counterIds('p') });
    const voiceId = parent.voice.record({ participation: 'relayed-by-parent', quotes: ['Jeg liker lego.'], heardBy: 'Kari', date: '2026-11-19' } as Parameters<typeof parent.voice.record>[0]);
    const recorded = Y.encodeStateAsUpdate(parentDoc, Y.encodeStateVector(server));
    expect(authorizeUpdate(server, recorded, parent.user)).toEqual({ ok: true });
    Y.applyUpdate(server, recorded);
    const before = Y.encodeStateVector(parentDoc);
    parent.editText('voice', voiceId, 'adultNotes', 'Kari forteller at Emma sover dårlig.');
    parent.editText('voice', voiceId, 'adultNotes', 'Kari forteller at Emma sover bedre.');
    expect(authorizeUpdate(server, Y.encodeStateAsUpdate(parentDoc, before), parent.user)).toEqual({ ok: true });

    // Typing in the agenda notes through plain Yjs, as a modified browser could, is refused.
    const item = as('leader').snapshot().agenda.find((a) => a.meetingId === ids.meetingId)!;
    const sv = Y.encodeStateVector(parentDoc);
    (parentDoc.getMap<Y.Map<unknown>>('agenda').get(item.id)!.get('notes') as Y.Text).insert(0, 'x');
    expect(authorizeUpdate(server, Y.encodeStateAsUpdate(parentDoc, sv), parent.user).ok).toBe(false);
  });
});

describe('migrateLayout', () => {
  const fixture = () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, readFileSync(new URL('./fixtures/layout-v1.bin', import.meta.url)));
    return doc;
  };

  it('turns the plain strings of a layout-1 document into Y.Texts once, keeping every text', () => {
    const doc = fixture();
    expect(doc.getMap('case').get('schemaVersion')).toBe(1);
    const before: Record<string, unknown> = {};
    for (const root of [...Object.keys(TEXT_FIELDS), 'assessments'] as EntityRoot[]) before[root] = doc.getMap(root).toJSON();
    const assessment = doc.getMap<Y.Map<unknown>>('assessments').get('v1-18')!;
    expect(assessment.get('content')).not.toBeInstanceOf(Y.Map);
    let plain = 0;
    for (const root of Object.keys(TEXT_FIELDS) as EntityRoot[]) {
      doc.getMap<Y.Map<unknown>>(root).forEach((e) => { for (const f of TEXT_FIELDS[root]!) if (typeof e.get(f) === 'string') plain++; });
    }
    expect(plain).toBeGreaterThan(10);

    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    expect(migrateLayout(doc)).toBe(true);
    expect(transactions).toBe(1);
    expect(doc.getMap('case').get('schemaVersion')).toBe(3);
    for (const root of Object.keys(TEXT_FIELDS) as EntityRoot[]) {
      expect(doc.getMap(root).toJSON()).toEqual(before[root]);
      doc.getMap<Y.Map<unknown>>(root).forEach((e) => {
        for (const f of TEXT_FIELDS[root]!) if (e.has(f)) expect(e.get(f)).toBeInstanceOf(Y.Text);
      });
    }
    // The assessment's content (one plain JSON value in layouts 1 and 2) is now a map of
    // parts with the same texts, each text a Y.Text.
    expect(doc.getMap('assessments').toJSON()).toEqual(before.assessments);
    const content = assessment.get('content') as Y.Map<unknown>;
    expect(content).toBeInstanceOf(Y.Map);
    expect((content.get('elements') as Y.Map<unknown>).get('family')).toBeInstanceOf(Y.Text);
    expect(String((content.get('elements') as Y.Map<unknown>).get('family'))).toBe('Foreldrene bor hver for seg og samarbeider godt om Emma.');
    expect((content.get('primaryDifficulty') as Y.Map<unknown>).get('text')).toBeInstanceOf(Y.Text);
    expect((content.get('primaryDifficulty') as Y.Map<unknown>).get('status')).toBe('hypothesis');
    expect((content.get('protectiveFactors') as Y.Map<unknown>).get('checked')).toEqual(['stable-adult', 'parent-cooperation']);
    expect(content.get('conclusion')).toBeInstanceOf(Y.Text);
    expect(content.get('assessedBy')).toEqual(['Sofie Lie', 'Ingrid Haugen']);
    expect(assessment.get('history')).toBeInstanceOf(Y.Array);
    expect(migrateLayout(doc)).toBe(false);
    expect(transactions).toBe(1);
  });

  it('leaves an empty document alone', () => {
    const doc = new Y.Doc();
    expect(migrateLayout(doc)).toBe(false);
    expect(doc.getMap('case').size).toBe(0);
  });

  it("lets the model's commands and text editing work on a migrated layout-1 document", () => {
    const doc = fixture();
    migrateLayout(doc);
    const leader = new MeetingModel(doc, user('leader'), { now: steppingClock(), newId: counterIds('m') });
    const snap = leader.snapshot();
    expect(snap.unreadable).toEqual([]);
    const item = snap.agenda.find((a) => a.id === 'v1-u')!;
    expect(item.notes).toBe('Emma har hatt en bedre måned.\nFraværet er lavere.');
    leader.agenda.update(item.id, { notes: `${item.notes}\nFortsett.` });
    leader.editText('agenda', item.id, 'decisions', 'Vi fortsetter med morgenmøtet hver dag.');
    const decisionId = leader.decisions.add({ meetingId: item.meetingId, text: 'Ny avgjørelse.' });
    const after = leader.snapshot();
    expect(after.agenda.find((a) => a.id === item.id)!.notes).toBe('Emma har hatt en bedre måned.\nFraværet er lavere.\nFortsett.');
    expect(after.agenda.find((a) => a.id === item.id)!.decisions).toBe('Vi fortsetter med morgenmøtet hver dag.');
    expect(after.decisions.find((d) => d.id === decisionId)!.text).toBe('Ny avgjørelse.');
    // The migrated assessment takes live typing and a new version.
    leader.editText('assessments', 'v1-18', 'content.conclusion', 'Vi fortsetter tiltakene.');
    leader.editText('assessments', 'v1-18', 'content.elements.health', 'Ingen kjente helseplager.');
    expect(leader.assessments.revise('v1-18', { status: 'draft' })).toBe(2);
    const assessment = leader.snapshot().assessments.find((a) => a.id === 'v1-18')!;
    expect(assessment.content.conclusion).toBe('Vi fortsetter tiltakene.');
    expect(assessment.content.elements.health).toBe('Ingen kjente helseplager.');
    expect(assessment.content.elements.family).toBe('Foreldrene bor hver for seg og samarbeider godt om Emma.');
    leader.meetings.finalise(item.meetingId);
    expect(leader.textField('agenda', item.id, 'notes')).toBeUndefined();
  });

  it('nests the plain content of a layout-2 document once', () => {
    const doc = fixture();
    migrateLayout(doc);
    // A layout-2 document: Y.Texts for the text fields, the assessment's content still plain.
    const assessment = doc.getMap<Y.Map<unknown>>('assessments').get('v1-18')!;
    const plain = (assessment.get('content') as Y.Map<unknown>).toJSON();
    doc.transact(() => {
      assessment.set('content', plain);
      doc.getMap('case').set('schemaVersion', 2);
    });
    expect(migrateLayout(doc)).toBe(true);
    expect(assessment.get('content')).toBeInstanceOf(Y.Map);
    expect((assessment.get('content') as Y.Map<unknown>).toJSON()).toEqual(plain);
    expect(migrateLayout(doc)).toBe(false);
  });
});
