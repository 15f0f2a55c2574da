/**
 * The server's own dependencies, re-exported for the cross-package reliability suite in
 * tests/reliability: pnpm installs them under server/node_modules only, so bare imports
 * from tests/ would not resolve. Importing them through here uses the very same copies
 * the server runs with (one yjs, one ws).
 */
export { WebSocket, WebSocketServer } from 'ws';
export { WebsocketProvider } from 'y-websocket';
export { default as pg } from 'pg';
export { Redis } from 'ioredis';
export { default as Database } from 'better-sqlite3';
export * as encoding from 'lib0/encoding';
export * as decoding from 'lib0/decoding';
export * as awarenessProtocol from 'y-protocols/awareness';
export * as syncProtocol from 'y-protocols/sync';
