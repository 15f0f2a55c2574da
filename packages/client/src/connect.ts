/**
 * Opening a case: one Y.Doc per scope (`case/<id>`, and `case/<id>/restricted` for
 * professionals), each on the stock y-websocket provider, with an optional IndexedDB
 * cache so edits made offline survive a reload, a count of local changes the server has
 * not got yet, refusals mapped to reasons, and a fresh token on every reconnect.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { audienceDocName, audienceKey, parseDocName, type Audience } from '@samrad/model';
import { Store, type Observable } from './observable.js';
import { clearOfflineCache, clearOtherUsersOfflineData, offlineCacheName, trackCache } from './offline.js';
import { decodeTokenClaims } from './token.js';

export type ConnectionStateName = 'connecting' | 'live' | 'offline' | 'refused';

/** Why the server refused, from its close code (see docs/server.md). */
export type RefusalReason = 'unauthorized' | 'forbidden' | 'bad-request' | 'too-large' | 'update-rejected' | 'too-many' | 'refused';

export interface ConnectionStatus {
  state: ConnectionStateName;
  /** Local changes made since the last completed sync with the server. */
  unsynced: number;
  /** Set when `state` is `refused`. */
  reason?: RefusalReason;
  /** The server's close code and its reason word, when refused. */
  code?: number;
  detail?: string;
  /**
   * Set while `offline` when the next attempt to reconnect is scheduled or under way (the
   * server could not be reached, or the connection dropped). Absent when the browser says
   * it has no network, or after `disconnect()`: nothing is tried until that changes.
   */
  retrying?: true;
}

export interface ConnectOptions {
  /** Server base URL, `ws(s)://host:port` (the `/sync` path is added) or already ending in `/sync`. */
  server: string;
  caseId: string;
  /** The signed token from the host's login. */
  token: string;
  /**
   * Called for a fresh token before every reconnect attempt (e.g. the host's silent
   * refresh). One call serves every document of the case in that attempt.
   */
  getToken?: () => string | Promise<string>;
  /** Also open the professionals-only document. Only for roles the server lets read it. */
  restricted?: boolean;
  /**
   * Keep a local copy of the case's shared document in IndexedDB (browsers only), per user
   * and case, so edits made offline survive a reload. Default: 'indexeddb' where IndexedDB
   * exists. Opening a case deletes the copies of every other user on this device; a
   * refusal with 4401 or 4403 deletes the copy of that document; `clearOfflineData()`
   * deletes them all (call it on sign-out).
   */
  offline?: 'indexeddb' | false;
  /**
   * Also keep the professionals-only document in the offline cache. Default false: it is
   * never stored on the device, nor is any other audience document (a service's own, a
   * withheld one, a person's private drafts).
   */
  offlineRestricted?: boolean;
  /**
   * Open the case's other audience documents too (a service's own, the ones withheld from
   * named services, the user's private drafts, the ones kept from one person): those the
   * server lists for this user at `GET /documents/<case>`, asked again on every reconnect
   * and every `audienceRefreshMs`, and any a command asks for. Default true.
   */
  audiences?: boolean;
  /** How often to ask the server for audience documents that appeared, ms. Default 60,000. */
  audienceRefreshMs?: number;
  /** A WebSocket implementation where there is no global one (Node 20: the `ws` package). */
  WebSocketPolyfill?: unknown;
  /**
   * Longest wait between reconnect attempts, ms. Default 2500. Attempts back off
   * exponentially from 250 ms (with jitter, so a server restart is not met by every
   * client at once), on one schedule for every document of the case, and start again from
   * the shortest wait once a document has synced.
   */
  maxBackoffTime?: number;
}

/** An audience document the connection has open (see audiences.ts in @samrad/model). */
export interface AudienceDocument {
  audience: Audience;
  /** `audienceKey(audience)`: `service/skole`, `private/<sub>`, … */
  key: string;
  doc: Y.Doc;
}

export interface CaseConnection {
  doc: Y.Doc;
  restrictedDoc?: Y.Doc;
  /** The audience documents open now. */
  audiences(): AudienceDocument[];
  /** Calls `fn` for every audience document opened from now on. Returns an unsubscribe function. */
  onAudience(fn: (opened: AudienceDocument) => void): () => void;
  /**
   * Opens (or returns) the document of an audience, for a command that writes to it — pass
   * it to the model as `openAudience`. The server refuses it if this user may not have it.
   */
  openAudience(audience: Audience): Y.Doc;
  status: Observable<ConnectionStatus>;
  /** Presence of the shared document's connection. */
  awareness: Awareness;
  /** Resolves once the first sync finished (live) or the server refused. */
  ready: Promise<ConnectionStatus>;
  /**
   * Resolves once the offline cache has opened and holds everything edited so far (at once
   * without a cache). Until then an edit is in memory only: closing first could lose it.
   */
  cacheReady: Promise<void>;
  /** Closes the connection; with `clearCache`, also deletes the local IndexedDB copy. */
  destroy(options?: { clearCache?: boolean }): Promise<void>;
  /** Reconnect attempts made on the case's shared schedule so far (each serves every document). */
  reconnectAttempts(): number;
  /** Drops the connection without destroying anything (for tests and "work offline"). */
  disconnect(): void;
  /** Reconnects after `disconnect()`. */
  connect(): void;
}

const REASONS: Record<number, RefusalReason> = {
  4400: 'bad-request',
  4401: 'unauthorized',
  4403: 'forbidden',
  4413: 'too-large',
  4422: 'update-rejected',
  4429: 'too-many',
};

/** 4400–4499 mirror HTTP 4xx: reconnecting will not help. */
const isRefusal = (code: number) => code >= 4400 && code < 4500;

export function syncUrl(server: string): string {
  const base = server.replace(/\/+$/, '');
  if (!/^wss?:\/\//.test(base)) throw new Error(`connectCase: "server" must start with ws:// or wss:// (got "${server}")`);
  return base.endsWith('/sync') ? base : `${base}/sync`;
}

interface Channel {
  doc: Y.Doc;
  provider: WebsocketProvider;
  persistence: IndexeddbPersistence | undefined;
  status: Store<ConnectionStatus>;
  /** Dials again now (the shared schedule decided it is time), with the current token. */
  reconnect(): void;
  /** Drops the connection on purpose (no network, or the host asked): no retry until `reconnect`. */
  pause(): void;
  dispose(): void;
}

/** Shortest wait before a reconnect attempt, ms; doubles with every attempt that fails. */
const FIRST_BACKOFF_MS = 250;
/** How long a reconnect attempt waits for `getToken` before it dials with the old token. */
const GET_TOKEN_TIMEOUT_MS = 10_000;

/**
 * One reconnect schedule for every document of a case. A case has several connections
 * (shared, restricted, one per audience document); when the network or the server goes
 * away they all drop at once, and each retrying on its own would multiply the attempts
 * and the token requests. Channels that dropped ask to be reconnected; one timer, with
 * exponential backoff and jitter, capped at `maxBackoffTime`, dials them all again, after
 * one `getToken` call for all of them. A sync resets the backoff.
 */
class ReconnectSchedule {
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly waiting = new Set<Channel>();
  private inFlight = false;
  /** Why nothing is tried now: the browser reports no network, or the host disconnected. */
  private readonly holds = new Set<'network' | 'manual' | 'stopped'>();
  /** Attempts made (rounds), for tests and diagnostics. */
  attempts = 0;

  constructor(
    private readonly maxBackoffTime: number,
    private readonly getToken: (() => string | Promise<string>) | undefined,
    private readonly tokenRef: { value: string },
  ) {}

  /** A channel dropped and wants to reconnect on the shared schedule. */
  request(channel: Channel): void {
    this.waiting.add(channel);
    this.schedule();
  }

  /** A channel no longer wants to reconnect (refused, disposed, disconnected on purpose). */
  cancel(channel: Channel): void {
    this.waiting.delete(channel);
  }

  /** A channel synced: the server is back, so the next drop starts from the shortest wait. */
  succeeded(): void {
    this.failures = 0;
  }

  hold(why: 'network' | 'manual' | 'stopped'): void {
    this.holds.add(why);
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  release(why: 'network' | 'manual'): boolean {
    this.holds.delete(why);
    this.failures = 0;
    return this.holds.size === 0;
  }

  get held(): boolean {
    return this.holds.size > 0;
  }

  /** The wait before the next attempt: exponential, capped, with "equal jitter" (half fixed, half random). */
  nextDelay(): number {
    const full = Math.min(this.maxBackoffTime, FIRST_BACKOFF_MS * 2 ** this.failures);
    return full / 2 + Math.random() * (full / 2);
  }

  private schedule(): void {
    if (this.timer !== undefined || this.inFlight || this.held || this.waiting.size === 0) return;
    this.timer = setTimeout(() => void this.fire(), this.nextDelay());
  }

  private async fire(): Promise<void> {
    this.timer = undefined;
    if (this.held || this.waiting.size === 0) return;
    this.inFlight = true;
    this.failures++;
    this.attempts++;
    if (this.getToken) {
      const getToken = this.getToken;
      let timeout: ReturnType<typeof setTimeout> | undefined;
      try {
        this.tokenRef.value = await Promise.race([
          Promise.resolve().then(getToken),
          new Promise<never>((_, reject) => { timeout = setTimeout(() => reject(new Error('getToken timed out')), GET_TOKEN_TIMEOUT_MS); }),
        ]);
      } catch { /* keep the old token; the server will say if it is refused */ }
      clearTimeout(timeout);
    }
    this.inFlight = false;
    if (this.held) return;
    // Every channel waiting now goes in this attempt, also those that dropped meanwhile.
    const channels = [...this.waiting];
    this.waiting.clear();
    for (const c of channels) c.reconnect();
    this.schedule();
  }
}

/** Opens one document over one provider and keeps its status; `cacheName` when it may be kept on the device. */
function openChannel(room: string, doc: Y.Doc, options: ConnectOptions, tokenRef: { value: string }, cacheName: string | undefined, schedule: ReconnectSchedule): Channel {
  const status = new Store<ConnectionStatus>({ state: 'connecting', unsynced: 0 });
  const persistence = cacheName ? new IndexeddbPersistence(cacheName, doc) : undefined;
  const untrack = cacheName && persistence
    ? trackCache(cacheName, async () => {
      // Cleared from elsewhere (sign-out): stop keeping a copy; the connection stays.
      if (channel.persistence === persistence) channel.persistence = undefined;
      await persistence.destroy();
    })
    : undefined;
  let everConnected = false;
  // After the first attempt ended without success we say "offline", not "connecting".
  let attempted = false;
  let tokenRetries = 0;
  let stopped = false;

  // Decided once per close event: we ask first (to fetch a token), the provider asks after.
  const decisions = new WeakMap<CloseEvent, boolean>();
  const shouldReconnect = (event: CloseEvent) => {
    const known = decisions.get(event);
    if (known !== undefined) return known;
    // An expired token is worth one retry with a fresh token when the host can give us one.
    const retry = !isRefusal(event.code) || (event.code === 4401 && !!options.getToken && tokenRetries < 1);
    decisions.set(event, retry);
    return retry;
  };

  const provider = new WebsocketProvider(syncUrl(options.server), room, doc, {
    params: { token: tokenRef.value },
    // The provider's BroadcastChannel would sync tabs without the server's role checks.
    disableBc: true,
    maxBackoffTime: options.maxBackoffTime ?? 2500,
    shouldReconnect,
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill as typeof WebSocket } : {}),
  });

  const update = (patch: Partial<Omit<ConnectionStatus, 'retrying'>> & { retrying?: boolean }) => {
    const next = { ...status.get(), ...patch } as ConnectionStatus;
    if (next.state !== 'refused') { delete next.reason; delete next.code; delete next.detail; }
    if (next.state !== 'offline' || !next.retrying) delete next.retrying;
    status.set(next);
  };

  const onStatus = ({ status: s }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
    if (status.get().state === 'refused') return;
    if (s === 'connected') everConnected = true;
    // Before the first success we are "connecting"; after a drop we are "offline" while retrying.
    if (s === 'disconnected' || (s === 'connecting' && (everConnected || attempted))) update({ state: 'offline' });
  };
  const onSync = (synced: boolean) => {
    if (!synced || status.get().state === 'refused') return;
    tokenRetries = 0;
    schedule.succeeded();
    // Answering the server's sync step 1 has sent everything it lacked.
    update({ state: 'live', unsynced: 0 });
  };
  const onConnectionClose = (event: CloseEvent | null) => {
    if (stopped) return;
    attempted = true;
    if (status.get().state !== 'refused') update({ state: 'offline' });
    if (event && !shouldReconnect(event)) return; // the provider emits `closed` next
    // Closed on purpose (`disconnect()`, the browser went offline): wait to be told.
    if (!event && !provider.shouldConnect) return;
    if (event?.code === 4401) tokenRetries++;
    // The provider's own retry timer is per document; the case's schedule dials instead.
    provider.shouldConnect = false;
    update({ state: 'offline', retrying: true });
    schedule.request(channel);
  };
  const onClosed = (event: { code: number; reason: string }) => {
    schedule.cancel(channel);
    update({ state: 'refused', reason: REASONS[event.code] ?? 'refused', code: event.code, detail: event.reason });
    // No access to this document any more (signed out, token no longer valid, consent
    // withdrawn): keep no copy on this device.
    if ((event.code === 4401 || event.code === 4403) && cacheName) void clearOfflineCache(cacheName);
  };
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === provider || (persistence && origin === persistence)) return;
    // Edits while live go out at once; others wait for the next sync.
    if (status.get().state !== 'live' || !provider.wsconnected) update({ unsynced: status.get().unsynced + 1 });
  };
  provider.on('status', onStatus);
  provider.on('sync', onSync);
  provider.on('connection-close', onConnectionClose);
  provider.on('closed', onClosed);
  doc.on('update', onUpdate);

  const channel: Channel = {
    doc,
    provider,
    persistence,
    status,
    reconnect: () => {
      if (stopped || status.get().state === 'refused') return;
      provider.params = { ...provider.params, token: tokenRef.value };
      provider.connect();
    },
    pause: () => {
      schedule.cancel(channel);
      if (status.get().state === 'refused') return;
      provider.disconnect();
      update({ state: 'offline', retrying: false });
    },
    dispose: () => {
      stopped = true;
      schedule.cancel(channel);
      doc.off('update', onUpdate);
      provider.destroy();
      untrack?.();
    },
  };
  return channel;
}

/** Combines the shared and restricted channels into what people see; audience channels add their unsent changes. */
function combine(shared: ConnectionStatus, restricted: ConnectionStatus | undefined, others: readonly Channel[]): ConnectionStatus {
  const unsynced = shared.unsynced + (restricted?.unsynced ?? 0) + others.reduce((n, c) => n + c.status.get().unsynced, 0);
  if (!restricted || restricted.state === 'refused' || shared.state !== 'live') return { ...shared, unsynced };
  return { ...restricted, unsynced };
}

/** `ws(s)://host/sync` → `http(s)://host`, for the server's HTTP routes. */
function httpBase(server: string): string {
  return syncUrl(server).replace(/^ws/, 'http').replace(/\/sync$/, '');
}

/**
 * Opens a case on a Samråd server. The returned docs are live as soon as the server
 * has synced them; edits made before that (or while offline) are sent on the next sync.
 */
export function connectCase(options: ConnectOptions): CaseConnection {
  if (!options.caseId) throw new Error('connectCase: "caseId" is required');
  if (!options.token) throw new Error('connectCase: "token" is required');
  const tokenRef = { value: options.token };
  const room = `case/${options.caseId}`;
  // The cache is per user: without a readable user id in the token, nothing is kept.
  let userId: string | undefined;
  try {
    userId = decodeTokenClaims(options.token).sub;
  } catch { /* the server will refuse the token; keep nothing */ }
  const useCache = (options.offline ?? 'indexeddb') === 'indexeddb' && typeof indexedDB !== 'undefined' && userId !== undefined;
  // Someone else signed in on this device: their copies go.
  if (useCache) void clearOtherUsersOfflineData(userId!);
  const schedule = new ReconnectSchedule(options.maxBackoffTime ?? 2500, options.getToken, tokenRef);
  const shared = openChannel(room, new Y.Doc(), options, tokenRef, useCache ? offlineCacheName(userId!, room) : undefined, schedule);
  const restricted = options.restricted
    ? openChannel(`${room}/restricted`, new Y.Doc(), options, tokenRef, useCache && options.offlineRestricted ? offlineCacheName(userId!, `${room}/restricted`) : undefined, schedule)
    : undefined;
  // Presence travels on the shared document only.
  restricted?.provider.awareness.setLocalState(null);

  const audienceChannels = new Map<string, { channel: Channel; opened: AudienceDocument }>();
  const audienceListeners = new Set<(opened: AudienceDocument) => void>();
  const status = new Store<ConnectionStatus>(combine(shared.status.get(), restricted?.status.get(), []));
  const recompute = () => status.set(combine(shared.status.get(), restricted?.status.get(), [...audienceChannels.values()].map((a) => a.channel)));
  shared.status.subscribe(recompute);
  restricted?.status.subscribe(recompute);

  let destroyed = false;
  const openAudience = (audience: Audience): Y.Doc => {
    const key = audienceKey(audience);
    const known = audienceChannels.get(key);
    if (known) return known.channel.doc;
    // Never in the offline cache unless the host allows it, as for the restricted document.
    const name = audienceDocName(options.caseId, audience);
    const channel = openChannel(name, new Y.Doc(), options, tokenRef, useCache && options.offlineRestricted ? offlineCacheName(userId!, name) : undefined, schedule);
    if (schedule.held) channel.pause();
    channel.provider.awareness.setLocalState(null);
    const opened: AudienceDocument = { audience, key, doc: channel.doc };
    audienceChannels.set(key, { channel, opened });
    channel.status.subscribe(recompute);
    for (const fn of [...audienceListeners]) fn(opened);
    return channel.doc;
  };

  /** Asks the server which audience documents this user may open, and opens those not open yet. */
  const discover = async () => {
    if (destroyed || options.audiences === false || typeof fetch === 'undefined') return;
    try {
      const res = await fetch(`${httpBase(options.server)}/documents/${encodeURIComponent(options.caseId)}`, { headers: { authorization: `Bearer ${tokenRef.value}` } });
      if (!res.ok || destroyed) return;
      const body = await res.json() as { documents?: Array<{ name: string }> };
      for (const { name } of body.documents ?? []) {
        const parsed = parseDocName(name);
        if (parsed && parsed.caseId === options.caseId && parsed.scope !== 'shared' && parsed.scope !== 'restricted') openAudience(parsed.audience);
      }
    } catch { /* offline or refused: the next reconnect asks again */ }
  };
  let refresh: ReturnType<typeof setInterval> | undefined;
  if (options.audiences !== false) {
    // On every (re)connection, and now and then: a colleague may have written a new one.
    shared.status.subscribe((s) => { if (s.state === 'live') void discover(); });
    refresh = setInterval(() => { if (shared.status.get().state === 'live') void discover(); }, options.audienceRefreshMs ?? 60_000);
    (refresh as { unref?: () => void }).unref?.();
  }
  const allChannels = () => [shared, restricted, ...[...audienceChannels.values()].map((a) => a.channel)].filter((c): c is Channel => !!c);

  // The browser's offline event does not close an open websocket (Chromium's offline mode
  // holds its frames), so drop every connection ourselves, try nothing while there is no
  // network, and dial again when it is back.
  const onBrowserOffline = () => {
    schedule.hold('network');
    for (const c of allChannels()) c.pause();
  };
  const onBrowserOnline = () => {
    if (schedule.release('network')) for (const c of allChannels()) schedule.request(c);
  };
  globalThis.addEventListener?.('offline', onBrowserOffline);
  globalThis.addEventListener?.('online', onBrowserOnline);

  const ready = new Promise<ConnectionStatus>((resolve) => {
    const check = (s: ConnectionStatus) => {
      if (s.state === 'live' || s.state === 'refused') { resolve(s); return true; }
      return false;
    };
    if (check(status.get())) return;
    const off = status.subscribe((s) => { if (check(s)) off(); });
  });

  return {
    doc: shared.doc,
    ...(restricted ? { restrictedDoc: restricted.doc } : {}),
    audiences: () => [...audienceChannels.values()].map((a) => a.opened),
    onAudience: (fn) => {
      audienceListeners.add(fn);
      return () => audienceListeners.delete(fn);
    },
    openAudience,
    status,
    awareness: shared.provider.awareness,
    ready,
    // y-indexeddb writes each update once its database is open; what came before is written
    // with its first full state, which `whenSynced` waits for.
    cacheReady: Promise.all(allChannels().map((c) => c.persistence?.whenSynced)).then(() => undefined),
    reconnectAttempts: () => schedule.attempts,
    disconnect: () => {
      schedule.hold('manual');
      for (const c of allChannels()) c.pause();
    },
    connect: () => {
      if (schedule.release('manual')) for (const c of allChannels()) c.reconnect();
    },
    destroy: async ({ clearCache = false } = {}) => {
      destroyed = true;
      schedule.hold('stopped');
      globalThis.removeEventListener?.('offline', onBrowserOffline);
      globalThis.removeEventListener?.('online', onBrowserOnline);
      clearInterval(refresh);
      audienceListeners.clear();
      for (const c of allChannels()) {
        const cache = c.persistence;
        c.dispose();
        if (cache) {
          if (clearCache) await cache.clearData();
          else await cache.destroy();
        }
        c.doc.destroy();
      }
    },
  };
}
