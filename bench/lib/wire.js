/**
 * A bare y-websocket protocol client: no Y.Doc, just frames. Used where the client side
 * must cost next to nothing (a thousand idle connections) or must push stored updates fast.
 */
import WebSocket from 'ws';

function varUint(n) {
  const out = [];
  while (n > 0x7f) { out.push((n & 0x7f) | 0x80); n >>>= 7; }
  out.push(n);
  return out;
}

/** [sync, update, bytes] — an update message, as a provider sends one. */
export function updateMessage(update) {
  return Buffer.concat([Buffer.from([0, 2, ...varUint(update.byteLength)]), update]);
}

/** [sync, step 1, empty state vector] — "send me everything". */
export const STEP1_EMPTY = Buffer.from([0, 0, 1, 0]);

/** Opens a raw connection; resolves once open. Counts the bytes the server sends. */
export function rawConnect(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const conn = { ws, received: 0, messages: 0, firstMessageAt: 0, openedAt: 0, closeCode: null, waiters: [] };
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data) => {
      conn.messages += 1;
      conn.received += data.length;
      if (!conn.firstMessageAt) conn.firstMessageAt = performance.now();
      // A step 2 from the server ([0, 1, …]) answers our step 1.
      if (data[0] === 0 && data[1] === 1) for (const w of conn.waiters.splice(0)) w.resolve(data);
    });
    ws.once('open', () => { conn.openedAt = performance.now(); resolve(conn); });
    ws.once('error', reject);
    ws.on('close', (code, reason) => {
      conn.closeCode = code;
      // A server that refuses what was sent closes instead of answering: say so rather than wait forever.
      for (const w of conn.waiters.splice(0)) w.reject(new Error(`closed by the server: ${code} ${reason}`));
    });
  });
}

/**
 * Sends step 1 and resolves with the server's step 2 (everything it has, in order after what
 * was sent before); rejects if the server closes the connection first (it refused an update).
 */
export function roundTrip(conn) {
  return new Promise((resolve, reject) => {
    if (conn.closeCode !== null) return reject(new Error(`closed by the server: ${conn.closeCode}`));
    conn.waiters.push({ resolve, reject });
    conn.ws.send(STEP1_EMPTY);
  });
}

export function rawClose(conn) {
  return new Promise((resolve) => {
    if (conn.ws.readyState === WebSocket.CLOSED) return resolve();
    conn.ws.once('close', () => resolve());
    conn.ws.close();
  });
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function pool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  }));
  return results;
}
