/**
 * `GET /documents/<caseId>`: which of the case's documents this token may open. Yjs sends a
 * whole document to whoever opens it, so each audience is a document (audiences.ts); the
 * client opens the ones listed here. Listed: the shared document, and every stored
 * document of the case this user may receive — never one they may not, so a guardian does
 * not learn that something is kept from them. A document nobody has written yet is not
 * listed; the client opens it when a command writes to it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { audienceAccess, audienceDocName, parseDocName, type AuthUser } from '@samrad/model';
import type { TokenVerifier } from './auth.js';
import { admitCaseRequest, sendJson as send } from './case-route.js';
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
    const admitted = await admitCaseRequest(req, res, url, DOCUMENTS_PATH, options.verifier);
    if (!admitted) return true;
    const { user, caseId } = admitted;
    const wait = byUser.take(user.id);
    if (wait > 0) {
      send(res, 429, { error: 'rate-limited' }, { 'retry-after': String(wait) });
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
