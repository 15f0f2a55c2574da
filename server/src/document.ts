/**
 * One live document on this instance: the Y.Doc, its awareness, the connections that
 * have it open, and a queue that runs its incoming updates one at a time, so each is
 * authorised against the state it will be applied to, and stored before it is relayed.
 */
import {
  authorizeUpdate, buildMinutesVersion, latestAnswers, LAYOUT_VERSION, migrateLayout, minutesSha256, MinutesVersion, minutesVersions, parseDocName, readSnapshot,
  documentRoots, SHARED_ROOTS, type Audience, type AudienceKind, type AuthUser, type LevelModel,
} from '@samrad/model';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from 'pino';
import { CloseCode, type Refusal } from './close-codes.js';
import { answeredKey } from './feedback.js';
import type { FanoutMessage, RedisFanout } from './fanout.js';
import type { AwarenessReservations } from './limits.js';
import type { Metrics } from './metrics.js';
import { encodeAwareness, encodeUpdate, isNoopUpdate, validateUpdate } from './protocol.js';
import type { Store, StoredMinutes } from './store/index.js';

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
/** Origin of the removal of a silent connection's presence (see `withdrawAwareness`). */
const WITHDRAWN = Symbol('withdrawn');
/** Changes the server makes itself (locked minutes): stored and relayed, never authorised as a client's. */
const FROM_SERVER = Symbol('server');
/** Origin of the server's own layout migration: stored and relayed like a client's update, but never authorised as one. */
const FROM_MIGRATION = Symbol('migration');

export interface DocumentContext {
  store: Store;
  fanout: RedisFanout | null;
  metrics: Metrics;
  log: Logger;
  /** Stored updates after which the document is compacted while loaded. */
  compactAfterUpdates: number;
  /** Presence client ids recently held, shared by every document of this instance. */
  reservations?: AwarenessReservations;
  /** The key of the anonymous feedback's answered-set; without it, answers a document holds stay there. */
  feedbackKey?: () => Promise<string>;
  /** The level models of the municipality profile, for the level-change write rule. */
  levelModels?: readonly LevelModel[];
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

  /** Which kind of audience document this is (audiences.ts). */
  readonly scope: AudienceKind;

  constructor(readonly name: string, readonly audience: Audience, private readonly ctx: DocumentContext) {
    this.scope = audience.kind;
    // Declare every root as the Y.Map the layout says it is, before any update arrives.
    // Otherwise roots stay untyped, and authorizeUpdate cannot see what an update changes in them.
    for (const root of documentRoots(audience)) this.doc.getMap(root);
    // The server itself has no presence.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.relayUpdate(update, origin));
    this.awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) =>
      this.relayAwareness([...change.added, ...change.updated, ...change.removed], origin));
    if (this.scope === 'shared') this.watchFinalisation();
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
    if (this.scope === 'shared') {
      // Repair: a finalised meeting whose locked version never got stored (the instance
      // stopped in between) gets it now. The table's unique key keeps two instances from
      // storing two different versions under one number.
      void this.enqueue(() => this.repairMinutes()).catch((error: Error) =>
        this.ctx.log.error({ doc: this.name, err: error.message }, 'checking locked minutes failed'));
    }
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
    if (this.scope === 'shared') {
      await this.migrateLayout();
      await this.moveFeedbackOut();
    }
  }

  /**
   * Answers written into the document by the layout before answers went to the server:
   * counted into the store's anonymous counters (each person once — their answered-key
   * makes a second run, or another instance's, count nothing), then deleted from the
   * document as the server's own stored update, and the stored rows merged so the deleted
   * answers do not linger in them. Runs on load, before any client has the document.
   */
  private async moveFeedbackOut(): Promise<void> {
    const root = this.doc.getMap(SHARED_ROOTS.feedback);
    const caseId = parseDocName(this.name)?.caseId;
    if (root.size === 0 || caseId === undefined || !this.ctx.feedbackKey) return;
    const key = await this.ctx.feedbackKey();
    const answers = latestAnswers(readSnapshot(this.doc).feedback);
    const counted = await this.ctx.store.recordFeedback(answers.map((f) => ({
      caseId, meetingId: f.meetingId, role: f.respondentRole, answeredKey: answeredKey(key, caseId, f.meetingId, f.createdBy),
      answer: { feltHeard: f.feltHeard, knowsWhoToContact: f.knowsWhoToContact, useful: f.useful },
    })));
    const copy = new Y.Doc({ gc: true });
    try {
      for (const r of Object.values(SHARED_ROOTS)) copy.getMap(r);
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
      copy.transact(() => {
        const map = copy.getMap(SHARED_ROOTS.feedback);
        for (const id of [...map.keys()]) map.delete(id);
      }, FROM_MIGRATION);
      const update = Y.encodeStateAsUpdate(copy, Y.encodeStateVector(this.doc));
      await this.ctx.metrics.timeStorage(() =>
        this.ctx.store.append(this.name, update, { event: 'layout-migrated', doc: this.name, bytes: update.byteLength, detail: `feedback-moved:${counted}` }));
      Y.applyUpdate(this.doc, update, FROM_MIGRATION);
      this.storedSinceCompaction += 1;
      await this.compact();
      this.ctx.log.info({ doc: this.name, counted }, 'moved feedback answers out of the document');
    } finally {
      copy.destroy();
    }
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
  async receiveUpdate(peer: Peer, update: Uint8Array): Promise<Refusal | 'missing-dependencies' | null> {
    try {
      validateUpdate(update);
    } catch {
      return { code: CloseCode.badRequest, reason: 'malformed-update' };
    }
    if (isNoopUpdate(this.doc, update)) return null;
    const verdict = peer.access === 'write' ? authorizeUpdate(this.doc, update, peer.user, { audience: this.audience, ...(this.ctx.levelModels ? { levelModels: this.ctx.levelModels } : {}) }) : { ok: false as const, reason: 'read-only' };
    // An update that builds on what this document does not have yet is neither checked nor
    // kept (Yjs would hold it as pending data and release it unchecked later): the
    // connection asks the client for everything it is missing instead.
    if (!verdict.ok && verdict.reason === 'missing-dependencies') return 'missing-dependencies';
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
   * no other connection here owns, nor another user held within the reserve period, and
   * every state it sets carries `verified`: the user from its token, so presence cannot
   * be forged. Returns a refusal when the connection claims more than `maxIds` client ids
   * (a stock client has one per document) or sets a state over `maxStateBytes`.
   */
  receiveAwareness(peer: Peer, data: Uint8Array, bounds: { maxIds: number; maxStateBytes: number }): Refusal | null {
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
        // An id someone else held a moment ago stays theirs: they may be reconnecting.
        if (this.ctx.reservations && !this.ctx.reservations.mayClaim(this.name, e.clientId, peer.user.id)) continue;
        claims.add(e.clientId);
      }
      // Only the client's own states are measured: echoes of others' carry the server's stamp.
      if (e.bytes > bounds.maxStateBytes) return { code: CloseCode.tooLarge, reason: 'awareness-too-large' };
      kept.push(e);
    }
    if (peer.awarenessIds.size + claims.size > bounds.maxIds) return { code: CloseCode.badRequest, reason: 'too-many-awareness-ids' };
    if (kept.length === 0) return null;
    for (const e of kept) {
      peer.awarenessIds.add(e.clientId);
      this.ctx.reservations?.hold(this.name, e.clientId, peer.user.id);
      if (e.state !== null && typeof e.state === 'object') {
        const { id, name, role, service } = peer.user;
        (e.state as Record<string, unknown>).verified = { id, name, role, ...(service ? { service } : {}) };
      }
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(kept), peer);
    return null;
  }

  /** Removes a closing connection's presence; its ids stay reserved for its user for a while. */
  forgetAwareness(peer: Peer): void {
    for (const id of peer.awarenessIds) this.ctx.reservations?.release(this.name, id, peer.user.id);
    const ids = [...peer.awarenessIds].filter((id) => this.awareness.getStates().has(id));
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, peer);
  }

  /**
   * Takes a silent connection's presence away while the connection stays open. The removal
   * goes to everyone, the silent client included (origin is not the peer), so that client
   * sends its state again once it is heard from.
   */
  withdrawAwareness(peer: Peer): void {
    const ids = [...peer.awarenessIds].filter((id) => this.awareness.getStates().has(id));
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, WITHDRAWN);
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

  /**
   * Audits a meeting's move to `finalised` by a client of this instance, and then — on
   * this document's queue, after the update is stored — locks its minutes version.
   */
  private watchFinalisation(): void {
    const meetings = this.doc.getMap('meetings');
    meetings.observeDeep((events, tr) => {
      // Only changes from this instance's clients: the instance that received them audits
      // them and locks the minutes; the others get the version through Redis.
      const peer = tr.origin as Peer | undefined;
      if (!peer || typeof peer !== 'object' || !('user' in peer)) return;
      for (const e of events) {
        if (e.target === meetings) {
          // A meeting that arrives already finalised (written in one go by a plain-Yjs client).
          for (const [id, change] of (e as Y.YMapEvent<unknown>).changes.keys) {
            const m = meetings.get(id);
            if (change.action !== 'delete' && m instanceof Y.Map && m.get('state') === 'finalised') {
              this.audit(peer, 'finalise', undefined, id);
              this.scheduleLock(id, peer.user, false);
            }
          }
          continue;
        }
        if (e.target.parent !== meetings || !(e.target instanceof Y.Map)) continue;
        const change = (e as Y.YMapEvent<unknown>).changes.keys.get('state');
        if (change && e.target.get('state') === 'finalised') {
          const meetingId = e.target._item?.parentSub ?? undefined;
          this.audit(peer, 'finalise', undefined, meetingId);
          if (meetingId) this.scheduleLock(meetingId, peer.user, change.oldValue === 'correcting');
        }
      }
    });
  }

  private scheduleLock(meetingId: string, user: AuthUser, afterCorrection: boolean): void {
    void this.enqueue(() => this.lockMinutes(meetingId, { id: user.id, name: user.name }, afterCorrection)).catch((error: Error) =>
      this.ctx.log.error({ doc: this.name, meeting: meetingId, err: error.message }, 'locking the minutes failed'));
  }

  private async repairMinutes(): Promise<void> {
    for (const m of readSnapshot(this.doc).meetings) {
      if (m.state === 'finalised') await this.lockMinutes(m.id, undefined, false);
    }
  }

  /**
   * Makes sure a finalised meeting's latest locking has its minutes version: in the
   * append-only table first, then in the meeting's `minutes` list as a server update that
   * is stored and relayed like an accepted client update. A new version is made when the
   * meeting has none yet, or when it was finalised again since the latest one (a
   * correction). `by` is who finalised it, when this instance saw it happen; on repair the
   * meeting's own `finalisedBy` stands in.
   */
  private async lockMinutes(meetingId: string, by: { id: string; name: string } | undefined, afterCorrection: boolean): Promise<void> {
    const caseId = parseDocName(this.name)?.caseId;
    if (caseId === undefined) return;
    const meeting = readSnapshot(this.doc).meetings.find((m) => m.id === meetingId);
    if (meeting?.state !== 'finalised') return;
    const stored = await this.ctx.store.listMinutes(caseId, meetingId);
    const previous = stored.length ? MinutesVersion.parse(JSON.parse(stored.at(-1)!.data)) : undefined;
    const lockedAgain = previous !== undefined &&
      (previous.content.meeting.finalisedAt !== meeting.finalisedAt || previous.content.meeting.updatedAt !== meeting.updatedAt);
    if (!previous || lockedAgain || afterCorrection) {
      const unhashed = buildMinutesVersion(readSnapshot(this.doc), meetingId, {
        lockedAt: new Date(),
        lockedBy: by?.id ?? meeting.finalisedBy ?? 'unknown',
        lockedByName: by?.name ?? meeting.finalisedByName ?? '',
        previous,
        reason: meeting.correction?.reason,
      });
      const version = { ...unhashed, sha256: minutesSha256(unhashed) };
      const result = await this.ctx.store.appendMinutes({
        caseId, meetingId, version: version.version, sha256: version.sha256, previousSha256: version.previousSha256, data: JSON.stringify(version),
      });
      if (result.inserted) {
        stored.push(result.stored);
        this.ctx.log.info({ doc: this.name, meeting: meetingId, version: version.version }, 'minutes locked');
      } else if (!stored.some((s) => s.version === result.stored.version)) {
        stored.push(result.stored);
      }
    }
    await this.publishMinutes(meetingId, stored, by);
  }

  /** Appends the stored versions the meeting's `minutes` list lacks, as one server update. */
  private async publishMinutes(meetingId: string, stored: StoredMinutes[], by: { id: string } | undefined): Promise<void> {
    const meetingMap = this.doc.getMap('meetings').get(meetingId);
    if (!(meetingMap instanceof Y.Map)) return;
    const have = new Set(minutesVersions({ minutes: listOf(meetingMap.get('minutes')) }).map((v) => v.version));
    const missing = stored.filter((s) => !have.has(s.version)).map((s) => JSON.parse(s.data) as Record<string, unknown>);
    if (missing.length === 0) return;
    // Build the change on a copy, so it is stored before the live document (and its clients) see it.
    const copy = new Y.Doc({ gc: false });
    for (const root of Object.values(SHARED_ROOTS)) copy.getMap(root);
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
    const before = Y.encodeStateVector(copy);
    copy.transact(() => {
      const m = copy.getMap('meetings').get(meetingId) as Y.Map<unknown>;
      let list = m.get('minutes');
      if (!(list instanceof Y.Array)) {
        list = new Y.Array<unknown>();
        m.set('minutes', list);
      }
      (list as Y.Array<unknown>).push(missing);
    }, FROM_SERVER);
    const update = Y.encodeStateAsUpdate(copy, before);
    copy.destroy();
    await this.ctx.metrics.timeStorage(() => this.ctx.store.append(this.name, update, {
      event: 'minutes-locked', sub: by?.id, doc: this.name, bytes: update.byteLength,
      detail: `${meetingId}:${missing.map((v) => `v${String(v.version)}`).join(',')}`,
    }));
    Y.applyUpdate(this.doc, update, FROM_SERVER);
    this.storedSinceCompaction += 1;
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

/** A `minutes` field's entries as plain JSON (the field is a Y.Array; anything else reads as empty). */
function listOf(value: unknown): Array<Record<string, unknown>> {
  return value instanceof Y.Array ? (value.toJSON() as Array<Record<string, unknown>>) : [];
}

interface AwarenessEntry { clientId: number; clock: number; state: unknown; /** Size of the state's JSON text. */ bytes: number }

const utf8 = new TextDecoder();

function decodeAwarenessEntries(data: Uint8Array): AwarenessEntry[] {
  // Same layout as y-protocols/awareness: count, then (client id, clock, JSON state).
  const d = decoding.createDecoder(data);
  const n = decoding.readVarUint(d);
  const out: AwarenessEntry[] = [];
  for (let i = 0; i < n; i++) {
    const clientId = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const json = decoding.readVarUint8Array(d);
    out.push({ clientId, clock, state: JSON.parse(utf8.decode(json)) as unknown, bytes: json.byteLength });
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
