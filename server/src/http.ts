/** Plain HTTP routes: health, metrics, the demo sign-in, client audit events and a static site. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { audienceAccess, parseDocName, sharedDocName, type AuthUser, type MunicipalityProfile } from '@samrad/model';
import { z } from 'zod';
import { createAccessLogRoute } from './access-log.js';
import { createDocumentsRoute } from './documents-route.js';
import { createFeedbackRoute } from './feedback.js';
import { createNoticesRoute } from './notices-route.js';
import { ROLES, signToken, type TokenVerifier } from './auth.js';
import type { Refusal } from './close-codes.js';
import type { KeyedRateLimiter } from './limits.js';
import type { Metrics } from './metrics.js';
import type { Store } from './store/index.js';

export interface HttpContext {
  metrics: Metrics;
  store: Store;
  verifier: TokenVerifier;
  instance: string;
  staticDir: string | undefined;
  /** The HS256 secret when demo tokens are on; undefined otherwise. */
  demoSecret: string | undefined;
  /** `POST /audit` requests per token subject. */
  auditLimiter: KeyedRateLimiter;
  /** The consent gate, as at connect: a refusal when no consent covers `user` on the case. */
  consentRefusal: (caseId: string, user: AuthUser) => Promise<Refusal | null>;
  health: () => Record<string, unknown>;
  /** The key of the anonymous feedback's answered-set (see feedback.ts). */
  feedbackKey: () => Promise<string>;
  /** Ids of the meetings in a case's shared document, loading it as needed. */
  meetingIds: (caseId: string) => Promise<string[]>;
  /** The municipality profile, served read-only at `GET /profile`. */
  profile: MunicipalityProfile;
}

const DemoTokenRequest = z.object({
  case: z.union([z.string().min(1).max(200), z.array(z.string().min(1).max(200)).min(1).max(20)]),
  role: z.enum(ROLES),
  name: z.string().min(1).max(200),
  service: z.string().max(100).optional(),
  sub: z.string().min(1).max(200).optional(),
});

/** What a client may add to the audit log: things only it sees, like an export. */
const ClientAuditEvent = z.object({
  document: z.string().max(300),
  event: z.enum(['export', 'print']),
  format: z.enum(['html', 'markdown', 'json', 'ics', 'pdf']).optional(),
});

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.map': 'application/json', '.txt': 'text/plain; charset=utf-8', '.webmanifest': 'application/manifest+json',
};

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage, limit = 16 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

export function createHttpHandler(ctx: HttpContext) {
  const accessLog = createAccessLogRoute({ store: ctx.store, verifier: ctx.verifier });
  const documents = createDocumentsRoute({ store: ctx.store, verifier: ctx.verifier, consentRefusal: ctx.consentRefusal });
  const notices = createNoticesRoute({ store: ctx.store, verifier: ctx.verifier });
  const feedback = createFeedbackRoute({ store: ctx.store, verifier: ctx.verifier, key: ctx.feedbackKey, consentRefusal: ctx.consentRefusal, meetingIds: ctx.meetingIds });
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (await accessLog(req, res, url)) return;
      if (await documents(req, res, url)) return;
      if (await feedback(req, res, url)) return;
      if (await notices(req, res, url)) return;
      const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'authorization, content-type', 'access-control-allow-methods': 'POST, OPTIONS' };
      if (req.method === 'OPTIONS' && url.pathname === '/audit') {
        res.writeHead(204, cors);
        return void res.end();
      }
      // The profile holds no personal data: any page may read it.
      if (req.method === 'GET' && url.pathname === '/profile') {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache', 'access-control-allow-origin': '*' });
        return void res.end(JSON.stringify(ctx.profile));
      }
      if (req.method === 'GET' && url.pathname === '/healthz') return json(res, 200, { ok: true, instance: ctx.instance, ...ctx.health() });
      if (req.method === 'GET' && url.pathname === '/metrics') {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        return void res.end(ctx.metrics.render());
      }
      if (req.method === 'POST' && url.pathname === '/demo/token' && ctx.demoSecret) {
        // Same origin only: no CORS headers, and a request from another site's page is refused.
        if (req.headers.origin !== undefined && req.headers.origin !== `http://${req.headers.host}` && req.headers.origin !== `https://${req.headers.host}`) return json(res, 403, { error: 'same-origin only' });
        const body = DemoTokenRequest.safeParse(await readJson(req).catch(() => null));
        if (!body.success) return json(res, 400, { error: 'expected JSON {case, role, name, service?}' });
        const { sub, ...rest } = body.data;
        const token = await signToken(ctx.demoSecret, { ...rest, sub: sub ?? `demo-${rest.role}-${rest.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, ttl: 3600 });
        return json(res, 200, { token });
      }
      if (req.method === 'POST' && url.pathname === '/audit') {
        for (const [k, v] of Object.entries(cors)) res.setHeader(k, v);
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        const verified = await ctx.verifier.verify(token);
        if (!verified.ok) return json(res, 401, { error: verified.refusal.reason });
        const wait = ctx.auditLimiter.take(verified.grant.user.id);
        if (wait > 0) {
          res.setHeader('retry-after', String(wait));
          return json(res, 429, { error: 'rate-limited' });
        }
        const body = ClientAuditEvent.safeParse(await readJson(req).catch(() => null));
        if (!body.success) return json(res, 400, { error: 'expected JSON {document, event: "export"|"print", format?}' });
        const parsed = parseDocName(body.data.document);
        const { user, cases } = verified.grant;
        if (!parsed || !cases.has(parsed.caseId) || audienceAccess(user, parsed.audience) === 'none') return json(res, 403, { error: 'forbidden' });
        const refusal = await ctx.consentRefusal(parsed.caseId, user);
        if (refusal) return json(res, 403, { error: refusal.reason });
        await ctx.store.audit({ event: body.data.event, sub: user.id, role: user.role, doc: body.data.document, detail: body.data.format });
        return json(res, 201, { ok: true });
      }
      if (req.method === 'GET' && url.pathname.startsWith('/minutes/')) return await serveMinutes(ctx, url.pathname, req, res);
      if ((req.method === 'GET' || req.method === 'HEAD') && ctx.staticDir) return serveStatic(ctx.staticDir, url.pathname, req, res);
      json(res, 404, { error: 'not found' });
    } catch {
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
      else res.destroy();
    }
  };
}

/**
 * `GET /minutes/<caseId>/<meetingId>`: the meeting's locked minutes versions with their
 * hashes, from the append-only table. The token is checked exactly as for a connection to
 * `case/<caseId>`: signature and claims, the case in the token, read access to the shared
 * scope, and the consent gate.
 */
async function serveMinutes(ctx: HttpContext, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.setHeader('access-control-allow-origin', '*');
  const parts = pathname.split('/');
  let caseId: string;
  let meetingId: string;
  try {
    caseId = decodeURIComponent(parts[2] ?? '');
    meetingId = decodeURIComponent(parts[3] ?? '');
  } catch {
    return json(res, 400, { error: 'bad-path', message: 'expected /minutes/<caseId>/<meetingId>' });
  }
  const parsed = parseDocName(sharedDocName(caseId));
  if (parts.length !== 4 || !parsed || !/^[A-Za-z0-9_.:-]{1,80}$/.test(meetingId)) {
    return json(res, 400, { error: 'bad-path', message: 'expected /minutes/<caseId>/<meetingId>' });
  }
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const verified = await ctx.verifier.verify(token);
  if (!verified.ok) return json(res, 401, { error: verified.refusal.reason, message: 'a valid Bearer token is required' });
  const { user, cases } = verified.grant;
  if (!cases.has(caseId)) return json(res, 403, { error: 'case-not-in-token', message: 'the token does not grant this case' });
  if (audienceAccess(user, parsed.audience) === 'none') return json(res, 403, { error: 'scope-not-allowed', message: 'this role may not read the case' });
  const refusal = await ctx.consentRefusal(caseId, user);
  if (refusal) return json(res, 403, { error: refusal.reason, message: 'no recorded consent covers this service' });
  const stored = await ctx.store.listMinutes(caseId, meetingId);
  if (stored.length === 0) return json(res, 404, { error: 'no-minutes', message: 'this meeting has no locked minutes' });
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  // Each version exactly as it was stored and hashed.
  res.end(`{"versions":[${stored.map((v) => v.data).join(',')}]}`);
}

async function serveStatic(dir: string, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const root = resolve(dir);
  let relative: string;
  try {
    relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  } catch {
    return json(res, 400, { error: 'bad path' });
  }
  let file = join(root, relative);
  if (file !== root && !file.startsWith(root + sep)) return json(res, 404, { error: 'not found' });
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  // Paths without an extension fall back to the site's index.html (client-side routing).
  if (!info && !extname(relative)) {
    file = join(root, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) return json(res, 404, { error: 'not found' });
  res.writeHead(200, { 'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'content-length': info.size, 'x-content-type-options': 'nosniff' });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}
