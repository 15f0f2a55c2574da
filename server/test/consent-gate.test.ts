/**
 * The consent gate: professionals of a service take part only while a consent covers the
 * service. Withdrawal takes effect live on every scope; a replayed token is refused before
 * any content is sent; child welfare is gated like every other service; an anonymous
 * consultation is not gated.
 */
import { EXAMPLE_USERS, MeetingModel, seedExampleCase } from '@samrad/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { RunningServer } from '../src/index.js';
import { connectRawReplica, exampleToken, provider, rawClient, start, synced, tempDb, token, waitFor } from './helpers.js';

const u = EXAMPLE_USERS;
let server: RunningServer;
let cleanup: () => void;
const stops: Array<() => void> = [];

beforeAll(async () => {
  const t = tempDb();
  cleanup = t.cleanup;
  server = await start({ db: t.db });
});

afterAll(async () => {
  for (const stop of stops) stop();
  await server.close();
  cleanup();
});

const professional = (caseId: string, sub: string, service: string) =>
  token({ role: 'professional', sub, name: `Pro ${service}`, case: caseId, service });

/** A leader's live model on a new case seeded with the example case (consent: skole, helsestasjon, ppt, barnevern). */
async function seededCase(caseId: string): Promise<{ model: MeetingModel; doc: Y.Doc }> {
  const p = provider(server, `case/${caseId}`, await token({ role: 'leader', sub: u.leader.id, name: u.leader.name, case: caseId }));
  stops.push(() => p.destroy());
  await synced(p);
  const model = new MeetingModel(p.doc, { ...u.leader });
  const before = server.metrics.updatesIn;
  let sent = 0;
  const count = () => { sent += 1; };
  p.doc.on('update', count);
  seedExampleCase(model, new Date('2026-11-20T09:00:00Z'));
  p.doc.off('update', count);
  // All of this case's seed, consents included: the gate decides on what is stored when a connection arrives.
  await waitFor(() => server.metrics.updatesIn >= before + sent, 'seed stored');
  return { model, doc: p.doc };
}

/** Opens a raw connection and waits for its close, or for the first document frame. */
async function tryOpen(room: string, tok: string) {
  const c = rawClient(server.url, room, tok);
  stops.push(() => c.ws.close());
  let closed: { code: number; reason: string } | undefined;
  void c.closed.then((x) => { closed = x; });
  await waitFor(() => closed !== undefined || c.messages.length > 0, 'an answer');
  if (closed === undefined) await new Promise((r) => setTimeout(r, 50));
  return { closed, messages: c.messages, client: c };
}

describe('consent gate', () => {
  it('refuses a service no consent covers before sending anything, and admits covered services', async () => {
    await seededCase('g1');
    const nav = await tryOpen('case/g1', await professional('g1', 'nav-1', 'nav'));
    expect(nav.closed).toEqual({ code: 4403, reason: 'consent-missing' });
    expect(nav.messages).toHaveLength(0);
    const restricted = await tryOpen('case/g1/restricted', await professional('g1', 'nav-1', 'nav'));
    expect(restricted.closed).toEqual({ code: 4403, reason: 'consent-missing' });
    expect(restricted.messages).toHaveLength(0);

    const ppt = provider(server, 'case/g1', await professional('g1', 'ppt-1', 'ppt'));
    stops.push(() => ppt.destroy());
    await synced(ppt);
    expect(ppt.doc.getMap('case').get('municipality')).toBe('Eksempel kommune');
  });

  it('a partial withdrawal closes that service on every scope, live; other services stay; a replay is refused', async () => {
    const { model } = await seededCase('g2');
    const closes: Array<{ code: number; reason: string }> = [];
    const pptShared = provider(server, 'case/g2', await professional('g2', 'ppt-2', 'ppt'));
    const pptRestricted = provider(server, 'case/g2/restricted', await professional('g2', 'ppt-2', 'ppt'));
    const school = provider(server, 'case/g2', await professional('g2', 'skole-2', 'skole'));
    for (const p of [pptShared, pptRestricted, school]) {
      stops.push(() => p.destroy());
      p.on('connection-close', (e: { code: number; reason: string } | null) => { if (e) closes.push({ code: e.code, reason: e.reason }); });
    }
    await Promise.all([synced(pptShared), synced(pptRestricted), synced(school)]);

    const consentId = model.snapshot().consents[0]!.id;
    model.consents.withdraw(consentId, ['ppt'], 'Foreldrene ønsker ikke PPT med nå');
    await waitFor(() => closes.filter((c) => c.reason === 'consent-missing').length >= 2, 'both PPT connections closed');
    expect(closes.filter((c) => c.code === 4403 && c.reason === 'consent-missing')).toHaveLength(2);

    // The school still takes part and sees what was withdrawn, when and by whom.
    await waitFor(() => JSON.stringify(school.doc.getMap('consents').toJSON()).includes('"ppt"'), 'withdrawal relayed');
    const withdrawals = (school.doc.getMap('consents').toJSON() as Record<string, { withdrawals: Array<{ services: string[]; byName: string; at: string }> }>)[consentId]!.withdrawals;
    expect(withdrawals).toMatchObject([{ services: ['ppt'], byName: u.leader.name }]);
    expect(school.wsconnected).toBe(true);

    // The same token again, after the withdrawal: refused, and nothing of the case is sent.
    const replay = await tryOpen('case/g2', await professional('g2', 'ppt-2', 'ppt'));
    expect(replay.closed).toEqual({ code: 4403, reason: 'consent-missing' });
    expect(replay.messages).toHaveLength(0);

    const audit = await server.store.readAudit({ doc: 'case/g2' });
    expect(audit.some((r) => r.event === 'refused' && r.detail === 'consent-missing' && r.sub === 'ppt-2')).toBe(true);
  });

  it('a professional writing just before the withdrawal keeps nothing after it is refused', async () => {
    const { model } = await seededCase('g3');
    const ppt = provider(server, 'case/g3', await professional('g3', 'ppt-3', 'ppt'));
    stops.push(() => ppt.destroy());
    await synced(ppt);
    model.consents.withdraw(model.snapshot().consents[0]!.id);
    let closed = false;
    ppt.on('connection-close', () => { closed = true; });
    await waitFor(() => closed, 'closed after whole withdrawal');
    // Offline edits the client keeps are refused again when it tries to reconnect.
    const again = await tryOpen('case/g3', await professional('g3', 'ppt-3', 'ppt'));
    expect(again.closed?.reason).toBe('consent-missing');
  });

  it('gates child welfare like every other service, on both scopes', async () => {
    // No consent at all: the duty to report is a report the professional records, not access.
    const leader4 = provider(server, 'case/g4', await token({ role: 'leader', sub: 'lead-4', case: 'g4' }));
    stops.push(() => leader4.destroy());
    await synced(leader4);
    new MeetingModel(leader4.doc, { id: 'lead-4', name: 'Leder', role: 'leader' }).case.setup({
      child: { name: 'Barn B' }, municipality: 'Eksempel kommune', levelModelId: 'bti',
    });
    await waitFor(() => server.metrics.updatesIn >= 1, 'case stored');
    for (const room of ['case/g4', 'case/g4/restricted']) {
      const cw = await tryOpen(room, await professional('g4', 'bv-4', 'barnevern'));
      expect(cw.closed, room).toEqual({ code: 4403, reason: 'consent-missing' });
      expect(cw.messages, room).toHaveLength(0);
    }

    // The example case's consent covers child welfare: admitted on both scopes, with the case's content.
    const { model } = await seededCase('g6');
    const shared = await connectRawReplica(server.url, 'case/g6', await exampleToken('childWelfare', 'g6'));
    const restricted = await connectRawReplica(server.url, 'case/g6/restricted', await exampleToken('childWelfare', 'g6'));
    stops.push(() => shared.ws.close(), () => restricted.ws.close());
    expect(shared.replica.getMap('case').get('municipality')).toBe('Eksempel kommune');
    expect(shared.replica.getMap('participants').size).toBeGreaterThan(0);

    // Withdrawing child welfare closes both, live, as for any other service.
    const closes: Array<{ code: number; reason: string }> = [];
    void shared.closed.then((c) => closes.push(c));
    void restricted.closed.then((c) => closes.push(c));
    model.consents.withdraw(model.snapshot().consents[0]!.id, ['barnevern'], 'Foreldrene trekker samtykket for barnevernet');
    await waitFor(() => closes.length === 2, 'both child-welfare connections closed');
    expect(closes).toEqual([{ code: 4403, reason: 'consent-missing' }, { code: 4403, reason: 'consent-missing' }]);
  });

  it('does not gate an anonymous consultation', async () => {
    const leader = provider(server, 'case/g5', await token({ role: 'leader', sub: 'lead-5', case: 'g5' }));
    stops.push(() => leader.destroy());
    await synced(leader);
    new MeetingModel(leader.doc, { id: 'lead-5', name: 'Leder', role: 'leader' }).case.setup({
      child: { name: 'Barn A', pseudonym: true }, municipality: 'Eksempel kommune', levelModelId: 'bti', anonymous: true,
    });
    await waitFor(() => server.metrics.updatesIn >= 1, 'case stored');
    const ppt = provider(server, 'case/g5', await professional('g5', 'ppt-5', 'ppt'));
    stops.push(() => ppt.destroy());
    await synced(ppt);
    expect(ppt.doc.getMap('case').get('anonymous')).toBe(true);
  });
});
