/** Storage of Yjs updates and the audit log. SQLite by default, PostgreSQL for several instances. */
import type { FeedbackAnswer, FeedbackCounter, FeedbackRespondent } from '@samrad/model';
import * as Y from 'yjs';

export const AUDIT_EVENTS = [
  'connect', 'disconnect', 'refused', 'update-accepted', 'update-rejected', 'export', 'print', 'finalise', 'minutes-locked', 'layout-migrated',
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
