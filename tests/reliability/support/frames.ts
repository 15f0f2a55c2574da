/**
 * Hand-made y-websocket frames and a raw client that sends them, for hostile-input and
 * access tests: the server must hold against anything a modified client can put on the wire.
 */
import * as Y from 'yjs';
import { rawClient, type RawClient } from '../../../server/test/helpers.js';
import { decoding, encoding } from '../../../server/test/reliability-deps.js';
import { sleep } from './harness.js';

export { rawClient, type RawClient };

export function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

export const syncStep1 = (stateVector: Uint8Array = Y.encodeStateVector(new Y.Doc())) =>
  frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 0); encoding.writeVarUint8Array(e, stateVector); });

export const syncUpdate = (update: Uint8Array, step2 = false) =>
  frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, step2 ? 1 : 2); encoding.writeVarUint8Array(e, update); });

/** An awareness frame with the given (client id, clock, state) entries; `state` goes in as JSON text as given. */
export const awarenessFrame = (entries: Array<{ clientId: number; clock: number; json: string }>) =>
  frame((e) => {
    encoding.writeVarUint(e, 1);
    const body = encoding.createEncoder();
    encoding.writeVarUint(body, entries.length);
    for (const x of entries) {
      encoding.writeVarUint(body, x.clientId);
      encoding.writeVarUint(body, x.clock);
      encoding.writeVarString(body, x.json);
    }
    encoding.writeVarUint8Array(e, encoding.toUint8Array(body));
  });

export interface FrameKinds { kinds: string[]; contentBytes: number }

/**
 * What a client received: the kind of each frame, and how many bytes of document content
 * (sync step 2 and update frames that carry more than an empty update).
 */
export function describeReceived(messages: Uint8Array[]): FrameKinds {
  const kinds: string[] = [];
  let contentBytes = 0;
  for (const m of messages) {
    const d = decoding.createDecoder(m);
    const type = decoding.readVarUint(d);
    if (type !== 0) { kinds.push(type === 1 ? 'awareness' : `type-${type}`); continue; }
    const sub = decoding.readVarUint(d);
    kinds.push(['sync-step1', 'sync-step2', 'sync-update'][sub] ?? `sync-${sub}`);
    if (sub === 0) continue;
    const update = decoding.readVarUint8Array(d);
    const { structs, ds } = Y.decodeUpdate(update);
    if (structs.length > 0 || ds.clients.size > 0) contentBytes += update.byteLength;
  }
  return { kinds, contentBytes };
}

/**
 * Opens a raw connection, sends `frames`, and waits for the server to close it (or for
 * `quietMs` without a close). Closes it itself when the server did not.
 */
export async function probe(url: string, room: string, token: string | undefined, frames: Array<Uint8Array | string>, quietMs = 250): Promise<{ closed: { code: number; reason: string } | null; messages: Uint8Array[] }> {
  const c = rawClient(url, room, token);
  let closed: { code: number; reason: string } | null = null;
  void c.closed.then((x) => { closed = x; });
  await Promise.race([c.opened, c.closed]);
  for (const f of frames) {
    if (closed || c.ws.readyState !== c.ws.OPEN) break;
    c.send(f);
  }
  const until = Date.now() + quietMs;
  while (!closed && Date.now() < until) await sleep(10);
  const byServer = closed;
  if (!closed) {
    c.ws.close();
    await Promise.race([c.closed, sleep(2000)]);
    if (c.ws.readyState !== c.ws.CLOSED) c.ws.terminate();
  }
  return { closed: byServer, messages: c.messages };
}
