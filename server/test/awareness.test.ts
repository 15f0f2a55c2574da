/**
 * Presence ownership. The stock y-websocket provider echoes every awareness change it
 * receives back to the server, including the removal of a client that just left. Such
 * an echo must not make the echoing connection the owner of the departed client's id:
 * otherwise, when that client comes back, its presence is dropped as "owned by another
 * connection" for as long as the echoing client stays. And one connection may not
 * claim presence for many client ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { RunningServer } from '../src/index.js';
import { provider, rawClient, start, synced, token, waitFor } from './helpers.js';

let server: RunningServer;
beforeAll(async () => { server = await start({ db: 'sqlite::memory:' }); });
afterAll(async () => { await server.close(); });

describe('presence ends with the connection', () => {
  it('a client whose socket closes is gone for the others within 3 s', async () => {
    const a = provider(server, 'case/p-gone', await token({ role: 'leader', sub: 'anne', name: 'Anne', case: 'p-gone' }));
    const b = provider(server, 'case/p-gone', await token({ role: 'parent', sub: 'kari', name: 'Kari', case: 'p-gone' }));
    await Promise.all([synced(a), synced(b)]);
    b.awareness.setLocalStateField('user', { name: 'Kari' });
    await waitFor(() => a.awareness.getStates().get(b.doc.clientID)?.verified !== undefined, 'B seen by A');
    b.shouldConnect = false;
    const closedAt = Date.now();
    (b.ws as unknown as { terminate(): void }).terminate();
    await waitFor(() => !a.awareness.getStates().has(b.doc.clientID), 'B gone for A', 3000);
    expect(Date.now() - closedAt).toBeLessThan(3000);
    a.destroy();
    b.destroy();
  });

  it('a client that goes silent without closing (a dead line, a browser offline) is gone within seconds, and back when it answers again', async () => {
    const quick = await start({ db: 'sqlite::memory:', presenceTimeoutMs: 1500 });
    try {
      const a = provider(quick, 'case/p-silent', await token({ role: 'leader', sub: 'anne', name: 'Anne', case: 'p-silent' }));
      const b = provider(quick, 'case/p-silent', await token({ role: 'parent', sub: 'kari', name: 'Kari', case: 'p-silent' }));
      await Promise.all([synced(a), synced(b)]);
      b.awareness.setLocalStateField('user', { name: 'Kari' });
      await waitFor(() => a.awareness.getStates().get(b.doc.clientID)?.verified !== undefined, 'B seen by A');
      // B stops reading and answering (its socket stays open): no pong, no message.
      const socket = (b.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
      socket.pause();
      const silentAt = Date.now();
      await waitFor(() => !a.awareness.getStates().has(b.doc.clientID), 'B gone for A', 4000);
      expect(Date.now() - silentAt).toBeLessThan(3000);
      expect(b.wsconnected).toBe(true);
      // B's line comes back: it learns it was taken for gone, says it is here, and is seen again.
      socket.resume();
      await waitFor(() => a.awareness.getStates().get(b.doc.clientID)?.verified !== undefined, 'B seen again by A', 3000);
      a.destroy();
      b.destroy();
    } finally {
      await quick.close();
    }
  });
});

describe('presence ownership', () => {
  it('a client that drops off and reconnects is seen again, with its own verified name', async () => {
    const a = provider(server, 'case/p1', await token({ role: 'leader', sub: 'anne', name: 'Anne', case: 'p1' }));
    const b = provider(server, 'case/p1', await token({ role: 'coordinator', sub: 'bo', name: 'Bo', case: 'p1' }));
    await Promise.all([synced(a), synced(b)]);
    b.awareness.setLocalStateField('cursor', 'agenda');
    await waitFor(() => a.awareness.getStates().get(b.doc.clientID)?.cursor === 'agenda', 'B seen by A');

    // B's network drops: no goodbye, the server notices the closed socket and removes B's presence.
    b.shouldConnect = false;
    (b.ws as unknown as { terminate(): void }).terminate();
    await waitFor(() => !a.awareness.getStates().has(b.doc.clientID), 'B gone for A');
    await new Promise((r) => setTimeout(r, 200)); // A's echo of the removal reaches the server
    b.connect();
    await synced(b);
    b.awareness.setLocalStateField('cursor', 'actions');
    await waitFor(() => a.awareness.getStates().get(b.doc.clientID)?.cursor === 'actions', 'B seen again by A after reconnecting', 3000);
    expect(a.awareness.getStates().get(b.doc.clientID)?.verified).toEqual({ id: 'bo', name: 'Bo', role: 'coordinator' });
    a.destroy();
    b.destroy();
  });

  it('one connection claiming presence for thousands of client ids is closed, and none of them is relayed', async () => {
    const watcher = provider(server, 'case/p2', await token({ role: 'leader', sub: 'w', case: 'p2' }));
    await synced(watcher);
    const c = rawClient(server.url, 'case/p2', await token({ role: 'leader', sub: 'many', case: 'p2' }));
    await c.opened;
    const body = encoding.createEncoder();
    encoding.writeVarUint(body, 1000);
    for (let i = 0; i < 1000; i++) {
      encoding.writeVarUint(body, 5_000_000 + i);
      encoding.writeVarUint(body, 1);
      encoding.writeVarString(body, '{"user":{"name":"ghost"}}');
    }
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(body));
    c.send(encoding.toUint8Array(e));
    expect(await Promise.race([c.closed, new Promise((r) => setTimeout(() => r('still open'), 3000))])).toEqual({ code: 4400, reason: 'too-many-awareness-ids' });
    await new Promise((r) => setTimeout(r, 100));
    expect([...watcher.awareness.getStates().keys()].filter((id) => id >= 5_000_000 && id < 5_001_000)).toEqual([]);
    watcher.destroy();
  });

  it("others' presence changes that a client echoes back do not use up its message budget", async () => {
    // A small budget: 20 messages at once, 5 a second.
    const limited = await start({ db: 'sqlite::memory:', limits: { messageBurst: 20, messagesPerSecond: 5 } });
    try {
      const quiet = provider(limited, 'case/p3', await token({ role: 'leader', sub: 'quiet', case: 'p3' }));
      await synced(quiet);
      const closes: number[] = [];
      quiet.on('connection-close', (e: { code: number } | null) => { if (e) closes.push(e.code); });
      // Two people move their cursor 15 times each, within their own budget. The stock
      // provider echoes each of those 30 changes back to the server.
      const movers: Array<{ c: ReturnType<typeof rawClient>; awareness: awarenessProtocol.Awareness }> = [];
      for (const sub of ['m1', 'm2']) {
        const c = rawClient(limited.url, 'case/p3', await token({ role: 'coordinator', sub, case: 'p3' }));
        await c.opened;
        const awareness = new awarenessProtocol.Awareness(new Y.Doc());
        movers.push({ c, awareness });
      }
      for (let i = 0; i < 15; i++) {
        for (const { c, awareness } of movers) {
          awareness.setLocalStateField('cursor', i);
          const e = encoding.createEncoder();
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]));
          c.send(encoding.toUint8Array(e));
        }
      }
      await waitFor(() => movers.every(({ awareness }) => quiet.awareness.getStates().get(awareness.clientID)?.cursor === 14), 'every cursor move seen');
      await new Promise((r) => setTimeout(r, 300));
      expect(closes).toEqual([]);
      expect(quiet.wsconnected).toBe(true);
      for (const { c } of movers) c.ws.close();
      quiet.destroy();
    } finally {
      await limited.close();
    }
  });
});
