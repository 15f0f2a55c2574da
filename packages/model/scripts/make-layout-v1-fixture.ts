/**
 * Writes test/fixtures/layout-v1.bin: the example case as layout version 1 stored it
 * (every free-text field a plain string), as one binary Yjs update. Generated once with
 * the model as it was before text fields became Y.Text; kept so that the migration test
 * opens a document saved by that code. Do not regenerate it with a newer model.
 *
 *   pnpm --filter @samrad/model exec tsx scripts/make-layout-v1-fixture.ts
 */
import { writeFileSync } from 'node:fs';
import * as Y from 'yjs';
import { EXAMPLE_USERS, LAYOUT_VERSION, MeetingModel, seedExampleCase } from '../src/index.js';

if ((LAYOUT_VERSION as number) !== 1) throw new Error('this fixture records layout version 1; run it only against that model');

const now = new Date('2026-11-20T09:00:00.000Z');
const doc = new Y.Doc();
doc.clientID = 1;
let n = 0;
const model = new MeetingModel(doc, { ...EXAMPLE_USERS.leader }, { restricted: new Y.Doc(), now: () => now, newId: () => `v1-${(++n).toString(36)}` });
const ids = seedExampleCase(model, now);
// An agenda item of the running meeting with notes and decisions, as typed into the form.
const item = model.snapshot().agenda.find((a) => a.meetingId === ids.meetingId)!;
model.agenda.update(item.id, { notes: 'Emma har hatt en bedre måned.\nFraværet er lavere.', decisions: 'Vi fortsetter med morgenmøtet.' });
model.decisions.add({ meetingId: ids.meetingId, agendaItemId: item.id, text: 'Helsesykepleier følger opp hver uke.' });
model.destroy();

const out = new URL('../test/fixtures/layout-v1.bin', import.meta.url);
writeFileSync(out, Y.encodeStateAsUpdate(doc));
console.log(`wrote ${out.pathname}: meeting ${ids.meetingId}, agenda item ${item.id}`);
