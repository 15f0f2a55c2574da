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
}

export const DEFAULT_LIMITS: Limits = {
  maxMessageBytes: 4 * 1024 * 1024,
  maxConnectionsPerUser: 20,
  messagesPerSecond: 50,
  messageBurst: 300,
  maxAwarenessIdsPerConnection: 8,
};

/** A token bucket: `burst` tokens, refilled at `rate` per second. */
export class RateLimiter {
  private tokens: number;
  private last = performance.now();

  constructor(private readonly rate: number, private readonly burst: number) {
    this.tokens = burst;
  }

  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
