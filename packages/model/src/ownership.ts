/**
 * What a person owns, for the commands marked `own` in the role table. One place for the
 * model's commands and for the server's check of raw updates (authorize.ts), so the two
 * can never disagree about whose comment, action or child's-voice entry something is.
 */
import * as Y from 'yjs';
import { SHARED_ROOTS } from './layout.js';
import type { Command } from './permissions.js';
import type { Role } from './schemas.js';

/** The person acting, as the host's token names them. */
export interface AuthUser {
  /** Token subject (`sub`). */
  id: string;
  name: string;
  role: Role;
  service?: string;
}

/** Finds the login (`userId`) of a participant; undefined when unknown or not linked to a login. */
export type ParticipantLookup = (participantId: string) => string | undefined;

/** The participant lookup of a shared document: reads one field of one participant. */
export function participantLookupIn(doc: Y.Doc): ParticipantLookup {
  return (participantId) => {
    const p = doc.getMap<unknown>(SHARED_ROOTS.participants).get(participantId);
    const userId = p instanceof Y.Map ? p.get('userId') : undefined;
    return typeof userId === 'string' ? userId : undefined;
  };
}

/** Whether `user` owns an action by its owner: parents own parent-owned actions; anyone owns actions assigned to their participant. */
export function ownsAction(user: AuthUser, owner: unknown, participantUser: ParticipantLookup): boolean {
  if (!owner || typeof owner !== 'object') return false;
  const o = owner as { kind?: unknown; participantId?: unknown };
  const linked = (id: unknown) => typeof id === 'string' && participantUser(id) === user.id;
  if (o.kind === 'parent') return user.role === 'parent' && (o.participantId === undefined || linked(o.participantId));
  if (o.kind === 'child') return user.role === 'child';
  if (o.kind === 'participant') return linked(o.participantId);
  return false;
}

/** Whether `target` (an entity, or the input of a new one) is `user`'s own for `command`. */
export function ownsTarget(user: AuthUser, command: Command, target: Record<string, unknown>, participantUser: ParticipantLookup): boolean {
  const authoredOrNew = target.createdBy === undefined || target.createdBy === user.id;
  switch (command) {
    case 'participant.setOwnStatus':
      return target.userId === user.id;
    case 'voice.record':
    case 'voice.update':
      // A parent relays the child's view; how the child took part otherwise is for the child and the professionals.
      return authoredOrNew && (user.role !== 'parent' || target.participation === 'relayed-by-parent');
    case 'action.add':
    case 'action.setStatus':
      return ownsAction(user, target.owner, participantUser);
    case 'silentNote.add':
    case 'feedback.submit':
    case 'comment.add':
    case 'comment.update':
    case 'comment.remove':
      return authoredOrNew;
    case 'consent.withdraw':
      return Array.isArray(target.givenBy) && (target.givenBy as Array<{ relation?: string }>).some((g) => g.relation === 'young-person');
    case 'handover.offer':
      return typeof target.fromParticipantId === 'string' && participantUser(target.fromParticipantId) === user.id;
    case 'handover.answer':
      return typeof target.toParticipantId === 'string' && participantUser(target.toParticipantId) === user.id;
    default:
      return false;
  }
}
