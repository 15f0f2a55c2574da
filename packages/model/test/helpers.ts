import * as Y from 'yjs';
import { EXAMPLE_USERS, MeetingModel, seedExampleCase, type AuthUser, type ExampleCaseIds } from '../src/index.js';

export const NOW = new Date('2026-11-20T09:00:00.000Z');

/** A clock that moves one second per call, so timestamps differ but runs repeat exactly. */
export function steppingClock(start = NOW): () => Date {
  let t = start.getTime();
  return () => new Date((t += 1000));
}

export function counterIds(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}${(++n).toString(36)}`;
}

export const user = (key: keyof typeof EXAMPLE_USERS): AuthUser => ({ ...EXAMPLE_USERS[key] });

/** One shared document seeded with the example case, plus a restricted document. */
export function seeded(): { doc: Y.Doc; restricted: Y.Doc; ids: ExampleCaseIds; as: (key: keyof typeof EXAMPLE_USERS, withRestricted?: boolean) => MeetingModel } {
  const doc = new Y.Doc();
  const restricted = new Y.Doc();
  const leader = new MeetingModel(doc, user('leader'), { restricted, now: () => NOW, newId: counterIds('seed') });
  const ids = seedExampleCase(leader, NOW);
  leader.destroy();
  let n = 0;
  const as = (key: keyof typeof EXAMPLE_USERS, withRestricted = true) =>
    new MeetingModel(doc, user(key), { restricted: withRestricted ? restricted : undefined, now: steppingClock(), newId: counterIds(`${key}${++n}-`) });
  return { doc, restricted, ids, as };
}

/**
 * Writes a feedback answer into the document as layouts before 3 did (answers now go to
 * the server's counters, and the document carries none): for tests of reading, reporting
 * and moving such documents.
 */
export function writeLegacyFeedback(
  doc: Y.Doc,
  by: { id: string; role: 'parent' | 'child' },
  answer: { meetingId: string; feltHeard: number; knowsWhoToContact: boolean; useful: number; comment?: string },
  at = NOW,
): string {
  const id = `fb-${by.id}-${answer.meetingId}`.replace(/[^A-Za-z0-9_.:-]/g, '-').slice(0, 80);
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    doc.getMap('feedback').set(id, m);
    const stamp = at.toISOString();
    for (const [k, v] of Object.entries({ id, createdAt: stamp, createdBy: by.id, updatedAt: stamp, updatedBy: by.id, respondentRole: by.role, comment: '', ...answer })) m.set(k, v);
  });
  return id;
}
