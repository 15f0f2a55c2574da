/**
 * One collaborating client in node: a Y.Doc kept in sync with a server through the stock
 * provider of that server's protocol (y-websocket's WebsocketProvider for ours and the
 * reference backend, HocuspocusProvider for Hocuspocus), with awareness on.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { clientTarget } from './servers.js';

/**
 * Opens `room` for `user` on the server `ep` with `doc`. `synced` resolves once the first
 * sync is done; `presence` becomes the client's awareness state; `onServerClose` hears of
 * closes with an application code (4000–4999: a refusal by the server).
 */
export function openClient(ep, room, user, doc, presence = { user: { name: user } }, { onServerClose = () => {} } = {}) {
  if (ep.protocol === 'hocuspocus') {
    const provider = new HocuspocusProvider({ url: `ws://127.0.0.1:${ep.port}`, name: room, document: doc, WebSocketPolyfill: WebSocket, token: 'bench' });
    provider.setAwarenessField('user', presence.user);
    provider.on('close', ({ event }) => { if (event?.code >= 4000) onServerClose(event.code, event.reason); });
    const synced = new Promise((resolve) => provider.on('synced', () => resolve()));
    return { awareness: provider.awareness, synced, destroy: () => provider.destroy() };
  }
  const { base, params } = clientTarget(ep, room, user);
  const provider = new WebsocketProvider(base, room, doc, { WebSocketPolyfill: WebSocket, params, disableBc: true });
  provider.awareness.setLocalState(presence);
  const synced = new Promise((resolve, reject) => {
    provider.once('sync', () => resolve());
    provider.on('connection-close', (event) => {
      if (!event || event.code < 4000) return;
      onServerClose(event.code, event.reason);
      reject(new Error(`${room}: closed ${event.code} ${event.reason}`));
    });
  });
  return { awareness: provider.awareness, synced, destroy: () => provider.destroy() };
}
