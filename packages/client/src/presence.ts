/**
 * Presence over Yjs awareness: who is connected, and which widget and field they are
 * editing. Only a user's id, name and role travel — never case content.
 *
 * Who someone is comes from the server, never from what their client says about itself:
 * the server stamps every state it relays with `verified` (id, name, role, service) from
 * the sender's token. Other clients' states without that stamp are not shown as people.
 */
import type { Awareness } from 'y-protocols/awareness';
import type { Role } from '@samrad/model';

export interface PresenceUser { id: string; name: string; role: Role | string; service?: string }
export interface Editing { widget: string; field: string }
export interface PresenceState { user: PresenceUser; editing?: Editing }
export interface Peer extends PresenceState { clientId: number; self: boolean }

export function setPresence(awareness: Awareness, state: PresenceState): void {
  awareness.setLocalState({ user: state.user, ...(state.editing ? { editing: state.editing } : {}) });
}

export function setEditing(awareness: Awareness, editing: Editing | undefined): void {
  const current = awareness.getLocalState() as Partial<PresenceState> | null;
  if (!current?.user) return;
  awareness.setLocalState({ user: current.user, ...(editing ? { editing } : {}) });
}

function asUser(v: unknown): PresenceUser | undefined {
  const u = v as Partial<PresenceUser> | null | undefined;
  if (typeof u?.id !== 'string' || typeof u.name !== 'string' || typeof u.role !== 'string') return undefined;
  return { id: u.id, name: u.name, role: u.role, ...(typeof u.service === 'string' ? { service: u.service } : {}) };
}

/**
 * Everyone with a presence state, this client first. This client is described by its own
 * state; everyone else only by the server's `verified` stamp — a state without it (or
 * with a malformed one) is skipped, whatever name and role it claims.
 */
export function getPresence(awareness: Awareness): Peer[] {
  const out: Peer[] = [];
  for (const [clientId, raw] of awareness.getStates()) {
    const state = raw as { user?: unknown; verified?: unknown; editing?: Partial<Editing> } | null;
    const self = clientId === awareness.clientID;
    const user = asUser(self ? state?.user : state?.verified);
    if (!user) continue;
    const editing = state?.editing && typeof state.editing.widget === 'string' && typeof state.editing.field === 'string' ? { widget: state.editing.widget, field: state.editing.field } : undefined;
    out.push({ clientId, self, user, ...(editing ? { editing } : {}) });
  }
  return out.sort((a, b) => (a.self === b.self ? a.clientId - b.clientId : a.self ? -1 : 1));
}

/** The shape `<samrad-meeting>` hands to widgets through context. */
export interface PresenceSource {
  peers(): Peer[];
  setEditing(editing: Editing | undefined): void;
  subscribe(fn: () => void): () => void;
}

export function presenceSource(awareness: Awareness): PresenceSource {
  return {
    peers: () => getPresence(awareness),
    setEditing: (editing) => setEditing(awareness, editing),
    subscribe: (fn) => {
      const onChange = () => fn();
      awareness.on('change', onChange);
      return () => awareness.off('change', onChange);
    },
  };
}
