/**
 * What every read-only HTTP route about one case (`GET /<route>/<caseId>`) checks first, in
 * one place: the preflight, the method, the case id in the path, the Bearer token, and the
 * case in the token — the same verification as a connection to `case/<caseId>`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseDocName, sharedDocName, type AuthUser } from '@samrad/model';
import type { TokenVerifier } from './auth.js';

export const CASE_ROUTE_CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization',
  'access-control-allow-methods': 'GET, OPTIONS',
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...CASE_ROUTE_CORS, ...headers });
  res.end(JSON.stringify(body));
}

/**
 * Admits a `GET <prefix><caseId>` request: the user and case id, or undefined when the
 * request was answered already (preflight, wrong method, bad case id, bad token, or a case
 * the token does not grant).
 */
export async function admitCaseRequest(req: IncomingMessage, res: ServerResponse, url: URL, prefix: string, verifier: TokenVerifier): Promise<{ user: AuthUser; caseId: string } | undefined> {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, CASE_ROUTE_CORS);
    res.end();
    return undefined;
  }
  if (req.method !== 'GET') return void sendJson(res, 405, { error: 'method not allowed' }, { allow: 'GET, OPTIONS' });
  let caseId: string;
  try {
    caseId = decodeURIComponent(url.pathname.slice(prefix.length));
  } catch {
    return void sendJson(res, 400, { error: 'bad-case-id' });
  }
  if (parseDocName(sharedDocName(caseId))?.caseId !== caseId) return void sendJson(res, 400, { error: 'bad-case-id' });
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const verified = await verifier.verify(token);
  if (!verified.ok) return void sendJson(res, verified.refusal.code === 4401 ? 401 : 503, { error: verified.refusal.reason });
  const { user, cases } = verified.grant;
  if (!cases.has(caseId)) return void sendJson(res, 403, { error: 'case-not-in-token' });
  return { user, caseId };
}
