/**
 * Redis pub/sub between server instances. Each loaded document subscribes to its own
 * channel; an instance publishes the updates its clients made (after storing them) and
 * their awareness, and applies what the other instances publish.
 */
import type { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from 'pino';
import { loadDriver } from './drivers.js';

export type FanoutMessage =
  | { kind: 'update'; data: Uint8Array }
  | { kind: 'awareness'; data: Uint8Array }
  /** A newly loaded document asks the other instances for their clients' awareness. */
  | { kind: 'query-awareness' }
  /** An instance that was cut off from Redis asks the others to re-read the document from storage. */
  | { kind: 'resync' };

const KIND = { update: 0, awareness: 1, 'query-awareness': 2, resync: 3 } as const;

export class RedisFanout {
  // Created in connect(): ioredis is an optional peer dependency, loaded only when --redis is given.
  private pub!: Redis;
  private sub!: Redis;
  private readonly handlers = new Map<string, (message: FanoutMessage) => void>();
  private reconnectListeners: Array<() => void> = [];
  private everReady = false;

  constructor(private readonly url: string, private readonly instance: string, private readonly prefix: string, private readonly log: Logger) {}

  async connect(): Promise<void> {
    const { Redis } = await loadDriver(() => import('ioredis'), 'ioredis', 'Redis fan-out (--redis)');
    this.pub = new Redis(this.url, { maxRetriesPerRequest: 3, lazyConnect: true });
    this.sub = new Redis(this.url, { lazyConnect: true });
    for (const r of [this.pub, this.sub]) r.on('error', (error: Error) => this.log.warn({ err: error.message }, 'redis error'));
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.onMessage(channel.toString(), message));
    this.sub.on('ready', () => {
      // After a reconnect, anything published meanwhile was missed: the server reloads from
      // storage. ioredis resubscribes right after emitting 'ready'; a PING queued behind
      // those subscriptions answers once they are active again, so from the moment storage
      // is read nothing published is missed.
      if (this.everReady) {
        setImmediate(() => {
          this.sub.ping().catch(() => {}).finally(() => { for (const l of this.reconnectListeners) l(); });
        });
      }
      this.everReady = true;
    });
    await Promise.all([this.pub.connect(), this.sub.connect()]);
  }

  /** Called after the subscriber reconnects, so loaded documents can catch up from storage. */
  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  private channel(doc: string): string {
    return `${this.prefix}doc:${doc}`;
  }

  async subscribe(doc: string, handler: (message: FanoutMessage) => void): Promise<void> {
    this.handlers.set(this.channel(doc), handler);
    await this.sub.subscribe(this.channel(doc));
  }

  async unsubscribe(doc: string): Promise<void> {
    this.handlers.delete(this.channel(doc));
    await this.sub.unsubscribe(this.channel(doc)).catch(() => {});
  }

  publish(doc: string, message: FanoutMessage): void {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, this.instance);
    encoding.writeVarUint(e, KIND[message.kind]);
    if (message.kind === 'update' || message.kind === 'awareness') encoding.writeVarUint8Array(e, message.data);
    this.pub.publish(this.channel(doc), Buffer.from(encoding.toUint8Array(e))).catch((error: Error) => {
      this.log.warn({ err: error.message, doc }, 'redis publish failed');
    });
  }

  private onMessage(channel: string, message: Buffer): void {
    const handler = this.handlers.get(channel);
    if (!handler) return;
    try {
      const d = decoding.createDecoder(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
      if (decoding.readVarString(d) === this.instance) return;
      const kind = decoding.readVarUint(d);
      if (kind === KIND.update) handler({ kind: 'update', data: decoding.readVarUint8Array(d) });
      else if (kind === KIND.awareness) handler({ kind: 'awareness', data: decoding.readVarUint8Array(d) });
      else if (kind === KIND['query-awareness']) handler({ kind: 'query-awareness' });
      else if (kind === KIND.resync) handler({ kind: 'resync' });
    } catch (error) {
      this.log.warn({ err: (error as Error).message, channel }, 'bad message from redis');
    }
  }

  async close(): Promise<void> {
    if (!this.pub) return;
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}
