/**
 * Realistic meeting content: the example case from @samrad/model (participants, consent,
 * goals, two meetings, five actions with an evaluation, the child's voice, an assessment),
 * made once and encoded, so every meeting on every server starts from the same bytes.
 * Imports TypeScript sources: run under `node --import tsx`.
 */
import { MeetingModel, seedExampleCase, SHARED_ROOTS } from '@samrad/model';
import * as Y from 'yjs';

export const BENCH_USER = (id) => ({ id, name: id, role: 'leader' });

/**
 * Who wrote the seed. Our server accepts an entity only from the user it names as its
 * author (`createdBy`), so the seed must reach the server on a connection of this user's
 * (a token with `sub` = `SEEDER`); other users then receive it from the server.
 */
export const SEEDER = 'seeder';

/** The encoded example case and its action ids, written by `SEEDER`. */
export function seededCase(now = new Date()) {
  const doc = new Y.Doc();
  const model = new MeetingModel(doc, BENCH_USER(SEEDER));
  const ids = seedExampleCase(model, now);
  model.destroy();
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { state, actionIds: ids.actionIds };
}

/** A fresh Y.Doc holding `state`, with every shared root declared as the layout says. */
export function docFrom(state) {
  const doc = new Y.Doc();
  for (const root of Object.values(SHARED_ROOTS)) doc.getMap(root);
  if (state) Y.applyUpdate(doc, state);
  return doc;
}
