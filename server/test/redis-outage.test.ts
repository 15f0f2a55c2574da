/**
 * Redis going away between two instances (through TCP proxies in front of the machine's
 * Redis). While it is away each instance serves its own clients; when it is back, what
 * the other instance's clients did meanwhile reaches this instance's clients — also
 * when only one instance lost Redis, so the other one never noticed anything.
 */
import { randomUUID } from 'node:crypto';
import { createConnection, createServer, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import type { RunningServer } from '../src/index.js';
import { addComment, author, commentText, provider, start, synced, token, waitFor } from './helpers.js';

const PG_URL = process.env.SAMRAD_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = new URL(process.env.SAMRAD_TEST_REDIS ?? 'redis://127.0.0.1:6379');
const run = randomUUID().replace(/-/g, '').slice(0, 12);
const schema = `samrad_test_${run}`;

afterAll(async () => {
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

/** A proxy to Redis that can drop every connection and refuse new ones. */
async function redisProxy() {
  const sockets = new Set<Socket>();
  let up = true;
  const server = createServer((client) => {
    client.on('error', () => client.destroy());
    if (!up) return void client.destroy();
    const upstream = createConnection(Number(REDIS_URL.port || 6379), REDIS_URL.hostname);
    for (const s of [client, upstream]) sockets.add(s);
    const drop = () => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream); };
    client.on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `redis://127.0.0.1:${(server.address() as { port: number }).port}`,
    cut() { up = false; for (const s of sockets) s.destroy(); },
    restore() { up = true; },
    close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

describe('Redis outage', () => {
  for (const [what, cutBoth] of [['for both instances', true], ['for one instance only', false]] as const) {
    it(`clients of each instance get the other's edits once Redis is back (${what})`, async () => {
      const proxyA = await redisProxy();
      const proxyB = await redisProxy();
      const shared = { db: PG_URL, dbSchema: schema, redisPrefix: `samrad-test-${run}:` };
      const servers: RunningServer[] = [await start({ ...shared, redis: proxyA.url, instanceId: 'A' }), await start({ ...shared, redis: proxyB.url, instanceId: 'B' })];
      const room = `case/${cutBoth ? 'both' : 'one'}`;
      const caseId = room.slice(5);
      try {
        const onA = provider(servers[0]!, room, await token({ role: 'leader', sub: 'a', case: caseId }));
        const onB = provider(servers[1]!, room, await token({ role: 'leader', sub: 'b', case: caseId }));
        await Promise.all([synced(onA), synced(onB)]);
        const [a, b] = [author('leader', { sub: 'a' }), author('leader', { sub: 'b' })];
        addComment(onA.doc, 'before', 'A', a);
        await waitFor(() => commentText(onB.doc, 'before') === 'A', 'live before the outage');

        proxyA.cut();
        if (cutBoth) proxyB.cut();
        await new Promise((r) => setTimeout(r, 500)); // ioredis gives up on the queued publishes
        addComment(onA.doc, 'during', 'A', a);
        addComment(onB.doc, 'alsoDuring', 'B', b);
        await new Promise((r) => setTimeout(r, 1000));
        proxyA.restore();
        proxyB.restore();

        await waitFor(() => commentText(onB.doc, 'during') === 'A', "A's edit reaches B's client", 15_000);
        await waitFor(() => commentText(onA.doc, 'alsoDuring') === 'B', "B's edit reaches A's client", 15_000);
        onA.destroy();
        onB.destroy();
      } finally {
        await Promise.allSettled(servers.map((s) => s.close()));
        await proxyA.close();
        await proxyB.close();
      }
    });
  }
});
