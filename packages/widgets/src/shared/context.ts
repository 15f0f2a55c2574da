/**
 * Contexts `<samrad-meeting>` provides to the widgets inside it. Keys are `Symbol.for`
 * so two copies of the library on one page still find each other's providers.
 */
import { createContext } from '@lit/context';
import type { MeetingModel } from '@samrad/model';

/** The typed meeting model (with the current user as `model.user`). */
export const modelContext = createContext<MeetingModel | undefined>(Symbol.for('samrad:model'));

export type ConnectionStateName = 'connecting' | 'live' | 'offline' | 'refused' | 'local' | 'practice';

/**
 * Connection and sync state, as shown to people. `local` = a document given by the host,
 * no server; `practice` = practice mode, fictitious data kept only in memory.
 */
export interface ConnectionState {
  state: ConnectionStateName;
  /** Local changes the server has not acknowledged yet. */
  unsynced: number;
  /** Why access was refused (`refused` only). */
  reason?: string;
  /** `offline` only: a reconnect is scheduled or under way (else: no network, nothing is tried). */
  retrying?: boolean;
}

export const connectionContext = createContext<ConnectionState>(Symbol.for('samrad:connection'));

/** Id of the meeting the widgets show; undefined when the case has no meeting yet. */
export const meetingContext = createContext<string | undefined>(Symbol.for('samrad:meeting'));

/**
 * Live presence from the connection's awareness, for widgets that show who is online
 * and who edits what. Absent without a server connection.
 */
export interface PresencePeer {
  clientId: number;
  /** True for this browser tab's own entry. */
  self: boolean;
  /**
   * Who this is. For other people this is what the server vouches for (the `verified`
   * stamp from their token), never what their client says about itself.
   */
  user: { id: string; name: string; role: string; service?: string };
  editing?: { widget: string; field: string };
}
export interface PresenceSource {
  /** Everyone connected, this client included (`self: true`). */
  peers(): PresencePeer[];
  /** Tells the others what this user is editing now (undefined: nothing). */
  setEditing(editing: { widget: string; field: string } | undefined): void;
  /** Calls `fn` when anyone's presence changes. Returns an unsubscribe function. */
  subscribe(fn: () => void): () => void;
}
export const presenceContext = createContext<PresenceSource | undefined>(Symbol.for('samrad:presence'));
