import { describe, expect, it } from 'vitest';
import { createPracticeModel, exampleUserFor } from '../src/index.js';

describe('practice mode', () => {
  it('gives each role the fictitious example case, in memory only, with that role\'s rights', () => {
    const leader = createPracticeModel('leader', new Date('2026-11-20T09:00:00Z'));
    const snap = leader.snapshot();
    expect(snap.case?.child.name).toBe('Emma Fjellstad');
    expect(snap.actions.length).toBeGreaterThan(2);
    expect(leader.user).toEqual(exampleUserFor('leader'));
    expect(leader.restricted).toBeDefined();

    const parent = createPracticeModel('parent');
    expect(parent.restricted).toBeUndefined();
    expect(parent.can('assessment.revise')).toBe(false);
    expect(() => parent.case.setLevel('3', { triedBefore: 'x' })).toThrow(/may not/);
    // Two practice sessions share nothing.
    leader.comments.add({ target: { type: 'case', id: snap.case!.id }, text: 'Bare øving' });
    expect(parent.snapshot().comments.map((c) => c.text)).not.toContain('Bare øving');
  });
});
