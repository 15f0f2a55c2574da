/**
 * @samrad/client against the real @samrad/server (SQLite in memory) on a loopback port:
 * live sync between two clients, refusals with reasons, the unsynced count while offline,
 * token refresh on reconnect, and presence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createConnection, createServer, type Socket } from 'node:net';
import { EXAMPLE_USERS, MeetingModel, type AuthUser } from '@samrad/model';
import { signToken, startServer, type RunningServer } from '@samrad/server';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { connectCase, getPresence, offlineCacheName, setEditing, setPresence, userFromToken, type CaseConnection, type ConnectionStatus } from '../src/index.js';

const SECRET = 'client-test-secret-0123456789abcdef';
let server: RunningServer;
const open: CaseConnection[] = [];

beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', db: 'sqlite::memory:', auth: { secret: SECRET }, logger: 'silent', idleUnloadMs: 60_000 });
});
afterAll(async () => {
  await Promise.all(open.map((c) => c.destroy()));
  await server.close();
});

const token = (user: AuthUser, caseId: string, ttl = 600) =>
  signToken(SECRET, { sub: user.id, name: user.name, role: user.role, case: caseId, ttl, ...(user.service ? { service: user.service } : {}) });

function connect(caseId: string, tok: string, extra: Partial<Parameters<typeof connectCase>[0]> = {}): CaseConnection {
  const c = connectCase({ server: `ws://127.0.0.1:${server.port}`, caseId, token: tok, offline: false, WebSocketPolyfill: WebSocket, maxBackoffTime: 300, ...extra });
  open.push(c);
  return c;
}

async function until(predicate: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A line to the server the test can cut: open sockets are dropped and new ones refused until `restore()`. */
async function cuttableLine(port: number) {
  const open = new Set<Socket>();
  let up = true;
  const line = createServer((client) => {
    if (!up) return void client.destroy();
    const upstream = createConnection(port, '127.0.0.1');
    open.add(client).add(upstream);
    const drop = () => { client.destroy(); upstream.destroy(); open.delete(client); open.delete(upstream); };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => line.listen(0, '127.0.0.1', r));
  const address = line.address();
  return {
    url: `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    cut: () => { up = false; for (const s of open) s.destroy(); open.clear(); },
    restore: () => { up = true; },
    close: () => new Promise<void>((r) => { for (const s of open) s.destroy(); line.close(() => r()); }),
  };
}

/** A WebSocket that counts the connections opened per document. */
function countingWebSocket(counts: Map<string, number>): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      const room = decodeURIComponent(new URL(url).pathname.replace(/^\/sync\//, ''));
      counts.set(room, (counts.get(room) ?? 0) + 1);
    }
  } as typeof WebSocket;
}

/** The guardians' consent to share with the school, so the school's professionals may take part. */
function recordSchoolConsent(leader: MeetingModel): string {
  return leader.consents.record({
    givenBy: [{ name: 'Forelder', relation: 'guardian' }], services: ['skole'],
    scope: 'Opplysninger om skolehverdagen.', purpose: 'Samarbeid om tiltak.', validFrom: '2026-01-01',
  });
}

let n = 0;
const newCase = () => `client-test-${Date.now().toString(36)}-${n++}`;

describe('connectCase', () => {
  it('syncs two clients live, with the restricted document for professionals', async () => {
    const caseId = newCase();
    const leaderConn = connect(caseId, await token(EXAMPLE_USERS.leader, caseId), { restricted: true });
    expect(leaderConn.status.get().state).toBe('connecting');
    const status = await leaderConn.ready;
    expect(status).toEqual({ state: 'live', unsynced: 0 });
    expect(leaderConn.restrictedDoc).toBeDefined();

    const leader = new MeetingModel(leaderConn.doc, EXAMPLE_USERS.leader, { restricted: leaderConn.restrictedDoc });
    leader.case.setup({ child: { name: 'Testbarn', pseudonym: true }, levelModelId: 'bti' });
    recordSchoolConsent(leader);
    const pid = leader.participants.add({ name: 'Ingrid Haugen', role: 'professional', userId: EXAMPLE_USERS.teacher.id });

    const teacherConn = connect(caseId, await token(EXAMPLE_USERS.teacher, caseId), { restricted: true });
    expect((await teacherConn.ready).state).toBe('live');
    const teacher = new MeetingModel(teacherConn.doc, EXAMPLE_USERS.teacher, { restricted: teacherConn.restrictedDoc });
    await until(() => teacher.snapshot().participants.some((p) => p.id === pid), 'the participant to reach the second client');

    teacher.participants.setOwnStatus(pid, { prepared: true });
    await until(() => leader.snapshot().participants.find((p) => p.id === pid)?.prepared === true, 'the edit to travel back');
    expect(teacherConn.status.get().unsynced).toBe(0);
  });

  it('opens the audience documents the server lists for this user, and one a command writes to', async () => {
    const caseId = newCase();
    const leaderConn = connect(caseId, await token(EXAMPLE_USERS.leader, caseId), { restricted: true });
    await leaderConn.ready;
    const leader = new MeetingModel(leaderConn.doc, EXAMPLE_USERS.leader, {
      restricted: leaderConn.restrictedDoc, openAudience: (a) => leaderConn.openAudience(a),
    });
    leader.case.setup({ child: { name: 'Testbarn', pseudonym: true }, levelModelId: 'bti' });
    recordSchoolConsent(leader);
    leader.consents.record({ givenBy: [{ name: 'Forelder', relation: 'guardian' }], services: ['ppt'], scope: 'PPT.', purpose: 'Samarbeid.', validFrom: '2026-01-01' });
    const voiceId = leader.voice.record({ participation: 'conversation-before', date: '2026-11-20', quotes: ['Jeg liker å tegne'] });
    leader.voice.reserve(voiceId, 'Holdes unna skolen', ['skole']);
    expect(leaderConn.audiences().map((a) => a.key)).toEqual(['withheld/skole']);
    await until(() => leaderConn.status.get().unsynced === 0, 'the reservation to be stored');
    await new Promise((r) => setTimeout(r, 200));

    // PPT is listed the withheld document and reads the reservation; the school is not.
    const pptConn = connect(caseId, await token(EXAMPLE_USERS.ppt, caseId), { restricted: true });
    const ppt = new MeetingModel(pptConn.doc, EXAMPLE_USERS.ppt, { restricted: pptConn.restrictedDoc });
    pptConn.onAudience((a) => ppt.attachAudience(a.audience, a.doc));
    await until(() => ppt.snapshot().reservations.length === 1, 'PPT to receive the reservation');
    expect(ppt.snapshot().reservations[0]!.what).toBe('Holdes unna skolen');

    const schoolConn = connect(caseId, await token(EXAMPLE_USERS.teacher, caseId), { restricted: true });
    await schoolConn.ready;
    await new Promise((r) => setTimeout(r, 500));
    expect(schoolConn.audiences().map((a) => a.key)).toEqual([]);
  });

  it('ends a professional\'s session, with the reason, when the consent for their service is withdrawn', async () => {
    const caseId = newCase();
    const leaderConn = connect(caseId, await token(EXAMPLE_USERS.leader, caseId));
    await leaderConn.ready;
    const leader = new MeetingModel(leaderConn.doc, EXAMPLE_USERS.leader);
    leader.case.setup({ child: { name: 'Testbarn', pseudonym: true }, levelModelId: 'bti' });
    const consentId = recordSchoolConsent(leader);
    const teacherConn = connect(caseId, await token(EXAMPLE_USERS.teacher, caseId), { restricted: true });
    expect((await teacherConn.ready).state).toBe('live');

    leader.consents.withdraw(consentId, ['skole']);
    await until(() => teacherConn.status.get().state === 'refused', 'the teacher to be refused');
    expect(teacherConn.status.get()).toMatchObject({ state: 'refused', reason: 'forbidden', code: 4403, detail: 'consent-missing' });
  });

  it('maps refusals to reasons: bad token → unauthorized, other case → forbidden', async () => {
    const caseId = newCase();
    const bad = connect(caseId, 'not.a.token');
    expect(await bad.ready).toMatchObject({ state: 'refused', reason: 'unauthorized', code: 4401 });

    const other = connect(caseId, await token(EXAMPLE_USERS.leader, 'some-other-case'));
    expect(await other.ready).toMatchObject({ state: 'refused', reason: 'forbidden', code: 4403 });
  });

  it('keeps a parent live on the shared document when the restricted one is refused', async () => {
    const caseId = newCase();
    const parent = connect(caseId, await token(EXAMPLE_USERS.mother, caseId), { restricted: true });
    await until(() => parent.status.get().state === 'live', 'the parent to be live');
    expect(parent.status.get().reason).toBeUndefined();
  });

  it('counts changes made offline and sends them on reconnect', async () => {
    const caseId = newCase();
    const leaderConn = connect(caseId, await token(EXAMPLE_USERS.leader, caseId));
    await leaderConn.ready;
    const leader = new MeetingModel(leaderConn.doc, EXAMPLE_USERS.leader);
    leader.case.setup({ child: { name: 'Testbarn', pseudonym: true }, levelModelId: 'bti' });
    recordSchoolConsent(leader);

    const watcherConn = connect(caseId, await token(EXAMPLE_USERS.teacher, caseId));
    await watcherConn.ready;
    const watcher = new MeetingModel(watcherConn.doc, EXAMPLE_USERS.teacher);

    const seen: ConnectionStatus[] = [];
    leaderConn.status.subscribe((s) => seen.push(s));
    leaderConn.disconnect();
    await until(() => leaderConn.status.get().state === 'offline', 'offline');
    leader.participants.add({ name: 'A', role: 'professional' });
    leader.participants.add({ name: 'B', role: 'professional' });
    expect(leaderConn.status.get()).toEqual({ state: 'offline', unsynced: 2 });
    await new Promise((r) => setTimeout(r, 150));
    expect(watcher.snapshot().participants.map((p) => p.name)).toEqual([]);

    leaderConn.connect();
    await until(() => leaderConn.status.get().state === 'live', 'live again');
    expect(leaderConn.status.get().unsynced).toBe(0);
    await until(() => watcher.snapshot().participants.length === 2, 'the offline edits to arrive');
    expect(seen.map((s) => `${s.state}:${s.unsynced}`)).toEqual(['offline:0', 'offline:1', 'offline:2', 'live:0']);
  });

  it('reconnects every document on one backoff schedule, with one token request per attempt, and syncs when the server is back', { timeout: 20_000 }, async () => {
    const caseId = newCase();
    const leaderConn = connect(caseId, await token(EXAMPLE_USERS.leader, caseId), { restricted: true });
    await leaderConn.ready;
    const leader = new MeetingModel(leaderConn.doc, EXAMPLE_USERS.leader, { restricted: leaderConn.restrictedDoc, openAudience: (a) => leaderConn.openAudience(a) });
    leader.case.setup({ child: { name: 'Testbarn', pseudonym: true }, levelModelId: 'bti' });
    recordSchoolConsent(leader);
    leader.consents.record({ givenBy: [{ name: 'Forelder', relation: 'guardian' }], services: ['ppt'], scope: 'PPT.', purpose: 'Samarbeid.', validFrom: '2026-01-01' });
    const voiceId = leader.voice.record({ participation: 'conversation-before', date: '2026-11-20', quotes: ['Jeg liker å tegne'] });
    leader.voice.reserve(voiceId, 'Holdes unna skolen', ['skole']);
    await until(() => leaderConn.status.get().unsynced === 0, 'the reservation to be stored');
    await new Promise((r) => setTimeout(r, 200));

    // PPT reaches the server through a line that is cut: shared, restricted and the withheld document all drop.
    const line = await cuttableLine(server.port);
    const counts = new Map<string, number>();
    let tokenCalls = 0;
    const conn = connect(caseId, await token(EXAMPLE_USERS.ppt, caseId), {
      server: line.url, restricted: true, maxBackoffTime: 2500, WebSocketPolyfill: countingWebSocket(counts),
      getToken: async () => { tokenCalls++; return token(EXAMPLE_USERS.ppt, caseId); },
    });
    const model = new MeetingModel(conn.doc, EXAMPLE_USERS.ppt, { restricted: conn.restrictedDoc });
    conn.onAudience((a) => model.attachAudience(a.audience, a.doc));
    await until(() => conn.audiences().length === 1 && conn.status.get().state === 'live', 'all three documents live');
    await until(() => model.snapshot().reservations.length === 1, 'the withheld document to sync');
    expect(counts.size).toBe(3);

    counts.clear();
    line.cut();
    await until(() => conn.status.get().state === 'offline', 'offline');
    expect(conn.status.get().retrying).toBe(true);
    await new Promise((r) => setTimeout(r, 2000));
    const perChannel = [...counts.values()];
    // Unshared, each document retried on its own with a token each time; now one schedule serves them all.
    expect(perChannel.length).toBe(3);
    for (const n of perChannel) expect(n).toBeGreaterThanOrEqual(1);
    for (const n of perChannel) expect(n).toBeLessThanOrEqual(6);
    expect(tokenCalls).toBeLessThanOrEqual(Math.max(...perChannel));
    expect(tokenCalls).toBe(conn.reconnectAttempts());

    // Edits made meanwhile arrive once the server can be reached again.
    leader.participants.add({ name: 'Lagt til under bruddet', role: 'professional' });
    line.restore();
    await until(() => conn.status.get().state === 'live', 'live again', 8000);
    expect(conn.status.get().retrying).toBeUndefined();
    await until(() => model.snapshot().participants.some((p) => p.name === 'Lagt til under bruddet'), 'the edit made during the outage');
    await conn.destroy();
    await line.close();
  });

  it('asks getToken for a fresh token when the server refuses an expired one', async () => {
    const caseId = newCase();
    const expired = await token(EXAMPLE_USERS.leader, caseId, -60);
    let calls = 0;
    const conn = connect(caseId, expired, { getToken: async () => { calls++; return token(EXAMPLE_USERS.leader, caseId); } });
    await until(() => conn.status.get().state === 'live', 'live with the refreshed token');
    expect(calls).toBeGreaterThanOrEqual(1);
  });

  it('says refused when the refreshed token is refused too', async () => {
    const caseId = newCase();
    const conn = connect(caseId, 'x.y.z', { getToken: () => 'still.not.valid' });
    await until(() => conn.status.get().state === 'refused', 'refused');
    expect(conn.status.get().reason).toBe('unauthorized');
  });

  it('shares presence: who is online and which field they edit', async () => {
    const caseId = newCase();
    const a = connect(caseId, await token(EXAMPLE_USERS.leader, caseId));
    const b = connect(caseId, await token(EXAMPLE_USERS.mother, caseId));
    await Promise.all([a.ready, b.ready]);
    setPresence(a.awareness, { user: { id: 'sofie.lie', name: 'Sofie Lie', role: 'leader' } });
    setPresence(b.awareness, { user: { id: 'kari.fjellstad', name: 'Kari Fjellstad', role: 'parent' } });
    setEditing(b.awareness, { widget: 'samrad-actions', field: 'title' });
    await until(() => getPresence(a.awareness).some((p) => p.user.name === 'Kari Fjellstad' && p.editing?.field === 'title'), 'presence to arrive');
    const peers = getPresence(a.awareness);
    expect(peers[0]).toMatchObject({ self: true, user: { name: 'Sofie Lie' } });
    expect(peers.find((p) => !p.self)).toMatchObject({ user: { role: 'parent' }, editing: { widget: 'samrad-actions', field: 'title' } });
  });
});

describe('presence you can trust', () => {
  it('shows others as the server vouches for them, not as they describe themselves', async () => {
    const caseId = newCase();
    const leader = connect(caseId, await token(EXAMPLE_USERS.leader, caseId));
    const parent = connect(caseId, await token(EXAMPLE_USERS.mother, caseId));
    await Promise.all([leader.ready, parent.ready]);
    // A modified client says it is a professional editing the minutes.
    parent.awareness.setLocalState({ user: { id: 'aisha.rahman', name: 'Aisha Rahman', role: 'professional' }, verified: { id: 'aisha.rahman', name: 'Aisha Rahman', role: 'professional' }, editing: { widget: 'samrad-minutes', field: 'text' } });
    await until(() => getPresence(leader.awareness).some((p) => !p.self && p.editing?.widget === 'samrad-minutes'), 'the parent’s presence');
    const seen = getPresence(leader.awareness).find((p) => !p.self)!;
    expect(seen.user).toEqual({ id: EXAMPLE_USERS.mother.id, name: EXAMPLE_USERS.mother.name, role: 'parent' });
    expect(JSON.stringify(getPresence(leader.awareness))).not.toContain('Aisha');
  });

  it('does not show a state without the server’s stamp as a person', () => {
    const mine = new Awareness(new Y.Doc());
    setPresence(mine, { user: { id: 'me', name: 'Me', role: 'leader' } });
    const other = new Awareness(new Y.Doc());
    other.setLocalState({ user: { id: 'x', name: 'Aisha Rahman', role: 'professional' } });
    mine.getStates().set(other.clientID, other.getLocalState()!);
    expect(getPresence(mine).map((p) => p.user.name)).toEqual(['Me']);
    mine.getStates().set(other.clientID, { ...other.getLocalState(), verified: { id: 'kari', name: 'Kari', role: 'parent', service: 'x' } });
    expect(getPresence(mine).find((p) => !p.self)?.user).toEqual({ id: 'kari', name: 'Kari', role: 'parent', service: 'x' });
  });
});

describe('offline cache names', () => {
  it('are per user and per document, so one person’s copy never opens as another’s', () => {
    expect(offlineCacheName('kari.fjellstad', 'case/123')).toBe('samrad:kari.fjellstad:case/123');
    expect(offlineCacheName('ola', 'case/123')).not.toBe(offlineCacheName('kari', 'case/123'));
    expect(offlineCacheName('a:b/c', 'case/1')).toBe('samrad:a%3Ab%2Fc:case/1');
  });
});

describe('userFromToken', () => {
  it('reads the claims without verifying, and names what is missing', async () => {
    const t = await token(EXAMPLE_USERS.teacher, 'c1');
    expect(userFromToken(t)).toEqual({ id: 'ingrid.haugen', name: 'Ingrid Haugen', role: 'professional', service: 'skole' });
    expect(() => userFromToken('abc')).toThrow(/three dot-separated parts/);
  });
});
