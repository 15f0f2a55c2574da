/**
 * One live document on this instance: the Y.Doc, its awareness, the connections that
 * have it open, and a queue that runs its incoming updates one at a time, so each is
 * authorised against the state it will be applied to, and stored before it is relayed.
 */
import { authorizeUpdate, LAYOUT_VERSION, migrateLayout, RESTRICTED_ROOTS, SHARED_ROOTS, type AuthUser, type Scope } from '@samrad/model';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from 'pino';
import { CloseCode, type Refusal } from './close-codes.js';
import type { FanoutMessage, RedisFanout } from './fanout.js';
import type { Metrics } from './metrics.js';
import { encodeAwareness, encodeUpdate, isNoopUpdate, validateUpdate } from './protocol.js';
import type { Store } from './store/index.js';

/** What the document needs to know about a connection. */
export interface Peer {
  readonly user: AuthUser;
  readonly access: 'read' | 'write';
  /** Awareness client ids this connection speaks for. */
  readonly awarenessIds: Set<number>;
  send(message: Uint8Array): void;
  isOpen(): boolean;
}

/** Transaction origins that are not a local connection. */
const FROM_STORAGE = Symbol('storage');
const FROM_REMOTE = Symbol('remote');
/** Origin of the server's own layout migration: stored and relayed like a client's update, but never authorised as one. */
const FROM_MIGRATION = Symbol('migration');

export interface DocumentContext {
  store: Store;
  fanout: RedisFanout | null;
  metrics: Metrics;
  log: Logger;
  /** Stored updates after which the document is compacted while loaded. */
  compactAfterUpdates: number;
}

export class SharedDocument {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<Peer>();
  /** Set while the document unloads; a new connection waits for it and loads afresh. */
  unloading: Promise<void> | null = null;
  idleTimer: NodeJS.Timeout | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private storedSinceCompaction = 0;

  constructor(readonly name: string, readonly scope: Scope, private readonly ctx: DocumentContext) {
    // Declare every root as the Y.Map the layout says it is, before any update arrives.
    // Otherwise roots stay untyped, and authorizeUpdate cannot see what an update changes in them.
    for (const root of Object.values(scope === 'shared' ? SHARED_ROOTS : RESTRICTED_ROOTS)) this.doc.getMap(root);
    // The server itself has no presence.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.relayUpdate(update, origin));
    this.awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) =>
      this.relayAwareness([...change.added, ...change.updated, ...change.removed], origin));
    if (scope === 'shared') this.watchFinalisation();
  }

  /** Runs `work` after everything queued before it on this document. */
  enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => {});
    return next;
  }

  /** Subscribes to other instances first, then reads storage, so no update falls in between. */
  async load(): Promise<void> {
    await this.ctx.fanout?.subscribe(this.name, (m) => this.onRemote(m));
    await this.reloadFromStorage();
    this.ctx.fanout?.publish(this.name, { kind: 'query-awareness' });
  }

  /**
   * Re-reads storage after this instance may have missed other instances' messages (Redis
   * was unreachable), and relays what was missing to the local clients — not to Redis:
   * the other instances stored it themselves.
   */
  async resyncFromStorage(): Promise<void> {
    const updates = await this.ctx.metrics.timeStorage(() => this.ctx.store.load(this.name));
    // One transaction: local clients get what they missed as a single update.
    this.doc.transact(() => {
      for (const u of updates) {
        try {
          Y.applyUpdate(this.doc, u, FROM_REMOTE);
        } catch (error) {
          this.ctx.log.error({ doc: this.name, err: (error as Error).message }, 'skipped a stored update that does not apply');
        }
      }
    }, FROM_REMOTE);
  }

  async reloadFromStorage(): Promise<void> {
    const updates = await this.ctx.metrics.timeStorage(() => this.ctx.store.load(this.name));
    this.storedSinceCompaction = Math.max(this.storedSinceCompaction, updates.length - 1);
    for (const u of updates) {
      try {
        Y.applyUpdate(this.doc, u, FROM_STORAGE);
      } catch (error) {
        this.ctx.log.error({ doc: this.name, err: (error as Error).message }, 'skipped a stored update that does not apply');
      }
    }
    if (this.scope === 'shared') await this.migrateLayout();
  }

  /**
   * Brings a shared document written by an older layout up to date (`migrateLayout`):
   * the change is worked out on a copy, stored, then applied, so it is relayed to clients
   * and other instances like any accepted update — but as the server's own, not checked
   * against any client's role.
   */
  private async migrateLayout(): Promise<void> {
    const version = this.doc.getMap(SHARED_ROOTS.case).get('schemaVersion');
    if (typeof version === 'number' && version >= LAYOUT_VERSION) return; // the common case: nothing to copy
    const copy = new Y.Doc({ gc: true });
    try {
      for (const root of Object.values(SHARED_ROOTS)) copy.getMap(root);
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
      if (!migrateLayout(copy, FROM_MIGRATION)) return;
      const update = Y.encodeStateAsUpdate(copy, Y.encodeStateVector(this.doc));
      await this.ctx.metrics.timeStorage(() =>
        this.ctx.store.append(this.name, update, { event: 'layout-migrated', doc: this.name, bytes: update.byteLength, detail: `layout-${LAYOUT_VERSION}` }));
      this.storedSinceCompaction += 1;
      Y.applyUpdate(this.doc, update, FROM_MIGRATION);
      this.ctx.log.info({ doc: this.name, layout: LAYOUT_VERSION }, 'migrated the document layout');
    } finally {
      copy.destroy();
    }
  }

  /**
   * Checks, stores and applies one update from a client. Returns a refusal when the
   * connection must be closed; nothing refused is applied, stored or relayed.
   */
  async receiveUpdate(peer: Peer, update: Uint8Array): Promise<Refusal | null> {
    try {
      validateUpdate(update);
    } catch {
      return { code: CloseCode.badRequest, reason: 'malformed-update' };
    }
    if (isNoopUpdate(this.doc, update)) return null;
    const verdict = peer.access === 'write' ? authorizeUpdate(this.doc, update, peer.user) : { ok: false as const, reason: 'read-only' };
    if (!verdict.ok) {
      this.ctx.metrics.rejected(verdict.reason);
      this.audit(peer, 'update-rejected', update.byteLength, verdict.reason);
      this.ctx.log.warn({ doc: this.name, sub: peer.user.id, role: peer.user.role, bytes: update.byteLength, reason: verdict.reason }, 'update rejected');
      return { code: CloseCode.updateRejected, reason: `update-rejected:${verdict.reason}` };
    }
    try {
      await this.ctx.metrics.timeStorage(() =>
        this.ctx.store.append(this.name, update, { event: 'update-accepted', sub: peer.user.id, role: peer.user.role, doc: this.name, bytes: update.byteLength }));
    } catch (error) {
      // Not stored, so not applied: the client keeps the change and sends it again on reconnect.
      this.ctx.log.error({ doc: this.name, err: (error as Error).message }, 'storing an update failed');
      return { code: CloseCode.internalError, reason: 'storage-error' };
    }
    this.ctx.metrics.updatesIn += 1;
    Y.applyUpdate(this.doc, update, peer);
    if (++this.storedSinceCompaction >= this.ctx.compactAfterUpdates) {
      await this.compact().catch((error: Error) => this.ctx.log.error({ doc: this.name, err: error.message }, 'compaction failed'));
    }
    return null;
  }

  async compact(): Promise<void> {
    if (this.storedSinceCompaction === 0) return;
    this.storedSinceCompaction = 0;
    const { merged } = await this.ctx.metrics.timeStorage(() => this.ctx.store.compact(this.name));
    this.ctx.log.debug({ doc: this.name, merged }, 'compacted');
  }

  hasUncompacted(): boolean {
    return this.storedSinceCompaction > 0;
  }

  /**
   * Applies an awareness update from a client. A connection may speak only for client ids
   * no other connection here owns, and every state it sets carries `verified`: the user
   * from its token, so presence cannot be forged. Returns a refusal when the connection
   * claims more than `maxIds` client ids (a stock client has one per document).
   */
  receiveAwareness(peer: Peer, data: Uint8Array, maxIds: number): Refusal | null {
    const entries = decodeAwarenessEntries(data);
    const owned = new Set<number>();
    for (const other of this.peers) if (other !== peer) for (const id of other.awarenessIds) owned.add(id);
    const kept: AwarenessEntry[] = [];
    const claims = new Set<number>();
    for (const e of entries) {
      if (owned.has(e.clientId)) continue;
      if (!peer.awarenessIds.has(e.clientId)) {
        // The stock provider echoes every change it receives back to the server, at the clock
        // it received it with: other clients' states, and removals of clients that just left.
        // An echo must not make this connection the owner of the id, or that client's own
        // presence is dropped when it comes back. Only a newer state claims an id.
        const known = this.awareness.meta.get(e.clientId)?.clock;
        if (e.state === null || (known !== undefined && e.clock <= known)) continue;
        claims.add(e.clientId);
      }
      kept.push(e);
    }
    if (peer.awarenessIds.size + claims.size > maxIds) return { code: CloseCode.badRequest, reason: 'too-many-awareness-ids' };
    if (kept.length === 0) return null;
    for (const e of kept) {
      peer.awarenessIds.add(e.clientId);
      if (e.state !== null && typeof e.state === 'object') {
        const { id, name, role, service } = peer.user;
        (e.state as Record<string, unknown>).verified = { id, name, role, ...(service ? { service } : {}) };
      }
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(kept), peer);
    return null;
  }

  /** Removes a closing connection's presence. */
  forgetAwareness(peer: Peer): void {
    const ids = [...peer.awarenessIds].filter((id) => this.awareness.getStates().has(id));
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, peer);
  }

  awarenessMessage(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length === 0 ? null : encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
  }

  private relayUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === FROM_STORAGE) return;
    const message = encodeUpdate(update);
    for (const p of this.peers) {
      if (p === origin || !p.isOpen()) continue;
      p.send(message);
      this.ctx.metrics.updatesOut += 1;
    }
    if (origin !== FROM_REMOTE) this.ctx.fanout?.publish(this.name, { kind: 'update', data: update });
  }

  private relayAwareness(clients: number[], origin: unknown): void {
    if (clients.length === 0) return;
    const data = awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients);
    const message = encodeAwareness(data);
    for (const p of this.peers) if (p !== origin && p.isOpen()) p.send(message);
    // Local changes go to the other instances; timeouts of remote states stay local.
    if (origin !== FROM_REMOTE && origin !== 'timeout' && origin !== 'local') this.ctx.fanout?.publish(this.name, { kind: 'awareness', data });
  }

  private onRemote(message: FanoutMessage): void {
    try {
      if (message.kind === 'update') Y.applyUpdate(this.doc, message.data, FROM_REMOTE);
      else if (message.kind === 'awareness') awarenessProtocol.applyAwarenessUpdate(this.awareness, message.data, FROM_REMOTE);
      else if (message.kind === 'resync') {
        // Another instance lost Redis for a while: what it published then never came; read it back.
        void this.enqueue(() => this.resyncFromStorage()).catch((error: Error) => this.ctx.log.error({ doc: this.name, err: error.message }, 'resync from storage failed'));
      } else {
        const local = [...this.peers].flatMap((p) => [...p.awarenessIds]).filter((id) => this.awareness.getStates().has(id));
        if (local.length > 0) this.ctx.fanout?.publish(this.name, { kind: 'awareness', data: awarenessProtocol.encodeAwarenessUpdate(this.awareness, local) });
      }
    } catch (error) {
      this.ctx.log.error({ doc: this.name, err: (error as Error).message }, 'could not apply a message from another instance');
    }
  }

  /** Audits a meeting's move to `finalised` by a client of this instance. */
  private watchFinalisation(): void {
    const meetings = this.doc.getMap('meetings');
    meetings.observeDeep((events, tr) => {
      // Only changes from this instance's clients: the instance that received them audits them.
      const peer = tr.origin as Peer | undefined;
      if (!peer || typeof peer !== 'object' || !('user' in peer)) return;
      for (const e of events) {
        if (e.target.parent !== meetings || !(e.target instanceof Y.Map)) continue;
        const change = (e as Y.YMapEvent<unknown>).changes.keys.get('state');
        if (change && e.target.get('state') === 'finalised') {
          const meetingId = e.target._item?.parentSub ?? undefined;
          this.audit(peer, 'finalise', undefined, meetingId);
        }
      }
    });
  }

  audit(peer: Peer, event: 'update-rejected' | 'finalise', bytes?: number, detail?: string | null): void {
    this.ctx.store.audit({ event, sub: peer.user.id, role: peer.user.role, doc: this.name, bytes, detail: detail ?? undefined })
      .catch((error: Error) => this.ctx.log.error({ err: error.message }, 'audit write failed'));
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }
}

interface AwarenessEntry { clientId: number; clock: number; state: unknown }

function decodeAwarenessEntries(data: Uint8Array): AwarenessEntry[] {
  // Same layout as y-protocols/awareness: count, then (client id, clock, JSON state).
  const d = decoding.createDecoder(data);
  const n = decoding.readVarUint(d);
  const out: AwarenessEntry[] = [];
  for (let i = 0; i < n; i++) {
    const clientId = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    out.push({ clientId, clock, state: JSON.parse(decoding.readVarString(d)) as unknown });
  }
  return out;
}

function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const x of entries) {
    encoding.writeVarUint(e, x.clientId);
    encoding.writeVarUint(e, x.clock);
    encoding.writeVarString(e, JSON.stringify(x.state));
  }
  return encoding.toUint8Array(e);
}
