/**
 * PostgreSQL going away under a running server, through a TCP proxy in front of the
 * machine's database (which is never touched). A broken idle connection once took the
 * whole process down (an unhandled pool `error` event), and a database that stops
 * answering left writes waiting forever. Now: the write is refused with 1011
 * storage-error, the server keeps running, and the edit arrives once the database is back.
 */
import { randomUUID } from 'node:crypto';
import { createConnection, createServer, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { addComment, author, commentText, editComment, provider, start, synced, token, waitFor } from './helpers.js';

const PG_URL = process.env.SAMRAD_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `samrad_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

afterAll(async () => {
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

/** A proxy to PostgreSQL that can drop every connection, or keep them open and silent. */
async function pgProxy() {
  const target = new URL(PG_URL);
  const sockets = new Set<Socket>();
  let mode: 'up' | 'down' | 'silent' = 'up';
  const server = createServer((client) => {
    client.on('error', () => client.destroy());
    if (mode === 'down') return void client.destroy();
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    if (mode === 'silent') return void client.resume();
    const upstream = createConnection(Number(target.port || 5432), target.hostname);
    sockets.add(upstream);
    upstream.on('error', () => client.destroy()).on('close', () => { client.destroy(); sockets.delete(upstream); });
    client.on('close', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const url = new URL(PG_URL);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    down() { mode = 'down'; for (const s of sockets) s.destroy(); },
    silent() { mode = 'silent'; for (const s of sockets) s.destroy(); },
    up() { mode = 'up'; for (const s of sockets) s.destroy(); },
    close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

describe('PostgreSQL outage', () => {
  it('survives broken idle connections and a silent database; refuses writes with storage-error; recovers', async () => {
    const proxy = await pgProxy();
    const server = await start({ db: proxy.url, dbSchema: schema, dbTimeoutMs: 500 });
    try {
      const a = provider(server, 'case/o1', await token({ role: 'leader', sub: 'a', case: 'o1' }));
      const b = provider(server, 'case/o1', await token({ role: 'leader', sub: 'b', case: 'o1' }));
      const closes: number[] = [];
      a.on('connection-close', (e: { code: number } | null) => { if (e) closes.push(e.code); });
      await Promise.all([synced(a), synced(b)]);
      const writer = author('leader', { sub: 'a' });
      addComment(a.doc, 'c1', 'before', writer);
      await waitFor(() => commentText(b.doc, 'c1') === 'before', 'stored and relayed');

      // Every pooled connection breaks at once (idle ones too), and new ones are refused.
      proxy.down();
      await new Promise((r) => setTimeout(r, 100));
      editComment(a.doc, 'c1', 'while down', writer);
      await waitFor(() => closes.includes(1011), 'storage-error while the database is down');
      expect(commentText(b.doc, 'c1')).toBe('before');

      // The database answers nothing at all: the write still fails within the timeout.
      proxy.silent();
      const before = closes.length;
      await waitFor(() => closes.length > before && closes.at(-1) === 1011, 'storage-error while the database is silent');
      expect(commentText(b.doc, 'c1')).toBe('before');

      proxy.up();
      await waitFor(() => commentText(b.doc, 'c1') === 'while down', 'the edit arrives once the database is back', 20_000);
      a.destroy();
      b.destroy();
    } finally {
      await server.close();
      await proxy.close();
    }
  });
});
