/** Storage of Yjs updates and the audit log. SQLite by default, PostgreSQL for several instances. */
import type { FeedbackAnswer, FeedbackCounter, FeedbackRespondent } from '@samrad/model';
import * as Y from 'yjs';

export const AUDIT_EVENTS = [
  'connect', 'disconnect', 'refused', 'update-accepted', 'update-rejected', 'export', 'print', 'finalise', 'minutes-locked', 'layout-migrated',
  'notice-sent', 'notice-undeliverable',
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

/** One audit line: who, which document, what happened and how big. Never case content. */
export interface AuditEntry {
  event: AuditEvent;
  sub?: string | undefined;
  role?: string | undefined;
  /** The token's display name and service, recorded on `connect` so the family can see who opened their case. */
  name?: string | undefined;
  service?: string | undefined;
  doc?: string | undefined;
  /** Size in bytes of an accepted or rejected update. */
  bytes?: number | undefined;
  /** A reason word or format name, e.g. `forbidden:actions`, `markdown`. */
  detail?: string | undefined;
}

export interface AuditRow extends AuditEntry {
  id: number;
  at: string;
  instance: string;
}

/** One stored, locked minutes version (see `MinutesVersion` in @samrad/model). */
export interface StoredMinutes {
  caseId: string;
  meetingId: string;
  version: number;
  sha256: string;
  previousSha256: string | null;
  /** The whole version as JSON text, exactly as it was hashed and stored. */
  data: string;
}

/**
 * One person's feedback answer, as the store counts it. `answeredKey` (an HMAC of the
 * server's key, the case, the meeting and the person) marks that someone answered; the
 * answer itself only adds 1 to counters, so no stored row ties a person to an answer.
 */
export interface FeedbackRecord {
  caseId: string;
  meetingId: string;
  role: FeedbackRespondent;
  answeredKey: string;
  answer: FeedbackAnswer;
}

/** A notice the server owes someone (see notices.ts): claimed once by its unique key, then posted to the host. */
export interface NewNotice {
  /** `kind:entityId:date:recipientId` within the case (unique with the case id). */
  key: string;
  /** Opaque id sent to the host (derived from case and key, the same on every instance). */
  id: string;
  caseId: string;
  kind: string;
  entityId: string;
  recipientId: string;
  date: string;
  /** The JSON body posted to the host, exactly as it is signed. */
  body: string;
  /** `undeliverable`: the recipient has no channel; never posted. */
  status: 'pending' | 'undeliverable';
  /** Epoch milliseconds. */
  createdAt: number;
}

export interface StoredNotice extends Omit<NewNotice, 'status'> {
  status: 'pending' | 'delivered' | 'undeliverable';
  attempts: number;
  /** Epoch milliseconds of the next attempt (pending). */
  nextAttemptAt: number;
  lastError: string | null;
  deliveredAt: number | null;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Every stored update of `doc`, oldest first (after compaction: one merged state plus newer ones). */
  load(doc: string): Promise<Uint8Array[]>;
  /** Stores one accepted update and its audit line in one durable commit. */
  append(doc: string, update: Uint8Array, audit: AuditEntry): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
  /** Replaces the stored updates of `doc` with one merged, garbage-collected state. */
  compact(doc: string): Promise<{ merged: number }>;
  /** Audit lines, oldest first (for operators and tests). */
  readAudit(filter?: { doc?: string; limit?: number }): Promise<AuditRow[]>;
  /**
   * Openings (`connect` lines) of any of `docs`, newest first, strictly before `before`
   * (ISO time, compared to the millisecond) when given. At most `limit` lines, except that
   * lines sharing the last line's millisecond all come along, so paging by time loses none.
   */
  readOpenings(docs: readonly string[], options: { before?: string | undefined; limit: number }): Promise<AuditRow[]>;
  /** Number of stored update rows of `doc`. */
  countUpdates(doc: string): Promise<number>;
  /** Names of every stored document, sorted (for operators' tools such as the report). */
  documents(): Promise<string[]>;
  /** Names of the stored documents of one case (`case/<id>` and `case/<id>/…`), sorted. */
  documentsOfCase(caseId: string): Promise<string[]>;
  /**
   * Appends a locked minutes version to the append-only table, unless (case, meeting,
   * version) is already there — another instance stored it first. Returns what is stored
   * under that key, and whether it was this call that stored it.
   */
  appendMinutes(entry: StoredMinutes): Promise<{ inserted: boolean; stored: StoredMinutes }>;
  /** The locked versions of one meeting, oldest first. */
  listMinutes(caseId: string, meetingId: string): Promise<StoredMinutes[]>;
  /** Every locked version, by case, meeting and version (for `samrad-server verify`). */
  allMinutes(): Promise<StoredMinutes[]>;
  /** Whether the triggers that refuse UPDATE and DELETE on the minutes table are in place. */
  minutesGuarded(): Promise<boolean>;
  /**
   * Counts feedback answers, all in one commit: each record whose `answeredKey` is not
   * stored yet is stored and its answer added to the counters; the others are skipped.
   * Every counter of the (case, meeting, role) is written, whatever the answer, so not even
   * the database's row bookkeeping tells which ones an answer added to. Returns how many
   * records were counted.
   */
  recordFeedback(records: readonly FeedbackRecord[]): Promise<number>;
  /** Whether this answered-key is stored. */
  hasAnswered(answeredKey: string): Promise<boolean>;
  /** The feedback counters of a case (of one meeting when given). */
  feedbackCounters(caseId: string, meetingId?: string): Promise<FeedbackCounter[]>;
  /**
   * Stores each notice whose (case, key) is not stored yet. Several instances may offer the
   * same notice: the unique key lets exactly one insert it. Returns the ids inserted by this call.
   */
  claimNotices(notices: readonly NewNotice[]): Promise<string[]>;
  /** The notices of a case, oldest first. */
  listNotices(caseId: string): Promise<StoredNotice[]>;
  /**
   * Leases up to `limit` pending notices due at `now` (epoch ms) whose lease is free or ran
   * out, to `instance` until `now + leaseMs`: no other instance gets them meanwhile.
   */
  leaseNotices(instance: string, now: number, leaseMs: number, limit: number): Promise<StoredNotice[]>;
  /**
   * Records the outcome of an attempt by the instance holding the lease: delivered, or
   * failed with the next attempt's time. Returns false when the lease was no longer held.
   */
  finishNotice(id: string, instance: string, outcome: { delivered: true; at: number } | { delivered: false; error: string; retryAt: number }): Promise<boolean>;
  /** A random secret stored under `name`, made on first use (the same for every instance on the database). */
  storedKey(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Merges stored updates into one state, dropping deleted content (Yjs garbage collection). */
export function mergeStored(updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc({ gc: true });
  for (const u of updates) {
    try {
      Y.applyUpdate(doc, u);
    } catch {
      // A row that cannot be applied is skipped rather than blocking the whole document.
    }
  }
  const merged = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return merged;
}

/** Table prefixes and schema names become SQL identifiers: allow only plain words. */
export function checkIdentifier(value: string, what: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,40}$/.test(value)) throw new Error(`${what} must be a plain identifier (letters, digits, _), got "${value}"`);
  return value;
}

export function toStoredMinutes(r: Record<string, unknown>): StoredMinutes {
  return {
    caseId: String(r.case_id),
    meetingId: String(r.meeting_id),
    version: Number(r.version),
    sha256: String(r.sha256),
    previousSha256: r.previous_sha256 === null || r.previous_sha256 === undefined ? null : String(r.previous_sha256),
    data: String(r.data),
  };
}

export function toStoredNotice(r: Record<string, unknown>): StoredNotice {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    key: String(r.key), id: String(r.id), caseId: String(r.case_id), kind: String(r.kind), entityId: String(r.entity_id),
    recipientId: String(r.recipient_id), date: String(r.date), body: String(r.body), status: r.status as StoredNotice['status'],
    createdAt: Number(r.created_at), attempts: Number(r.attempts), nextAttemptAt: Number(r.next_attempt_at),
    lastError: r.last_error === null || r.last_error === undefined ? null : String(r.last_error), deliveredAt: num(r.delivered_at),
  };
}

/** Columns of the notices table, the same in SQLite and PostgreSQL (times in epoch milliseconds). */
export const NOTICE_COLUMNS = `id TEXT PRIMARY KEY, case_id TEXT NOT NULL, key TEXT NOT NULL, kind TEXT NOT NULL, entity_id TEXT NOT NULL,
  recipient_id TEXT NOT NULL, date TEXT NOT NULL, body TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL, lease_owner TEXT, lease_until BIGINT, last_error TEXT, delivered_at BIGINT, created_at BIGINT NOT NULL,
  UNIQUE (case_id, key)`;

/** An audit row as either store returns it (PostgreSQL gives `at` as a Date, SQLite as text). */
export function toAuditRow(r: Record<string, unknown>): AuditRow {
  const opt = (v: unknown) => (v === null || v === undefined ? undefined : v);
  return {
    id: Number(r.id),
    at: r.at instanceof Date ? r.at.toISOString() : String(r.at),
    instance: String(r.instance),
    event: r.event as AuditRow['event'],
    sub: opt(r.sub) as string | undefined,
    role: opt(r.role) as string | undefined,
    doc: opt(r.doc) as string | undefined,
    bytes: r.bytes === null || r.bytes === undefined ? undefined : Number(r.bytes),
    detail: opt(r.detail) as string | undefined,
    name: opt(r.name) as string | undefined,
    service: opt(r.service) as string | undefined,
  };
}
