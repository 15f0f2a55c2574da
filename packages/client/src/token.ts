/**
 * Reading a token's claims in the browser, only to show who is signed in and to build
 * the model's user. The signature is NOT checked here: the server verifies every token
 * before it sends or accepts a byte, so a forged token gains nothing but a wrong name
 * on the forger's own screen.
 */
import type { AuthUser, Role } from '@samrad/model';

export interface TokenClaims {
  sub: string;
  name: string;
  role: Role;
  /** The case id (or ids) the token opens. */
  case: string | string[];
  service?: string;
  /** Expiry, seconds since the epoch. */
  exp?: number;
}

const ROLES: readonly Role[] = ['leader', 'coordinator', 'professional', 'parent', 'child', 'observer'];

function base64UrlDecode(part: string): string {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const binary = atob(b64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The token's payload, or an Error naming what is wrong with it. */
export function decodeTokenClaims(token: string): TokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('token: expected a JWT (three dot-separated parts)');
  let payload: unknown;
  try {
    payload = JSON.parse(base64UrlDecode(parts[1]!));
  } catch {
    throw new Error('token: the payload is not base64url-encoded JSON');
  }
  const p = payload as Partial<TokenClaims>;
  if (typeof p.sub !== 'string' || !p.sub) throw new Error('token: claim "sub" (user id) is missing');
  if (typeof p.name !== 'string' || !p.name) throw new Error('token: claim "name" is missing');
  if (!ROLES.includes(p.role as Role)) throw new Error(`token: claim "role" must be one of ${ROLES.join(', ')}`);
  if (typeof p.case !== 'string' && !Array.isArray(p.case)) throw new Error('token: claim "case" is missing');
  return p as TokenClaims;
}

/** The model's user from the token's claims. */
export function userFromToken(token: string): AuthUser {
  const c = decodeTokenClaims(token);
  return { id: c.sub, name: c.name, role: c.role, ...(c.service ? { service: c.service } : {}) };
}
