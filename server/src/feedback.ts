/**
 * Anonymous feedback after a meeting (SPEC: "Feedback answers are stored outside every
 * document; only aggregated, suppressed figures leave the server").
 *
 *   POST /feedback/<caseId>/<meetingId>           a parent's or the child's answers → 201
 *   GET  /feedback/<caseId>/<meetingId>/answered  whether the caller answered → { answered }
 *   GET  /feedback/<caseId>/<meetingId>           the meeting's totals, suppressed (FeedbackSummary)
 *   GET  /feedback/<caseId>                       every meeting's, one summary each
 *
 * The store keeps counters per (case, meeting, respondent role, question, answer) and,
 * apart from them, a set of answered-keys: HMAC-SHA256 under the server's feedback key of
 * (case, meeting, token subject). Nothing ties a person to an answer, and nothing reads one
 * answer back. The totals are read by the people who run the case (leader, coordinator,
 * professionals under the consent gate): the family gives the answers, and within one case
 * the respondents are the family itself, so the totals would show each of them the others'
 * answers — less their own.
 */
import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  FEEDBACK_RESPONDENTS, FeedbackAnswer, parseDocName, sharedDocName, summarizeFeedback, totalsFromCounters, type AuthUser, type FeedbackRespondent,
  type FeedbackSummary, type Role,
} from '@samrad/model';
import type { TokenVerifier } from './auth.js';
import type { Refusal } from './close-codes.js';
import { KeyedRateLimiter } from './limits.js';
import type { Store } from './store/index.js';

export const FEEDBACK_PATH = '/feedback/';

/** Roles that may read a case's feedback totals. */
export const FEEDBACK_READERS: readonly Role[] = ['leader', 'coordinator', 'professional'];

/** Counts from 1 up to this (exclusive) are hidden, as in the state report. */
export const FEEDBACK_SUPPRESS_BELOW = 5;

export interface FeedbackRouteOptions {
  store: Store;
  verifier: TokenVerifier;
  /** The key of the answered-set's HMAC. */
  key: () => Promise<string>;
  /** The consent gate, as at connect. */
  consentRefusal: (caseId: string, user: AuthUser) => Promise<Refusal | null>;
  /** Ids of the meetings the case's shared document holds (loading it moves any answers it still holds into the store). */
  meetingIds: (caseId: string) => Promise<string[]>;
  /** Requests per user (token `sub`). Default: a burst of 20, then one every two seconds. */
  perUser?: { burst: number; perSecond: number };
}

/** The answered-key of a person for a meeting: reveals nothing without the key, and the same on every instance. */
export function answeredKey(key: string, caseId: string, meetingId: string, sub: string): string {
  return createHmac('sha256', key).update(JSON.stringify(['samrad-feedback-answered', caseId, meetingId, sub])).digest('hex');
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
};

const ID = /^[A-Za-z0-9_.:-]{1,80}$/;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...CORS, ...headers });
  res.end(JSON.stringify(body));
}

const fail = (res: ServerResponse, status: number, error: string, message: string, headers?: Record<string, string>) => send(res, status, { error, message }, headers);

async function readBody(req: IncomingMessage, limit = 4096): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

/** The summaries of every meeting in `meetingIds`, from the store's counters. */
export async function feedbackSummaries(store: Store, caseId: string, meetingIds: readonly string[]): Promise<FeedbackSummary[]> {
  const totals = new Map(totalsFromCounters(await store.feedbackCounters(caseId)).map((t) => [t.meetingId, t]));
  return meetingIds.map((id) => summarizeFeedback(totals.get(id), id, FEEDBACK_SUPPRESS_BELOW));
}

/** The route handler. Returns false when the request is not for this route. */
export function createFeedbackRoute(options: FeedbackRouteOptions): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const rate = options.perUser ?? { burst: 20, perSecond: 0.5 };
  const limiter = new KeyedRateLimiter(rate.perSecond, rate.burst);

  return async (req, res, url) => {
    if (!url.pathname.startsWith(FEEDBACK_PATH)) return false;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      res.end();
      return true;
    }
    let parts: string[];
    try {
      parts = url.pathname.slice(FEEDBACK_PATH.length).split('/').map(decodeURIComponent);
    } catch {
      fail(res, 400, 'bad-path', 'expected /feedback/<caseId>[/<meetingId>[/answered]]');
      return true;
    }
    const [caseId = '', meetingId, tail] = parts;
    const answered = tail === 'answered' && parts.length === 3;
    const parsed = parseDocName(sharedDocName(caseId));
    if (!parsed || parsed.caseId !== caseId || parts.length > 3 || (parts.length === 3 && !answered) || (meetingId !== undefined && !ID.test(meetingId))) {
      fail(res, 400, 'bad-path', 'expected /feedback/<caseId>[/<meetingId>[/answered]]');
      return true;
    }
    const post = req.method === 'POST';
    if (!(post && meetingId !== undefined && !answered) && req.method !== 'GET') {
      fail(res, 405, 'method-not-allowed', 'GET, or POST to /feedback/<caseId>/<meetingId>', { allow: 'GET, POST, OPTIONS' });
      return true;
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const verified = await options.verifier.verify(token);
    if (!verified.ok) {
      fail(res, verified.refusal.code === 4401 ? 401 : 503, verified.refusal.reason, 'a valid Bearer token is required');
      return true;
    }
    const { user, cases } = verified.grant;
    if (!cases.has(caseId)) {
      fail(res, 403, 'case-not-in-token', 'the token does not grant this case');
      return true;
    }
    const wait = limiter.take(user.id);
    if (wait > 0) {
      fail(res, 429, 'rate-limited', 'too many requests', { 'retry-after': String(wait) });
      return true;
    }
    try {
      if (answered) {
        // About the caller only: the key is made from the token's own subject.
        const key = answeredKey(await options.key(), caseId, meetingId!, user.id);
        send(res, 200, { answered: FEEDBACK_RESPONDENTS.includes(user.role as FeedbackRespondent) && (await options.store.hasAnswered(key)) });
        return true;
      }
      if (post) {
        await submit(options, req, res, user, caseId, meetingId!);
        return true;
      }
      if (!FEEDBACK_READERS.includes(user.role)) {
        fail(res, 403, 'role-not-allowed', 'feedback totals are for the people who run the case');
        return true;
      }
      const refusal = await options.consentRefusal(caseId, user);
      if (refusal) {
        fail(res, 403, refusal.reason, 'no recorded consent covers this service');
        return true;
      }
      const meetings = await options.meetingIds(caseId);
      if (meetingId !== undefined && !meetings.includes(meetingId)) {
        fail(res, 404, 'no-meeting', 'the case has no such meeting');
        return true;
      }
      const summaries = await feedbackSummaries(options.store, caseId, meetingId === undefined ? meetings : [meetingId]);
      send(res, 200, meetingId === undefined ? { meetings: summaries } : summaries[0]);
    } catch {
      if (!res.headersSent) fail(res, 503, 'storage-error', 'the store could not be read or written');
    }
    return true;
  };
}

async function submit(options: FeedbackRouteOptions, req: IncomingMessage, res: ServerResponse, user: AuthUser, caseId: string, meetingId: string): Promise<void> {
  if (!FEEDBACK_RESPONDENTS.includes(user.role as FeedbackRespondent)) {
    return fail(res, 403, 'role-not-allowed', 'feedback is answered by the parents and the child');
  }
  const body = FeedbackAnswer.safeParse(await readBody(req).catch(() => null));
  if (!body.success) return fail(res, 400, 'bad-answer', 'expected JSON {feltHeard: 1–5, knowsWhoToContact: true|false, useful: 1–5} and nothing else');
  if (!(await options.meetingIds(caseId)).includes(meetingId)) return fail(res, 404, 'no-meeting', 'the case has no such meeting');
  const counted = await options.store.recordFeedback([{
    caseId, meetingId, role: user.role as FeedbackRespondent, answeredKey: answeredKey(await options.key(), caseId, meetingId, user.id), answer: body.data,
  }]);
  if (counted === 0) return fail(res, 409, 'already-answered', 'this person already answered for this meeting');
  send(res, 201, { ok: true });
}
