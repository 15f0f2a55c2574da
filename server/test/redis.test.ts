/** Two server instances sharing PostgreSQL and Redis (127.0.0.1:6379). */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/index.js';
import { addComment, author, commentEntity, commentText, provider, rawClient, start, synced, syncStep1Message, syncUpdateMessage, token, updateFrom, waitFor } from './helpers.js';
import * as Y from 'yjs';

const PG_URL = process.env.SAMRAD_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.SAMRAD_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const run = randomUUID().replace(/-/g, '').slice(0, 12);
const schema = `samrad_test_${run}`;
const shared = { db: PG_URL, dbSchema: schema, redis: REDIS_URL, redisPrefix: `samrad-test-${run}:` };

let a: RunningServer;
let b: RunningServer;
beforeAll(async () => {
  a = await start({ ...shared, instanceId: 'A' });
  b = await start({ ...shared, instanceId: 'B' });
});
afterAll(async () => {
  await Promise.allSettled([a.close(), b.close()]);
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

describe('two instances', () => {
  it('converge live and share presence', async () => {
    const onA = provider(a, 'case/c1', await token({ role: 'leader', sub: 'lea', name: 'Lea' }));
    const onB = provider(b, 'case/c1', await token({ role: 'parent', sub: 'par', name: 'Pia' }));
    await Promise.all([synced(onA), synced(onB)]);

    addComment(onA.doc, 'a1', 'from A', author('leader', { sub: 'lea', name: 'Lea' }));
    await waitFor(() => commentText(onB.doc, 'a1') === 'from A', 'A → B');
    addComment(onB.doc, 'c1', 'from B', author('parent', { sub: 'par', name: 'Pia' }));
    await waitFor(() => commentText(onA.doc, 'c1') === 'from B', 'B → A');

    onA.awareness.setLocalStateField('cursor', 'agenda');
    onB.awareness.setLocalStateField('cursor', 'actions');
    await waitFor(() => onB.awareness.getStates().get(onA.doc.clientID)?.cursor === 'agenda', 'presence A → B');
    await waitFor(() => onA.awareness.getStates().get(onB.doc.clientID)?.cursor === 'actions', 'presence B → A');
    expect(onA.awareness.getStates().get(onB.doc.clientID)?.verified).toEqual({ id: 'par', name: 'Pia', role: 'parent' });

    // A late joiner on B, loading the document there afresh, sees who is online on A.
    const late = provider(b, 'case/c2', await token({ role: 'coordinator', sub: 'late', case: 'c2' }));
    const early = provider(a, 'case/c2', await token({ role: 'coordinator', sub: 'early', case: 'c2' }));
    await synced(early);
    early.awareness.setLocalStateField('here', true);
    await synced(late);
    await waitFor(() => late.awareness.getStates().get(early.doc.clientID)?.here === true, 'presence for a late joiner');

    onA.disconnect();
    await waitFor(() => !onB.awareness.getStates().has(onA.doc.clientID), 'presence removed across instances');
    for (const p of [onA, onB, late, early]) p.destroy();
  });

  it('a refused update on one instance never reaches the other', async () => {
    const watcher = provider(b, 'case/c3', await token({ role: 'leader', sub: 'w', case: 'c3' }));
    await synced(watcher);
    addComment(watcher.doc, 'c1', 'ok', author('leader', { sub: 'w' }));
    const c = rawClient(a.url, 'case/c3', await token({ role: 'observer', sub: 'o', case: 'c3' }));
    await c.opened;
    const replica = new Y.Doc();
    c.send(syncStep1Message(replica));
    c.send(syncUpdateMessage(updateFrom(replica, (r) => r.getMap('comments').set('c1', commentEntity('c1', 'forged', author('observer', { sub: 'o' }))))));
    expect((await c.closed).code).toBe(4422);
    await new Promise((r) => setTimeout(r, 200));
    expect(commentText(watcher.doc, 'c1')).toBe('ok');
    expect(watcher.doc.getMap('comments').size).toBe(1);
    watcher.destroy();
  });

  it('both instances stored into the one database: a third instance loads everything', async () => {
    const third = await start({ ...shared, instanceId: 'C' });
    try {
      const p = provider(third, 'case/c1', await token({ role: 'leader', sub: 'x' }));
      await synced(p);
      expect(commentText(p.doc, 'a1')).toBe('from A');
      expect(commentText(p.doc, 'c1')).toBe('from B');
      p.destroy();
      const audit = await third.store.readAudit({ doc: 'case/c1' });
      expect(new Set(audit.map((r) => r.instance))).toEqual(new Set(['A', 'B', 'C']));
    } finally {
      await third.close();
    }
  });
});
