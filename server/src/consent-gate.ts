/**
 * The consent gate on the server: a professional of a service takes part in a case only
 * while a recorded consent covers that service (`consentAllows` in @samrad/model, the same
 * rule the widgets show). It is checked at connect — before any document byte is sent —
 * and again whenever the case's consents change or a validity period runs out, so a
 * withdrawal takes effect live: the withdrawn service's connections are closed with
 * 4403 `consent-missing`, on every scope of the case. Child welfare (barnevern) is gated
 * like every other service: the duty to report (opplysningsplikt) is a one-off report the
 * professional records (`welfareReports`), never standing access to the case.
 */
import { consentAllows, readSnapshot, type AuthUser } from '@samrad/model';
import type * as Y from 'yjs';
import { CloseCode, type Refusal } from './close-codes.js';

export const CONSENT_MISSING: Refusal = { code: CloseCode.forbidden, reason: 'consent-missing' };

/** Roles the gate applies to (professionals of every service, child welfare included); everyone else is never gated by consent. */
export function isGated(user: AuthUser): boolean {
  return user.role === 'professional';
}

/** The refusal for `user` on a case whose shared document is `shared`, or null when allowed. */
export function consentRefusal(shared: Y.Doc, user: AuthUser, now = new Date()): Refusal | null {
  if (!isGated(user)) return null;
  return consentAllows(readSnapshot(shared), user, now) ? null : CONSENT_MISSING;
}

/** Raised while opening a connection's document when the connection is refused instead. */
export class RefusedError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reason);
  }
}
