/**
 * PostgreSQL store (pg). Several server instances share it; an update is committed before
 * it is relayed. Compaction takes a per-document advisory lock so two instances never
 * merge the same rows at once.
 */
import { randomBytes } from 'node:crypto';
import { countersOf, FEEDBACK_COUNTERS } from '@samrad/model';
import pg from 'pg';
import { checkIdentifier, mergeStored, NOTICE_COLUMNS, toAuditRow, toStoredMinutes, toStoredNotice, type AuditEntry, type Store } from './types.js';

export interface PostgresStoreOptions {
  instance: string;
  schema?: string;
  tablePrefix?: string;
  /** Longest wait for a connection or a query before it fails (default 5 s). */
  timeoutMs?: number;
  /** Told when an idle pooled connection breaks (for logging). */
  onIdleError?: (error: Error) => void;
}

export async function openPostgresStore(url: string, options: PostgresStoreOptions): Promise<Store> {
  const schema = checkIdentifier(options.schema ?? 'public', 'schema');
  const p = checkIdentifier(options.tablePrefix ?? 'samrad_', 'tablePrefix');
  const t = (name: string) => `"${schema}"."${p}${name}"`;
  const timeoutMs = options.timeoutMs ?? 5000;
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // A database that stops answering (network down, packets lost) must fail the write
    // within a bounded time, so the client is told (1011 storage-error) instead of waiting forever.
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    keepAlive: true,
  });
  // An idle pooled connection that breaks (database restarted, network cut) is reported
  // here; without a listener Node treats it as an uncaught error and the whole server
  // exits. The pool drops that connection; the next query opens a fresh one or fails
  // and is refused to its client with storage-error.
  pool.on('error', (error: Error) => options.onIdleError?.(error));
  // Every instance runs this at start; the advisory lock keeps concurrent starts from racing.
  const setup = await pool.connect();
  try {
    await setup.query('BEGIN');
    await setup.query(`SELECT pg_advisory_xact_lock(hashtext('samrad-schema'))`);
    await setup.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await setup.query(`CREATE TABLE IF NOT EXISTS ${t('updates')} (id BIGSERIAL PRIMARY KEY, doc TEXT NOT NULL, data BYTEA NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    await setup.query(`CREATE INDEX IF NOT EXISTS "${p}updates_doc" ON ${t('updates')} (doc, id)`);
    await setup.query(`CREATE TABLE IF NOT EXISTS ${t('audit')} (id BIGSERIAL PRIMARY KEY, at TIMESTAMPTZ NOT NULL DEFAULT now(), instance TEXT NOT NULL, event TEXT NOT NULL, sub TEXT, role TEXT, doc TEXT, bytes INTEGER, detail TEXT)`);
    await setup.query(`CREATE OR REPLACE FUNCTION "${schema}"."${p}audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$`);
    await setup.query(`DROP TRIGGER IF EXISTS "${p}audit_append_only" ON ${t('audit')}`);
    await setup.query(`CREATE TRIGGER "${p}audit_append_only" BEFORE UPDATE OR DELETE ON ${t('audit')} FOR EACH ROW EXECUTE FUNCTION "${schema}"."${p}audit_append_only"()`);
    await setup.query(`CREATE TABLE IF NOT EXISTS ${t('minutes')} (id BIGSERIAL PRIMARY KEY, case_id TEXT NOT NULL, meeting_id TEXT NOT NULL, version INTEGER NOT NULL, sha256 TEXT NOT NULL, previous_sha256 TEXT, data TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now(), UNIQUE (case_id, meeting_id, version))`);
    await setup.query(`CREATE OR REPLACE FUNCTION "${schema}"."${p}minutes_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'minutes versions are append-only'; END $$`);
    await setup.query(`DROP TRIGGER IF EXISTS "${p}minutes_append_only" ON ${t('minutes')}`);
    await setup.query(`CREATE TRIGGER "${p}minutes_append_only" BEFORE UPDATE OR DELETE ON ${t('minutes')} FOR EACH ROW EXECUTE FUNCTION "${schema}"."${p}minutes_append_only"()`);
    // Who opened a case: name and service on `connect` lines (added to logs created before them).
    await setup.query(`ALTER TABLE ${t('audit')} ADD COLUMN IF NOT EXISTS name TEXT, ADD COLUMN IF NOT EXISTS service TEXT`);
    await setup.query(`CREATE INDEX IF NOT EXISTS "${p}audit_doc_event" ON ${t('audit')} (doc, event, at)`);
    // Anonymous feedback: counters, and a set of keyed hashes of who answered, with no link between them.
    await setup.query(`CREATE TABLE IF NOT EXISTS ${t('feedback_counts')} (case_id TEXT NOT NULL, meeting_id TEXT NOT NULL, role TEXT NOT NULL, question TEXT NOT NULL, value TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (case_id, meeting_id, role, question, value))`);
    await setup.query(`CREATE TABLE IF NOT EXISTS ${t('feedback_answered')} (answered_key TEXT PRIMARY KEY)`);
    await setup.query(`CREATE TABLE IF NOT EXISTS ${t('keys')} (name TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    await setup.query(`CREATE TABLE IF NOT EXISTS ${t('notices')} (${NOTICE_COLUMNS})`);
    await setup.query(`CREATE INDEX IF NOT EXISTS "${p}notices_due" ON ${t('notices')} (status, next_attempt_at)`);
    await setup.query('COMMIT');
  } catch (error) {
    await setup.query('ROLLBACK').catch(() => {});
    setup.release();
    await pool.end();
    throw error;
  }
  setup.release();

  const auditSql = `INSERT INTO ${t('audit')} (instance, event, sub, role, doc, bytes, detail, name, service) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;
  const auditParams = (e: AuditEntry) => [options.instance, e.event, e.sub ?? null, e.role ?? null, e.doc ?? null, e.bytes ?? null, e.detail ?? null, e.name ?? null, e.service ?? null];

  return {
    kind: 'postgres',
    async load(doc) {
      const r = await pool.query<{ data: Buffer }>(`SELECT data FROM ${t('updates')} WHERE doc = $1 ORDER BY id`, [doc]);
      return r.rows.map((row) => new Uint8Array(row.data));
    },
    async append(doc, update, entry) {
      // One statement, one commit: both rows or neither.
      await pool.query(
        `WITH u AS (INSERT INTO ${t('updates')} (doc, data) VALUES ($10, $11) RETURNING id) ${auditSql}`,
        [...auditParams(entry), doc, Buffer.from(update.buffer, update.byteOffset, update.byteLength)],
      );
    },
    async audit(entry) {
      await pool.query(auditSql, auditParams(entry));
    },
    async compact(doc) {
      const client = await pool.connect();
      let failed: Error | undefined;
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`samrad-compact:${schema}.${p}:${doc}`]);
        const rows = (await client.query<{ id: string; data: Buffer }>(`SELECT id, data FROM ${t('updates')} WHERE doc = $1 ORDER BY id`, [doc])).rows;
        if (rows.length > 1) {
          const merged = mergeStored(rows.map((r) => new Uint8Array(r.data)));
          await client.query(`DELETE FROM ${t('updates')} WHERE doc = $1 AND id <= $2`, [doc, rows[rows.length - 1]!.id]);
          await client.query(`INSERT INTO ${t('updates')} (doc, data) VALUES ($1, $2)`, [doc, Buffer.from(merged)]);
        }
        await client.query('COMMIT');
        return { merged: rows.length };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        failed = error as Error;
        throw error;
      } finally {
        // A connection whose query failed (or timed out) may be broken: the pool discards it.
        client.release(failed);
      }
    },
    async documents() {
      const r = await pool.query<{ doc: string }>(`SELECT DISTINCT doc FROM ${t('updates')} ORDER BY doc`);
      return r.rows.map((row) => row.doc);
    },
    async documentsOfCase(caseId) {
      // Byte order (COLLATE "C"), as in SQLite: names starting `case/<id>/` sort before `case/<id>0`.
      const r = await pool.query<{ doc: string }>(
        `SELECT DISTINCT doc FROM ${t('updates')} WHERE doc = $1 OR (doc COLLATE "C" >= $2 AND doc COLLATE "C" < $3) ORDER BY doc`,
        [`case/${caseId}`, `case/${caseId}/`, `case/${caseId}0`]);
      return r.rows.map((row) => row.doc);
    },
    async countUpdates(doc) {
      const r = await pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${t('updates')} WHERE doc = $1`, [doc]);
      return Number(r.rows[0]!.n);
    },
    async appendMinutes(m) {
      const r = await pool.query(
        `INSERT INTO ${t('minutes')} (case_id, meeting_id, version, sha256, previous_sha256, data) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (case_id, meeting_id, version) DO NOTHING`,
        [m.caseId, m.meetingId, m.version, m.sha256, m.previousSha256, m.data],
      );
      const row = await pool.query(`SELECT * FROM ${t('minutes')} WHERE case_id = $1 AND meeting_id = $2 AND version = $3`, [m.caseId, m.meetingId, m.version]);
      return { inserted: r.rowCount === 1, stored: toStoredMinutes(row.rows[0] as Record<string, unknown>) };
    },
    async listMinutes(caseId, meetingId) {
      const r = await pool.query(`SELECT * FROM ${t('minutes')} WHERE case_id = $1 AND meeting_id = $2 ORDER BY version`, [caseId, meetingId]);
      return r.rows.map((row) => toStoredMinutes(row as Record<string, unknown>));
    },
    async allMinutes() {
      const r = await pool.query(`SELECT * FROM ${t('minutes')} ORDER BY case_id, meeting_id, version, id`);
      return r.rows.map((row) => toStoredMinutes(row as Record<string, unknown>));
    },
    async minutesGuarded() {
      const r = await pool.query<{ n: string }>(
        `SELECT COUNT(*) AS n FROM pg_trigger WHERE tgrelid = $1::regclass AND tgname = $2 AND tgenabled <> 'D'`,
        [t('minutes'), `${p}minutes_append_only`],
      );
      return Number(r.rows[0]!.n) === 1;
    },
    async readAudit(filter = {}) {
      const r = filter.doc
        ? await pool.query(`SELECT * FROM ${t('audit')} WHERE doc = $1 ORDER BY id LIMIT $2`, [filter.doc, filter.limit ?? 10_000])
        : await pool.query(`SELECT * FROM ${t('audit')} ORDER BY id LIMIT $1`, [filter.limit ?? 10_000]);
      return r.rows.map(toAuditRow);
    },
    async readOpenings(docs, { before, limit }) {
      if (docs.length === 0 || limit <= 0) return [];
      // Times are compared to the millisecond, as they are shown (timestamptz keeps microseconds).
      const ms = `date_trunc('milliseconds', at)`;
      const of = `event = 'connect' AND doc = ANY($1::text[])`;
      const r = before
        ? await pool.query(`SELECT * FROM ${t('audit')} WHERE ${of} AND ${ms} < $2::timestamptz ORDER BY ${ms} DESC, id DESC LIMIT $3`, [docs, before, limit])
        : await pool.query(`SELECT * FROM ${t('audit')} WHERE ${of} ORDER BY ${ms} DESC, id DESC LIMIT $2`, [docs, limit]);
      const rows = r.rows.map(toAuditRow);
      const last = rows[rows.length - 1];
      if (rows.length === limit && last) {
        const more = await pool.query(`SELECT * FROM ${t('audit')} WHERE ${of} AND ${ms} = $2::timestamptz AND id < $3 ORDER BY id DESC`, [docs, last.at, last.id]);
        rows.push(...more.rows.map(toAuditRow));
      }
      return rows;
    },
    async recordFeedback(records) {
      const client = await pool.connect();
      let failed: Error | undefined;
      try {
        await client.query('BEGIN');
        let counted = 0;
        for (const r of records) {
          const inserted = await client.query(`INSERT INTO ${t('feedback_answered')} (answered_key) VALUES ($1) ON CONFLICT DO NOTHING`, [r.answeredKey]);
          if (inserted.rowCount !== 1) continue;
          await client.query(
            `INSERT INTO ${t('feedback_counts')} (case_id, meeting_id, role, question, value, n) SELECT $1, $2, $3, q, v, 0 FROM unnest($4::text[], $5::text[]) AS c(q, v) ON CONFLICT DO NOTHING`,
            [r.caseId, r.meetingId, r.role, FEEDBACK_COUNTERS.map((c) => c.question), FEEDBACK_COUNTERS.map((c) => c.value)],
          );
          // Every counter of the (case, meeting, role) is written; only the answer's three get + 1.
          await client.query(
            `UPDATE ${t('feedback_counts')} SET n = n + (CASE WHEN (question = $1 AND value = $2) OR (question = $3 AND value = $4) OR (question = $5 AND value = $6) THEN 1 ELSE 0 END) WHERE case_id = $7 AND meeting_id = $8 AND role = $9`,
            [...countersOf(r.answer).flatMap((c) => [c.question, c.value]), r.caseId, r.meetingId, r.role],
          );
          counted += 1;
        }
        await client.query('COMMIT');
        return counted;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        failed = error as Error;
        throw error;
      } finally {
        client.release(failed);
      }
    },
    async hasAnswered(answeredKey) {
      const r = await pool.query(`SELECT 1 FROM ${t('feedback_answered')} WHERE answered_key = $1`, [answeredKey]);
      return r.rowCount === 1;
    },
    async feedbackCounters(caseId, meetingId) {
      const r = meetingId === undefined
        ? await pool.query(`SELECT meeting_id, role, question, value, n FROM ${t('feedback_counts')} WHERE case_id = $1`, [caseId])
        : await pool.query(`SELECT meeting_id, role, question, value, n FROM ${t('feedback_counts')} WHERE case_id = $1 AND meeting_id = $2`, [caseId, meetingId]);
      return r.rows.map((row: Record<string, unknown>) => ({ meetingId: String(row.meeting_id), role: String(row.role), question: String(row.question), value: String(row.value), n: Number(row.n) }));
    },
    async claimNotices(notices) {
      const inserted: string[] = [];
      for (const n of notices) {
        // The unique (case, key) decides which instance stores it; the others insert nothing.
        const r = await pool.query(
          `INSERT INTO ${t('notices')} (id, case_id, key, kind, entity_id, recipient_id, date, body, status, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) ON CONFLICT DO NOTHING`,
          [n.id, n.caseId, n.key, n.kind, n.entityId, n.recipientId, n.date, n.body, n.status, n.createdAt]);
        if (r.rowCount === 1) inserted.push(n.id);
      }
      return inserted;
    },
    async listNotices(caseId) {
      const r = await pool.query(`SELECT * FROM ${t('notices')} WHERE case_id = $1 ORDER BY created_at, id`, [caseId]);
      return r.rows.map((row) => toStoredNotice(row as Record<string, unknown>));
    },
    async leaseNotices(instance, now, leaseMs, limit) {
      // SKIP LOCKED: two instances leasing at once each take different rows.
      const r = await pool.query(
        `UPDATE ${t('notices')} SET lease_owner = $1, lease_until = $2 WHERE id IN (SELECT id FROM ${t('notices')} WHERE status = 'pending' AND next_attempt_at <= $3 AND (lease_until IS NULL OR lease_until < $3) ORDER BY next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED) RETURNING *`,
        [instance, now + leaseMs, now, limit]);
      return r.rows.map((row) => toStoredNotice(row as Record<string, unknown>));
    },
    async finishNotice(id, instance, outcome) {
      const r = outcome.delivered
        ? await pool.query(`UPDATE ${t('notices')} SET status = 'delivered', attempts = attempts + 1, delivered_at = $1, last_error = NULL, lease_owner = NULL, lease_until = NULL WHERE id = $2 AND lease_owner = $3`, [outcome.at, id, instance])
        : await pool.query(`UPDATE ${t('notices')} SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2, lease_owner = NULL, lease_until = NULL WHERE id = $3 AND lease_owner = $4`, [outcome.retryAt, outcome.error.slice(0, 200), id, instance]);
      return r.rowCount === 1;
    },
    async storedKey(name) {
      await pool.query(`INSERT INTO ${t('keys')} (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [name, randomBytes(32).toString('base64url')]);
      const r = await pool.query<{ value: string }>(`SELECT value FROM ${t('keys')} WHERE name = $1`, [name]);
      return r.rows[0]!.value;
    },
    async close() {
      await pool.end();
    },
  };
}
