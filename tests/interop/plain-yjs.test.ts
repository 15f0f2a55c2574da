/**
 * docs/data-model.md promises that a meeting can be read and written with plain Yjs and
 * no @samrad import. The reader and writer below follow only that document; the model is
 * used just to produce and check the data.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { authorizeUpdate, EXAMPLE_USERS, MeetingModel, seedExampleCase, SHARED_ROOTS } from '@samrad/model';

/** "My actions by deadline", written from docs/data-model.md alone. */
function openActionsByDeadline(doc: Y.Doc): Array<{ id: string; title: string; deadline: string | null; evaluations: number }> {
  const actions = doc.getMap<Y.Map<unknown>>('actions');
  const out: Array<{ id: string; title: string; deadline: string | null; evaluations: number }> = [];
  actions.forEach((action, id) => {
    const status = action.get('status');
    if (status === 'done' || status === 'stopped') return;
    const schedule = action.get('schedule') as { kind: string; date?: string };
    const evaluations = action.get('evaluations') as Y.Array<unknown>;
    out.push({ id, title: action.get('title') as string, deadline: schedule.kind === 'deadline' ? schedule.date! : null, evaluations: evaluations.length });
  });
  return out.sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'));
}

/** Adding a comment by hand, as docs/data-model.md describes. */
function addComment(doc: Y.Doc, by: { id: string; name: string; role: string }, meetingId: string, text: string): string {
  const id = `c${Math.random().toString(36).slice(2, 10)}`;
  const now = new Date().toISOString();
  doc.transact(() => {
    const c = new Y.Map<unknown>();
    doc.getMap('comments').set(id, c);
    for (const [k, v] of Object.entries({ id, createdAt: now, createdBy: by.id, updatedAt: now, updatedBy: by.id, target: { type: 'meeting', id: meetingId }, kind: 'comment', text, authorName: by.name, authorRole: by.role })) c.set(k, v);
  });
  return id;
}

describe('plain Yjs, following docs/data-model.md', () => {
  it("reads a meeting's actions and writes a comment the model and the server's write rules accept", () => {
    const doc = new Y.Doc();
    const model = new MeetingModel(doc, { ...EXAMPLE_USERS.leader });
    const ids = seedExampleCase(model, new Date('2026-11-20T09:00:00Z'));
    const mine = openActionsByDeadline(doc);
    expect(mine.map((a) => a.id).sort()).toEqual(model.snapshot().actions.filter((a) => a.status !== 'done' && a.status !== 'stopped').map((a) => a.id).sort());
    expect(mine[0]?.deadline).toBe(model.snapshot().actions.find((a) => a.title.startsWith('Utredning'))?.schedule.kind === 'deadline' ? '2026-11-15' : null);
    expect(mine.find((a) => a.title.startsWith('Fast morgenmøte'))?.evaluations).toBe(1);

    // The server's copy, with every root declared as a Y.Map as the server does before any update.
    const server = new Y.Doc();
    for (const root of Object.values(SHARED_ROOTS)) server.getMap(root);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const id = addComment(doc, EXAMPLE_USERS.mother, ids.meetingId, 'Skrevet med ren Yjs');
    expect(updates).toHaveLength(1);
    const mother = { id: EXAMPLE_USERS.mother.id, name: EXAMPLE_USERS.mother.name, role: EXAMPLE_USERS.mother.role };
    expect(authorizeUpdate(server, updates[0]!, mother, { scope: 'shared' })).toEqual({ ok: true });
    const snap = model.snapshot();
    expect(snap.unreadable).toEqual([]);
    expect(snap.comments.find((c) => c.id === id)?.text).toBe('Skrevet med ren Yjs');
  });
});
