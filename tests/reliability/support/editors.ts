/**
 * Editors: the stock y-websocket provider in node, with presence on, each writing one new
 * comment per edit (a valid one, in the editor's own name, so the server's write rules
 * accept it) under a key that names its author and sequence number. An editor
 * remembers what it wrote (and whether the server was reachable then) and which keys of
 * other editors the server relayed to it, so a test can check afterwards that nothing the
 * server had acknowledged by relaying was lost.
 */
import * as Y from 'yjs';
import { signToken } from '../../../server/src/index.js';
import { author, commentEntity, type Author } from '../../../server/test/helpers.js';
import { WebSocket, WebsocketProvider } from '../../../server/test/reliability-deps.js';
import { SECRET } from './harness.js';

export interface EditorOptions {
  url: string;
  caseId: string;
  sub: string;
  role?: 'leader' | 'coordinator';
  /** Longest wait between reconnect attempts. */
  maxBackoffMs?: number;
}

export class Editor {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  /** Keys this editor wrote, in order. */
  readonly written: string[] = [];
  /** Keys this editor wrote while it was not connected. */
  readonly writtenOffline: string[] = [];
  /** Keys of other editors that reached this editor from the server. */
  readonly relayed = new Set<string>();
  /** Relay latency (ms) of each key from another editor, from its `createdAt` stamp. */
  readonly latencies: number[] = [];
  /** Every close of this editor's websocket, with the server's code and reason. */
  readonly closes: Array<{ code: number; reason: string }> = [];
  /** Who this editor writes as: what its token says. */
  readonly author: Author;
  private seq = 0;

  private constructor(readonly options: EditorOptions, token: string) {
    this.author = author(options.role ?? 'leader', { sub: options.sub, name: Editor.nameOf(options.sub) });
    this.provider = new WebsocketProvider(options.url, `case/${options.caseId}`, this.doc, {
      params: { token },
      WebSocketPolyfill: WebSocket as never,
      disableBc: true,
      maxBackoffTime: options.maxBackoffMs ?? 400,
    });
    this.doc.getMap('comments').observe((event, tr) => {
      if (tr.origin !== this.provider) return;
      const now = Date.now();
      for (const key of event.keysChanged) {
        if (key.startsWith(`${options.sub}:`)) continue;
        this.relayed.add(key);
        const value: unknown = event.target.get(key);
        const sentAt = value instanceof Y.Map ? Date.parse(String(value.get('createdAt'))) : Number.NaN;
        if (Number.isFinite(sentAt)) this.latencies.push(now - sentAt);
      }
    });
    this.provider.on('connection-close', (event: { code: number; reason: string } | null) => {
      if (event) this.closes.push({ code: event.code, reason: event.reason });
    });
    this.provider.awareness.setLocalState({ user: { name: options.sub }, cursor: null });
  }

  private static nameOf(sub: string): string {
    return `Editor ${sub}`;
  }

  static async open(options: EditorOptions): Promise<Editor> {
    const token = await signToken(SECRET, { sub: options.sub, name: Editor.nameOf(options.sub), role: options.role ?? 'leader', case: options.caseId, ttl: 3 * 3600 });
    return new Editor(options, token);
  }

  get connected(): boolean {
    return this.provider.wsconnected && this.provider.synced;
  }

  /** One edit: a new comment, as the comment command writes it, and a presence move. */
  edit(): string {
    const key = `${this.options.sub}:${++this.seq}`;
    const online = this.connected;
    this.comment(key, `note ${this.seq} from ${this.options.sub}`);
    this.written.push(key);
    if (!online) this.writtenOffline.push(key);
    this.provider.awareness.setLocalStateField('cursor', { comment: key });
    return key;
  }

  /** Writes a comment under `key` in this editor's name, in one update; `createdAt` is when it was sent. */
  comment(key: string, text: string): void {
    this.doc.getMap('comments').set(key, commentEntity(key, text, this.author, new Date().toISOString()));
  }

  keys(): Set<string> {
    return new Set(this.doc.getMap('comments').keys());
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}

/** Runs `edit` on every editor at random intervals until `stop()`. */
export function editContinuously(editors: Editor[], random: () => number, meanIntervalMs: number): { stop: () => void } {
  const timers = new Set<NodeJS.Timeout>();
  let running = true;
  for (const editor of editors) {
    const next = () => {
      if (!running) return;
      const timer = setTimeout(() => { timers.delete(timer); editor.edit(); next(); }, meanIntervalMs * (0.5 + random()));
      timers.add(timer);
    };
    next();
  }
  return { stop: () => { running = false; for (const t of timers) clearTimeout(t); } };
}

/** Comment keys stored for `doc` in a SQLite database file, read the way the server loads them. */
export function storedKeys(rows: Uint8Array[]): Set<string> {
  const doc = new Y.Doc();
  for (const row of rows) Y.applyUpdate(doc, row);
  const keys = new Set(doc.getMap('comments').keys());
  doc.destroy();
  return keys;
}
