import type { Logger } from 'pino';
import { loadDriver } from '../drivers.js';
import type { Store } from './types.js';

export * from './types.js';

export interface StoreOptions {
  /** `sqlite:PATH` (default `sqlite:./data/samrad.db`), `sqlite::memory:` or `postgres://…`. */
  db?: string;
  /** PostgreSQL schema (default `public`). */
  dbSchema?: string;
  /** Prefix of every table name (default `samrad_`). */
  tablePrefix?: string;
  /** PostgreSQL: longest wait for a connection or a query before it fails (default 5 s). */
  dbTimeoutMs?: number;
}

export async function openStore(options: StoreOptions, instance: string, log?: Logger): Promise<Store> {
  const db = options.db ?? 'sqlite:./data/samrad.db';
  if (db.startsWith('postgres://') || db.startsWith('postgresql://')) {
    // The drivers load only for the store in use: a SQLite server never loads pg, and the
    // other way round (pg is an optional peer dependency of the published package).
    const { openPostgresStore } = await loadDriver(() => import('./postgres.js'), 'pg', 'PostgreSQL');
    return openPostgresStore(db, {
      instance,
      ...(options.dbSchema ? { schema: options.dbSchema } : {}),
      ...(options.tablePrefix ? { tablePrefix: options.tablePrefix } : {}),
      ...(options.dbTimeoutMs ? { timeoutMs: options.dbTimeoutMs } : {}),
      onIdleError: (error) => log?.warn({ err: error.message }, 'a pooled database connection broke'),
    });
  }
  if (db.startsWith('sqlite:')) {
    const { openSqliteStore } = await loadDriver(() => import('./sqlite.js'), 'better-sqlite3', 'SQLite');
    return openSqliteStore(db.slice('sqlite:'.length), { instance, ...(options.tablePrefix ? { tablePrefix: options.tablePrefix } : {}) });
  }
  throw new Error(`--db must be sqlite:PATH or postgres://…, got "${db}"`);
}
