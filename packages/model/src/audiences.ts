/**
 * Audiences as documents. Yjs sends a whole document to whoever opens it, so what one
 * person may not read must not sit in a document they can open: every group of readers
 * that need-to-know calls for is a document of its own, and the server decides from the
 * name alone (and the case's consents) who receives it. docs/server.md has the table.
 *
 * | name                               | who receives it                                          |
 * |------------------------------------|----------------------------------------------------------|
 * | `case/<id>`                        | everyone on the case (observers read only)               |
 * | `case/<id>/restricted`             | leader, coordinator, professionals                       |
 * | `case/<id>/service/<service>`      | leader, coordinator, professionals of that service       |
 * | `case/<id>/withheld/<s1>+<s2>`     | leader, coordinator, professionals of any other service  |
 * | `case/<id>/private/<sub>`          | that one person                                          |
 * | `case/<id>/kept-from/<sub>`        | everyone on the case but that one person                 |
 *
 * `<sub>` is the user's id from the token, base64url-encoded so any id makes a safe name.
 * Professionals get none of these without a consent covering their service (the gate).
 */
import type { AuthUser } from './ownership.js';
import { FULL_WRITE_ROLES } from './permissions.js';
import type { Role } from './schemas.js';

export type Access = 'none' | 'read' | 'write';

export type Audience =
  | { kind: 'shared' }
  | { kind: 'restricted' }
  /** What one service keeps to itself. */
  | { kind: 'service'; service: string }
  /** What the child asked to keep from these services (sorted, no repeats). */
  | { kind: 'withheld'; services: readonly string[] }
  /** One person's drafts and silent notes until they share them. */
  | { kind: 'private'; sub: string }
  /** Entries kept from one person (a guardian with a protected address, a high-conflict separation). */
  | { kind: 'kept-from'; sub: string };

export type AudienceKind = Audience['kind'];

/** Root shared types of each kind of document (every root a Y.Map of entries). */
export const AUDIENCE_ROOTS = {
  service: ['notes'],
  withheld: ['notes', 'reservations'],
  private: ['silentNotes'],
  'kept-from': ['notes'],
} as const satisfies Record<Exclude<AudienceKind, 'shared' | 'restricted'>, readonly string[]>;

/** A service's name as it may stand in a document name. */
const SERVICE_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;
const CASE_ID = '[A-Za-z0-9_.:-]{1,80}';
const NAME = new RegExp(`^case/(${CASE_ID})(?:/(restricted|service|withheld|private|kept-from)(?:/([^/]{1,400}))?)?$`);

/** base64url of the UTF-8 bytes, without padding: any user id as a safe document-name part. */
export function encodeSub(sub: string): string {
  let binary = '';
  for (const b of new TextEncoder().encode(sub)) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeSub(encoded: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(encoded)) return null;
  try {
    const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
    const sub = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    // Only the one spelling: a name that decodes but is not how we encode would alias a document.
    return sub.length > 0 && encodeSub(sub) === encoded ? sub : null;
  } catch {
    return null;
  }
}

/** The services of a withheld document, in their one spelling: sorted, no repeats. */
export function withheldServices(services: Iterable<string>): string[] {
  return [...new Set(services)].sort();
}

/** The part of a document's name after `case/<id>`: '' for the shared document. */
export function audienceSuffix(audience: Audience): string {
  switch (audience.kind) {
    case 'shared': return '';
    case 'restricted': return '/restricted';
    case 'service': return `/service/${audience.service}`;
    case 'withheld': return `/withheld/${withheldServices(audience.services).join('+')}`;
    case 'private': return `/private/${encodeSub(audience.sub)}`;
    case 'kept-from': return `/kept-from/${encodeSub(audience.sub)}`;
  }
}

export function audienceDocName(caseId: string, audience: Audience): string {
  return `case/${caseId}${audienceSuffix(audience)}`;
}

/** A stable key of an audience within its case: the name's suffix without the slash ('shared' for the case itself). */
export function audienceKey(audience: Audience): string {
  return audienceSuffix(audience).slice(1) || 'shared';
}

/** The case and audience of a document name, or null for any name that is not one of ours. */
export function parseAudienceDocName(name: string): { caseId: string; audience: Audience } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, caseId, kind, rest] = m as unknown as [string, string, AudienceKind | undefined, string | undefined];
  const at = (audience: Audience) => ({ caseId, audience });
  switch (kind) {
    case undefined: return at({ kind: 'shared' });
    case 'restricted': return rest === undefined ? at({ kind: 'restricted' }) : null;
    case 'service': return rest !== undefined && SERVICE_NAME.test(rest) ? at({ kind: 'service', service: rest }) : null;
    case 'withheld': {
      const services = rest?.split('+') ?? [];
      const canonical = services.length > 0 && services.length <= 12 && services.every((s) => SERVICE_NAME.test(s)) && withheldServices(services).join('+') === rest;
      return canonical ? at({ kind: 'withheld', services }) : null;
    }
    case 'private':
    case 'kept-from': {
      const sub = rest === undefined ? null : decodeSub(rest);
      return sub === null ? null : at({ kind, sub });
    }
    default: return null;
  }
}

const SHARED_ACCESS: Readonly<Record<Role, Access>> = {
  leader: 'write', coordinator: 'write', professional: 'write', parent: 'write', child: 'write', observer: 'read',
};

/** What `user` may do with a whole document of this audience (the consent gate comes on top). */
export function audienceAccess(user: AuthUser, audience: Audience): Access {
  const professional = FULL_WRITE_ROLES.includes(user.role);
  switch (audience.kind) {
    case 'shared': return SHARED_ACCESS[user.role];
    case 'restricted': return professional ? 'write' : 'none';
    case 'service': return professional && user.service === audience.service ? 'write' : 'none';
    case 'withheld': return professional && !(user.service !== undefined && audience.services.includes(user.service)) ? 'write' : 'none';
    case 'private': return user.id === audience.sub && user.role !== 'observer' ? 'write' : 'none';
    // The family reads what is kept from the one person; professionals write it.
    case 'kept-from': return user.id === audience.sub ? 'none' : professional ? 'write' : 'read';
  }
}
