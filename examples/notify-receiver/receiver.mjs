// A small receiver for Samråd's notices: the host's side of the webhook (docs/server.md,
// "Notices"). It verifies each notice's signature, refuses a wrong or stale one, and prints
// the notice; a real host would hand it to its e-mail, SMS, Digipost or portal inbox here.
//
//   SAMRAD_NOTIFY_SECRET=… node examples/notify-receiver/receiver.mjs   (PORT, default 8090)
//   samrad-server --notify-url http://127.0.0.1:8090/notices --notify-secret …
//
// No dependencies: Node's http and crypto only.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

/**
 * Whether `body` (the raw request body, as text) carries a valid signature: the header
 * `samrad-signature: v1=<hex>` is the HMAC-SHA256 with `secret` over `<timestamp>.<body>`,
 * and `samrad-timestamp` (Unix seconds) is within `toleranceSeconds` of now (no replays).
 */
export function verifyNotice(secret, headers, body, { now = Date.now(), toleranceSeconds = 300 } = {}) {
  const timestamp = String(headers['samrad-timestamp'] ?? '');
  const signature = String(headers['samrad-signature'] ?? '');
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'no-timestamp' };
  if (Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  return { ok: true };
}

/** One line for a notice, as the demo prints it. */
export function describeNotice(n) {
  const r = n.recipient ?? {};
  const channels = Array.isArray(r.channels) && r.channels.length ? r.channels.join('+') : 'no channel';
  return `${n.kind} → ${r.name ?? '?'} (${r.role ?? '?'}, ${channels}, ${n.locale}): ${n.subject}${n.ics ? ' [with calendar invitation]' : ''}`;
}

/**
 * Starts the receiver. `onNotice(notice)` gets each verified notice; answers 204 to it,
 * 401 to a wrong or stale signature, 400 to a body that is not JSON. Notices already seen
 * (by `id`) are answered 204 again and not passed on: a retry after a lost answer is not a
 * second notice.
 */
export async function startNotifyReceiver({ secret, port = 0, host = '127.0.0.1', toleranceSeconds = 300, onNotice = (n) => console.log(`[notice] ${describeNotice(n)}`), onRefused = () => {} } = {}) {
  if (!secret) throw new Error('startNotifyReceiver: a secret is required');
  const seen = new Set();
  const server = createServer((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > 256 * 1024) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const check = verifyNotice(secret, req.headers, body, { toleranceSeconds });
      if (!check.ok) {
        onRefused(check.reason);
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: check.reason }));
        return;
      }
      let notice;
      try {
        notice = JSON.parse(body);
      } catch {
        res.writeHead(400).end();
        return;
      }
      if (!seen.has(notice.id)) {
        seen.add(notice.id);
        onNotice(notice);
      }
      res.writeHead(204).end();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  return {
    url: `http://${host}:${address.port}/notices`,
    port: address.port,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const secret = process.env.SAMRAD_NOTIFY_SECRET;
  if (!secret) {
    console.error('set SAMRAD_NOTIFY_SECRET (the same secret as the server\'s --notify-secret)');
    process.exit(2);
  }
  const receiver = await startNotifyReceiver({ secret, port: Number(process.env.PORT ?? 8090), onRefused: (reason) => console.log(`[notice] refused: ${reason}`) });
  console.log(`[notice] receiving at ${receiver.url}`);
}
