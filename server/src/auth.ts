/**
 * Token verification. The host portal signs a JWT from its own login; the server trusts
 * nothing else the client says. HS256 with a shared secret, or RS256/ES256 with a public
 * key or a JWKS URL. `alg: none` and any algorithm not configured are refused.
 */
import * as jose from 'jose';
import { z } from 'zod';
import type { AuthUser, Role } from '@samrad/model';
import { CloseCode, type Refusal } from './close-codes.js';

export const ROLES = ['leader', 'coordinator', 'professional', 'parent', 'child', 'observer'] as const satisfies readonly Role[];

export interface AuthOptions {
  /** Shared secret for HS256 (SAMRAD_SECRET). */
  secret?: string;
  /** PEM public key (SPKI) for RS256 or ES256. */
  publicKey?: string;
  /** Algorithm of `publicKey`; default RS256. */
  publicKeyAlg?: 'RS256' | 'ES256';
  /** URL of a JSON Web Key Set with RS256/ES256 keys. */
  jwksUrl?: string;
  /** Required `iss`, when set. */
  issuer?: string;
  /** Required `aud`, when set. */
  audience?: string;
  /**
   * Longest lifetime a token may have, in seconds: `exp - iat` (or `exp` minus now, when
   * the token has no `iat`) above it is refused as `token-lifetime`. Default 12 hours.
   */
  maxTokenLifetimeSeconds?: number;
  /** How far in the future an `iat` may lie (clock skew), in seconds. Default 60. */
  clockSkewSeconds?: number;
}

/** Default longest token lifetime: 12 hours. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;
/** Default tolerated clock skew for `iat`: one minute. */
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;

const Claims = z.object({
  sub: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  role: z.enum(ROLES),
  case: z.union([z.string().min(1).max(200), z.array(z.string().min(1).max(200)).min(1).max(1000)]),
  service: z.string().max(100).optional(),
  exp: z.number(),
  iat: z.number().optional(),
});

/** What a verified token grants. */
export interface Grant {
  user: AuthUser;
  cases: ReadonlySet<string>;
  /** Expiry, in milliseconds since the epoch. */
  expiresAt: number;
}

export type VerifyResult = { ok: true; grant: Grant } | { ok: false; refusal: Refusal };

type KeyInput = Parameters<typeof jose.jwtVerify>[1];

export class TokenVerifier {
  private readonly keys: Array<{ key: KeyInput; algorithms: string[] }> = [];
  private readonly ready: Promise<void>;

  constructor(private readonly options: AuthOptions) {
    if (!options.secret && !options.publicKey && !options.jwksUrl) {
      throw new Error('startServer: auth needs `secret` (HS256), `publicKey` (RS256/ES256) or `jwksUrl`');
    }
    if (options.secret) this.keys.push({ key: new TextEncoder().encode(options.secret), algorithms: ['HS256'] });
    if (options.jwksUrl) this.keys.push({ key: jose.createRemoteJWKSet(new URL(options.jwksUrl)) as unknown as KeyInput, algorithms: ['RS256', 'ES256'] });
    this.ready = options.publicKey
      ? (async () => {
          const alg = options.publicKeyAlg ?? 'RS256';
          this.keys.push({ key: await jose.importSPKI(options.publicKey!, alg), algorithms: [alg] });
        })()
      : Promise.resolve();
  }

  /** Verifies a token and its claims; never throws. */
  async verify(token: string | null | undefined): Promise<VerifyResult> {
    const refuse = (reason: string, code: Refusal['code'] = CloseCode.unauthorized): VerifyResult => ({ ok: false, refusal: { code, reason } });
    if (!token) return refuse('token-missing');
    if (token.length > 8192 || token.split('.').length !== 3) return refuse('token-malformed');
    let header: jose.ProtectedHeaderParameters;
    try {
      header = jose.decodeProtectedHeader(token);
    } catch {
      return refuse('token-malformed');
    }
    await this.ready;
    const candidates = this.keys.filter((k) => typeof header.alg === 'string' && k.algorithms.includes(header.alg));
    if (candidates.length === 0) return refuse('token-algorithm');
    let payload: jose.JWTPayload | undefined;
    let lastError: unknown;
    for (const { key, algorithms } of candidates) {
      try {
        ({ payload } = await jose.jwtVerify(token, key as never, {
          algorithms,
          requiredClaims: ['exp', 'sub'],
          ...(this.options.issuer ? { issuer: this.options.issuer } : {}),
          ...(this.options.audience ? { audience: this.options.audience } : {}),
        }));
        break;
      } catch (error) {
        lastError = error;
      }
    }
    if (!payload) return refuse(...reasonFor(lastError));
    const claims = Claims.safeParse(payload);
    if (!claims.success) return refuse('token-claims');
    const c = claims.data;
    // A token that lives long, or claims to be issued later than now, is refused even when
    // validly signed: a leaked long-lived token would otherwise open the case for months.
    const now = Date.now() / 1000;
    const skew = this.options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
    if (c.iat !== undefined && c.iat > now + skew) return refuse('token-issued-in-future');
    if (c.exp - (c.iat ?? now) > (this.options.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS)) return refuse('token-lifetime');
    const user: AuthUser = { id: c.sub, name: c.name, role: c.role, ...(c.service ? { service: c.service } : {}) };
    return { ok: true, grant: { user, cases: new Set(Array.isArray(c.case) ? c.case : [c.case]), expiresAt: c.exp * 1000 } };
  }
}

function reasonFor(error: unknown): [string, Refusal['code']?] {
  if (error instanceof jose.errors.JWTExpired) return ['token-expired'];
  if (error instanceof jose.errors.JWSSignatureVerificationFailed) return ['token-signature'];
  if (error instanceof jose.errors.JOSEAlgNotAllowed) return ['token-algorithm'];
  if (error instanceof jose.errors.JWKSNoMatchingKey) return ['token-signature'];
  if (error instanceof jose.errors.JWTClaimValidationFailed) return ['token-claims'];
  // A JWKS that times out or cannot be fetched says nothing about the token itself.
  if (error instanceof jose.errors.JWKSTimeout || !(error instanceof jose.errors.JOSEError)) return ['auth-unavailable', CloseCode.tryAgainLater];
  return ['token-malformed'];
}

export interface TokenRequest {
  sub: string;
  name: string;
  role: Role;
  case: string | string[];
  service?: string;
  /** Lifetime in seconds; default one hour. */
  ttl?: number;
}

/** Signs an HS256 token, for development, tests and the demo sign-in. */
export async function signToken(secret: string, request: TokenRequest): Promise<string> {
  const { ttl = 3600, sub, ...claims } = request;
  return new jose.SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttl)
    .sign(new TextEncoder().encode(secret));
}
