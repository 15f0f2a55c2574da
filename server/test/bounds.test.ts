/**
 * What a hand-made client could do before, and is now refused: forged or taken-over
 * presence, oversized presence, a socket that never reads, a flood of client audit
 * events (also from a professional the consent gate refuses), the demo sign-in in
 * production or from another site, and tokens that live too long or come from the future.
 */
import * as jose from 'jose';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, type RunningServer } from '../src/index.js';
import { provider, rawClient, SECRET, start, synced, syncStep1Message, token, waitFor, type RawClient } from './helpers.js';

let server: RunningServer;
beforeAll(async () => { server = await start({ db: 'sqlite::memory:' }); });
afterAll(async () => { await server.close(); });

/** An awareness frame setting `state` for `clientId` at `clock`. */
function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const body = encoding.createEncoder();
  encoding.writeVarUint(body, 1);
  encoding.writeVarUint(body, clientId);
  encoding.writeVarUint(body, clock);
  encoding.writeVarString(body, JSON.stringify(state));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(body));
  return encoding.toUint8Array(e);
}

const within = <T>(p: Promise<T>, ms = 3000) => Promise.race([p, new Promise<string>((r) => setTimeout(() => r('still open'), ms))]);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function opened(room: string, tok: string): Promise<RawClient> {
  const c = rawClient(server.url, room, tok);
  await c.opened;
  return c;
}

describe('presence you can trust', () => {
  it('a parent describing themselves as a professional is relayed with the identity of their token only', async () => {
    const leader = provider(server, 'case/b1', await token({ role: 'leader', sub: 'lea', name: 'Lea', case: 'b1' }));
    await synced(leader);
    const parent = await opened('case/b1', await token({ role: 'parent', sub: 'kari', name: 'Kari', case: 'b1' }));
    const forged = { user: { id: 'aisha', name: 'Aisha Rahman', role: 'professional' }, verified: { id: 'aisha', name: 'Aisha Rahman', role: 'professional', service: 'skole' }, editing: { widget: 'samrad-minutes', field: 'text' } };
    parent.send(awarenessFrame(7_000_001, 1, forged));
    await waitFor(() => leader.awareness.getStates().has(7_000_001), 'the parent’s presence');
    // The server's stamp replaces whatever the client claimed: widgets show only `verified`.
    expect(leader.awareness.getStates().get(7_000_001)?.verified).toEqual({ id: 'kari', name: 'Kari', role: 'parent' });
    parent.ws.close();
    leader.destroy();
  });

  it('another user cannot take over the presence id of someone who dropped off for a moment', async () => {
    const leader = provider(server, 'case/b2', await token({ role: 'leader', sub: 'lea', name: 'Lea', case: 'b2' }));
    await synced(leader);
    const coordinator = await opened('case/b2', await token({ role: 'coordinator', sub: 'bo', name: 'Bo', case: 'b2' }));
    coordinator.send(awarenessFrame(7_000_002, 1, { user: { name: 'Bo' } }));
    await waitFor(() => leader.awareness.getStates().get(7_000_002)?.verified?.name === 'Bo', 'Bo online');
    // Bo's network drops.
    coordinator.ws.terminate();
    await waitFor(() => !leader.awareness.getStates().has(7_000_002), 'Bo gone');

    // A parent claims Bo's id with a newer clock: not relayed, not owned.
    const parent = await opened('case/b2', await token({ role: 'parent', sub: 'kari', name: 'Kari', case: 'b2' }));
    parent.send(awarenessFrame(7_000_002, 5, { user: { name: 'Bo' } }));
    await pause(300);
    expect(leader.awareness.getStates().has(7_000_002)).toBe(false);

    // Bo comes back with the same id and is seen again.
    const back = await opened('case/b2', await token({ role: 'coordinator', sub: 'bo', name: 'Bo', case: 'b2' }));
    back.send(awarenessFrame(7_000_002, 2, { user: { name: 'Bo' } }));
    await waitFor(() => leader.awareness.getStates().get(7_000_002)?.verified?.name === 'Bo', 'Bo online again');
    parent.ws.close();
    back.ws.close();
    leader.destroy();
  });

  it('the reservation runs out after the configured time', async () => {
    const quick = await start({ db: 'sqlite::memory:', limits: { awarenessIdReserveMs: 200 } });
    try {
      const watcher = provider(quick, 'case/b3', await token({ role: 'leader', sub: 'lea', case: 'b3' }));
      await synced(watcher);
      const first = rawClient(quick.url, 'case/b3', await token({ role: 'coordinator', sub: 'bo', case: 'b3' }));
      await first.opened;
      first.send(awarenessFrame(7_000_003, 1, { x: 1 }));
      await waitFor(() => watcher.awareness.getStates().has(7_000_003), 'first holder');
      first.ws.terminate();
      await waitFor(() => !watcher.awareness.getStates().has(7_000_003), 'first holder gone');
      await pause(300);
      const second = rawClient(quick.url, 'case/b3', await token({ role: 'coordinator', sub: 'siv', name: 'Siv', case: 'b3' }));
      await second.opened;
      second.send(awarenessFrame(7_000_003, 2, { x: 2 }));
      await waitFor(() => watcher.awareness.getStates().get(7_000_003)?.verified?.name === 'Siv', 'the id free again');
      second.ws.close();
      watcher.destroy();
    } finally {
      await quick.close();
    }
  });

  it('a presence state over the size limit closes the connection with 4413 awareness-too-large and is not relayed', async () => {
    const leader = provider(server, 'case/b4', await token({ role: 'leader', sub: 'lea', case: 'b4' }));
    await synced(leader);
    const big = await opened('case/b4', await token({ role: 'coordinator', sub: 'big', case: 'b4' }));
    big.send(awarenessFrame(7_000_004, 1, { user: { name: 'x' }, blob: 'x'.repeat(3_900_000) }));
    expect(await within(big.closed)).toEqual({ code: CloseCode.tooLarge, reason: 'awareness-too-large' });
    expect(leader.awareness.getStates().has(7_000_004)).toBe(false);
    // A normal state, and the stamped echo of a state near the limit, pass.
    const ok = await opened('case/b4', await token({ role: 'coordinator', sub: 'ok', case: 'b4' }));
    ok.send(awarenessFrame(7_000_005, 1, { user: { name: 'y' }, note: 'y'.repeat(3900) }));
    await waitFor(() => leader.awareness.getStates().has(7_000_005), 'a state just under the limit');
    await pause(300);
    expect(leader.wsconnected).toBe(true);
    ok.ws.close();
    leader.destroy();
  });
});

describe('a client that never reads', () => {
  it('is closed with 4429 send-buffer-full instead of growing the server’s memory', async () => {
    const small = await start({ db: 'sqlite::memory:', limits: { maxBufferedBytes: 256 * 1024 } });
    try {
      // A document of about 2 MB.
      const doc = new Y.Doc();
      doc.getMap('case').set('padding', 'p'.repeat(2_000_000));
      await small.store.append('case/b5', Y.encodeStateAsUpdate(doc), { event: 'update-accepted', sub: 'seed', role: 'leader', doc: 'case/b5' });

      const c = rawClient(small.url, 'case/b5', await token({ role: 'leader', sub: 'slow', case: 'b5' }));
      await c.opened;
      c.ws.pause(); // reads nothing from now on
      const ask = syncStep1Message(new Y.Doc());
      for (let i = 0; i < 40; i++) c.send(ask);
      await waitFor(() => /samrad_connections_closed_total\{code="4429"\} [1-9]/.test(small.metrics.render()), 'the server closing the connection');
      c.ws.resume();
      expect(await within(c.closed, 5000)).toEqual({ code: CloseCode.tooMany, reason: 'send-buffer-full' });
      // Far fewer than the forty full answers reached the socket.
      const answers = c.messages.filter((m) => m[0] === 0 && m[1] === 1).length;
      expect(answers).toBeLessThan(40);
    } finally {
      await small.close();
    }
  });
});

describe('POST /audit', () => {
  const post = (tok: string, body: unknown = { document: 'case/b6', event: 'export', format: 'markdown' }) =>
    fetch(`${server.httpUrl}/audit`, { method: 'POST', headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('is rate-limited per token subject: 429 with Retry-After', async () => {
    const tok = await token({ role: 'leader', sub: 'flood', case: 'b6' });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 100; i++) {
      const r = await post(tok);
      statuses.push(r.status);
      if (r.status === 429) retryAfter ??= r.headers.get('retry-after');
      await r.body?.cancel();
    }
    const accepted = statuses.filter((s) => s === 201).length;
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThanOrEqual(21);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(79);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // Another user is not held up by it.
    expect((await post(await token({ role: 'leader', sub: 'calm', case: 'b6' }))).status).toBe(201);
    const rows = await server.store.readAudit({ doc: 'case/b6' });
    expect(rows.filter((r) => r.event === 'export' && r.sub === 'flood').length).toBe(accepted);
  });

  it('refuses a professional the consent gate refuses, exactly as a connection', async () => {
    const teacher = await token({ role: 'professional', sub: 'teacher', service: 'skole', case: 'b7' });
    const r = await post(teacher, { document: 'case/b7', event: 'export', format: 'pdf' });
    expect(r.status).toBe(403);
    expect(await r.json()).toEqual({ error: 'consent-missing' });
    const c = rawClient(server.url, 'case/b7', teacher);
    expect(await c.closed).toEqual({ code: CloseCode.forbidden, reason: 'consent-missing' });
    // Child welfare is gated like every other service.
    expect((await post(await token({ role: 'professional', sub: 'bv', service: 'barnevern', case: 'b7' }), { document: 'case/b7', event: 'print' })).status).toBe(403);
    const rows = await server.store.readAudit({ doc: 'case/b7' });
    expect(rows.some((row) => row.event === 'export' && row.sub === 'teacher')).toBe(false);
  });
});

describe('the demo sign-in', () => {
  it('does not start when NODE_ENV=production', async () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(start({ db: 'sqlite::memory:', demoTokens: true })).rejects.toThrow(/NODE_ENV=production/);
    } finally {
      process.env.NODE_ENV = before;
    }
  });

  it('answers its own origin only, without CORS headers, with short-lived tokens', async () => {
    const demo = await start({ db: 'sqlite::memory:', demoTokens: true });
    try {
      const body = JSON.stringify({ case: 'b8', role: 'leader', name: 'Mallory', sub: 'lea' });
      const foreign = await fetch(`${demo.httpUrl}/demo/token`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body });
      expect(foreign.status).toBe(403);
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await fetch(`${demo.httpUrl}/demo/token`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();

      const own = await fetch(`${demo.httpUrl}/demo/token`, { method: 'POST', headers: { origin: demo.httpUrl, 'content-type': 'application/json' }, body });
      expect(own.status).toBe(200);
      expect(own.headers.get('access-control-allow-origin')).toBeNull();
      const { token: tok } = (await own.json()) as { token: string };
      const claims = jose.decodeJwt(tok);
      expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(3600);
    } finally {
      await demo.close();
    }
  });
});

describe('token lifetime', () => {
  const sign = (claims: Record<string, unknown>) =>
    new jose.SignJWT({ name: 'X', role: 'leader', case: 'b9', ...claims }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').sign(new TextEncoder().encode(SECRET));
  const now = () => Math.floor(Date.now() / 1000);

  async function closeOf(srv: RunningServer, tok: string) {
    const c = rawClient(srv.url, 'case/b9', tok);
    const closed = await within(c.closed, 1000);
    if (closed === 'still open') c.ws.close();
    return { closed, messages: c.messages.length };
  }

  it('refuses a token that lives longer than the maximum (default 12 h) with 4401 token-lifetime', async () => {
    expect(await closeOf(server, await sign({ iat: now(), exp: now() + 13 * 3600 }))).toEqual({ closed: { code: CloseCode.unauthorized, reason: 'token-lifetime' }, messages: 0 });
    // Without `iat`, the lifetime counts from now.
    expect(await closeOf(server, await sign({ exp: now() + 365 * 86400 }))).toEqual({ closed: { code: CloseCode.unauthorized, reason: 'token-lifetime' }, messages: 0 });
    expect((await closeOf(server, await sign({ iat: now(), exp: now() + 11 * 3600 }))).closed).toBe('still open');
  });

  it('refuses an iat further in the future than the clock skew with 4401 token-issued-in-future', async () => {
    expect(await closeOf(server, await sign({ iat: now() + 365 * 86400, exp: now() + 365 * 86400 + 600 }))).toEqual({ closed: { code: CloseCode.unauthorized, reason: 'token-issued-in-future' }, messages: 0 });
    // A few seconds of skew is fine.
    expect((await closeOf(server, await sign({ iat: now() + 5, exp: now() + 600 }))).closed).toBe('still open');
  });

  it('takes the maximum lifetime from the options', async () => {
    const lenient = await start({ db: 'sqlite::memory:', auth: { secret: SECRET, maxTokenLifetimeSeconds: 24 * 3600 } });
    try {
      expect((await closeOf(lenient, await sign({ iat: now(), exp: now() + 13 * 3600 }))).closed).toBe('still open');
      expect((await closeOf(lenient, await sign({ iat: now(), exp: now() + 25 * 3600 }))).closed).toEqual({ code: CloseCode.unauthorized, reason: 'token-lifetime' });
    } finally {
      await lenient.close();
    }
  });

  it('the audit endpoint refuses the same tokens with 401', async () => {
    const r = await fetch(`${server.httpUrl}/audit`, { method: 'POST', headers: { authorization: `Bearer ${await sign({ iat: now(), exp: now() + 30 * 86400 })}` }, body: '{}' });
    expect(r.status).toBe(401);
    expect(await r.json()).toEqual({ error: 'token-lifetime' });
  });
});
