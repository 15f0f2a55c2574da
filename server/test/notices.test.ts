/**
 * Notices end to end: a real server (SQLite, then two instances on PostgreSQL) posts to a
 * real HTTP receiver. Each notice arrives once and signed; a receiver that answers 500 or
 * does not answer gets it later; a restart sends nothing twice; a participant with no
 * channel is recorded as undeliverable and the leader sees it.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import pg from 'pg';
import type * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE_USERS, MeetingModel, seedExampleCase, type ExampleCaseIds } from '@samrad/model';
import type { RunningServer, ServerOptions } from '../src/index.js';
import { exampleToken, provider, start, synced, tempDb, waitFor } from './helpers.js';

const PG_URL = process.env.SAMRAD_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECRET = 'notify-secret-for-tests';
const schema = `samrad_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
afterAll(async () => {
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

interface Received { headers: IncomingHttpHeaders; body: string; answered: number }

/** A host's webhook: answers `plan(n)` to the n-th request (0-based): a status, or 'hang' to never answer. */
async function receiver(plan: (n: number) => number | 'hang' = () => 200): Promise<{ url: string; got: Received[]; delivered: () => Array<Record<string, unknown>>; close: () => Promise<void> }> {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = plan(got.length);
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered: answer === 'hang' ? 0 : answer });
      if (answer === 'hang') return;
      res.writeHead(answer);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/notices`,
    got,
    delivered: () => got.filter((g) => g.answered >= 200 && g.answered < 300).map((g) => JSON.parse(g.body) as Record<string, unknown>),
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

const fast = (url: string): Partial<ServerOptions> => ({
  notifyUrl: url, notifySecret: SECRET, notifyLinkBase: 'https://portal.example/samrad',
  notices: { deliverIntervalMs: 50, scanIntervalMs: 300, backoffMs: 100, maxBackoffMs: 400, debounceMs: 20, timeoutMs: 400, leaseMs: 2000 },
});

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The example case, plus: a meeting next week, the baton handed to PPT, a consent running
 * out in two days, a relative with no login and no channel, and the running meeting finalised.
 */
async function seedCase(server: RunningServer, caseId: string): Promise<{ ids: ExampleCaseIds; close: () => void; extraId: string; nextMeetingId: string }> {
  const p = provider(server, `case/${caseId}`, await exampleToken('leader', caseId));
  await synced(p);
  const leader = new MeetingModel(p.doc, { ...EXAMPLE_USERS.leader });
  const ids = seedExampleCase(leader, new Date());
  const nextMeetingId = leader.meetings.create({ templateId: 'samarbeidsmote', purpose: 'Oppfølging', date: new Date(Date.now() + 7 * 86_400_000).toISOString(), place: 'Møterom 2', locale: 'nb' });
  leader.consents.record({ givenBy: [{ name: 'Kari Fjellstad', relation: 'guardian' }], services: ['skole'], scope: 'Fravær', purpose: 'Samarbeid', validFrom: day(-30), validTo: day(2) });
  const extraId = leader.participants.add({ name: 'Besteforelder uten kanal', role: 'observer' });
  leader.decisions.add({ meetingId: ids.meetingId, text: 'Lesestøtte fortsetter.' });
  leader.meetings.finalise(ids.meetingId);
  const handover = leader.handovers.offer(ids.participants.ppt);
  // The server has it all once it has locked the minutes (its answer to the finalising, which came after the consent).
  const minutesOf = (id: string) => ((p.doc.getMap('meetings').get(id) as Y.Map<unknown>).get('minutes') as Y.Array<unknown>).length;
  await waitFor(() => minutesOf(ids.meetingId) === 1, 'the server to lock the minutes');
  const q = provider(server, `case/${caseId}`, await exampleToken('ppt', caseId));
  await synced(q);
  await waitFor(() => q.doc.getMap('handovers').has(handover), 'the offer to reach PPT');
  new MeetingModel(q.doc, { ...EXAMPLE_USERS.ppt }).handovers.answer(handover, true);
  await waitFor(() => (p.doc.getMap('case').get('coordinatorId') === ids.participants.ppt), 'the baton to move');
  return { ids, extraId, nextMeetingId, close: () => { p.destroy(); q.destroy(); } };
}

function verify(r: Received): boolean {
  const ts = String(r.headers['samrad-timestamp']);
  const expected = `v1=${createHmac('sha256', SECRET).update(`${ts}.${r.body}`).digest('hex')}`;
  return r.headers['samrad-signature'] === expected && Math.abs(Date.now() / 1000 - Number(ts)) < 300;
}

const storedIds = async (server: RunningServer, caseId: string, status?: string) =>
  (await server.store.listNotices(caseId)).filter((n) => !status || n.status === status).map((n) => n.id).sort();

describe('notices to the host', () => {
  it('sends each due notice once, signed, through a host that fails at first; a restart sends nothing twice', async () => {
    // The host answers 500 twice, then does not answer once, then takes everything.
    const host = await receiver((n) => (n < 2 ? 500 : n === 2 ? 'hang' : 200));
    const { db, cleanup } = tempDb();
    const caseId = `n-${randomUUID().slice(0, 8)}`;
    let server = await start({ db, ...fast(host.url) });
    try {
      const { ids, extraId, nextMeetingId, close } = await seedCase(server, caseId);
      const kinds = ['meeting-invitation', 'action-evaluation-soon', 'action-deadline-passed', 'baton-accepted', 'baton-changed', 'consent-expiring', 'minutes-locked'];
      await waitFor(() => kinds.every((k) => host.delivered().some((d) => d.kind === k)), 'every kind to arrive', 20_000);
      const pending = async () => (await server.store.listNotices(caseId)).filter((n) => n.status === 'pending').length;
      for (let i = 0; i < 200 && (await pending()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await pending()).toBe(0);

      const delivered = host.delivered();
      const deliveredIds = delivered.map((d) => d.id as string);
      // Once each, every stored deliverable notice, and each signed.
      expect(new Set(deliveredIds).size).toBe(deliveredIds.length);
      expect(deliveredIds.sort()).toEqual(await storedIds(server, caseId, 'delivered'));
      expect(host.got.every(verify)).toBe(true);
      // The failed and unanswered attempts were retried, not lost.
      expect(host.got.length).toBe(deliveredIds.length + 3);
      const firstFailed = JSON.parse(host.got[0]!.body) as { id: string };
      expect(deliveredIds).toContain(firstFailed.id);

      // The invitation: to each participant who can be reached, with an ICS; nothing of the case's content.
      const invitations = delivered.filter((d) => d.kind === 'meeting-invitation' && d.meetingId === nextMeetingId);
      expect(invitations).toHaveLength(7);
      const toMother = invitations.find((d) => (d.recipient as { participantId: string }).participantId === ids.participants.mother)!;
      expect(toMother).toMatchObject({ caseId, meetingId: nextMeetingId, locale: 'nb', link: `https://portal.example/samrad?case=${caseId}&meeting=${nextMeetingId}` });
      expect(toMother.recipient).toEqual({ participantId: ids.participants.mother, name: 'Kari Fjellstad', role: 'parent', userId: 'kari.fjellstad', channels: ['portal'], locale: 'nb' });
      expect(String(toMother.ics)).toContain('METHOD:REQUEST');
      const everything = JSON.stringify(delivered);
      for (const secret of ['Emma Fjellstad', 'friminuttene', 'Utredning', 'Lesestøtte', 'sliten']) expect(everything).not.toContain(secret);
      // The baton's new holder is named to the family.
      expect(delivered.find((d) => d.kind === 'baton-changed' && (d.recipient as { participantId: string }).participantId === ids.participants.mother)!.text).toContain('Morten Dahl');

      // The relative with no channel: recorded as undeliverable, never posted, shown to the leader.
      const undeliverable = (await server.store.listNotices(caseId)).filter((n) => n.status === 'undeliverable');
      expect(undeliverable.length).toBeGreaterThan(0);
      expect(undeliverable.every((n) => n.recipientId === extraId)).toBe(true);
      expect(delivered.some((d) => (d.recipient as { participantId: string }).participantId === extraId)).toBe(false);
      const res = await fetch(`${server.httpUrl}/notices/${caseId}`, { headers: { authorization: `Bearer ${await exampleToken('leader', caseId)}` } });
      expect(res.status).toBe(200);
      const listing = await res.json() as { notices: Array<{ state: string; recipient: { participantId: string; name: string } }>; undeliverable: number };
      expect(listing.undeliverable).toBe(undeliverable.length);
      expect(listing.notices.find((n) => n.state === 'undeliverable')!.recipient).toEqual({ participantId: extraId, name: 'Besteforelder uten kanal' });
      expect((await fetch(`${server.httpUrl}/notices/${caseId}`, { headers: { authorization: `Bearer ${await exampleToken('mother', caseId)}` } })).status).toBe(403);
      expect((await fetch(`${server.httpUrl}/notices/${caseId}`)).status).toBe(401);

      // The audit log: one line per delivery, naming kind and id, never content.
      const audit = (await server.store.readAudit()).filter((a) => a.event === 'notice-sent');
      expect(audit.map((a) => a.detail!.split(':')[1]).sort()).toEqual(deliveredIds.sort());
      expect((await server.store.readAudit()).filter((a) => a.event === 'notice-undeliverable')).toHaveLength(undeliverable.length);

      // A restart: the cases are checked again, and nothing is sent twice.
      close();
      await server.close();
      const before = host.got.length;
      server = await start({ db, ...fast(host.url) });
      await server.notices!.scan();
      await new Promise((r) => setTimeout(r, 700));
      expect(host.got.length).toBe(before);
    } finally {
      await server.close();
      await host.close();
      cleanup();
    }
  }, 60_000);

  it('keeps serving while the host does not answer, and delivers when it is back', async () => {
    let down = true;
    const host = await receiver(() => (down ? 'hang' : 200));
    const { db, cleanup } = tempDb();
    const caseId = `n-${randomUUID().slice(0, 8)}`;
    const server = await start({ db, ...fast(host.url) });
    try {
      const { close } = await seedCase(server, caseId);
      await waitFor(() => host.got.length >= 3, 'attempts while the host hangs', 20_000);
      const health = await fetch(`${server.httpUrl}/healthz`);
      expect(health.status).toBe(200);
      expect(host.delivered()).toEqual([]);
      down = false;
      const stored = async () => (await storedIds(server, caseId, 'pending')).length;
      for (let i = 0; i < 200 && (await stored()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
      const ids = host.delivered().map((d) => d.id as string);
      expect(ids.sort()).toEqual(await storedIds(server, caseId, 'delivered'));
      expect(new Set(ids).size).toBe(ids.length);
      close();
    } finally {
      await server.close();
      await host.close();
      cleanup();
    }
  }, 60_000);

  it('two instances on one PostgreSQL database send each notice once', async () => {
    const host = await receiver();
    const caseId = `n-${randomUUID().slice(0, 8)}`;
    const a = await start({ db: PG_URL, dbSchema: schema, instanceId: 'a', ...fast(host.url) });
    const b = await start({ db: PG_URL, dbSchema: schema, instanceId: 'b', ...fast(host.url) });
    try {
      const { close } = await seedCase(a, caseId);
      // Instance b loads the case too and watches it; both scan the store.
      const onB = provider(b, `case/${caseId}`, await exampleToken('leader', caseId));
      await synced(onB);
      await Promise.all([a.notices!.scan(), b.notices!.scan(), a.notices!.check(caseId), b.notices!.check(caseId)]);
      const pending = async () => (await storedIds(a, caseId, 'pending')).length;
      await new Promise((r) => setTimeout(r, 300));
      for (let i = 0; i < 200 && (await pending()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 700));
      const ids = host.delivered().map((d) => d.id as string);
      expect(ids.length).toBeGreaterThan(10);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(await storedIds(a, caseId, 'delivered'));
      const { rows } = await admin.query(`SELECT instance, count(*)::int AS n FROM "${schema}".samrad_audit WHERE event = 'notice-sent' GROUP BY instance`);
      expect(rows.reduce((s: number, r: { n: number }) => s + r.n, 0)).toBe(ids.length);
      onB.destroy();
      close();
    } finally {
      await a.close();
      await b.close();
      await host.close();
    }
  }, 60_000);
});
