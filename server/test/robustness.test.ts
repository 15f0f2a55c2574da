/** Malformed input and limits close only the offending connection; the server keeps serving. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../src/index.js';
import { addComment, author, commentText, provider, rawClient, start, synced, syncUpdateMessage, token, waitFor } from './helpers.js';

let server: RunningServer;
let bystander: ReturnType<typeof provider>;

beforeAll(async () => {
  server = await start({ db: 'sqlite::memory:', limits: { maxMessageBytes: 4096, messagesPerSecond: 5, messageBurst: 20, maxConnectionsPerUser: 3 } });
  bystander = provider(server, 'case/c1', await token({ role: 'leader', sub: 'bystander' }));
  await synced(bystander);
});

afterAll(async () => {
  bystander.destroy();
  await server.close();
});

async function sendAndClose(frame: Uint8Array | string) {
  const c = rawClient(server.url, 'case/c1', await token({ role: 'coordinator', sub: `p-${Math.random()}` }));
  await c.opened;
  c.send(frame);
  return c.closed;
}

/** A small deterministic PRNG, so a failing fuzz case repeats. */
function prng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
}

describe('malformed messages', () => {
  const frames: Array<[string, Uint8Array | string, string]> = [
    ['a text frame', 'hello', 'text-frame'],
    ['an unknown message type', new Uint8Array([7, 1, 2]), 'unknown-message-type'],
    ['a truncated varint', new Uint8Array([0x80]), 'malformed-message'],
    ['an unknown sync sub-type', new Uint8Array([0, 9, 0]), 'unknown-sync-type'],
    ['a sync message whose length runs past the end', new Uint8Array([0, 2, 0x10, 1, 2]), 'malformed-message'],
    ['an update that is not a Yjs update', syncUpdateMessage(new Uint8Array([5, 200, 1, 2, 3, 9, 9, 9])), 'malformed-update'],
    ['a truncated real update', syncUpdateMessage(realUpdate().subarray(0, 12)), 'malformed-update'],
    ['awareness that is not JSON', new Uint8Array([1, 6, 1, 5, 1, 2, 0x7b, 0x7b]), 'malformed-message'],
    ['an empty frame', new Uint8Array([]), 'malformed-message'],
  ];
  for (const [what, frame, reason] of frames) {
    it(`${what} → 4400 ${reason}`, async () => {
      expect(await sendAndClose(frame)).toEqual({ code: 4400, reason });
    });
  }

  it('survives random bytes on many connections, and others keep editing', async () => {
    const random = prng(42);
    const codes = new Set<number>();
    for (let i = 0; i < 40; i++) {
      const bytes = new Uint8Array(1 + Math.floor(random() * 200)).map(() => Math.floor(random() * 256));
      if (i % 2 === 0) bytes[0] = Math.floor(random() * 2); // half of them look like sync or awareness
      const c = rawClient(server.url, 'case/c1', await token({ role: 'coordinator', sub: `fuzz-${i}` }));
      await c.opened;
      c.send(bytes);
      const closed = await Promise.race([c.closed, new Promise<null>((r) => setTimeout(() => r(null), 300))]);
      if (closed) codes.add(closed.code);
      else c.ws.close();
    }
    expect([...codes].every((code) => code === 4400 || code === 4422)).toBe(true);
    expect((await fetch(`${server.httpUrl}/healthz`)).status).toBe(200);
    addComment(bystander.doc, 'still', 'working', author('leader', { sub: 'bystander' }));
    const other = provider(server, 'case/c1', await token({ role: 'coordinator', sub: 'checker' }));
    await synced(other);
    await waitFor(() => commentText(other.doc, 'still') === 'working', 'bystander edit relayed');
    expect(bystander.wsconnected).toBe(true);
    other.destroy();
  });
});

describe('limits', () => {
  it('a message over the size limit → 4413 message-too-large', async () => {
    expect(await sendAndClose(syncUpdateMessage(new Uint8Array(5000)))).toEqual({ code: 4413, reason: 'message-too-large' });
  });

  it('too many messages per second → 4429 rate-limited', async () => {
    const c = rawClient(server.url, 'case/c1', await token({ role: 'coordinator', sub: 'chatty' }));
    await c.opened;
    for (let i = 0; i < 40; i++) c.send(new Uint8Array([3])); // query awareness
    expect(await c.closed).toEqual({ code: 4429, reason: 'rate-limited' });
  });

  it('too many connections for one user → 4429 too-many-connections', async () => {
    const tok = await token({ role: 'coordinator', sub: 'tabs' });
    const open = [rawClient(server.url, 'case/c1', tok), rawClient(server.url, 'case/c1', tok), rawClient(server.url, 'case/c2', await token({ role: 'coordinator', sub: 'tabs', case: 'c2' }))];
    await Promise.all(open.map((c) => c.opened));
    await waitFor(() => server.metrics.connections >= 4, 'connections counted');
    expect(await rawClient(server.url, 'case/c1', tok).closed).toEqual({ code: 4429, reason: 'too-many-connections' });
    open[0]!.ws.close();
    await open[0]!.closed;
    await waitFor(() => server.metrics.connections === 3, 'connection released');
    const again = rawClient(server.url, 'case/c1', tok);
    await again.opened;
    await new Promise((r) => setTimeout(r, 100));
    expect(again.ws.readyState).toBe(again.ws.OPEN);
    for (const c of [again, ...open]) c.ws.close();
  });

  it('reports all of this in /metrics', async () => {
    const text = await (await fetch(`${server.httpUrl}/metrics`)).text();
    expect(text).toMatch(/samrad_connections_closed_total\{code="4400"\} \d+/);
    expect(text).toMatch(/samrad_connections_closed_total\{code="4413"\} 1/);
    expect(text).toMatch(/samrad_connections_refused_total\{reason="too-many-connections"\} 1/);
    expect(text).toMatch(/samrad_storage_latency_seconds_count [1-9]/);
    expect(text).toMatch(/samrad_updates_in_total [1-9]/);
    expect(text).toMatch(/samrad_documents_loaded [1-9]/);
  });
});

function realUpdate(): Uint8Array {
  const d = new Y.Doc();
  addComment(d, 'c1', 'a reasonably long comment so the update has a body', author('coordinator'));
  return Y.encodeStateAsUpdate(d);
}
