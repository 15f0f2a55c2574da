import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CommandError, MeetingModel } from '../src/index.js';
import { counterIds, seeded, steppingClock, user } from './helpers.js';

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};
const contentOf = (doc: Y.Doc, id: string) => doc.getMap<Y.Map<unknown>>('assessments').get(id)!.get('content') as Y.Map<unknown>;
const part = (map: Y.Map<unknown>, ...path: string[]) => path.reduce<unknown>((m, k) => (m as Y.Map<unknown>).get(k), map);

describe("the assessment's content", () => {
  it('is stored as a map of parts with a Y.Text for each text, and reads back as the same plain object', () => {
    const { doc, ids, as } = seeded();
    const content = contentOf(doc, ids.assessmentId);
    expect(content).toBeInstanceOf(Y.Map);
    expect(part(content, 'elements')).toBeInstanceOf(Y.Map);
    expect(part(content, 'elements', 'family')).toBeInstanceOf(Y.Text);
    expect(part(content, 'protectiveFactors', 'text')).toBeInstanceOf(Y.Text);
    expect(part(content, 'protectiveFactors', 'checked')).toEqual(['stable-adult', 'parent-cooperation']);
    expect(part(content, 'primaryDifficulty', 'status')).toBe('hypothesis');
    expect(part(content, 'conclusion')).toBeInstanceOf(Y.Text);
    expect(part(content, 'childViewWeighing')).toBeInstanceOf(Y.Text);
    expect(part(content, 'assessedBy')).toEqual(['Sofie Lie', 'Ingrid Haugen']);
    const assessment = as('leader').snapshot().assessments.find((a) => a.id === ids.assessmentId)!;
    expect(assessment.content.elements.family).toBe('Foreldrene bor hver for seg og samarbeider godt om Emma.');
    expect(assessment.content.primaryDifficulty).toEqual({ location: 'surroundings', status: 'hypothesis', text: 'Utrygghet i friminutt og garderobe.' });
  });

  it('two people typing in the same conclusion on two documents keep both texts', () => {
    const { doc, ids, as } = seeded();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const leader = as('leader');
    const teacher = new MeetingModel(other, user('teacher'), { now: steppingClock(), newId: counterIds('t') });
    leader.editText('assessments', ids.assessmentId, 'content.conclusion', 'Emma trenger tett oppfølging.');
    sync(doc, other);
    leader.editText('assessments', ids.assessmentId, 'content.conclusion', 'Samlet: Emma trenger tett oppfølging.', 'Samlet: '.length);
    teacher.editText('assessments', ids.assessmentId, 'content.conclusion', 'Emma trenger tett oppfølging på skolen.');
    // A new element nobody has written yet, typed on both sides at once: one of them is kept whole.
    teacher.editText('assessments', ids.assessmentId, 'content.elements.health', 'Sover dårlig.');
    sync(doc, other);
    const a = leader.snapshot().assessments.find((x) => x.id === ids.assessmentId)!;
    const b = teacher.snapshot().assessments.find((x) => x.id === ids.assessmentId)!;
    expect(a.content).toEqual(b.content);
    expect(a.content.conclusion).toBe('Samlet: Emma trenger tett oppfølging på skolen.');
    expect(a.content.elements.health).toBe('Sover dårlig.');
    expect(a.content.elements.family).toBe('Foreldrene bor hver for seg og samarbeider godt om Emma.');
    expect(a.updatedBy).toMatch(/sofie.lie|ingrid.haugen/);
    // Typing is not a new version.
    expect(a.version).toBe(1);
    expect(a.history).toEqual([]);
  });

  it('textField and editText take a dotted path, with the permission and the lock of assessment.revise', () => {
    const { ids, as } = seeded();
    const leader = as('leader');
    const parent = as('mother');
    expect(leader.textField('assessments', ids.assessmentId, 'content.conclusion')).toBeInstanceOf(Y.Text);
    expect(leader.textField('assessments', ids.assessmentId, 'content.elements.family')).toBeInstanceOf(Y.Text);
    expect(leader.textField('assessments', ids.assessmentId, 'content.primaryDifficulty.text')).toBeInstanceOf(Y.Text);
    // Not texts: a plain value, a whole part, the content itself.
    expect(leader.textField('assessments', ids.assessmentId, 'content.level')).toBeUndefined();
    expect(leader.textField('assessments', ids.assessmentId, 'content.protectiveFactors')).toBeUndefined();
    expect(leader.textField('assessments', ids.assessmentId, 'content')).toBeUndefined();
    expect(() => leader.editText('assessments', ids.assessmentId, 'content.status', 'concluded')).toThrow(CommandError);
    // Every element of the set has its text from the start, empty until someone writes in it,
    // so two people beginning the same element at once type into one text.
    expect(leader.textField('assessments', ids.assessmentId, 'content.elements.health')?.toString()).toBe('');
    // An element outside the set has no Y.Text until the first edit, which creates it.
    expect(leader.textField('assessments', ids.assessmentId, 'content.elements.local-extra')).toBeUndefined();
    leader.editText('assessments', ids.assessmentId, 'content.elements.local-extra', 'Ingen kjente helseplager.');
    expect(leader.textField('assessments', ids.assessmentId, 'content.elements.local-extra')?.toString()).toBe('Ingen kjente helseplager.');
    // The schema still holds: 20,000 characters at most.
    expect(() => leader.editText('assessments', ids.assessmentId, 'content.reasons', 'x'.repeat(20_001))).toThrow(CommandError);
    // A parent may not revise the assessment, so may not type in it.
    expect(parent.textField('assessments', ids.assessmentId, 'content.conclusion')).toBeUndefined();
    expect(() => parent.editText('assessments', ids.assessmentId, 'content.conclusion', 'x')).toThrow(CommandError);
    // Undo takes this user's typing back.
    leader.editText('assessments', ids.assessmentId, 'content.reasons', 'Fordi.');
    expect(leader.undo()).toBe(true);
    expect(leader.snapshot().assessments.find((a) => a.id === ids.assessmentId)!.content.reasons).toBe('');
    // Once the meeting is finalised, the assessment is locked.
    leader.meetings.finalise(ids.meetingId, 'Ingen vedtak i dag.');
    expect(leader.textField('assessments', ids.assessmentId, 'content.conclusion')).toBeUndefined();
    expect(() => leader.editText('assessments', ids.assessmentId, 'content.conclusion', 'x')).toThrow(/finalised/);
  });

  it('revise patches the content in place: every Y.Text and Y.Map stays, the history gets the previous content', () => {
    const { doc, ids, as } = seeded();
    const leader = as('leader');
    const content = contentOf(doc, ids.assessmentId);
    const elements = part(content, 'elements');
    const family = part(content, 'elements', 'family') as Y.Text;
    const conclusion = part(content, 'conclusion') as Y.Text;
    const factors = part(content, 'protectiveFactors');
    leader.editText('assessments', ids.assessmentId, 'content.conclusion', 'Tett oppfølging.');
    const before = leader.snapshot().assessments.find((a) => a.id === ids.assessmentId)!;
    const deltas: unknown[] = [];
    family.observe((e) => deltas.push(e.delta));

    expect(leader.assessments.revise(ids.assessmentId, {
      level: 'bti-2',
      protectiveFactors: { checked: ['stable-adult'], text: 'Tett kontakt med kontaktlærer.' },
      elements: { ...before.content.elements, family: 'Foreldrene bor hver for seg og samarbeider svært godt om Emma.' },
    })).toBe(2);

    expect(contentOf(doc, ids.assessmentId)).toBe(content);
    expect(part(content, 'elements')).toBe(elements);
    expect(part(content, 'elements', 'family')).toBe(family);
    expect(part(content, 'conclusion')).toBe(conclusion);
    expect(part(content, 'protectiveFactors')).toBe(factors);
    // The text changed by one insert, not by writing it over.
    expect(deltas).toEqual([[{ retain: 'Foreldrene bor hver for seg og samarbeider '.length }, { insert: 'svært ' }]]);
    const after = leader.snapshot().assessments.find((a) => a.id === ids.assessmentId)!;
    expect(after.version).toBe(2);
    expect(after.content.level).toBe('bti-2');
    expect(after.content.protectiveFactors.checked).toEqual(['stable-adult']);
    expect(after.content.conclusion).toBe('Tett oppfølging.');
    expect(after.history).toHaveLength(1);
    expect(after.history[0]!.version).toBe(1);
    expect(after.history[0]!.content).toEqual(before.content);
    // The history holds plain JSON snapshots.
    const history = doc.getMap<Y.Map<unknown>>('assessments').get(ids.assessmentId)!.get('history') as Y.Array<unknown>;
    expect(history.get(0)).not.toBeInstanceOf(Y.AbstractType);
    expect((history.get(0) as { content: { conclusion: unknown } }).content.conclusion).toBe('Tett oppfølging.');

    // Removing a part removes its key; the rest stays in place.
    leader.assessments.revise(ids.assessmentId, { level: undefined });
    expect(content.has('level')).toBe(false);
    expect(part(content, 'conclusion')).toBe(conclusion);
    expect(leader.snapshot().assessments.find((a) => a.id === ids.assessmentId)!.history).toHaveLength(2);
  });

  it("a new version saved on one document keeps the other's concurrent typing", () => {
    const { doc, ids, as } = seeded();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const leader = as('leader');
    const teacher = new MeetingModel(other, user('teacher'), { now: steppingClock(), newId: counterIds('t') });
    leader.assessments.revise(ids.assessmentId, { level: 'bti-3', status: 'draft' });
    teacher.editText('assessments', ids.assessmentId, 'content.reasons', 'Fraværet øker.');
    sync(doc, other);
    const a = leader.snapshot().assessments.find((x) => x.id === ids.assessmentId)!;
    expect(a.content.reasons).toBe('Fraværet øker.');
    expect(a.content.level).toBe('bti-3');
    expect(a.version).toBe(2);
  });

  it('two people beginning the same empty element at once both keep their words', () => {
    const { doc, ids, as } = seeded();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const leader = as('leader');
    const teacher = new MeetingModel(other, user('teacher'), { now: steppingClock(), newId: counterIds('t') });
    leader.editText('assessments', ids.assessmentId, 'content.elements.health', 'Sover godt. ');
    teacher.editText('assessments', ids.assessmentId, 'content.elements.health', 'Har astma.');
    sync(doc, other);
    const text = leader.snapshot().assessments.find((x) => x.id === ids.assessmentId)!.content.elements.health!;
    expect(text).toContain('Sover godt.');
    expect(text).toContain('Har astma.');
    expect(teacher.snapshot().assessments.find((x) => x.id === ids.assessmentId)!.content.elements.health).toBe(text);
  });
});

describe('saving a version', () => {
  it('with nothing typed or chosen since the last version is refused: it would only repeat it', () => {
    const { ids, as } = seeded();
    const leader = as('leader');
    leader.editText('assessments', ids.assessmentId, 'content.reasons', 'Fraværet øker.');
    const v = leader.assessments.revise(ids.assessmentId, {});
    const again = () => leader.assessments.revise(ids.assessmentId, {});
    expect(again).toThrow(CommandError);
    try { again(); } catch (e) { expect((e as CommandError).issues).toEqual([{ path: 'content', message: 'nothing-changed' }]); }
    leader.editText('assessments', ids.assessmentId, 'content.reasons', 'Fraværet øker igjen.');
    expect(leader.assessments.revise(ids.assessmentId, {})).toBe(v + 1);
  });
});
