/**
 * `GET /documents/<caseId>`: which of the case's documents this token may open. Yjs sends a
 * whole document to whoever opens it, so each audience is a document (audiences.ts); the
 * client opens the ones listed here. Listed: the shared document, and every stored
 * document of the case this user may receive — never one they may not, so a guardian does
 * not learn that something is kept from them. A document nobody has written yet is not
 * listed; the client opens it when a command writes to it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { audienceAccess, audienceDocName, parseDocName, sharedDocName, type AuthUser } from '@samrad/model';
import type { TokenVerifier } from './auth.js';
import type { Refusal } from './close-codes.js';
import { KeyedRateLimiter } from './limits.js';
import type { Store } from './store/index.js';

export const DOCUMENTS_PATH = '/documents/';

export interface DocumentsRouteOptions {
  store: Store;
  verifier: TokenVerifier;
  consentRefusal: (caseId: string, user: AuthUser) => Promise<Refusal | null>;
  /** Requests per token subject: a burst, then so many per second. Default 20, then one every 2 s (a client asks on each reconnect and once a minute). */
  perUser?: { burst: number; perSecond: number };
}

/** One document a user may open. */
export interface ListedDocument {
  name: string;
  /** The audience kind: shared, restricted, service, withheld, private, kept-from. */
  kind: string;
  access: 'read' | 'write';
}

const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'authorization', 'access-control-allow-methods': 'GET, OPTIONS' };

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...CORS });
  res.end(JSON.stringify(body));
}

/** The documents of `caseId` that `user` may open, by name. */
export async function documentsFor(store: Store, caseId: string, user: AuthUser): Promise<ListedDocument[]> {
  const names = new Set([audienceDocName(caseId, { kind: 'shared' }), ...await store.documentsOfCase(caseId)]);
  const out: ListedDocument[] = [];
  for (const name of [...names].sort()) {
    const parsed = parseDocName(name);
    if (!parsed || parsed.caseId !== caseId) continue;
    const access = audienceAccess(user, parsed.audience);
    if (access !== 'none') out.push({ name, kind: parsed.audience.kind, access });
  }
  return out;
}

/** The route; resolves true when it answered the request. */
export function createDocumentsRoute(options: DocumentsRouteOptions): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const rate = options.perUser ?? { burst: 20, perSecond: 0.5 };
  const byUser = new KeyedRateLimiter(rate.perSecond, rate.burst);
  return async (req, res, url) => {
    if (!url.pathname.startsWith(DOCUMENTS_PATH)) return false;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      res.end();
      return true;
    }
    if (req.method !== 'GET') {
      send(res, 405, { error: 'method not allowed' });
      return true;
    }
    let caseId: string;
    try {
      caseId = decodeURIComponent(url.pathname.slice(DOCUMENTS_PATH.length));
    } catch {
      send(res, 400, { error: 'bad-case-id' });
      return true;
    }
    if (parseDocName(sharedDocName(caseId))?.caseId !== caseId) {
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
    const wait = byUser.take(user.id);
    if (wait > 0) {
      res.setHeader('retry-after', String(wait));
      send(res, 429, { error: 'rate-limited' });
      return true;
    }
    const refusal = await options.consentRefusal(caseId, user);
    if (refusal) {
      send(res, 403, { error: refusal.reason });
      return true;
    }
    try {
      send(res, 200, { documents: await documentsFor(options.store, caseId, user) });
    } catch {
      send(res, 503, { error: 'storage-error' });
    }
    return true;
  };
}
