/**
 * The typed model over a case's Y.Docs. Views read snapshots and call commands; they
 * never touch Yjs. Each command checks the role table, validates with zod, and runs in
 * one transaction whose origin is this model, so undo/redo covers only this user's edits.
 *
 * The core (model/core.ts) holds the documents, undo, the snapshot cache, subscriptions
 * and the helpers every command uses; the commands below build on it.
 */
import type * as Y from 'yjs';
import type { EntityRoot } from './layout.js';
import type { ChildVoiceEntry, Comment, Goal ,
  Action, Assessment, Consent, Decision, Handover, Participant} from './schemas.js';
import { ModelCore } from './model/core.js';
import type { z } from 'zod';
import { CommandError } from './errors.js';
import { FULL_WRITE_ROLES } from './permissions.js';
import { AgendaItem, Meeting, RestrictedNote, SilentNote,
} from './schemas.js';
import { feedbackId } from './ids.js';
import { stampKeys } from './model/core.js';
import type { ActionInput } from './model/actions.js';
import { actionCommands } from './model/actions.js';
import { agendaCommands } from './model/agenda.js';
import { assessmentCommands } from './model/assessments.js';
import { caseCommands } from './model/case.js';
import { commentCommands } from './model/comments.js';
import { consentCommands } from './model/consents.js';
import { decisionCommands, goalCommands } from './model/decisions.js';
import { handoverCommands } from './model/handovers.js';
import { meetingCommands } from './model/meetings.js';
import { participantCommands } from './model/participants.js';
import { editText, textField } from './model/text-fields.js';
import { voiceCommands } from './model/voice.js';

export type { AuthUser } from './ownership.js';
export type { ChangeInfo, ModelOptions, Part } from './model/core.js';

// Command inputs (zod, so bad input from a view or a host gets a clear error).
export { CaseSetupInput } from './model/case.js';
export { ParticipantInput } from './model/participants.js';
export { MeetingInput } from './model/meetings.js';
export { AgendaInput } from './model/agenda.js';
export { ActionInput, EvaluationInput } from './model/actions.js';
export { DecisionInput, GoalInput } from './model/decisions.js';
export { CommentInput } from './model/comments.js';
export { ConsentInput } from './model/consents.js';

export const NoteInput = RestrictedNote.omit(stampKeys);

export class MeetingModel extends ModelCore {
  readonly case = caseCommands(this);
  readonly participants = participantCommands(this);
  readonly meetings = meetingCommands(this);
  readonly agenda = agendaCommands(this);
  /** The child's voice. */
  readonly voice = voiceCommands(this);
  /** Best-interest assessments. */
  readonly assessments = assessmentCommands(this);
  readonly actions = actionCommands(this);
  readonly decisions = decisionCommands(this);
  readonly goals = goalCommands(this);
  /** Comments, views and dissent. */
  readonly comments = commentCommands(this);
  readonly consents = consentCommands(this);
  /** The coordinator's baton. */
  readonly handovers = handoverCommands(this);

  // ------------------------------------------------------------------ facilitation aids

  readonly facilitation = {
    /** Starts a round-robin: everyone present (or the given order) speaks in turn; ticks are cleared. */
    startRound: (meetingId: string, order?: string[]): void => {
      this.allow('facilitation.run');
      this.assertOpen('facilitation.run', meetingId);
      const present = this.snapshot().participants.filter((p) => p.attendance === 'present' || p.attendance === 'invited').map((p) => p.id);
      this.update('facilitation.run', 'meetings', meetingId, { speakingOrder: order ?? present, heard: [] });
    },
    /** Ticks (or unticks) a participant as heard in the current round. */
    markHeard: (meetingId: string, participantId: string, heard = true): void => {
      this.allow('facilitation.run');
      this.assertOpen('facilitation.run', meetingId);
      const m = Meeting.parse(this.get('facilitation.run', 'meetings', meetingId));
      const next = heard ? [...new Set([...m.heard, participantId])] : m.heard.filter((id) => id !== participantId);
      this.update('facilitation.run', 'meetings', meetingId, { heard: next });
    },
    /** IGP mode: individual → group → plenary; `undefined` switches it off. */
    setIgpPhase: (meetingId: string, phase: 'individual' | 'group' | 'plenary' | undefined): void => {
      this.allow('facilitation.run');
      this.assertOpen('facilitation.run', meetingId);
      this.update('facilitation.run', 'meetings', meetingId, { igpPhase: phase });
    },
  };

  readonly silentNotes = {
    add: (meetingId: string, text: string, agendaItemId?: string): string => {
      this.allow('silentNote.add', {});
      this.assertOpen('silentNote.add', meetingId);
      return this.create('silentNote.add', 'silentNotes', { meetingId, text, agendaItemId });
    },
    /** Notes this user may see now: their own, and everyone's from the plenary phase on. */
    visible: (meetingId: string): SilentNote[] => {
      const snap = this.snapshot();
      const phase = snap.meetings.find((m) => m.id === meetingId)?.igpPhase;
      return snap.silentNotes.filter((n) => n.meetingId === meetingId && (phase === 'plenary' || phase === 'group' && FULL_WRITE_ROLES.includes(this.user.role) || n.createdBy === this.user.id));
    },
    /** Group phase: the leader puts a note in a labelled group (an empty label takes it out). */
    setGroup: (id: string, group: string | undefined): void => {
      this.allow('facilitation.run');
      const note = SilentNote.parse(this.get('facilitation.run', 'silentNotes', id));
      this.assertOpen('facilitation.run', note.meetingId);
      this.update('facilitation.run', 'silentNotes', id, { group: group?.trim() || undefined });
    },
    /**
     * Plenary: adds a note's text to an agenda item's notes (an agenda note) and marks the
     * note as used, in one step that undo takes back whole.
     */
    toAgendaNote: (id: string, agendaItemId: string): void => {
      const note = this.usableNote(id);
      const item = this.parse('agenda.update', AgendaItem, this.get('agenda.update', 'agenda', agendaItemId));
      const notes = item.notes.trim() ? `${item.notes.trimEnd()}\n${note.text}` : note.text;
      this.transact('silentNotes', () => {
        this.agenda.update(agendaItemId, { notes });
        this.update('facilitation.run', 'silentNotes', id, { usedAs: { kind: 'agenda', id: agendaItemId } });
      });
    },
    /** Plenary: turns a note into an action (the note's text is the title unless `input` says otherwise). */
    toAction: (id: string, input: Omit<z.input<typeof ActionInput>, 'title'> & { title?: string }): string => {
      const note = this.usableNote(id);
      let actionId!: string;
      this.transact('silentNotes', () => {
        actionId = this.actions.add({ meetingId: note.meetingId, ...input, title: input.title ?? note.text.slice(0, 500) });
        this.update('facilitation.run', 'silentNotes', id, { usedAs: { kind: 'action', id: actionId } });
      });
      return actionId;
    },
  };

  /** A silent note the leader may use in plenary: the meeting is open and the note not used yet. */
  private usableNote(id: string): SilentNote {
    this.allow('facilitation.run');
    const note = SilentNote.parse(this.get('facilitation.run', 'silentNotes', id));
    this.assertOpen('facilitation.run', note.meetingId);
    if (note.usedAs) throw new CommandError('conflict', 'facilitation.run', `the note is already used as ${note.usedAs.kind} ${note.usedAs.id}`, [{ path: 'usedAs', message: 'note-already-used' }]);
    return note;
  }

  readonly feedback = {
    /** The family's feedback after a meeting. Reports show it without names. */
    submit: (input: { meetingId: string; feltHeard: number; knowsWhoToContact: boolean; useful: number; comment?: string }): string => {
      this.allow('feedback.submit', {});
      this.get('feedback.submit', 'meetings', input.meetingId);
      if (this.feedback.given(input.meetingId)) {
        throw new CommandError('conflict', 'feedback.submit', 'this person already answered for this meeting', [{ path: 'meetingId', message: 'feedback-already-given' }]);
      }
      // The key comes from the meeting and the person, so two answers given at once (two
      // devices, offline) land on one key and the document keeps one of them.
      return this.create('feedback.submit', 'feedback', { ...input, id: feedbackId(input.meetingId, this.user.id), respondentRole: this.user.role });
    },
    /** Whether this user already answered for the meeting (one answer per person per meeting). */
    given: (meetingId: string): boolean => this.snapshot().feedback.some((f) => f.meetingId === meetingId && f.createdBy === this.user.id),
  };

  // ------------------------------------------------------------------ restricted notes

  readonly notes = {
    add: (input: z.input<typeof NoteInput>): string => {
      this.allow('note.add');
      return this.create('note.add', 'notes', this.parse('note.add', NoteInput, { ...input, authorName: this.user.name }));
    },
  };

  /**
   * The `Y.Text` of a collaborative text field (`TEXT_FIELDS`), for binding an input to it:
   * read it and observe it, but write only through `editText`. Undefined when the field is
   * not a text field, the entry is missing or still holds a plain string (layout 1), or this
   * user may not edit it now — a finalised meeting's text is read-only.
   */
  textField(root: EntityRoot, id: string, field: string): Y.Text | undefined {
    return textField(this, root, id, field);
  }

  /**
   * Makes a text field read `next` with the smallest edit (one delete and one insert), in
   * one transaction whose origin is this model (so this user's undo covers typing), and
   * stamps the entry. `caret` is the caret in `next` after the user's edit, to place the
   * edit where they typed. Checks the same permission as the entry's update command and
   * the entry's schema (e.g. 20,000 characters at most, a meeting's purpose not empty).
   */
  editText(root: EntityRoot, id: string, field: string, next: string, caret?: number): void {
    editText(this, root, id, field, next, caret);
  }
}

export type { Action, AgendaItem, Assessment, ChildVoiceEntry, Comment, Consent, Decision, Goal, Handover, Meeting, Participant };
