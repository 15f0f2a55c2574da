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
import { parseDocName, restrictedDocName, sharedDocName, type AccessLogEntry, type AccessLogResponse, type Role } from '@samrad/model';
import type { TokenVerifier } from './auth.js';
import { RateLimiter } from './limits.js';
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

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization',
  'access-control-allow-methods': 'GET, OPTIONS',
};

/** Token buckets by key; the oldest keys are dropped when too many are kept. */
class KeyedLimiter {
  private readonly buckets = new Map<string, RateLimiter>();

  constructor(private readonly rate: { burst: number; perSecond: number }, private readonly maxKeys = 10_000) {}

  take(key: string): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
      bucket = new RateLimiter(this.rate.perSecond, this.rate.burst);
      this.buckets.set(key, bucket);
    }
    return bucket.take();
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...CORS, ...headers });
  res.end(JSON.stringify(body));
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
  const byUser = new KeyedLimiter(options.perUser ?? { burst: 20, perSecond: 0.5 });

  return async (req, res, url) => {
    if (!url.pathname.startsWith(ACCESS_LOG_PATH)) return false;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      res.end();
      return true;
    }
    if (req.method !== 'GET') {
      send(res, 405, { error: 'method not allowed' }, { allow: 'GET, OPTIONS' });
      return true;
    }
    let caseId: string;
    try {
      caseId = decodeURIComponent(url.pathname.slice(ACCESS_LOG_PATH.length));
    } catch {
      send(res, 400, { error: 'bad-case-id' });
      return true;
    }
    const parsed = parseDocName(sharedDocName(caseId));
    if (!parsed || parsed.scope !== 'shared' || parsed.caseId !== caseId) {
      send(res, 400, { error: 'bad-case-id' });
      return true;
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const verified = await options.verifier.verify(token);
    if (!verified.ok) {
      send(res, verified.refusal.code === 4401 ? 401 : 503, { error: verified.refusal.reason });
      return true;
    }
    const { user, cases } = verified.grant;
    if (!cases.has(caseId)) {
      send(res, 403, { error: 'case-not-in-token' });
      return true;
    }
    if (!ACCESS_LOG_READERS.includes(user.role)) {
      send(res, 403, { error: 'role-not-allowed' });
      return true;
    }
    if (!byUser.take(user.id)) {
      send(res, 429, { error: 'rate-limited' }, { 'retry-after': '5' });
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
