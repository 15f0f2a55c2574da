/** Storage of Yjs updates and the audit log. SQLite by default, PostgreSQL for several instances. */
import * as Y from 'yjs';

export const AUDIT_EVENTS = [
  'connect', 'disconnect', 'refused', 'update-accepted', 'update-rejected', 'export', 'print', 'finalise',
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
