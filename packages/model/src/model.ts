/**
 * The typed model over a case's Y.Docs. Views read snapshots and call commands; they
 * never touch Yjs. Each command checks the role table, validates with zod, and runs in
 * one transaction whose origin is this model, so undo/redo covers only this user's edits.
 *
 * The core (model/core.ts) holds the documents, undo, the snapshot cache, subscriptions
 * and the helpers every command uses; each aggregate's commands live in a module of
 * their own under model/ and are composed here.
 */
import type * as Y from 'yjs';
import type { EntityRoot } from './layout.js';
import type { ChildVoiceEntry, Comment, Goal } from './schemas.js';
import type { Action, AgendaItem, Assessment, Consent, Decision, Handover, Meeting, Participant } from './schemas.js';
import { ModelCore } from './model/core.js';
import { actionCommands, type ActionCommands } from './model/actions.js';
import { agendaCommands, type AgendaCommands } from './model/agenda.js';
import { assessmentCommands, type AssessmentCommands } from './model/assessments.js';
import { caseCommands, type CaseCommands } from './model/case.js';
import { commentCommands, type CommentCommands } from './model/comments.js';
import { consentCommands, type ConsentCommands } from './model/consents.js';
import { decisionCommands, goalCommands, type DecisionCommands, type GoalCommands } from './model/decisions.js';
import { facilitationCommands, silentNoteCommands, type FacilitationCommands, type SilentNoteCommands } from './model/facilitation.js';
import { handoverCommands, type HandoverCommands } from './model/handovers.js';
import { meetingCommands, type MeetingCommands } from './model/meetings.js';
import { noteCommands, type NoteCommands } from './model/notes.js';
import { participantCommands, type ParticipantCommands } from './model/participants.js';
import { editText, textField } from './model/text-fields.js';
import { voiceCommands, type VoiceCommands } from './model/voice.js';
import { welfareReportCommands, type WelfareReportCommands } from './model/welfare-reports.js';

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
export { NoteInput, type NoteAudience } from './model/notes.js';
export { allWelfareReports, WelfareReportAnswerInput, WelfareReportInput } from './model/welfare-reports.js';

export class MeetingModel extends ModelCore {
  readonly case: CaseCommands = caseCommands(this);
  readonly participants: ParticipantCommands = participantCommands(this);
  readonly meetings: MeetingCommands = meetingCommands(this);
  readonly agenda: AgendaCommands = agendaCommands(this);
  /** The child's voice. */
  readonly voice: VoiceCommands = voiceCommands(this);
  /** Best-interest assessments. */
  readonly assessments: AssessmentCommands = assessmentCommands(this);
  readonly actions: ActionCommands = actionCommands(this);
  readonly decisions: DecisionCommands = decisionCommands(this);
  readonly goals: GoalCommands = goalCommands(this);
  /** Comments, views and dissent. */
  readonly comments: CommentCommands = commentCommands(this);
  readonly consents: ConsentCommands = consentCommands(this);
  /** The coordinator's baton. */
  readonly handovers: HandoverCommands = handoverCommands(this);
  readonly facilitation: FacilitationCommands = facilitationCommands(this);
  readonly silentNotes: SilentNoteCommands = silentNoteCommands(this);
  /** Restricted notes (professionals only). */
  readonly notes: NoteCommands = noteCommands(this);
  /** Reports of concern sent to child welfare (opplysningsplikt), and the service's answer. */
  readonly welfareReports: WelfareReportCommands = welfareReportCommands(this);

  /**
   * The `Y.Text` of a collaborative text field (`TEXT_FIELDS`), or of a text inside a nested
   * field given as a dotted path (`'content.conclusion'`, `'content.elements.health'` of an
   * assessment), for binding an input to it: read it and observe it, but write only through
   * `editText`. Undefined when the field is not a text field, the entry or the text is
   * missing (an assessment element nobody has written yet; `editText` creates it) or still
   * a plain string (layout 1), or this user may not edit it now — a finalised meeting's
   * text is read-only.
   */
  textField(root: EntityRoot, id: string, field: string): Y.Text | undefined {
    return textField(this, root, id, field);
  }

  /**
   * Makes a text field (or a dotted path to a nested text, as in `textField`) read `next`
   * with the smallest edit (one delete and one insert), in one transaction whose origin is
   * this model (so this user's undo covers typing), and stamps the entry. A missing nested
   * text (a new assessment element) is created in the same transaction. `caret` is the caret
   * in `next` after the user's edit, to place the edit where they typed. Checks the same
   * permission as the entry's update command (`assessment.revise` for an assessment) and
   * the entry's schema (e.g. 20,000 characters at most, a meeting's purpose not empty).
   */
  editText(root: EntityRoot, id: string, field: string, next: string, caret?: number): void {
    editText(this, root, id, field, next, caret);
  }
}

export type { Action, AgendaItem, Assessment, ChildVoiceEntry, Comment, Consent, Decision, Goal, Handover, Meeting, Participant };
