/**
 * `GET /notices/<caseId>`: the notices the server owes the case's people and what became of
 * them (delivered, waiting for a retry, undeliverable — the recipient has no channel), for
 * the meeting leader and the coordinator. The token is checked as for a connection to
 * `case/<caseId>` (same verification, the case must be in the token); every other role is
 * refused. Each entry names the kind, the recipient, the date and the delivery state; never
 * the text sent.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseDocName, sharedDocName, type Role } from '@samrad/model';
import type { TokenVerifier } from './auth.js';
import type { Store, StoredNotice } from './store/index.js';

export const NOTICES_PATH = '/notices/';
export const NOTICE_READERS: readonly Role[] = ['leader', 'coordinator'];

const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'authorization', 'access-control-allow-methods': 'GET, OPTIONS' };

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...CORS });
  res.end(JSON.stringify(body));
}

export interface NoticeEntry {
  id: string;
  kind: string;
  recipient: { participantId: string; name: string | null };
  meetingId: string | null;
  date: string;
  state: StoredNotice['status'];
  attempts: number;
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
  lastError: string | null;
}

function toEntry(n: StoredNotice): NoticeEntry {
  let body: { recipient?: { name?: unknown }; meetingId?: unknown } = {};
  try { body = JSON.parse(n.body) as typeof body; } catch { /* shown without a name */ }
  return {
    id: n.id, kind: n.kind,
    recipient: { participantId: n.recipientId, name: typeof body.recipient?.name === 'string' ? body.recipient.name : null },
    meetingId: typeof body.meetingId === 'string' ? body.meetingId : null,
    date: n.date, state: n.status, attempts: n.attempts,
    createdAt: new Date(n.createdAt).toISOString(),
    deliveredAt: n.deliveredAt === null ? null : new Date(n.deliveredAt).toISOString(),
    nextAttemptAt: n.status === 'pending' ? new Date(n.nextAttemptAt).toISOString() : null,
    lastError: n.lastError,
  };
}

export function createNoticesRoute(options: { store: Store; verifier: TokenVerifier }): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  return async (req, res, url) => {
    if (!url.pathname.startsWith(NOTICES_PATH)) return false;
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
      caseId = decodeURIComponent(url.pathname.slice(NOTICES_PATH.length));
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
    if (!NOTICE_READERS.includes(user.role)) {
      send(res, 403, { error: 'role-not-allowed' });
      return true;
    }
    let notices: StoredNotice[];
    try {
      notices = await options.store.listNotices(caseId);
    } catch {
      send(res, 503, { error: 'storage-error' });
      return true;
    }
    const entries = notices.map(toEntry);
    send(res, 200, { notices: entries, undeliverable: entries.filter((e) => e.state === 'undeliverable').length });
    return true;
  };
}
