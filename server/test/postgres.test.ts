/** PostgreSQL persistence (127.0.0.1:5432, database `test`), in a schema of its own per run. */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addComment, author, commentText, provider, start, synced, token, waitFor } from './helpers.js';

export const PG_URL = process.env.SAMRAD_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `samrad_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });

beforeAll(async () => {
  await admin.query('SELECT 1');
});
afterAll(async () => {
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

describe('PostgreSQL store', () => {
  it('keeps content across a restart, compacts, and keeps the audit log append-only', async () => {
    const leader = await token({ role: 'leader' });
    let server = await start({ db: PG_URL, dbSchema: schema, compactAfterUpdates: 10 });
    const p = provider(server, 'case/c1', leader);
    await synced(p);
    const lea = author('leader');
    for (let i = 0; i < 25; i++) addComment(p.doc, `item${i}`, `punkt ${i}`, lea);
    addComment(p.doc, 'title', 'lagret i postgres', lea);
    await waitFor(() => server.metrics.updatesIn === 26, 'all updates stored');
    // Compacted twice while loaded (after 10 and 20 updates): far fewer rows than updates.
    expect(await server.store.countUpdates('case/c1')).toBeLessThan(10);
    p.destroy();
    await server.close();

    server = await start({ db: PG_URL, dbSchema: schema });
    try {
      const q = provider(server, 'case/c1', leader);
      await synced(q);
      expect(commentText(q.doc, 'title')).toBe('lagret i postgres');
      expect(commentText(q.doc, 'item24')).toBe('punkt 24');
      expect(q.doc.getMap('comments').size).toBe(26);
      q.destroy();
      const { rows } = await admin.query(`SELECT count(*)::int AS n FROM "${schema}".samrad_audit WHERE event = 'update-accepted'`);
      expect(rows[0].n).toBe(26);
      await expect(admin.query(`DELETE FROM "${schema}".samrad_audit`)).rejects.toThrow(/append-only/);
      await expect(admin.query(`UPDATE "${schema}".samrad_audit SET sub = 'someone else'`)).rejects.toThrow(/append-only/);
    } finally {
      await server.close();
    }
  });
});
