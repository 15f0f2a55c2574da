/**
 * The SQLite file locked by another connection (a maintenance tool, a backup script).
 * better-sqlite3 waits for a lock synchronously, so the server used to freeze for its
 * whole busy timeout on every write attempt — /healthz and every other connection with
 * it. Now appends retry without blocking, and fail with 1011 storage-error if the lock
 * stays; nothing is relayed that was not stored, and the edit arrives once the lock is gone.
 */
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { addComment, author, commentText, provider, start, synced, tempDb, token, waitFor } from './helpers.js';

const { db, cleanup } = tempDb();
afterAll(cleanup);

describe('SQLite file locked by another connection', () => {
  it('rides out a short lock without freezing or refusing the write', async () => {
    const server = await start({ db });
    try {
      const a = provider(server, 'case/l1', await token({ role: 'leader', sub: 'a', case: 'l1' }));
      const b = provider(server, 'case/l1', await token({ role: 'leader', sub: 'b', case: 'l1' }));
      await Promise.all([synced(a), synced(b)]);
      const closes: number[] = [];
      a.on('connection-close', (e: { code: number } | null) => { if (e) closes.push(e.code); });

      const locker = new Database(db.slice('sqlite:'.length));
      locker.exec('BEGIN EXCLUSIVE');
      addComment(a.doc, 'c1', 'written while locked', author('leader', { sub: 'a' }));
      // This timer runs only if the server does not freeze while its write waits for the
      // lock (it used to wait synchronously for 5 s, then refuse the write).
      await new Promise((r) => setTimeout(r, 200));
      locker.exec('COMMIT');
      locker.close();
      await waitFor(() => commentText(b.doc, 'c1') === 'written while locked', 'stored and relayed once the lock is gone');
      expect(closes).toEqual([]);
      a.destroy();
      b.destroy();
    } finally {
      await server.close();
    }
  });

  it('refuses a write with 1011 storage-error when the lock stays, and stores it after', async () => {
    const server = await start({ db });
    try {
      const a = provider(server, 'case/l2', await token({ role: 'leader', sub: 'a', case: 'l2' }));
      const b = provider(server, 'case/l2', await token({ role: 'leader', sub: 'b', case: 'l2' }));
      await Promise.all([synced(a), synced(b)]);
      const closes: string[] = [];
      a.on('connection-close', (e: { code: number; reason: string } | null) => { if (e) closes.push(`${e.code} ${e.reason}`); });
      const locker = new Database(db.slice('sqlite:'.length));
      locker.exec('BEGIN EXCLUSIVE');
      addComment(a.doc, 'c1', 'written while locked', author('leader', { sub: 'a' }));
      await waitFor(() => closes.length > 0, 'the write refused');
      expect(closes[0]).toBe('1011 storage-error');
      expect(commentText(b.doc, 'c1')).toBeUndefined();
      locker.exec('COMMIT');
      locker.close();
      await waitFor(() => commentText(b.doc, 'c1') === 'written while locked', 'stored and relayed after the lock', 15_000);
      a.destroy();
      b.destroy();
    } finally {
      await server.close();
    }
  });
});
