/**
 * Presence over Yjs awareness: who is connected, and which widget and field they are
 * editing. Only a user's id, name and role travel — never case content.
 */
import type { Awareness } from 'y-protocols/awareness';
import type { Role } from '@samrad/model';

export interface PresenceUser { id: string; name: string; role: Role | string }
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

function isPresence(v: unknown): v is PresenceState {
  const user = (v as { user?: Partial<PresenceUser> } | null)?.user;
  return typeof user?.id === 'string' && typeof user.name === 'string' && typeof user.role === 'string';
}

/** Everyone with a presence state, this client first; other clients' malformed states are skipped. */
export function getPresence(awareness: Awareness): Peer[] {
  const out: Peer[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    if (!isPresence(state)) continue;
    const editing = state.editing && typeof state.editing.widget === 'string' && typeof state.editing.field === 'string' ? { widget: state.editing.widget, field: state.editing.field } : undefined;
    out.push({ clientId, self: clientId === awareness.clientID, user: { id: state.user.id, name: state.user.name, role: state.user.role }, ...(editing ? { editing } : {}) });
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
