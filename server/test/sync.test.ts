/** The stock y-websocket client, two of them, through a real server backed by SQLite. */
import { afterEach, describe, expect, it } from 'vitest';
import { LAYOUT_VERSION } from '@samrad/model';
import * as Y from 'yjs';
import type { RunningServer } from '../src/index.js';
import { addComment, author, commentText, provider, start, synced, tempDb, token, waitFor } from './helpers.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

async function running(db: string): Promise<RunningServer> {
  const server = await start({ db });
  cleanups.push(() => server.close());
  return server;
}

describe('stock y-websocket clients', () => {
  it('converge through the server and see each other\'s presence', async () => {
    const { db, cleanup } = tempDb();
    cleanups.push(cleanup);
    const server = await running(db);
    const a = provider(server, 'case/c1', await token({ role: 'leader', sub: 'lea' }));
    const b = provider(server, 'case/c1', await token({ role: 'coordinator', sub: 'pro', name: 'Per Pro' }));
    cleanups.push(() => a.destroy(), () => b.destroy());
    await Promise.all([synced(a), synced(b)]);

    addComment(a.doc, 'a1', 'from a', author('leader', { sub: 'lea' }));
    addComment(b.doc, 'b1', 'from b', author('coordinator', { sub: 'pro', name: 'Per Pro' }));
    await waitFor(() => commentText(b.doc, 'a1') === 'from a' && commentText(a.doc, 'b1') === 'from b', 'convergence');
    expect(Y.encodeStateAsUpdate(a.doc)).toEqual(Y.encodeStateAsUpdate(b.doc));

    a.awareness.setLocalStateField('user', { name: 'claims to be someone else' });
    await waitFor(() => b.awareness.getStates().get(a.doc.clientID)?.user !== undefined, 'awareness');
    const seen = b.awareness.getStates().get(a.doc.clientID)!;
    expect(seen.user).toEqual({ name: 'claims to be someone else' });
    // The server stamps who the token says this is; clients show that, not what a peer claims.
    expect(seen.verified).toEqual({ id: 'lea', name: 'Test leader', role: 'leader' });

    a.disconnect();
    await waitFor(() => !b.awareness.getStates().has(a.doc.clientID), 'presence removed on disconnect');
  });

  it('accepts the room URL-encoded and with plain slashes, and keeps content across a restart', async () => {
    const { db, cleanup } = tempDb();
    cleanups.push(cleanup);
    let server = await start({ db });
    const leader = await token({ role: 'leader' });
    const a = provider(server, 'case/c1', leader); // WebsocketProvider appends the room as-is: plain slashes
    const encoded = provider(server, encodeURIComponent('case/c1'), leader);
    await Promise.all([synced(a), synced(encoded)]);
    const lea = author('leader');
    addComment(a.doc, 'title', 'persisted', lea);
    for (let i = 0; i < 20; i++) addComment(a.doc, `item${i}`, `punkt ${i}`, lea);
    await waitFor(() => encoded.doc.getMap('comments').size === 21, 'relay to the encoded-room client');
    a.destroy();
    encoded.destroy();
    await server.close();

    server = await running(db);
    const b = provider(server, 'case/c1', leader);
    cleanups.push(() => b.destroy());
    await synced(b);
    expect(commentText(b.doc, 'title')).toBe('persisted');
    expect(commentText(b.doc, 'item19')).toBe('punkt 19');
    expect(b.doc.getMap('comments').size).toBe(21);
    // The shutdown compacted the stored updates into one merged state; loading it again
    // stamped the current layout version once (the server's own migration update).
    expect(await server.store.countUpdates('case/c1')).toBe(2);
    expect(b.doc.getMap('case').get('schemaVersion')).toBe(LAYOUT_VERSION);
  });

  it('asks clients to reconnect on shutdown (1012) and they resume on the next server', async () => {
    const { db, cleanup } = tempDb();
    cleanups.push(cleanup);
    const first = await start({ db });
    const port = first.port;
    const p = provider(first, 'case/c1', await token({ role: 'leader' }));
    cleanups.push(() => p.destroy());
    await synced(p);
    const closes: number[] = [];
    p.on('connection-close', (e: CloseEvent | null) => e && closes.push(e.code));
    addComment(p.doc, 'before', 'before restart', author('leader'));
    await waitFor(() => first.metrics.updatesIn === 1, 'update stored');
    await first.close();
    await waitFor(() => closes.length > 0, 'close event');
    expect(closes).toEqual([1012]);

    // Same port and database: restart the way an operator would.
    const again = await start({ db, port });
    cleanups.push(() => again.close());
    await waitFor(() => p.wsconnected && p.synced, 'provider reconnected');
    addComment(p.doc, 'after', 'after restart', author('leader'));
    await waitFor(() => again.metrics.updatesIn === 1, 'update after restart stored');
  });

  it('unloads an idle document and loads it again on the next connection', async () => {
    const { db, cleanup } = tempDb();
    cleanups.push(cleanup);
    const server = await running(db);
    const tok = await token({ role: 'leader' });
    const p = provider(server, 'case/c1', tok);
    await synced(p);
    addComment(p.doc, 'kept', 'kept while unloaded', author('leader'));
    await waitFor(() => server.metrics.updatesIn === 1, 'stored');
    expect(server.metrics.documentsLoaded).toBe(1);
    p.destroy();
    await waitFor(() => server.metrics.documentsLoaded === 0, 'unloaded after idleUnloadMs');
    const q = provider(server, 'case/c1', tok);
    cleanups.push(() => q.destroy());
    await synced(q);
    expect(commentText(q.doc, 'kept')).toBe('kept while unloaded');
    expect(server.metrics.documentsLoaded).toBe(1);
  });
});
