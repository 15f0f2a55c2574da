/**
 * The y-websocket wire format: a varuint message type, then the body. Sync messages
 * (type 0) carry a sub-type (step 1 = state vector, step 2 and update = a Yjs update);
 * awareness (type 1) carries an awareness update; type 3 asks for everyone's awareness.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
export const SyncType = { step1: 0, step2: 1, update: 2 } as const;

export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'update'; update: Uint8Array; step2: boolean }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' };

export class MalformedMessage extends Error {}

/** Decodes one binary frame from a client; throws MalformedMessage with a reason word. */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(data);
  try {
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync: {
        const sub = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (sub === SyncType.step1) return { kind: 'sync-step1', stateVector: payload };
        if (sub === SyncType.step2 || sub === SyncType.update) return { kind: 'update', update: payload, step2: sub === SyncType.step2 };
        throw new MalformedMessage('unknown-sync-type');
      }
      case MessageType.awareness:
        return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
      case MessageType.queryAwareness:
        return { kind: 'query-awareness' };
      default:
        throw new MalformedMessage('unknown-message-type');
    }
  } catch (error) {
    if (error instanceof MalformedMessage) throw error;
    throw new MalformedMessage('malformed-message');
  }
}

/** The client ids an awareness update speaks for, without decoding the states. Throws on malformed input. */
export function awarenessClientIds(update: Uint8Array): number[] {
  const d = decoding.createDecoder(update);
  const n = decoding.readVarUint(d);
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(decoding.readVarUint(d));
    decoding.readVarUint(d); // clock
    decoding.readVarUint8Array(d); // the state, as JSON text
  }
  return ids;
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

export const encodeSyncStep1 = (doc: Y.Doc): Uint8Array =>
  frame((e) => { encoding.writeVarUint(e, MessageType.sync); encoding.writeVarUint(e, SyncType.step1); encoding.writeVarUint8Array(e, Y.encodeStateVector(doc)); });

export const encodeSyncStep2 = (doc: Y.Doc, stateVector: Uint8Array): Uint8Array =>
  frame((e) => { encoding.writeVarUint(e, MessageType.sync); encoding.writeVarUint(e, SyncType.step2); encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector)); });

export const encodeUpdate = (update: Uint8Array): Uint8Array =>
  frame((e) => { encoding.writeVarUint(e, MessageType.sync); encoding.writeVarUint(e, SyncType.update); encoding.writeVarUint8Array(e, update); });

export const encodeAwareness = (update: Uint8Array): Uint8Array =>
  frame((e) => { encoding.writeVarUint(e, MessageType.awareness); encoding.writeVarUint8Array(e, update); });

/** y-protocols/auth "permission denied", which the stock client logs with its reason. */
export const encodePermissionDenied = (reason: string): Uint8Array =>
  frame((e) => { encoding.writeVarUint(e, MessageType.auth); encoding.writeVarUint(e, 0); encoding.writeVarString(e, reason); });

/**
 * Decodes the whole update without a document, so a truncated or garbled one is caught
 * before it is stored or touches the live document. Throws on malformed input.
 */
export function validateUpdate(update: Uint8Array): void {
  Y.decodeUpdate(update);
}

/**
 * True when `update` adds nothing to `doc`: every struct is already known and every
 * deletion already happened. Read-only clients answer the server's sync step 1 with such
 * updates; they are ignored rather than refused, and never stored.
 */
export function isNoopUpdate(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  for (const s of structs) {
    if (s instanceof Y.Skip) continue;
    if (s.id.clock + s.length > Y.getState(doc.store, s.id.client)) return false;
  }
  if (ds.clients.size === 0) return true;
  const deleted = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, items] of ds.clients) {
    const have = deleted.clients.get(client) ?? [];
    for (const { clock, len } of items) if (!covered(have, clock, clock + len)) return false;
  }
  return true;
}

/** Whether sorted ranges cover [from, to). */
function covered(ranges: ReadonlyArray<{ clock: number; len: number }>, from: number, to: number): boolean {
  let pos = from;
  for (const r of ranges) {
    if (r.clock + r.len <= pos) continue;
    if (r.clock > pos) return false;
    pos = r.clock + r.len;
    if (pos >= to) return true;
  }
  return pos >= to;
}
