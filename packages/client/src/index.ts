/**
 * @samrad/client — the connection between a browser (or node) and a Samråd server:
 * y-websocket provider per document scope, presence, offline cache, sync state, token
 * refresh. The widgets use it through `<samrad-meeting>`; hosts may use it directly.
 */
export { connectCase, syncUrl, type AudienceDocument, type CaseConnection, type ConnectOptions, type ConnectionStatus, type ConnectionStateName, type RefusalReason } from './connect.js';
export { Store, type Observable } from './observable.js';
export { clearOfflineData, offlineCacheName } from './offline.js';
export { getPresence, setPresence, setEditing, presenceSource, type Editing, type Peer, type PresenceSource, type PresenceState, type PresenceUser } from './presence.js';
export { decodeTokenClaims, userFromToken, type TokenClaims } from './token.js';
