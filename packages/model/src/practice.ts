/**
 * Practice mode: a meeting to rehearse on, filled with the fictitious example case. It
 * lives only in memory — no server, no browser storage — so nothing typed while practising
 * is ever stored, and no real case is touched.
 */
import * as Y from 'yjs';
import { scopeAccess } from './authorize.js';
import { exampleUserFor, seedExampleCase } from './example-case.js';
import { MeetingModel } from './model.js';
import type { Role } from './schemas.js';

export function createPracticeModel(role: Role = 'leader', now: Date = new Date()): MeetingModel {
  const doc = new Y.Doc();
  const restricted = new Y.Doc();
  const seeder = new MeetingModel(doc, exampleUserFor('leader'), { restricted, now: () => now });
  seedExampleCase(seeder, now);
  seeder.destroy();
  const mayReadRestricted = scopeAccess(role, 'restricted') !== 'none';
  return new MeetingModel(doc, exampleUserFor(role), mayReadRestricted ? { restricted } : {});
}
