/**
 * Facilitation aids: the round-robin, IGP mode, and the silent notes written in it, which the
 * leader turns into agenda notes or actions in plenary.
 */
import type { z } from 'zod';
import { CommandError } from '../errors.js';
import { FULL_WRITE_ROLES } from '../permissions.js';
import { AgendaItem, Meeting, SilentNote } from '../schemas.js';
import { clean, createEntity, deleteEntity, readEntity } from '../store.js';
import type { Audience } from '../audiences.js';
import { audienceKey } from '../audiences.js';
import type { ModelCore } from './core.js';
import type { AgendaCommands } from './agenda.js';
import type { ActionCommands, ActionInput } from './actions.js';

/** A silent note the leader may use in plenary: the meeting is open and the note not used yet. */
function usableNote(core: ModelCore, id: string): SilentNote {
  core.allow('facilitation.run');
  const note = SilentNote.parse(core.get('facilitation.run', 'silentNotes', id));
  core.assertOpen('facilitation.run', note.meetingId);
  if (note.usedAs) throw new CommandError('conflict', 'facilitation.run', `the note is already used as ${note.usedAs.kind} ${note.usedAs.id}`, [{ path: 'usedAs', message: 'note-already-used' }]);
  return note;
}

export function facilitationCommands(core: ModelCore) {
  return {
    /** Starts a round-robin: everyone present (or the given order) speaks in turn; ticks are cleared. */
    startRound: (meetingId: string, order?: string[]): void => {
      core.allow('facilitation.run');
      core.assertOpen('facilitation.run', meetingId);
      const present = core.snapshot().participants.filter((p) => p.attendance === 'present' || p.attendance === 'invited').map((p) => p.id);
      core.update('facilitation.run', 'meetings', meetingId, { speakingOrder: order ?? present, heard: [] });
    },
    /** Ticks (or unticks) a participant as heard in the current round. */
    markHeard: (meetingId: string, participantId: string, heard = true): void => {
      core.allow('facilitation.run');
      core.assertOpen('facilitation.run', meetingId);
      const m = Meeting.parse(core.get('facilitation.run', 'meetings', meetingId));
      const next = heard ? [...new Set([...m.heard, participantId])] : m.heard.filter((id) => id !== participantId);
      core.update('facilitation.run', 'meetings', meetingId, { heard: next });
    },
    /** IGP mode: individual → group → plenary; `undefined` switches it off. */
    setIgpPhase: (meetingId: string, phase: 'individual' | 'group' | 'plenary' | undefined): void => {
      core.allow('facilitation.run');
      core.assertOpen('facilitation.run', meetingId);
      core.update('facilitation.run', 'meetings', meetingId, { igpPhase: phase });
    },
  };
}

export type FacilitationCommands = ReturnType<typeof facilitationCommands>;

/** This user's private document, opening it through the connection if it is not open yet; none without a server. */
function privateDoc(core: ModelCore) {
  const audience: Audience = { kind: 'private', sub: core.user.id };
  if (!core.mayWriteAudience(audience)) return undefined;
  if (!core.audiences.has(audienceKey(audience)) && !core.canOpenAudiences) return undefined;
  return core.audienceDoc('silentNote.add', audience);
}

export function silentNoteCommands(core: ModelCore & { readonly agenda: AgendaCommands; readonly actions: ActionCommands }) {
  return {
    /**
     * Writes a silent note. It goes to the author's private document (audiences.ts), which
     * the server sends to nobody else, until the author shares it (`shareMine`); a model
     * without a private document (no server: practice, tests on a bare Y.Doc) writes it to
     * the shared record at once.
     */
    add: (meetingId: string, text: string, agendaItemId?: string): string => {
      core.allow('silentNote.add', {});
      core.assertOpen('silentNote.add', meetingId);
      const own = privateDoc(core);
      if (!own) return core.create('silentNote.add', 'silentNotes', { meetingId, text, agendaItemId });
      const { at, by } = core.stamp();
      const id = core.newId();
      const note = core.parse('silentNote.add', SilentNote, { id, meetingId, text, agendaItemId, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by });
      own.transact(() => createEntity(own, 'silentNotes', id, clean(note)), core.origin);
      return id;
    },
    /**
     * Shares this user's private notes of a meeting: each is written to the shared record
     * under the same id, then removed from the private document. Safe to repeat: a note
     * already shared is not written twice. Returns how many were shared.
     */
    shareMine: (meetingId: string): number => {
      const own = privateDoc(core);
      if (!own) return 0;
      const mine = core.snapshot().silentNotes.filter((n) => n.private && n.meetingId === meetingId);
      if (mine.length === 0) return 0;
      core.allow('silentNote.add', {});
      core.assertOpen('silentNote.add', meetingId);
      core.transact('silentNotes', () => {
        for (const { private: _, ...note } of mine) if (!readEntity(core.doc, 'silentNotes', note.id)) createEntity(core.doc, 'silentNotes', note.id, clean(note));
      });
      own.transact(() => { for (const n of mine) deleteEntity(own, 'silentNotes', n.id); }, core.origin);
      return mine.length;
    },
    /** Notes this user may see now: their own (shared or not), and everyone's from the plenary phase on. */
    visible: (meetingId: string): Array<SilentNote & { private?: true }> => {
      const snap = core.snapshot();
      const phase = snap.meetings.find((m) => m.id === meetingId)?.igpPhase;
      return snap.silentNotes.filter((n) => n.meetingId === meetingId && (phase === 'plenary' || phase === 'group' && FULL_WRITE_ROLES.includes(core.user.role) || n.createdBy === core.user.id));
    },
    /** Group phase: the leader puts a note in a labelled group (an empty label takes it out). */
    setGroup: (id: string, group: string | undefined): void => {
      core.allow('facilitation.run');
      const note = SilentNote.parse(core.get('facilitation.run', 'silentNotes', id));
      core.assertOpen('facilitation.run', note.meetingId);
      core.update('facilitation.run', 'silentNotes', id, { group: group?.trim() || undefined });
    },
    /**
     * Plenary: adds a note's text to an agenda item's notes (an agenda note) and marks the
     * note as used, in one step that undo takes back whole.
     */
    toAgendaNote: (id: string, agendaItemId: string): void => {
      const note = usableNote(core, id);
      const item = core.parse('agenda.update', AgendaItem, core.get('agenda.update', 'agenda', agendaItemId));
      const notes = item.notes.trim() ? `${item.notes.trimEnd()}\n${note.text}` : note.text;
      core.transact('silentNotes', () => {
        core.agenda.update(agendaItemId, { notes });
        core.update('facilitation.run', 'silentNotes', id, { usedAs: { kind: 'agenda', id: agendaItemId } });
      });
    },
    /** Plenary: turns a note into an action (the note's text is the title unless `input` says otherwise). */
    toAction: (id: string, input: Omit<z.input<typeof ActionInput>, 'title'> & { title?: string }): string => {
      const note = usableNote(core, id);
      let actionId!: string;
      core.transact('silentNotes', () => {
        actionId = core.actions.add({ meetingId: note.meetingId, ...input, title: input.title ?? note.text.slice(0, 500) });
        core.update('facilitation.run', 'silentNotes', id, { usedAs: { kind: 'action', id: actionId } });
      });
      return actionId;
    },
  };
}

export type SilentNoteCommands = ReturnType<typeof silentNoteCommands>;
