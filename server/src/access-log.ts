/**
 * `GET /access-log/<caseId>`: who has opened a case's documents, for the family and the
 * people who run the case (SPEC: "the family can see who has opened their case").
 *
 * Read from the append-only audit log's `connect` lines. The token is checked as for a
 * connection to `case/<caseId>` (same verification, the case must be in the token); then
 * only a parent (guardian), the coordinator or the meeting leader may read the log. Those
 * roles are never under the consent gate, and every other role is refused, so the gate
 * cannot let anyone further here than on the websocket.
 *
 * An entry says when, the display name, role and service from the token, and which part
 * of the case (`shared` or `restricted`) — never the user id (it may be a national
 * identity number) and never anything of the case's content.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { restrictedDocName, sharedDocName, type AccessLogEntry, type AccessLogResponse, type Role } from '@samrad/model';
import type { TokenVerifier } from './auth.js';
import { admitCaseRequest, sendJson as send } from './case-route.js';
import { KeyedRateLimiter } from './limits.js';
import type { AuditRow, Store } from './store/index.js';

export const ACCESS_LOG_PATH = '/access-log/';

/** Roles that may read a case's access log. */
export const ACCESS_LOG_READERS: readonly Role[] = ['parent', 'coordinator', 'leader'];

export interface AccessLogOptions {
  store: Store;
  verifier: TokenVerifier;
  /** Entries per page when `limit` is not given. Default 50. */
  defaultLimit?: number;
  /** Largest `limit` honoured. Default 200. */
  maxLimit?: number;
  /**
   * Requests per user (token `sub`): burst and sustained per second. Default 20 and 0.5.
   * Counted per user rather than per address: behind a reverse proxy every user shares one.
   */
  perUser?: { burst: number; perSecond: number };
}

function toEntry(row: AuditRow): AccessLogEntry {
  return {
    at: row.at,
    name: row.name ?? null,
    role: row.role ?? '',
    ...(row.service ? { service: row.service } : {}),
    document: row.doc?.endsWith('/restricted') ? 'restricted' : 'shared',
  };
}

/**
 * The route handler. Returns false when the request is not for this route, so the caller
 * goes on with its other routes.
 */
export function createAccessLogRoute(options: AccessLogOptions): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const defaultLimit = options.defaultLimit ?? 50;
  const maxLimit = options.maxLimit ?? 200;
  const rate = options.perUser ?? { burst: 20, perSecond: 0.5 };
  const byUser = new KeyedRateLimiter(rate.perSecond, rate.burst);

  return async (req, res, url) => {
    if (!url.pathname.startsWith(ACCESS_LOG_PATH)) return false;
    const admitted = await admitCaseRequest(req, res, url, ACCESS_LOG_PATH, options.verifier);
    if (!admitted) return true;
    const { user, caseId } = admitted;
    if (!ACCESS_LOG_READERS.includes(user.role)) {
      send(res, 403, { error: 'role-not-allowed' });
      return true;
    }
    const wait = byUser.take(user.id);
    if (wait > 0) {
      send(res, 429, { error: 'rate-limited' }, { 'retry-after': String(wait) });
      return true;
    }
    const query = readQuery(url, defaultLimit, maxLimit);
    if (!query) {
      send(res, 400, { error: 'expected ?before=<ISO time>&limit=<1…>' });
      return true;
    }
    const docs = [sharedDocName(caseId), restrictedDocName(caseId)];
    let rows: AuditRow[];
    let more: boolean;
    try {
      rows = await options.store.readOpenings(docs, query);
      const last = rows[rows.length - 1];
      more = rows.length >= query.limit && !!last && (await options.store.readOpenings(docs, { before: last.at, limit: 1 })).length > 0;
    } catch {
      send(res, 503, { error: 'storage-error' });
      return true;
    }
    send(res, 200, { entries: rows.map(toEntry), more } satisfies AccessLogResponse);
    return true;
  };
}

function readQuery(url: URL, defaultLimit: number, maxLimit: number): { before?: string; limit: number } | null {
  const rawLimit = url.searchParams.get('limit');
  const rawBefore = url.searchParams.get('before');
  let limit = defaultLimit;
  if (rawLimit !== null) {
    if (!/^\d{1,6}$/.test(rawLimit) || Number(rawLimit) < 1) return null;
    limit = Math.min(maxLimit, Number(rawLimit));
  }
  if (rawBefore === null || rawBefore === '') return { limit };
  if (rawBefore.length > 40) return null;
  const before = new Date(rawBefore);
  if (Number.isNaN(before.getTime())) return null;
  return { before: before.toISOString(), limit };
}
