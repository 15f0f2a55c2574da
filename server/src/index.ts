/**
 * @samrad/server — a y-websocket-protocol server that authenticates with JWTs, enforces
 * role × scope and per-field write rules, stores every update before relaying it, and
 * fans out between instances over Redis. See docs/server.md.
 */
export { startServer, SYNC_PATH, type ServerOptions, type RunningServer } from './server.js';
export { CloseCode, type CloseCodeValue, type Refusal } from './close-codes.js';
export { signToken, TokenVerifier, type AuthOptions, type Grant, type TokenRequest } from './auth.js';
export { DEFAULT_LIMITS, type Limits } from './limits.js';
export type { AuditEntry, AuditEvent, AuditRow, Store } from './store/index.js';
export type { AccessLogEntry, AccessLogResponse } from '@samrad/model';
