/**
 * Websocket close codes the server uses. The 4400–4499 range mirrors HTTP 4xx and means
 * "reconnecting will not help": the stock y-websocket client stops retrying and emits
 * `closed` with `{ code, reason }`. 1011, 1012 and 1013 are transient: it reconnects.
 * The reason text is a short machine-readable word (see docs/server.md), never case content.
 */
export const CloseCode = {
  /** Bad document name, malformed or unknown message, text frame. */
  badRequest: 4400,
  /** Token missing, malformed, expired, wrongly signed, wrong algorithm or bad claims. */
  unauthorized: 4401,
  /** Valid token, but not for this case, or the role may not open this scope. */
  forbidden: 4403,
  /** A message larger than the limit. */
  tooLarge: 4413,
  /** An update the connection's role may not make; it was neither applied, stored nor relayed. */
  updateRejected: 4422,
  /** Too many connections for this user, or too many messages per second. */
  tooMany: 4429,
  /** Unexpected server error (e.g. storage failed); the client may reconnect. */
  internalError: 1011,
  /** The server is shutting down or restarting; the client should reconnect. */
  serverRestarting: 1012,
  /** The token could not be checked right now (JWKS unreachable); try again later. */
  tryAgainLater: 1013,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** A refusal: a close code and a reason word. */
export interface Refusal {
  code: CloseCodeValue;
  reason: string;
}

/** Websocket close reasons are limited to 123 bytes of UTF-8. */
export function clampReason(reason: string): string {
  const bytes = Buffer.from(reason, 'utf8');
  return bytes.length <= 123 ? reason : bytes.subarray(0, 123).toString('utf8').replace(/\uFFFD+$/, '');
}
