/**
 * Seeds the demo's fictitious case through the server's public interfaces only: a
 * leader token from the demo sign-in endpoint, then the stock websocket protocol. The
 * example is written only when the case document is empty, so a restart (or a second
 * caller) never duplicates it and never overwrites what people changed.
 */
import WebSocket from 'ws';
import type { Doc } from 'yjs';
import { connectCase } from '@samrad/client';
import { EXAMPLE_USERS, MeetingModel, SHARED_ROOTS, seedExampleCase, type AuthUser } from '@samrad/model';

import { DEMO_CASE_ID } from './src/case.js';

export { DEMO_CASE_ID };

export interface SeedOptions {
  /** The server's HTTP base URL, e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  caseId?: string;
  /** Clock for the example's relative dates (tests pin it). */
  now?: Date;
}

/** Asks the demo sign-in endpoint for a token, as the demo page does. */
export async function demoToken(baseUrl: string, body: { case: string; role: string; name: string; sub?: string; service?: string }): Promise<string> {
  const res = await fetch(new URL('/demo/token', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST /demo/token answered ${res.status}: is the server running with demoTokens on?`);
  const { token } = (await res.json()) as { token?: string };
  if (!token) throw new Error('POST /demo/token returned no token');
  return token;
}

const wsUrl = (baseUrl: string) => baseUrl.replace(/^http/, 'ws');

/** Opens the shared document as `user` and waits until the server has synced it. */
async function open(baseUrl: string, caseId: string, user: AuthUser) {
  const token = await demoToken(baseUrl, { case: caseId, role: user.role, name: user.name, sub: user.id, ...(user.service ? { service: user.service } : {}) });
  const connection = connectCase({ server: wsUrl(baseUrl), caseId, token, offline: false, WebSocketPolyfill: WebSocket });
  const status = await connection.ready;
  if (status.state !== 'live') {
    await connection.destroy();
    throw new Error(`seed: the server refused the leader (${status.reason ?? status.state} ${status.detail ?? ''})`);
  }
  return connection;
}

/**
 * The example's first meeting took place six weeks ago, so its minutes were approved
 * then: finalise it as of two hours after it began. Left in draft, it would be the
 * "latest open meeting" that widgets fall back to once today's meeting is finalised.
 */
function finaliseEarlierMeeting(doc: Doc, leader: AuthUser, meetingId: string): void {
  const reader = new MeetingModel(doc, leader);
  const earlier = reader.snapshot().meetings.find((m) => m.id === meetingId);
  reader.destroy();
  if (!earlier || earlier.state === 'finalised') return;
  const then = new Date(Date.parse(earlier.date) + 2 * 3_600_000);
  const past = new MeetingModel(doc, leader, { now: () => then });
  past.meetings.finalise(meetingId);
  past.destroy();
}

const isEmpty = (doc: Doc) => doc.getMap(SHARED_ROOTS.case).size === 0 && doc.getMap(SHARED_ROOTS.meetings).size === 0;

/**
 * Writes the example case when the case is empty. Returns true when it seeded. Resolves
 * only after a second, fresh connection reads the seeded case back from the server, so
 * the data is stored when this returns.
 */
export async function seedDemoCase(options: SeedOptions): Promise<boolean> {
  const caseId = options.caseId ?? DEMO_CASE_ID;
  const leader: AuthUser = { ...EXAMPLE_USERS.leader };
  const connection = await open(options.baseUrl, caseId, leader);
  try {
    if (!isEmpty(connection.doc)) return false;
    const now = options.now ?? new Date();
    const model = new MeetingModel(connection.doc, leader);
    const ids = seedExampleCase(model, now);
    model.destroy();
    finaliseEarlierMeeting(connection.doc, leader, ids.earlierMeetingId);
  } finally {
    // Let the provider write out what it holds before it closes.
    await new Promise((r) => setTimeout(r, 50));
    await connection.destroy();
  }
  // Only a fresh connection honestly shows that the server stored it.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const check = await open(options.baseUrl, caseId, leader);
    const stored = !isEmpty(check.doc);
    await check.destroy();
    if (stored) break;
    if (Date.now() > deadline) throw new Error('seed: the server did not keep the example case');
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/**
 * Reads the case as it is stored on the server, over a fresh connection (for the tests,
 * and for checking a running demo from a script).
 */
export async function readStoredCase(options: { baseUrl: string; caseId?: string; as?: AuthUser }) {
  const user = options.as ?? { ...EXAMPLE_USERS.leader };
  const connection = await open(options.baseUrl, options.caseId ?? DEMO_CASE_ID, user);
  try {
    const model = new MeetingModel(connection.doc, user);
    const snapshot = model.snapshot();
    model.destroy();
    return snapshot;
  } finally {
    await connection.destroy();
  }
}
