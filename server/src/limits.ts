/** Connection and message limits. */

export interface Limits {
  /** Largest accepted websocket message in bytes (default 4 MiB). */
  maxMessageBytes: number;
  /** Open connections per user (`sub`) on one instance (default 20). */
  maxConnectionsPerUser: number;
  /** Sustained messages per second per connection (default 50). */
  messagesPerSecond: number;
  /** Burst of messages a connection may send at once (default 300). */
  messageBurst: number;
  /** Presence (awareness) client ids one connection may speak for (default 8; a stock client uses one). */
  maxAwarenessIdsPerConnection: number;
  /** Largest presence (awareness) state one client may set, in bytes of JSON (default 4 KiB). */
  maxAwarenessStateBytes: number;
  /**
   * How long a presence client id stays reserved for the user who held it after their
   * connection closed, in ms (default 5 min): another user cannot take it over meanwhile.
   */
  awarenessIdReserveMs: number;
  /** Data queued for a client that does not read it, in bytes, before it is cut off (default 8 MiB). */
  maxBufferedBytes: number;
  /** `POST /audit` requests one user (`sub`) may make at once (default 20). */
  auditBurst: number;
  /** `POST /audit` requests one user may make per minute, sustained (default 20). */
  auditPerMinute: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxMessageBytes: 4 * 1024 * 1024,
  maxConnectionsPerUser: 20,
  messagesPerSecond: 50,
  messageBurst: 300,
  maxAwarenessIdsPerConnection: 8,
  maxAwarenessStateBytes: 4 * 1024,
  awarenessIdReserveMs: 5 * 60_000,
  maxBufferedBytes: 8 * 1024 * 1024,
  auditBurst: 20,
  auditPerMinute: 20,
};

/** A token bucket: `burst` tokens, refilled at `rate` per second. */
export class RateLimiter {
  private tokens: number;
  private last = performance.now();

  constructor(private readonly rate: number, private readonly burst: number) {
    this.tokens = burst;
  }

  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Seconds until the next token (0 when one is there). */
  wait(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : (1 - this.tokens) / this.rate;
  }

  /** True when the bucket is full again, so forgetting it changes nothing. */
  isFull(): boolean {
    this.refill();
    return this.tokens >= this.burst;
  }

  private refill(): void {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }
}

/** One token bucket per key (e.g. per token subject), forgetting buckets that are full again. */
export class KeyedRateLimiter {
  private readonly buckets = new Map<string, RateLimiter>();

  constructor(private readonly rate: number, private readonly burst: number) {}

  /** Takes a token for `key`: 0 when allowed, else the seconds to wait. */
  take(key: string): number {
    if (this.buckets.size >= 10_000) for (const [k, b] of this.buckets) if (b.isFull()) this.buckets.delete(k);
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new RateLimiter(this.rate, this.burst)));
    return bucket.take() ? 0 : Math.max(1, Math.ceil(bucket.wait()));
  }
}

/**
 * Presence client ids recently held on each document, and by whom. While a connection
 * holds an id, and for `reserveMs` after it closed, only the same user may speak for it:
 * someone who drops off for a moment cannot have their presence taken over.
 */
export class AwarenessReservations {
  /** doc name → client id → holder; `until` is Infinity while held. */
  private readonly held = new Map<string, Map<number, { sub: string; until: number }>>();

  constructor(private readonly reserveMs: number) {}

  /** Whether user `sub` may speak for `clientId` on `doc`. */
  mayClaim(doc: string, clientId: number, sub: string): boolean {
    const holder = this.held.get(doc)?.get(clientId);
    return !holder || holder.sub === sub || holder.until <= Date.now();
  }

  hold(doc: string, clientId: number, sub: string): void {
    let ids = this.held.get(doc);
    if (!ids) this.held.set(doc, (ids = new Map()));
    ids.set(clientId, { sub, until: Infinity });
  }

  /** The holder's connection closed: the id stays theirs for a while. */
  release(doc: string, clientId: number, sub: string): void {
    const holder = this.held.get(doc)?.get(clientId);
    if (holder?.sub === sub && holder.until === Infinity) holder.until = Date.now() + this.reserveMs;
  }

  /** Forgets reservations that ran out. */
  prune(): void {
    const now = Date.now();
    for (const [doc, ids] of this.held) {
      for (const [id, h] of ids) if (h.until <= now) ids.delete(id);
      if (ids.size === 0) this.held.delete(doc);
    }
  }
}
