/** Test helpers: real servers on random ports, real websocket clients, signed tokens. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { EXAMPLE_USERS, type Role } from '@samrad/model';
import { signToken, startServer, type RunningServer, type ServerOptions, type TokenRequest } from '../src/index.js';

export const SECRET = 'test-secret-0123456789abcdef0123456789';

export function tempDb(): { db: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'samrad-test-'));
  return { db: `sqlite:${join(dir, 'samrad.db')}`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function start(options: ServerOptions = {}): Promise<RunningServer> {
  return startServer({ port: 0, auth: { secret: SECRET }, logger: 'silent', idleUnloadMs: 200, ...options });
}

export function token(claims: Partial<TokenRequest> & { role: TokenRequest['role'] }, secret = SECRET): Promise<string> {
  return signToken(secret, { sub: `${claims.role}-1`, name: `Test ${claims.role}`, case: 'c1', ...claims });
}

/** Who writes: the identity a token names. The write rules hold every attribution to it. */
export interface Author { sub: string; name: string; role: Role }

/** The author `token({ role, ...claims })` signs for: sub `${role}-1` and name `Test ${role}` unless overridden. */
export function author(role: Role, claims: { sub?: string; name?: string } = {}): Author {
  return { sub: claims.sub ?? `${role}-1`, name: claims.name ?? `Test ${role}`, role };
}

function stamp(id: string, by: Author, at: string) {
  return { id, createdAt: at, createdBy: by.sub, updatedAt: at, updatedBy: by.sub };
}

/**
 * A comment on the case as the comment command writes it: an entity the write rules
 * accept from `by` (text up to 20,000 characters). Prelim: add it with `comments.set(id, …)`.
 */
export function commentEntity(id: string, text: string, by: Author, at = new Date().toISOString()): Y.Map<unknown> {
  return new Y.Map<unknown>(Object.entries({
    ...stamp(id, by, at), target: { type: 'case', id: 'case' }, kind: 'comment', text, authorName: by.name, authorRole: by.role,
  }));
}

/** Writes a valid comment into the shared document `doc`, in one transaction (so one update). */
export function addComment(doc: Y.Doc, id: string, text: string, by: Author): void {
  doc.getMap('comments').set(id, commentEntity(id, text, by));
}

/** Changes the text of comment `id` as the comment command does: text and update stamp in one transaction. */
export function editComment(doc: Y.Doc, id: string, text: string, by: Author): void {
  const c = doc.getMap('comments').get(id);
  if (!(c instanceof Y.Map)) throw new Error(`no comment ${id}`);
  doc.transact(() => {
    c.set('text', text);
    c.set('updatedAt', new Date().toISOString());
    c.set('updatedBy', by.sub);
  });
}

/** The text of comment `id` in `doc`, if it is there. */
export function commentText(doc: Y.Doc, id: string): unknown {
  const c = doc.getMap('comments').get(id);
  return c instanceof Y.Map ? c.get('text') : undefined;
}

/** A restricted note (the professionals-only document's `notes`) the write rules accept from `by`. */
export function noteEntity(id: string, text: string, by: Author, at = new Date().toISOString()): Y.Map<unknown> {
  return new Y.Map<unknown>(Object.entries({ ...stamp(id, by, at), text, authorName: by.name }));
}

/** Writes a valid restricted note into the restricted document `doc`, in one transaction. */
export function addNote(doc: Y.Doc, id: string, text: string, by: Author): void {
  doc.getMap('notes').set(id, noteEntity(id, text, by));
}

/** The text of restricted note `id` in `doc`, if it is there. */
export function noteText(doc: Y.Doc, id: string): unknown {
  const n = doc.getMap('notes').get(id);
  return n instanceof Y.Map ? n.get('text') : undefined;
}

export async function waitFor(check: () => boolean, what = 'condition', timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface RawClient {
  ws: WebSocket;
  messages: Uint8Array[];
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  send(data: Uint8Array | string): void;
}

/** A hand-made client: speaks raw frames, so it can send anything. */
export function rawClient(url: string, room: string, tok?: string, encodeRoom = true): RawClient {
  const ws = new WebSocket(`${url}/${encodeRoom ? encodeURIComponent(room) : room}${tok ? `?token=${tok}` : ''}`);
  const messages: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  ws.on('error', () => {});
  return {
    ws,
    messages,
    opened: new Promise((resolve) => ws.on('open', () => resolve())),
    closed: new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))),
    send: (data) => ws.send(data),
  };
}

export function syncUpdateMessage(update: Uint8Array, step2 = false): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, step2 ? 1 : 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  return encoding.toUint8Array(e);
}

/** Message type and, for sync messages, sub-type of a frame from the server. */
export function kindOf(message: Uint8Array): string {
  const d = decoding.createDecoder(message);
  const type = decoding.readVarUint(d);
  if (type === 0) return ['sync-step1', 'sync-step2', 'sync-update'][decoding.readVarUint(d)] ?? 'sync-?';
  return ['sync', 'awareness', 'auth', 'query-awareness'][type] ?? `type-${type}`;
}

/** Applies every sync step 2 / update frame a raw client received to `doc`. */
export function applyReceived(doc: Y.Doc, messages: Uint8Array[]): void {
  for (const m of messages) {
    const d = decoding.createDecoder(m);
    if (decoding.readVarUint(d) !== 0) continue;
    if (decoding.readVarUint(d) === 0) continue;
    Y.applyUpdate(doc, decoding.readVarUint8Array(d));
  }
}

/** The stock y-websocket provider from npm, in node. */
export function provider(server: RunningServer | string, room: string, tok: string, doc = new Y.Doc()): WebsocketProvider {
  const url = typeof server === 'string' ? server : server.url;
  return new WebsocketProvider(url, room, doc, { params: { token: tok }, WebSocketPolyfill: WebSocket as never, disableBc: true, maxBackoffTime: 300 });
}

export function synced(p: WebsocketProvider): Promise<void> {
  return p.synced ? Promise.resolve() : new Promise((resolve) => p.once('sync', (s: boolean) => s && resolve()));
}

/** Runs `edit` on a replica of `doc` and returns only the update it produced. */
export function updateFrom(doc: Y.Doc, edit: (replica: Y.Doc) => void): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(replica);
  edit(replica);
  return Y.encodeStateAsUpdate(replica, before);
}

/** A token for one of the example case's people on `caseId`, with their name and service. */
export function exampleToken(who: keyof typeof EXAMPLE_USERS, caseId: string): Promise<string> {
  const person = EXAMPLE_USERS[who] as { id: string; name: string; role: TokenRequest['role']; service?: string };
  return token({ sub: person.id, name: person.name, role: person.role, case: caseId, ...(person.service ? { service: person.service } : {}) });
}

/** A hand-made client that has received the server's copy of `room`, kept in `replica`. */
export async function connectRawReplica(url: string, room: string, tok: string): Promise<RawClient & { replica: Y.Doc }> {
  const c = rawClient(url, room, tok);
  await c.opened;
  const replica = new Y.Doc();
  c.send(syncStep1Message(replica));
  await waitFor(() => c.messages.some((m) => kindOf(m) === 'sync-step2'), 'sync step 2');
  applyReceived(replica, c.messages);
  return { ...c, replica };
}
