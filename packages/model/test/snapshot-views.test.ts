/** Entities are read through cached views per Y.Map: a change re-reads only what it touched. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readSnapshot } from '../src/index.js';
import { seeded } from './helpers.js';

describe('cached entity views', () => {
  it('one changed action is read again; every other entity is the same object as before', () => {
    const { doc, ids, as } = seeded();
    const before = readSnapshot(doc);
    as('teacher').actions.update(ids.actionIds[0]!, { title: 'Ny tittel' });
    const after = readSnapshot(doc);
    const changed = after.actions.find((a) => a.id === ids.actionIds[0])!;
    expect(changed.title).toBe('Ny tittel');
    expect(changed).not.toBe(before.actions.find((a) => a.id === ids.actionIds[0]));
    for (const a of after.actions.filter((x) => x.id !== ids.actionIds[0])) expect(a).toBe(before.actions.find((b) => b.id === a.id));
    for (const p of after.participants) expect(p).toBe(before.participants.find((b) => b.id === p.id));
    expect(after.meetings).toEqual(before.meetings);
  });

  it('a change deep inside an entity (an appended evaluation) drops that entity\'s view', () => {
    const { doc, ids, as } = seeded();
    const before = readSnapshot(doc).actions.find((a) => a.id === ids.actionIds[1])!;
    as('teacher').actions.evaluate(ids.actionIds[1]!, { effect: 'partly', decision: 'continue', evidence: 'Bedre morgener' });
    const after = readSnapshot(doc).actions.find((a) => a.id === ids.actionIds[1])!;
    expect(after.evaluations.length).toBe(before.evaluations.length + 1);
  });

  it('a remote change arriving as an update is seen too', () => {
    const { doc, ids } = seeded();
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    readSnapshot(replica);
    const sv = Y.encodeStateVector(doc);
    (doc.getMap('actions').get(ids.actionIds[2]!) as Y.Map<unknown>).set('status', 'stopped');
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc, sv));
    expect(readSnapshot(replica).actions.find((a) => a.id === ids.actionIds[2])!.status).toBe('stopped');
  });
});
