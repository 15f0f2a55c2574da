/** A document saved by layout 1 (free text as plain strings) is migrated once when the server loads it. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openStore } from '../src/store/index.js';
import { provider, start, synced, tempDb, token, waitFor } from './helpers.js';

const fixture = readFileSync(fileURLToPath(new URL('../../packages/model/test/fixtures/layout-v1.bin', import.meta.url)));
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

describe('layout migration on load', () => {
  it('stores the migration once and relays it to clients as Y.Text fields with the same text', async () => {
    const { db, cleanup } = tempDb();
    cleanups.push(cleanup);
    const seed = await openStore({ db }, 'seed');
    await seed.append('case/c1', fixture, { event: 'update-accepted', doc: 'case/c1', bytes: fixture.byteLength });
    await seed.close();
    const original = new Y.Doc();
    Y.applyUpdate(original, fixture);

    let server = await start({ db, consentGate: false });
    const client = provider(server, 'case/c1', await token({ role: 'leader', sub: 'sofie.lie' }));
    await synced(client);
    const notes = () => client.doc.getMap<Y.Map<unknown>>('agenda').get('v1-u')?.get('notes');
    await waitFor(() => notes() instanceof Y.Text, 'the migrated agenda notes');
    expect(client.doc.getMap('case').get('schemaVersion')).toBe(3);
    expect(String(notes())).toBe('Emma har hatt en bedre måned.\nFraværet er lavere.');
    // The finalised meeting also gets its locked minutes on load (the fixture predates them).
    await waitFor(() => (client.doc.getMap<Y.Map<unknown>>('meetings').get('v1-c')?.get('minutes') as Y.Array<unknown> | undefined)?.length === 1, 'the locked minutes');
    const withoutMinutes = (json: Record<string, Record<string, unknown>>) => Object.fromEntries(Object.entries(json).map(([id, m]) => [id, { ...m, minutes: undefined }]));
    expect(withoutMinutes(client.doc.getMap('meetings').toJSON())).toEqual(withoutMinutes(original.getMap('meetings').toJSON()));
    for (const root of ['agenda', 'decisions', 'voice', 'actions', 'goals', 'assessments']) {
      expect(client.doc.getMap(root).toJSON()).toEqual(original.getMap(root).toJSON());
    }
    expect((client.doc.getMap<Y.Map<unknown>>('assessments').get('v1-18')?.get('content'))).toBeInstanceOf(Y.Map);
    // The fixture, the migration and the locked minutes.
    expect(await server.store.countUpdates('case/c1')).toBe(3);
    const audit = await server.store.readAudit({ doc: 'case/c1' });
    expect(audit.some((a) => a.event === 'layout-migrated')).toBe(true);
    client.destroy();
    await server.close();

    // Loaded again, nothing is left to migrate.
    server = await start({ db, consentGate: false });
    cleanups.push(() => server.close());
    const again = provider(server, 'case/c1', await token({ role: 'leader', sub: 'sofie.lie' }));
    cleanups.push(() => again.destroy());
    await synced(again);
    await waitFor(() => again.doc.getMap('case').get('schemaVersion') === 3, 'the document');
    // The shutdown compacted them into one; loading did not add another.
    expect(await server.store.countUpdates('case/c1')).toBe(1);
    const events = (await server.store.readAudit({ doc: 'case/c1' })).filter((a) => a.event === 'layout-migrated');
    expect(events).toHaveLength(1);
  });
});
