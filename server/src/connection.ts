/**
 * One client connection on one document: enforces message size and rate, decodes the
 * y-websocket protocol, and hands updates to the document's queue. Any malformed input
 * closes this connection only, with a reason.
 */
import type { AuthUser } from '@samrad/model';
import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import { clampReason, CloseCode, type Refusal } from './close-codes.js';
import { RefusedError } from './consent-gate.js';
import type { Peer, SharedDocument } from './document.js';
import { RateLimiter, type Limits } from './limits.js';
import type { Metrics } from './metrics.js';
import { awarenessClientIds, decodeClientMessage, encodeSyncStep1, encodeSyncStep2, MalformedMessage } from './protocol.js';

const MAX_TIMER_MS = 2 ** 31 - 1;
/** Echoed presence may come from everyone in a meeting at once: ten times a connection's own budget. */
const ECHO_BUDGET_FACTOR = 10;

/** Updates with unfilled gaps a connection may send in a row before it is closed. */
const MAX_GAPS_IN_A_ROW = 8;

export class Connection implements Peer {
  readonly awarenessIds = new Set<number>();
  private readonly limiter: RateLimiter;
  /** Budget for awareness messages about other clients only (echoes of what the server relayed). */
  private readonly echoLimiter: RateLimiter;
  private chain: Promise<void>;
  private closed = false;
  /** Set when the server refuses this connection: its queued messages are dropped. */
  private dropQueued = false;
  /** Updates in a row that built on state the server does not have (see `update` below). */
  private gapsInARow = 0;
  private expiryTimer: NodeJS.Timeout | null = null;
  private alive = true;
  /** When the client was last heard from: any message, or a pong. */
  private lastHeard = Date.now();
  /** Its presence was withdrawn because it went quiet; it comes back when the client does. */
  private presenceWithdrawn = false;
  private doc: SharedDocument | null = null;

  constructor(
    private readonly ws: WebSocket,
    readonly user: AuthUser,
    readonly access: 'read' | 'write',
    private readonly docReady: Promise<SharedDocument>,
    expiresAt: number,
    private readonly limits: Limits,
    private readonly metrics: Metrics,
    private readonly log: Logger,
    private readonly onClosed: (c: Connection, doc: SharedDocument | null, code: number) => void,
  ) {
    this.limiter = new RateLimiter(limits.messagesPerSecond, limits.messageBurst);
    this.echoLimiter = new RateLimiter(limits.messagesPerSecond * ECHO_BUDGET_FACTOR, limits.messageBurst * ECHO_BUDGET_FACTOR);
    // A token that runs out closes the connection; the client fetches a new one and reconnects.
    this.expiryTimer = setTimeout(() => this.close({ code: CloseCode.unauthorized, reason: 'token-expired' }), Math.min(MAX_TIMER_MS, Math.max(0, expiresAt - Date.now())));
    this.chain = docReady.then(
      (doc) => this.open(doc),
      (error) => this.close(error instanceof RefusedError ? error.refusal : { code: CloseCode.internalError, reason: 'storage-error' }),
    );
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('pong', () => { this.alive = true; this.heard(); });
    ws.on('close', (code) => void this.onClose(code));
    ws.on('error', (error) => this.log.debug({ err: error.message }, 'socket error'));
  }

  /** Resolves when every message received so far has been handled. */
  drained(): Promise<void> {
    return this.chain;
  }

  isOpen(): boolean {
    return !this.closed && this.ws.readyState === this.ws.OPEN;
  }

  /**
   * Sends unless the client has stopped reading: data it has not taken yet stays in this
   * server's memory, so a connection with more than `maxBufferedBytes` queued is closed
   * (4429 `send-buffer-full`) instead of being sent more.
   */
  send(message: Uint8Array): void {
    if (!this.isOpen()) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) return this.close({ code: CloseCode.tooMany, reason: 'send-buffer-full' });
    this.ws.send(message);
  }

  /** Keepalive: terminates a connection that did not answer the previous ping. */
  ping(): void {
    if (!this.alive) return void this.ws.terminate();
    this.alive = false;
    if (this.isOpen()) this.ws.ping();
  }

  /**
   * Presence check, every second or so for connections that show someone as present: a
   * client that has not answered for `timeoutMs` (its network is gone, but no close has
   * reached us: a dead line, a browser's offline mode holding its frames) is no longer
   * shown as present. Its states are removed and the removal relayed, to it as well:
   * should it come back on the same socket, the stock client answers the removal of its
   * own state by sending it again, and it is present again.
   */
  checkPresence(now: number, timeoutMs: number): void {
    if (!this.doc || this.awarenessIds.size === 0 || !this.isOpen()) return;
    if (!this.presenceWithdrawn && now - this.lastHeard > timeoutMs) {
      this.presenceWithdrawn = true;
      this.log.debug({ sub: this.user.id, silentMs: now - this.lastHeard }, 'presence withdrawn: client silent');
      this.doc.withdrawAwareness(this);
    }
    this.ws.ping();
  }

  private heard(): void {
    this.lastHeard = Date.now();
    this.presenceWithdrawn = false;
  }

  close(refusal: Refusal): void {
    if (this.closed) return;
    this.closed = true;
    // On a restart, updates already received are still stored; after a refusal nothing more is.
    this.dropQueued = refusal.code !== CloseCode.serverRestarting;
    this.metrics.closed(refusal.code);
    if (refusal.code !== CloseCode.serverRestarting) this.log.info({ sub: this.user.id, role: this.user.role, code: refusal.code, reason: refusal.reason }, 'closing connection');
    this.ws.close(refusal.code, clampReason(refusal.reason));
    // A client that never answers the close handshake is cut off.
    setTimeout(() => this.ws.terminate(), 5000).unref();
  }

  private open(doc: SharedDocument): void {
    if (this.closed) return;
    this.doc = doc;
    doc.peers.add(this);
    // Read-only connections are not asked for their state: they could only send what they may not write.
    if (this.access === 'write') this.send(encodeSyncStep1(doc.doc));
    const awareness = doc.awarenessMessage();
    if (awareness) this.send(awareness);
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    this.heard();
    if (!isBinary) return this.close({ code: CloseCode.badRequest, reason: 'text-frame' });
    const bytes = toUint8Array(data);
    if (bytes.byteLength > this.limits.maxMessageBytes) return this.close({ code: CloseCode.tooLarge, reason: 'message-too-large' });
    let message: ReturnType<typeof decodeClientMessage>;
    let echo = false;
    try {
      message = decodeClientMessage(bytes);
      // An echo: presence about others only, from a connection that already has its own.
      if (message.kind === 'awareness' && this.awarenessIds.size > 0) echo = !awarenessClientIds(message.update).some((id) => this.awarenessIds.has(id));
    } catch (error) {
      return this.close({ code: CloseCode.badRequest, reason: error instanceof MalformedMessage ? error.message : 'malformed-message' });
    }
    // The stock provider echoes every presence change it receives back to the server. Those
    // echoes have a budget of their own, or one person moving their cursor would use up the
    // budget of everyone else in the meeting. Claims of new ids are capped (too-many-awareness-ids).
    if (!(echo ? this.echoLimiter : this.limiter).take()) return this.close({ code: CloseCode.tooMany, reason: 'rate-limited' });
    // Messages of one connection are handled in order, after the document has loaded.
    this.chain = this.chain.then(async () => {
      if (this.dropQueued) return;
      const doc = await this.docReady;
      try {
        switch (message.kind) {
          case 'sync-step1':
            // A client that asks again and again without reading is cut off before the answer is built.
            if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) return this.close({ code: CloseCode.tooMany, reason: 'send-buffer-full' });
            this.send(encodeSyncStep2(doc.doc, message.stateVector));
            break;
          case 'update': {
            const result = await doc.enqueue(() => (this.dropQueued ? Promise.resolve(null) : doc.receiveUpdate(this, message.update)));
            if (result === 'missing-dependencies') {
              // A stock client sends what the user types as soon as it reconnects, before its
              // sync step 2 has brought the edits it made offline. Ask for everything missing
              // (a sync step 1); its answer carries both, checked together. A client that keeps
              // sending updates with gaps it never fills is cut off.
              if (++this.gapsInARow > MAX_GAPS_IN_A_ROW) return this.close({ code: CloseCode.updateRejected, reason: 'update-rejected:missing-dependencies' });
              this.send(encodeSyncStep1(doc.doc));
            } else if (result) {
              this.close(result);
            } else {
              this.gapsInARow = 0;
            }
            break;
          }
          case 'awareness': {
            this.metrics.awarenessIn += 1;
            const refusal = doc.receiveAwareness(this, message.update, { maxIds: this.limits.maxAwarenessIdsPerConnection, maxStateBytes: this.limits.maxAwarenessStateBytes });
            if (refusal) this.close(refusal);
            break;
          }
          case 'query-awareness': {
            const awareness = doc.awarenessMessage();
            if (awareness) this.send(awareness);
            break;
          }
        }
      } catch (error) {
        this.log.warn({ sub: this.user.id, err: (error as Error).message, kind: message.kind }, 'bad message');
        this.close({ code: CloseCode.badRequest, reason: 'malformed-message' });
      }
    });
  }

  private async onClose(code: number): Promise<void> {
    if (!this.closed) this.metrics.closed(code);
    this.closed = true;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    const doc = await this.docReady.catch(() => null);
    if (doc) {
      doc.peers.delete(this);
      doc.forgetAwareness(this);
    }
    this.onClosed(this, doc, code);
  }
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
