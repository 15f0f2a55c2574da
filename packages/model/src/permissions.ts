/**
 * Who may run which command: one table, role × command. `yes` — always; `own` — only
 * on what the user owns (see `OWNERSHIP` in model.ts); `no` — never. The server's write
 * rules (authorize.ts) enforce the same boundaries on raw Yjs updates.
 */
import type { Role } from './schemas.js';

export type Permission = 'yes' | 'own' | 'no';

export const COMMANDS = [
  'case.setup', 'case.setLevel',
  'participant.add', 'participant.update', 'participant.remove', 'participant.setOwnStatus',
  'meeting.create', 'meeting.update', 'meeting.start', 'meeting.finalise', 'meeting.correct',
  'agenda.add', 'agenda.update', 'agenda.remove', 'agenda.move', 'agenda.timer',
  'voice.record', 'voice.update', 'voice.setPrivate',
  'assessment.create', 'assessment.revise',
  'action.add', 'action.update', 'action.setStatus', 'action.evaluate', 'action.remove',
  'decision.add', 'decision.update', 'decision.remove',
  'goal.add', 'goal.update',
  'comment.add', 'comment.update', 'comment.remove',
  'consent.record', 'consent.withdraw',
  'handover.offer', 'handover.answer',
  'note.add',
  'case.raiseConcern', 'facilitation.run', 'silentNote.add', 'feedback.submit',
  // A report to child welfare (opplysningsplikt) and the service's answer: leader, coordinator, professionals.
  'welfareReport.send', 'welfareReport.answer',
] as const;
export type Command = (typeof COMMANDS)[number];

const ALL_YES = Object.fromEntries(COMMANDS.map((c) => [c, 'yes'])) as Record<Command, Permission>;
const ALL_NO = Object.fromEntries(COMMANDS.map((c) => [c, 'no'])) as Record<Command, Permission>;

export const PERMISSIONS: Readonly<Record<Role, Readonly<Record<Command, Permission>>>> = {
  leader: { ...ALL_YES, 'participant.setOwnStatus': 'own', 'handover.answer': 'own', 'feedback.submit': 'no' },
  coordinator: { ...ALL_YES, 'participant.setOwnStatus': 'own', 'handover.answer': 'own', 'feedback.submit': 'no' },
  professional: {
    ...ALL_YES,
    'participant.setOwnStatus': 'own',
    // The meeting leader locks the minutes; the baton moves only from and to its holders.
    'meeting.finalise': 'no',
    // Reopening locked minutes for a correction is the leader's or the coordinator's too.
    'meeting.correct': 'no',
    'handover.offer': 'own',
    'handover.answer': 'own',
    // Feedback after the meeting is the family's voice; professionals do not answer it.
    'feedback.submit': 'no',
  },
  parent: {
    ...ALL_NO,
    'participant.setOwnStatus': 'own',
    'voice.record': 'own', // a parent may relay the child's view
    'voice.update': 'own',
    'action.add': 'own', // actions the parents own themselves
    'action.setStatus': 'own',
    'comment.add': 'own',
    'comment.update': 'own',
    'comment.remove': 'own',
    'consent.withdraw': 'yes', // guardians may always withdraw consent
    'silentNote.add': 'own',
    'feedback.submit': 'own',
  },
  child: {
    ...ALL_NO,
    'participant.setOwnStatus': 'own',
    'voice.record': 'own',
    'voice.update': 'own',
    'comment.add': 'own',
    'comment.update': 'own',
    'comment.remove': 'own',
    'silentNote.add': 'own',
    'feedback.submit': 'own',
    // A young person who gave consent themselves may withdraw it.
    'consent.withdraw': 'own',
  },
  observer: ALL_NO,
};

/** Roles that may write every part of the shared and restricted documents (subject to locks). */
export const FULL_WRITE_ROLES: readonly Role[] = ['leader', 'coordinator', 'professional'];

export function permission(role: Role, command: Command): Permission {
  return PERMISSIONS[role][command];
}
