/**
 * SQLite store (better-sqlite3). WAL journal with synchronous=FULL: a commit is on disk
 * before `append` resolves, so an update is durable before it is relayed.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { countersOf, FEEDBACK_COUNTERS } from '@samrad/model';
import { checkIdentifier, mergeStored, NOTICE_COLUMNS, toAuditRow, toStoredMinutes, toStoredNotice, type AuditEntry, type FeedbackRecord, type Store } from './types.js';

/** Pauses between attempts to commit appends while another connection holds the write lock. */
const BUSY_RETRY_MS = [25, 50, 100, 200, 400, 700];
const isBusy = (error: unknown) => String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_BUSY');

interface PendingAppend { doc: string; update: Uint8Array; entry: AuditEntry; resolve: () => void; reject: (error: Error) => void }

export function openSqliteStore(path: string, options: { instance: string; tablePrefix?: string }): Store {
  const p = checkIdentifier(options.tablePrefix ?? 'samrad_', 'tablePrefix');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${p}updates (id INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL, data BLOB NOT NULL, created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));
    CREATE INDEX IF NOT EXISTS ${p}updates_doc ON ${p}updates (doc, id);
    CREATE TABLE IF NOT EXISTS ${p}audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), instance TEXT NOT NULL, event TEXT NOT NULL, sub TEXT, role TEXT, doc TEXT, bytes INTEGER, detail TEXT);
    CREATE TRIGGER IF NOT EXISTS ${p}audit_no_update BEFORE UPDATE ON ${p}audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    CREATE TRIGGER IF NOT EXISTS ${p}audit_no_delete BEFORE DELETE ON ${p}audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    CREATE TABLE IF NOT EXISTS ${p}minutes (id INTEGER PRIMARY KEY AUTOINCREMENT, case_id TEXT NOT NULL, meeting_id TEXT NOT NULL, version INTEGER NOT NULL, sha256 TEXT NOT NULL, previous_sha256 TEXT, data TEXT NOT NULL, created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), UNIQUE (case_id, meeting_id, version));
    CREATE TRIGGER IF NOT EXISTS ${p}minutes_no_update BEFORE UPDATE ON ${p}minutes BEGIN SELECT RAISE(ABORT, 'minutes versions are append-only'); END;
    CREATE TRIGGER IF NOT EXISTS ${p}minutes_no_delete BEFORE DELETE ON ${p}minutes BEGIN SELECT RAISE(ABORT, 'minutes versions are append-only'); END;
    CREATE TABLE IF NOT EXISTS ${p}feedback_counts (case_id TEXT NOT NULL, meeting_id TEXT NOT NULL, role TEXT NOT NULL, question TEXT NOT NULL, value TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (case_id, meeting_id, role, question, value)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS ${p}feedback_answered (answered_key TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS ${p}keys (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS ${p}notices (${NOTICE_COLUMNS});
    CREATE INDEX IF NOT EXISTS ${p}notices_due ON ${p}notices (status, next_attempt_at);
  `);
  // Who opened a case: name and service on `connect` lines (added to logs created before them).
  const auditColumns = new Set((db.prepare(`PRAGMA table_info(${p}audit)`).all() as Array<{ name: string }>).map((c) => c.name));
  for (const column of ['name', 'service']) if (!auditColumns.has(column)) db.exec(`ALTER TABLE ${p}audit ADD COLUMN ${column} TEXT`);
  db.exec(`CREATE INDEX IF NOT EXISTS ${p}audit_doc_event ON ${p}audit (doc, event, at)`);
  // better-sqlite3 waits for a lock synchronously, freezing every connection of the server
  // meanwhile (a file locked by another process once made /healthz time out). Wait at
  // startup, above; while serving, fail at once and retry appends asynchronously instead.
  db.pragma('busy_timeout = 0');
  const insertUpdate = db.prepare(`INSERT INTO ${p}updates (doc, data) VALUES (?, ?)`);
  const insertAudit = db.prepare(`INSERT INTO ${p}audit (instance, event, sub, role, doc, bytes, detail, name, service) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const selectUpdates = db.prepare(`SELECT id, data FROM ${p}updates WHERE doc = ? ORDER BY id`);
  const countUpdates = db.prepare(`SELECT COUNT(*) AS n FROM ${p}updates WHERE doc = ?`);
  const insertMinutes = db.prepare(`INSERT OR IGNORE INTO ${p}minutes (case_id, meeting_id, version, sha256, previous_sha256, data) VALUES (?, ?, ?, ?, ?, ?)`);
  const selectMinutesVersion = db.prepare(`SELECT * FROM ${p}minutes WHERE case_id = ? AND meeting_id = ? AND version = ?`);
  const selectMinutes = db.prepare(`SELECT * FROM ${p}minutes WHERE case_id = ? AND meeting_id = ? ORDER BY version`);
  const deleteUpTo = db.prepare(`DELETE FROM ${p}updates WHERE doc = ? AND id <= ?`);
  const insertAnswered = db.prepare(`INSERT OR IGNORE INTO ${p}feedback_answered (answered_key) VALUES (?)`);
  const selectAnswered = db.prepare(`SELECT 1 FROM ${p}feedback_answered WHERE answered_key = ?`);
  const insertCounter = db.prepare(`INSERT OR IGNORE INTO ${p}feedback_counts (case_id, meeting_id, role, question, value, n) VALUES (?, ?, ?, ?, ?, 0)`);
  // Every counter of the (case, meeting, role) is written; only the answer's three get + 1.
  const addToCounters = db.prepare(`UPDATE ${p}feedback_counts SET n = n + (CASE WHEN (question = ? AND value = ?) OR (question = ? AND value = ?) OR (question = ? AND value = ?) THEN 1 ELSE 0 END) WHERE case_id = ? AND meeting_id = ? AND role = ?`);
  const recordTx = db.transaction((records: readonly FeedbackRecord[]) => {
    let counted = 0;
    for (const r of records) {
      if (insertAnswered.run(r.answeredKey).changes === 0) continue;
      for (const c of FEEDBACK_COUNTERS) insertCounter.run(r.caseId, r.meetingId, r.role, c.question, c.value);
      addToCounters.run(...countersOf(r.answer).flatMap((c) => [c.question, c.value]), r.caseId, r.meetingId, r.role);
      counted += 1;
    }
    return counted;
  });
  /** Runs a write now, or after the write lock frees (another process holds it), for about 1.5 s. */
  const write = async <T>(work: () => T): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return work();
      } catch (error) {
        if (!isBusy(error) || attempt >= BUSY_RETRY_MS.length) throw error;
        await new Promise((r) => setTimeout(r, BUSY_RETRY_MS[attempt]));
      }
    }
  };
  const audit = (e: AuditEntry) =>
    insertAudit.run(options.instance, e.event, e.sub ?? null, e.role ?? null, e.doc ?? null, e.bytes ?? null, e.detail ?? null, e.name ?? null, e.service ?? null);
  const appendTx = db.transaction((batch: PendingAppend[]) => {
    for (const { doc, update, entry } of batch) {
      insertUpdate.run(doc, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
      audit(entry);
    }
  });
  // Group commit: appends that arrive in the same turn of the event loop (from any
  // document) share one transaction, so one fsync instead of one each. Every append
  // still resolves only once its commit is on disk, so nothing is relayed before that.
  let pending: PendingAppend[] = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    if (batch.length > 0) commit(batch, 0);
  };
  const commit = (batch: PendingAppend[], attempt: number) => {
    try {
      appendTx(batch);
    } catch (error) {
      // Another connection holds the write lock: try again soon, without blocking the event
      // loop, and give up (the clients are told storage-error) after about 1.5 s.
      if (isBusy(error) && attempt < BUSY_RETRY_MS.length && db.open) {
        setTimeout(() => commit(batch, attempt + 1), BUSY_RETRY_MS[attempt]);
        return;
      }
      for (const p of batch) p.reject(error as Error);
      return;
    }
    for (const p of batch) p.resolve();
  };
  const compactTx = db.transaction((doc: string) => {
    const rows = selectUpdates.all(doc) as Array<{ id: number; data: Buffer }>;
    if (rows.length <= 1) return rows.length;
    const merged = mergeStored(rows.map((r) => new Uint8Array(r.data)));
    deleteUpTo.run(doc, rows[rows.length - 1]!.id);
    insertUpdate.run(doc, Buffer.from(merged));
    return rows.length;
  });

  return {
    kind: 'sqlite',
    async load(doc) {
      return (selectUpdates.all(doc) as Array<{ data: Buffer }>).map((r) => new Uint8Array(r.data));
    },
    append(doc, update, entry) {
      return new Promise<void>((resolve, reject) => {
        if (pending.length === 0) setImmediate(flush);
        pending.push({ doc, update, entry, resolve, reject });
      });
    },
    async audit(entry) {
      audit(entry);
    },
    async compact(doc) {
      return { merged: compactTx(doc) };
    },
    async countUpdates(doc) {
      return (countUpdates.get(doc) as { n: number }).n;
    },
    async documents() {
      return (db.prepare(`SELECT DISTINCT doc FROM ${p}updates ORDER BY doc`).all() as Array<{ doc: string }>).map((r) => r.doc);
    },
    async documentsOfCase(caseId) {
      // A range, not LIKE (a case id may hold `_`, a LIKE wildcard): every name starting
      // `case/<id>/` sorts at or after it and before `case/<id>0` ('0' follows '/').
      return (db.prepare(`SELECT DISTINCT doc FROM ${p}updates WHERE doc = ? OR (doc >= ? AND doc < ?) ORDER BY doc`)
        .all(`case/${caseId}`, `case/${caseId}/`, `case/${caseId}0`) as Array<{ doc: string }>).map((r) => r.doc);
    },
    async appendMinutes(m) {
      const r = insertMinutes.run(m.caseId, m.meetingId, m.version, m.sha256, m.previousSha256, m.data);
      const stored = toStoredMinutes(selectMinutesVersion.get(m.caseId, m.meetingId, m.version) as Record<string, unknown>);
      return { inserted: r.changes === 1, stored };
    },
    async listMinutes(caseId, meetingId) {
      return (selectMinutes.all(caseId, meetingId) as Array<Record<string, unknown>>).map(toStoredMinutes);
    },
    async allMinutes() {
      return (db.prepare(`SELECT * FROM ${p}minutes ORDER BY case_id, meeting_id, version, id`).all() as Array<Record<string, unknown>>).map(toStoredMinutes);
    },
    async minutesGuarded() {
      const names = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?`).all(`${p}minutes`) as Array<{ name: string }>).map((r) => r.name);
      return names.includes(`${p}minutes_no_update`) && names.includes(`${p}minutes_no_delete`);
    },
    async readAudit(filter = {}) {
      const rows = filter.doc
        ? db.prepare(`SELECT * FROM ${p}audit WHERE doc = ? ORDER BY id LIMIT ?`).all(filter.doc, filter.limit ?? 10_000)
        : db.prepare(`SELECT * FROM ${p}audit ORDER BY id LIMIT ?`).all(filter.limit ?? 10_000);
      return (rows as Array<Record<string, unknown>>).map(toAuditRow);
    },
    async readOpenings(docs, { before, limit }) {
      if (docs.length === 0 || limit <= 0) return [];
      const of = `event = 'connect' AND doc IN (${docs.map(() => '?').join(', ')})`;
      const rows = (before
        ? db.prepare(`SELECT * FROM ${p}audit WHERE ${of} AND at < ? ORDER BY at DESC, id DESC LIMIT ?`).all(...docs, before, limit)
        : db.prepare(`SELECT * FROM ${p}audit WHERE ${of} ORDER BY at DESC, id DESC LIMIT ?`).all(...docs, limit)) as Array<Record<string, unknown>>;
      const last = rows[rows.length - 1];
      if (rows.length === limit && last) {
        rows.push(...(db.prepare(`SELECT * FROM ${p}audit WHERE ${of} AND at = ? AND id < ? ORDER BY id DESC`).all(...docs, last.at, last.id) as Array<Record<string, unknown>>));
      }
      return rows.map(toAuditRow);
    },
    async recordFeedback(records) {
      return write(() => recordTx(records));
    },
    async hasAnswered(answeredKey) {
      return selectAnswered.get(answeredKey) !== undefined;
    },
    async feedbackCounters(caseId, meetingId) {
      const rows = (meetingId === undefined
        ? db.prepare(`SELECT meeting_id, role, question, value, n FROM ${p}feedback_counts WHERE case_id = ?`).all(caseId)
        : db.prepare(`SELECT meeting_id, role, question, value, n FROM ${p}feedback_counts WHERE case_id = ? AND meeting_id = ?`).all(caseId, meetingId)) as Array<Record<string, unknown>>;
      return rows.map((r) => ({ meetingId: String(r.meeting_id), role: String(r.role), question: String(r.question), value: String(r.value), n: Number(r.n) }));
    },
    async claimNotices(notices) {
      const insert = db.prepare(`INSERT OR IGNORE INTO ${p}notices (id, case_id, key, kind, entity_id, recipient_id, date, body, status, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      return write(() => db.transaction(() => notices.filter((n) =>
        insert.run(n.id, n.caseId, n.key, n.kind, n.entityId, n.recipientId, n.date, n.body, n.status, n.createdAt, n.createdAt).changes === 1).map((n) => n.id))());
    },
    async listNotices(caseId) {
      return (db.prepare(`SELECT * FROM ${p}notices WHERE case_id = ? ORDER BY created_at, rowid`).all(caseId) as Array<Record<string, unknown>>).map(toStoredNotice);
    },
    async leaseNotices(instance, now, leaseMs, limit) {
      const rows = await write(() => db.prepare(`UPDATE ${p}notices SET lease_owner = ?, lease_until = ? WHERE id IN (SELECT id FROM ${p}notices WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_attempt_at LIMIT ?) RETURNING *`)
        .all(instance, now + leaseMs, now, now, limit) as Array<Record<string, unknown>>);
      return rows.map(toStoredNotice);
    },
    async finishNotice(id, instance, outcome) {
      const r = await write(() => outcome.delivered
        ? db.prepare(`UPDATE ${p}notices SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, last_error = NULL, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?`).run(outcome.at, id, instance)
        : db.prepare(`UPDATE ${p}notices SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?`).run(outcome.retryAt, outcome.error.slice(0, 200), id, instance));
      return r.changes === 1;
    },
    async storedKey(name) {
      await write(() => db.prepare(`INSERT OR IGNORE INTO ${p}keys (name, value) VALUES (?, ?)`).run(name, randomBytes(32).toString('base64url')));
      return String((db.prepare(`SELECT value FROM ${p}keys WHERE name = ?`).get(name) as { value: string }).value);
    },
    async close() {
      flush();
      db.close();
    },
  };
}
