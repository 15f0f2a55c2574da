/**
 * `GET /notices/<caseId>`: the notices the server owes the case's people and what became of
 * them (delivered, waiting for a retry, undeliverable — the recipient has no channel), for
 * the meeting leader and the coordinator. The token is checked as for a connection to
 * `case/<caseId>` (same verification, the case must be in the token); every other role is
 * refused. Each entry names the kind, the recipient, the date and the delivery state; never
 * the text sent.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Role } from '@samrad/model';
import { admitCaseRequest, sendJson as send } from './case-route.js';
import type { TokenVerifier } from './auth.js';
import type { Store, StoredNotice } from './store/index.js';

export const NOTICES_PATH = '/notices/';
export const NOTICE_READERS: readonly Role[] = ['leader', 'coordinator'];

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
    const admitted = await admitCaseRequest(req, res, url, NOTICES_PATH, options.verifier);
    if (!admitted) return true;
    const { user, caseId } = admitted;
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
