/**
 * The read log's wire format: what `GET /access-log/<caseId>` returns and
 * `<samrad-access-log>` shows. One definition for the server and the widget.
 */

/** One opening of a case's document. Never the user id (it may be a national identity number), never case content. */
export interface AccessLogEntry {
  /** When the document was opened (ISO 8601, UTC, milliseconds). */
  at: string;
  /** Display name from the token; null for lines written before names were recorded. */
  name: string | null;
  role: string;
  service?: string;
  /** Which part of the case: the shared record or the professionals' restricted one. */
  document: 'shared' | 'restricted';
}

export interface AccessLogResponse {
  entries: AccessLogEntry[];
  /** True when older entries exist: ask again with `before` = the last entry's `at`. */
  more: boolean;
}
