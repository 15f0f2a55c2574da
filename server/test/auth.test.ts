/** Every refused token, with its close code, before any document byte is sent. */
import { createServer } from 'node:http';
import * as jose from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, startServer, type RunningServer } from '../src/index.js';
import { provider, rawClient, SECRET, start, synced, token, waitFor } from './helpers.js';

let server: RunningServer;
beforeAll(async () => {
  server = await start({ db: 'sqlite::memory:' });
});
afterAll(() => server.close());

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

async function refusal(room: string, tok: string | undefined) {
  const c = rawClient(server.url, room, tok);
  const closed = await c.closed;
  // Nothing at all, in particular no document content, reaches a refused client.
  expect(c.messages).toEqual([]);
  return closed;
}

describe('refused connections', () => {
  const cases: Array<[string, () => Promise<string | undefined>, string, number, string]> = [
    ['missing token', async () => undefined, 'case/c1', CloseCode.unauthorized, 'token-missing'],
    ['malformed token', async () => 'not-a-jwt', 'case/c1', CloseCode.unauthorized, 'token-malformed'],
    ['garbled token', async () => 'aaa.bbb.ccc', 'case/c1', CloseCode.unauthorized, 'token-malformed'],
    ['expired token', () => token({ role: 'leader', ttl: -60 }), 'case/c1', CloseCode.unauthorized, 'token-expired'],
    ['wrong signature', () => token({ role: 'leader' }, 'another-secret-another-secret-1234'), 'case/c1', CloseCode.unauthorized, 'token-signature'],
    ['alg none', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', name: 'X', role: 'leader', case: 'c1', exp: Math.floor(Date.now() / 1000) + 600 })}.`, 'case/c1', CloseCode.unauthorized, 'token-algorithm'],
    ['role tampered', async () => {
      const [h, p, s] = (await token({ role: 'parent' })).split('.');
      const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
      return `${h}.${b64({ ...claims, role: 'leader' })}.${s}`;
    }, 'case/c1/restricted', CloseCode.unauthorized, 'token-signature'],
    ['case tampered', async () => {
      const [h, p, s] = (await token({ role: 'leader', case: 'c1' })).split('.');
      const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
      return `${h}.${b64({ ...claims, case: 'c2' })}.${s}`;
    }, 'case/c2', CloseCode.unauthorized, 'token-signature'],
    ['unknown role', () => token({ role: 'admin' as never }), 'case/c1', CloseCode.unauthorized, 'token-claims'],
    ['no case claim', () => new jose.SignJWT({ name: 'X', role: 'leader' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('1h').sign(new TextEncoder().encode(SECRET)), 'case/c1', CloseCode.unauthorized, 'token-claims'],
    ['no expiry', () => new jose.SignJWT({ name: 'X', role: 'leader', case: 'c1' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').sign(new TextEncoder().encode(SECRET)), 'case/c1', CloseCode.unauthorized, 'token-claims'],
    ['other case', () => token({ role: 'leader', case: 'c1' }), 'case/c2', CloseCode.forbidden, 'case-not-in-token'],
    ['other case among several', () => token({ role: 'leader', case: ['c1', 'c3'] }), 'case/c2/restricted', CloseCode.forbidden, 'case-not-in-token'],
    ['parent opening restricted', () => token({ role: 'parent' }), 'case/c1/restricted', CloseCode.forbidden, 'scope-not-allowed'],
    ['child opening restricted', () => token({ role: 'child' }), 'case/c1/restricted', CloseCode.forbidden, 'scope-not-allowed'],
    ['observer opening restricted', () => token({ role: 'observer' }), 'case/c1/restricted', CloseCode.forbidden, 'scope-not-allowed'],
    ['not a case document', () => token({ role: 'leader' }), 'other/c1', CloseCode.badRequest, 'bad-document-name'],
    ['path traversal in the name', () => token({ role: 'leader' }), 'case/../c1', CloseCode.badRequest, 'bad-document-name'],
  ];
  for (const [what, make, room, code, reason] of cases) {
    it(`${what} → ${code} ${reason}`, async () => {
      expect(await refusal(room, await make())).toEqual({ code, reason });
    });
  }

  it('counts refusals by reason in /metrics and writes them to the audit log', async () => {
    const metrics = await (await fetch(`${server.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/samrad_connections_refused_total\{reason="token-expired"\} 1/);
    expect(metrics).toMatch(/samrad_connections_refused_total\{reason="scope-not-allowed"\} 3/);
    await waitFor(() => true);
    const audit = await server.store.readAudit();
    expect(audit.filter((r) => r.event === 'refused').map((r) => r.detail)).toContain('case-not-in-token');
  });

  it('lets the stock client learn why: `closed` carries code and reason, and it stops retrying', async () => {
    const p = provider(server, 'case/c1', await token({ role: 'leader', ttl: -5 }));
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => p.once('closed', resolve));
    expect(closed).toEqual({ code: 4401, reason: 'token-expired' });
    await new Promise((r) => setTimeout(r, 400));
    expect(p.shouldConnect).toBe(false);
    p.destroy();
  });

  it('closes a connection when its token expires', async () => {
    const c = rawClient(server.url, 'case/c1', await token({ role: 'leader', ttl: 1 }));
    await c.opened;
    expect(await c.closed).toEqual({ code: 4401, reason: 'token-expired' });
    expect(c.messages.length).toBeGreaterThan(0); // it was a working connection until then
  });

  it('refuses plain HTTP on /sync and unknown websocket paths', async () => {
    const c = rawClient(server.url.replace('/sync', '/other'), 'case/c1', await token({ role: 'leader' }));
    const error = await new Promise<string>((resolve) => c.ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode))));
    expect(error).toBe('404');
  });
});

describe('public-key tokens', () => {
  it('accepts RS256 with a PEM public key and refuses HS256 signed with that key (algorithm confusion)', async () => {
    const { publicKey, privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
    const pem = await jose.exportSPKI(publicKey);
    const rs = await startServer({ port: 0, db: 'sqlite::memory:', logger: 'silent', auth: { publicKey: pem, publicKeyAlg: 'RS256' } });
    try {
      const good = await new jose.SignJWT({ name: 'P', role: 'coordinator', case: 'c1' }).setProtectedHeader({ alg: 'RS256' }).setSubject('p').setExpirationTime('1h').sign(privateKey);
      const p = provider(rs, 'case/c1', good);
      await synced(p);
      p.destroy();
      const confused = await new jose.SignJWT({ name: 'P', role: 'leader', case: 'c1' }).setProtectedHeader({ alg: 'HS256' }).setSubject('p').setExpirationTime('1h').sign(new TextEncoder().encode(pem));
      expect(await rawClient(rs.url, 'case/c1', confused).closed).toEqual({ code: 4401, reason: 'token-algorithm' });
    } finally {
      await rs.close();
    }
  });

  it('accepts ES256 tokens whose key comes from a JWKS URL', async () => {
    const { publicKey, privateKey } = await jose.generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await jose.exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    const jwks = createServer((_req, res) => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ keys: [jwk] })); });
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    const address = jwks.address() as { port: number };
    const es = await startServer({ port: 0, db: 'sqlite::memory:', logger: 'silent', auth: { jwksUrl: `http://127.0.0.1:${address.port}/jwks.json` } });
    try {
      const good = await new jose.SignJWT({ name: 'P', role: 'observer', case: ['c0', 'c1'] }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setSubject('o').setExpirationTime('1h').sign(privateKey);
      const c = rawClient(es.url, 'case/c1', good);
      await c.opened;
      await waitFor(() => es.metrics.connections === 1, 'accepted');
      const other = await jose.generateKeyPair('ES256');
      const forged = await new jose.SignJWT({ name: 'P', role: 'leader', case: 'c1' }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setSubject('o').setExpirationTime('1h').sign(other.privateKey);
      expect(await rawClient(es.url, 'case/c1', forged).closed).toEqual({ code: 4401, reason: 'token-signature' });
      c.ws.close();
    } finally {
      await es.close();
      jwks.close();
    }
  });
});
