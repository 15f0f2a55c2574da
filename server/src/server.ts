/**
 * startServer: the HTTP server, the websocket upgrade (authentication happens here, before
 * any document byte is sent), the registry of loaded documents, and graceful shutdown.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { audienceAccess, parseDocName, readSnapshot, sharedDocName, SHARED_ROOTS, type Audience, type AuthUser, type MunicipalityProfile } from '@samrad/model';
import { pino, type Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { TokenVerifier, type AuthOptions, type Grant } from './auth.js';
import { clampReason, CloseCode, type Refusal } from './close-codes.js';
import { Connection } from './connection.js';
import { consentRefusal, isGated, RefusedError } from './consent-gate.js';
import { SharedDocument } from './document.js';
import { RedisFanout } from './fanout.js';
import { createHttpHandler } from './http.js';
import { AwarenessReservations, DEFAULT_LIMITS, KeyedRateLimiter, type Limits } from './limits.js';
import { Metrics } from './metrics.js';
import { resolveProfile } from './profile.js';
import { NoticeService, type NoticeOptions } from './notices.js';
import { openStore, type Store, type StoreOptions } from './store/index.js';

export interface ServerOptions extends StoreOptions {
  /** TCP port; 0 picks a free one. Default 1234. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1; use 0.0.0.0 to accept other hosts. */
  host?: string;
  /** Token verification. Default: HS256 with the secret in SAMRAD_SECRET. */
  auth?: AuthOptions;
  /** `redis://…`: share updates and presence with other instances on the same database. */
  redis?: string;
  /** Prefix of Redis channel names (default `samrad:`); instances must agree on it. */
  redisPrefix?: string;
  limits?: Partial<Limits>;
  /** Serve this directory (a built static site) at `/`. */
  staticDir?: string;
  /** Development sign-in at `POST /demo/token`. Never on by default. Needs an HS256 secret. */
  demoTokens?: boolean;
  /** Unload a document this long after its last connection closed. Default 30 s. */
  idleUnloadMs?: number;
  /** Compact a loaded document after this many stored updates. Default 500. */
  compactAfterUpdates?: number;
  /** Compact loaded documents with new updates this often. Default 5 min. */
  compactIntervalMs?: number;
  /**
   * Professionals of a service take part only while a recorded consent covers that service
   * (see consent-gate.ts). Default on; switch off only where consent is handled outside Samråd.
   */
  consentGate?: boolean;
  /** Websocket keepalive ping interval. Default 30 s. */
  pingIntervalMs?: number;
  /**
   * A connection that shows someone as present and has not been heard from (no message,
   * no answer to a ping) for this long is no longer shown as present; the connection
   * stays open. Default 4 s. Such connections are pinged every second.
   */
  presenceTimeoutMs?: number;
  /** A pino logger, or a log level for a new one. Default level `info`. */
  logger?: Logger | string;
  /** Name of this instance in logs and the audit log. Default: random. */
  instanceId?: string;
  /**
   * Key of the anonymous feedback's answered-set (an HMAC of case, meeting and person).
   * Default: SAMRAD_FEEDBACK_SECRET, else a random key made once and kept in the database.
   */
  feedbackSecret?: string;
  /**
   * The municipality profile (packages/model/profiles/): a JSON file to read, or the profile
   * itself. Validated at start — a bad one makes `startServer` throw, naming the file and
   * field. Its level models drive the level-change write rule, and `GET /profile` serves it
   * to widgets and hosts. Default: the neutral profile.
   */
  profile?: string | MunicipalityProfile;
  /** The host's webhook for notices (invitations, reminders, baton changes; see notices.ts). Off without it. */
  notifyUrl?: string;
  /** Key of the notices' HMAC-SHA256 signature; required with `notifyUrl`. Default: SAMRAD_NOTIFY_SECRET. */
  notifySecret?: string;
  /** Base of the link a notice carries into the host's portal (`?case=…&meeting=…` is added). */
  notifyLinkBase?: string;
  /** Days before a deadline, evaluation date or consent's end that a reminder is due. Default 3. */
  noticeLeadDays?: number;
  /** Timing of notice checks, deliveries and retries (tests shorten them). */
  notices?: Partial<Omit<NoticeOptions, 'notifyUrl' | 'notifySecret' | 'linkBase' | 'leadDays'>>;
}

export interface RunningServer {
  port: number;
  /** Websocket base URL for y-websocket: `ws://HOST:PORT/sync`. */
  url: string;
  /** HTTP base URL: `http://HOST:PORT`. */
  httpUrl: string;
  instance: string;
  store: Store;
  metrics: Metrics;
  /** The municipality profile in use. */
  profile: MunicipalityProfile;
  /** Notices to the host's webhook; null when `notifyUrl` is not set. */
  notices: NoticeService | null;
  /** Closes every connection with 1012 "server-restarting", drains storage, stops. */
  close(): Promise<void>;
}

export const SYNC_PATH = '/sync';

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const instance = options.instanceId ?? randomUUID().slice(0, 8);
  const log: Logger = typeof options.logger === 'object' ? options.logger : pino({ level: options.logger ?? 'info', base: { instance } });
  const auth = options.auth ?? { secret: process.env.SAMRAD_SECRET };
  const verifier = new TokenVerifier(auth);
  if (options.demoTokens && !auth.secret) throw new Error('startServer: demoTokens needs auth.secret (HS256)');
  // The demo sign-in lets anyone sign in as anyone: never in production.
  if (options.demoTokens && process.env.NODE_ENV === 'production') throw new Error('startServer: demoTokens (the demo sign-in) is never on when NODE_ENV=production');
  // Before anything is opened: a bad profile stops the server here.
  const profile = resolveProfile(options.profile);
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const metrics = new Metrics();
  const store = await openStore(options, instance, log);
  let fanout: RedisFanout | null = null;
  if (options.redis) {
    fanout = new RedisFanout(options.redis, instance, options.redisPrefix ?? 'samrad:', log);
    try {
      await fanout.connect();
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  const docs = new Map<string, SharedDocument>();
  const notifySecret = options.notifySecret ?? process.env.SAMRAD_NOTIFY_SECRET;
  if (options.notifyUrl && !notifySecret) {
    await fanout?.close();
    await store.close();
    throw new Error('startServer: notifyUrl needs notifySecret (or SAMRAD_NOTIFY_SECRET) to sign notices');
  }
  const notices = options.notifyUrl && notifySecret
    ? new NoticeService({ ...options.notices, notifyUrl: options.notifyUrl, notifySecret, linkBase: options.notifyLinkBase, leadDays: options.noticeLeadDays ?? (profile.deadlines.actionDueLeadDays.value || undefined) },
      store, log.child({ part: 'notices' }), instance, (caseId) => docs.get(sharedDocName(caseId))?.doc)
    : null;
  const loading = new Map<string, Promise<SharedDocument>>();
  const connections = new Set<Connection>();
  const perUser = new Map<string, number>();
  /** Open connections under the consent gate, by case id. */
  const gated = new Map<string, Set<Connection>>();
  const consentGate = options.consentGate ?? true;
  const idleUnloadMs = options.idleUnloadMs ?? 30_000;
  const reservations = new AwarenessReservations(limits.awarenessIdReserveMs);
  const configuredFeedbackSecret = options.feedbackSecret ?? process.env.SAMRAD_FEEDBACK_SECRET;
  let storedFeedbackSecret: Promise<string> | undefined;
  const feedbackKey = (): Promise<string> => (configuredFeedbackSecret ? Promise.resolve(configuredFeedbackSecret) : (storedFeedbackSecret ??= store.storedKey('feedback-answered').catch((error: Error) => {
    storedFeedbackSecret = undefined;
    throw error;
  })));
  const docContext = { store, fanout, metrics, log, compactAfterUpdates: options.compactAfterUpdates ?? 500, reservations, feedbackKey, levelModels: profile.levelModels };
  let closing = false;

  /** The loaded document, loading it (or waiting for its unload to finish) as needed. */
  function openDocument(name: string, audience: Audience): Promise<SharedDocument> {
    const pending = loading.get(name);
    if (pending) return pending;
    const existing = docs.get(name);
    if (existing && !existing.unloading) {
      if (existing.idleTimer) clearTimeout(existing.idleTimer);
      existing.idleTimer = null;
      return Promise.resolve(existing);
    }
    const promise = (async () => {
      if (existing?.unloading) await existing.unloading;
      const doc = new SharedDocument(name, audience, docContext);
      try {
        await doc.load();
      } catch (error) {
        await fanout?.unsubscribe(name);
        doc.destroy();
        log.error({ doc: name, err: (error as Error).message }, 'loading a document failed');
        throw error;
      }
      docs.set(name, doc);
      metrics.documentsLoaded = docs.size;
      if (consentGate && audience.kind === 'shared') watchConsents(doc);
      if (audience.kind === 'shared') notices?.watch(parseDocName(name)!.caseId, doc.doc);
      return doc;
    })();
    loading.set(name, promise);
    const done = () => { if (loading.get(name) === promise) loading.delete(name); };
    promise.then(done, done);
    return promise;
  }

  function scheduleUnload(doc: SharedDocument): void {
    if (doc.peers.size > 0 || doc.unloading || closing) return;
    // A case's shared document stays loaded while gated connections depend on its consents.
    const caseId = doc.scope === 'shared' ? parseDocName(doc.name)?.caseId : undefined;
    if (caseId !== undefined && (gated.get(caseId)?.size ?? 0) > 0) return;
    if (doc.idleTimer) clearTimeout(doc.idleTimer);
    doc.idleTimer = setTimeout(() => {
      doc.idleTimer = null;
      if (doc.peers.size > 0 || doc.unloading) return;
      doc.unloading = unload(doc);
    }, idleUnloadMs);
  }

  async function unload(doc: SharedDocument): Promise<void> {
    await doc.enqueue(() => doc.compact()).catch((error: Error) => log.error({ doc: doc.name, err: error.message }, 'compaction failed'));
    await fanout?.unsubscribe(doc.name);
    doc.destroy();
    if (docs.get(doc.name) === doc) docs.delete(doc.name);
    metrics.documentsLoaded = docs.size;
    log.debug({ doc: doc.name }, 'unloaded');
  }

  /**
   * Opens a gated connection's document: first the case's shared document, whose consents
   * decide; refused before anything is sent when no consent covers the user's service.
   */
  async function openGated(name: string, audience: Audience, caseId: string, user: AuthUser): Promise<SharedDocument> {
    const shared = await openDocument(sharedDocName(caseId), { kind: 'shared' });
    const refusal = consentRefusal(shared.doc, user);
    if (refusal) {
      metrics.refused(refusal.reason);
      store.audit({ event: 'refused', sub: user.id, role: user.role, doc: name, detail: refusal.reason })
        .catch((error: Error) => log.error({ err: error.message }, 'audit write failed'));
      throw new RefusedError(refusal);
    }
    return audience.kind === 'shared' ? shared : openDocument(name, audience);
  }

  /** Closes the gated connections of a case whose consent no longer covers them. */
  function recheckConsent(caseId: string): void {
    const shared = docs.get(sharedDocName(caseId));
    if (!shared) return;
    for (const c of gated.get(caseId) ?? []) {
      const refusal = consentRefusal(shared.doc, c.user);
      if (refusal) {
        metrics.refused(refusal.reason);
        c.close(refusal);
      }
    }
  }

  /**
   * The consent gate for a request that is not a connection (e.g. `POST /audit`): the same
   * rule as at connect, from the case's shared document.
   */
  async function clientConsentRefusal(caseId: string, user: AuthUser): Promise<Refusal | null> {
    if (!consentGate || !isGated(user)) return null;
    const shared = await openDocument(sharedDocName(caseId), { kind: 'shared' });
    try {
      return consentRefusal(shared.doc, user);
    } finally {
      scheduleUnload(shared);
    }
  }

  /** The meetings of a case, from its shared document (loaded for the moment when it is not). */
  async function meetingIds(caseId: string): Promise<string[]> {
    const shared = await openDocument(sharedDocName(caseId), { kind: 'shared' });
    try {
      return readSnapshot(shared.doc).meetings.map((m) => m.id);
    } finally {
      scheduleUnload(shared);
    }
  }

  /** A withdrawal (or an anonymity change) takes effect the moment it is applied here. */
  function watchConsents(doc: SharedDocument): void {
    const caseId = parseDocName(doc.name)?.caseId;
    if (caseId === undefined) return;
    const recheck = () => { if (gated.has(caseId)) recheckConsent(caseId); };
    doc.doc.getMap(SHARED_ROOTS.consents).observeDeep(recheck);
    doc.doc.getMap(SHARED_ROOTS.case).observe(recheck);
  }

  /** Authentication and authorisation of a connection, from the upgrade request alone. */
  async function admit(req: IncomingMessage): Promise<{ ok: true; name: string; audience: Audience; grant: Grant; access: 'read' | 'write' } | { ok: false; refusal: Refusal; grant?: Grant; name?: string }> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let name: string;
    try {
      // y-websocket appends "/<room>": the room may arrive URL-encoded (case%2F1) or with plain slashes.
      name = decodeURIComponent(url.pathname.slice(SYNC_PATH.length + 1));
    } catch {
      return { ok: false, refusal: { code: CloseCode.badRequest, reason: 'bad-document-name' } };
    }
    const verified = await verifier.verify(url.searchParams.get('token'));
    if (!verified.ok) return { ok: false, refusal: verified.refusal, name };
    const { grant } = verified;
    const parsed = parseDocName(name);
    if (!parsed) return { ok: false, refusal: { code: CloseCode.badRequest, reason: 'bad-document-name' }, grant };
    if (!grant.cases.has(parsed.caseId)) return { ok: false, refusal: { code: CloseCode.forbidden, reason: 'case-not-in-token' }, grant, name };
    // Who receives which document is decided here, from its name: audiences.ts has the table.
    const access = audienceAccess(grant.user, parsed.audience);
    if (access === 'none') return { ok: false, refusal: { code: CloseCode.forbidden, reason: 'scope-not-allowed' }, grant, name };
    if ((perUser.get(grant.user.id) ?? 0) >= limits.maxConnectionsPerUser) {
      return { ok: false, refusal: { code: CloseCode.tooMany, reason: 'too-many-connections' }, grant, name };
    }
    return { ok: true, name, audience: parsed.audience, grant, access };
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes * 2, perMessageDeflate: false });
  const http = createServer(createHttpHandler({
    metrics, store, verifier, instance, staticDir: options.staticDir,
    demoSecret: options.demoTokens ? auth.secret : undefined,
    auditLimiter: new KeyedRateLimiter(limits.auditPerMinute / 60, limits.auditBurst),
    consentRefusal: clientConsentRefusal,
    health: () => ({ documents: docs.size, connections: connections.size, store: store.kind, redis: !!fanout }),
    feedbackKey,
    meetingIds,
    profile,
  }));

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!path.startsWith(SYNC_PATH + '/')) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"error":"not found"}');
      return;
    }
    if (closing) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"error":"server-restarting"}');
      return;
    }
    void admit(req).then((result) => {
      wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
        if (!result.ok) {
          // Refused before any document is loaded; the client reads code and reason from the close event.
          metrics.refused(result.refusal.reason);
          metrics.closed(result.refusal.code);
          log.info({ sub: result.grant?.user.id, role: result.grant?.user.role, code: result.refusal.code, reason: result.refusal.reason }, 'connection refused');
          store.audit({ event: 'refused', sub: result.grant?.user.id, role: result.grant?.user.role, doc: result.name?.slice(0, 300), detail: result.refusal.reason })
            .catch((error: Error) => log.error({ err: error.message }, 'audit write failed'));
          ws.close(result.refusal.code, clampReason(result.refusal.reason));
          return;
        }
        accept(ws, result.name, result.audience, result.grant, result.access);
      });
    });
  });

  function accept(ws: WebSocket, name: string, audience: Audience, grant: Grant, access: 'read' | 'write'): void {
    const { user } = grant;
    perUser.set(user.id, (perUser.get(user.id) ?? 0) + 1);
    metrics.connections += 1;
    const caseId = parseDocName(name)!.caseId;
    const isUnderGate = consentGate && isGated(user);
    const docReady = isUnderGate ? openGated(name, audience, caseId, user) : openDocument(name, audience);
    const conn = new Connection(ws, user, access, docReady, grant.expiresAt, limits, metrics, log.child({ doc: name }), (c, doc, code) => {
      connections.delete(c);
      if (isUnderGate) {
        const set = gated.get(caseId);
        set?.delete(c);
        if (set?.size === 0) gated.delete(caseId);
        const shared = docs.get(sharedDocName(caseId));
        if (shared && shared !== doc) scheduleUnload(shared);
      }
      metrics.connections -= 1;
      const n = (perUser.get(user.id) ?? 1) - 1;
      if (n <= 0) perUser.delete(user.id);
      else perUser.set(user.id, n);
      store.audit({ event: 'disconnect', sub: user.id, role: user.role, doc: name, detail: String(code) }).catch(() => {});
      log.info({ doc: name, sub: user.id, role: user.role, code }, 'disconnected');
      if (doc) scheduleUnload(doc);
    });
    connections.add(conn);
    if (isUnderGate) gated.set(caseId, (gated.get(caseId) ?? new Set()).add(conn));
    // An opening is recorded once the document is open to this connection: a connection the
    // consent gate refuses never had it, and its line is `refused` instead. Name and service
    // go with it, for the family's view of who opened their case (GET /access-log).
    docReady.then(
      () => store.audit({ event: 'connect', sub: user.id, role: user.role, name: user.name, service: user.service, doc: name, detail: access }).catch((error: Error) => log.error({ err: error.message }, 'audit write failed')),
      () => {},
    );
    log.info({ doc: name, sub: user.id, role: user.role, access }, 'connected');
  }

  const pingTimer = setInterval(() => {
    for (const c of connections) c.ping();
    // Consents also end by date (valid to); the keepalive tick notices.
    for (const caseId of gated.keys()) recheckConsent(caseId);
    reservations.prune();
  }, options.pingIntervalMs ?? 30_000);
  const presenceTimeoutMs = options.presenceTimeoutMs ?? 4000;
  const presenceTimer = setInterval(() => {
    const now = Date.now();
    for (const c of connections) c.checkPresence(now, presenceTimeoutMs);
  }, Math.min(1000, Math.max(100, presenceTimeoutMs / 4)));
  const compactTimer = setInterval(() => {
    for (const doc of docs.values()) {
      if (doc.hasUncompacted() && !doc.unloading) {
        void doc.enqueue(() => doc.compact()).catch((error: Error) => log.error({ doc: doc.name, err: error.message }, 'compaction failed'));
      }
    }
  }, options.compactIntervalMs ?? 300_000);
  fanout?.onReconnect(() => {
    // Updates published while Redis was away were stored: read them back and relay them to
    // this instance's clients, and ask the other instances to do the same, because what this
    // instance published meanwhile may never have reached them.
    for (const doc of docs.values()) {
      if (doc.unloading) continue;
      void doc.enqueue(() => doc.resyncFromStorage()).catch((error: Error) => log.error({ doc: doc.name, err: error.message }, 'resync from storage failed'));
      fanout?.publish(doc.name, { kind: 'resync' });
    }
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 1234, options.host ?? '127.0.0.1', () => { http.off('error', reject); resolve(); });
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
  log.info({ port, store: store.kind, redis: !!fanout }, 'samrad server listening');
  notices?.start();

  let closed: Promise<void> | null = null;
  return {
    port,
    url: `ws://${host}:${port}${SYNC_PATH}`,
    httpUrl: `http://${host}:${port}`,
    instance,
    store,
    metrics,
    profile,
    notices,
    close() {
      closed ??= (async () => {
        closing = true;
        clearInterval(pingTimer);
        clearInterval(presenceTimer);
        clearInterval(compactTimer);
        const open = [...connections];
        for (const c of open) c.close({ code: CloseCode.serverRestarting, reason: 'server-restarting' });
        await Promise.allSettled([...loading.values(), ...open.map((c) => c.drained())]);
        // Every accepted update is already committed; wait for the queues, then merge and unload.
        await Promise.allSettled([...docs.values()].map((d) => {
          if (d.idleTimer) clearTimeout(d.idleTimer);
          return d.unloading ?? (d.unloading = unload(d));
        }));
        wss.close();
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
        await notices?.close();
        await fanout?.close();
        await store.close();
        log.info('samrad server stopped');
      })();
      return closed;
    },
  };
}
