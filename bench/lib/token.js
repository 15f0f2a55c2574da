/** HS256 tokens for our server, signed with node:crypto (the bench adds no JWT library). */
import { createHmac } from 'node:crypto';

export const BENCH_SECRET = 'bench-secret-not-for-production';

const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A token for one bench user of one case, valid for two hours. */
export function signToken({ sub, name = sub, role = 'leader', caseId, secret = BENCH_SECRET }) {
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub, name, role, case: caseId, iat: now, exp: now + 7200 })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
