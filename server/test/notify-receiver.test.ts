/** The example receiver (examples/notify-receiver) takes the server's notices and refuses wrong or stale signatures. */
import { describe, expect, it } from 'vitest';
import { startNotifyReceiver, verifyNotice } from '../../examples/notify-receiver/receiver.mjs';
import { signNotice } from '../src/notices.js';

const SECRET = 'receiver-test-secret';

describe('example notify receiver', () => {
  it('verifies a signature made by the server, and refuses a wrong, missing or stale one', async () => {
    const got: Array<Record<string, unknown>> = [];
    const refused: string[] = [];
    const receiver = await startNotifyReceiver({ secret: SECRET, onNotice: (n) => got.push(n), onRefused: (r) => refused.push(r) });
    try {
      const body = JSON.stringify({ id: 'ntc_1', kind: 'meeting-invitation', recipient: { name: 'Kari', channels: ['sms'] }, subject: 'Invitasjon' });
      const post = (headers: Record<string, string>, text = body) => fetch(receiver.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: text });
      const now = Math.floor(Date.now() / 1000);
      expect((await post({ 'samrad-timestamp': String(now), 'samrad-signature': signNotice(SECRET, now, body) })).status).toBe(204);
      // A retry of the same notice is taken, and not passed on twice.
      expect((await post({ 'samrad-timestamp': String(now), 'samrad-signature': signNotice(SECRET, now, body) })).status).toBe(204);
      expect(got.map((n) => n.id)).toEqual(['ntc_1']);

      expect((await post({ 'samrad-timestamp': String(now), 'samrad-signature': signNotice('another-secret', now, body) })).status).toBe(401);
      expect((await post({ 'samrad-timestamp': String(now), 'samrad-signature': signNotice(SECRET, now, body) }, body.replace('Kari', 'Ola'))).status).toBe(401);
      expect((await post({ 'samrad-timestamp': String(now - 3600), 'samrad-signature': signNotice(SECRET, now - 3600, body) })).status).toBe(401);
      expect((await post({ 'samrad-signature': signNotice(SECRET, now, body) })).status).toBe(401);
      expect(refused).toEqual(['bad-signature', 'bad-signature', 'stale', 'no-timestamp']);
      expect(got).toHaveLength(1);
    } finally {
      await receiver.close();
    }
    expect(verifyNotice(SECRET, { 'samrad-timestamp': '100', 'samrad-signature': signNotice(SECRET, 100, 'x') }, 'x', { now: 100_000 })).toEqual({ ok: true });
  });
});
