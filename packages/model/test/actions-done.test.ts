/** A family never left with an action they cannot close: the owner proposes "done", a professional confirms. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { authorizeUpdate, MeetingModel } from '../src/index.js';
import { counterIds, seeded, steppingClock, user } from './helpers.js';

function parentsAction(leader: MeetingModel): string {
  return leader.actions.add({ title: 'Fast leggetid', owner: { kind: 'parent' }, schedule: { kind: 'ongoing' }, evaluationDate: '2026-12-24' });
}

describe('proposing an action done', () => {
  it('lets a parent propose their own action done, and a professional close it with an evaluation', () => {
    const { as } = seeded();
    const id = parentsAction(as('leader'));
    const mother = as('mother', false);
    expect(() => mother.actions.setStatus(id, 'done')).toThrow(/evaluation/);
    mother.actions.proposeDone(id, 'Emma sover bedre nå.');
    expect(mother.snapshot().actions.find((a) => a.id === id)!.doneProposal).toMatchObject({ by: user('mother').id, note: 'Emma sover bedre nå.' });
    expect(() => mother.actions.confirmDone(id)).toThrow(/may not/);
    const leader = as('leader');
    leader.actions.confirmDone(id);
    const closed = leader.snapshot().actions.find((a) => a.id === id)!;
    expect(closed.status).toBe('done');
    expect(closed.doneProposal).toBeUndefined();
    expect(closed.evaluations.at(-1)).toMatchObject({ effect: 'achieved', decision: 'close', evidence: 'Kari Fjellstad: Emma sover bedre nå.' });
  });

  it('refuses a proposal on an action the parent does not own, and a confirmation nobody asked for', () => {
    const { as, ids } = seeded();
    const mother = as('mother', false);
    const schools = as('leader').snapshot().actions.find((a) => a.owner.kind !== 'parent' && a.status !== 'done')!;
    expect(() => mother.actions.proposeDone(schools.id, 'Ferdig')).toThrow(/may not/);
    expect(() => as('leader').actions.confirmDone(ids.actionIds[0]!)).toThrow(/nobody proposed/);
  });

  it('on the server: takes a parent\'s proposal in their own name, refuses one in someone else\'s', () => {
    const { doc, as } = seeded();
    const id = parentsAction(as('leader'));
    const mother = user('mother');
    const update = (edit: (replica: Y.Doc) => void) => {
      const replica = new Y.Doc();
      Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
      const sv = Y.encodeStateVector(replica);
      edit(replica);
      return Y.encodeStateAsUpdate(replica, sv);
    };
    const own = update((r) => new MeetingModel(r, mother, { now: steppingClock(), newId: counterIds('m') }).actions.proposeDone(id, 'Det går bra'));
    expect(authorizeUpdate(doc, own, mother, { scope: 'shared' })).toEqual({ ok: true });
    const forged = update((r) => {
      const entity = r.getMap('actions').get(id) as Y.Map<unknown>;
      entity.set('doneProposal', { by: user('father').id, byName: 'Ola Nordby', at: '2026-11-20T09:00:00.000Z', note: 'Ferdig' });
      entity.set('updatedBy', mother.id);
    });
    expect(authorizeUpdate(doc, forged, mother, { scope: 'shared' })).toEqual({ ok: false, reason: 'forbidden:actions' });
  });
});
