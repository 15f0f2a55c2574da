/** The stock y-websocket client, two of them, through a real server backed by SQLite. */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../src/index.js';
import { provider, start, synced, tempDb, token, waitFor } from './helpers.js';

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

    a.doc.getMap('case').set('title', 'from a');
    b.doc.getMap('comments').set('x', 'from b');
    await waitFor(() => b.doc.getMap('case').get('title') === 'from a' && a.doc.getMap('comments').get('x') === 'from b', 'convergence');
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
    a.doc.getMap('case').set('title', 'persisted');
    for (let i = 0; i < 20; i++) a.doc.getMap('agenda').set(`item${i}`, i);
    await waitFor(() => encoded.doc.getMap('agenda').size === 20, 'relay to the encoded-room client');
    a.destroy();
    encoded.destroy();
    await server.close();

    server = await running(db);
    const b = provider(server, 'case/c1', leader);
    cleanups.push(() => b.destroy());
    await synced(b);
    expect(b.doc.getMap('case').get('title')).toBe('persisted');
    expect(b.doc.getMap('agenda').size).toBe(20);
    // The shutdown compacted the stored updates into one merged state.
    expect(await server.store.countUpdates('case/c1')).toBe(1);
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
    p.doc.getMap('case').set('title', 'before restart');
    await waitFor(() => first.metrics.updatesIn === 1, 'update stored');
    await first.close();
    await waitFor(() => closes.length > 0, 'close event');
    expect(closes).toEqual([1012]);

    // Same port and database: restart the way an operator would.
    const again = await start({ db, port });
    cleanups.push(() => again.close());
    await waitFor(() => p.wsconnected && p.synced, 'provider reconnected');
    p.doc.getMap('case').set('after', true);
    await waitFor(() => again.metrics.updatesIn === 1, 'update after restart stored');
  });

  it('unloads an idle document and loads it again on the next connection', async () => {
    const { db, cleanup } = tempDb();
    cleanups.push(cleanup);
    const server = await running(db);
    const tok = await token({ role: 'leader' });
    const p = provider(server, 'case/c1', tok);
    await synced(p);
    p.doc.getMap('case').set('title', 'kept while unloaded');
    await waitFor(() => server.metrics.updatesIn === 1, 'stored');
    expect(server.metrics.documentsLoaded).toBe(1);
    p.destroy();
    await waitFor(() => server.metrics.documentsLoaded === 0, 'unloaded after idleUnloadMs');
    const q = provider(server, 'case/c1', tok);
    cleanups.push(() => q.destroy());
    await synced(q);
    expect(q.doc.getMap('case').get('title')).toBe('kept while unloaded');
    expect(server.metrics.documentsLoaded).toBe(1);
  });
});
