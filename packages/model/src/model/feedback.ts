/**
 * The family's feedback after a meeting: one answer per person per meeting.
 */
import { CommandError } from '../errors.js';
import { feedbackId } from '../ids.js';
import type { ModelCore } from './core.js';

export function feedbackCommands(core: ModelCore) {
  const commands = {
    /** The family's feedback after a meeting. Reports show it without names. */
    submit: (input: { meetingId: string; feltHeard: number; knowsWhoToContact: boolean; useful: number; comment?: string }): string => {
      core.allow('feedback.submit', {});
      core.get('feedback.submit', 'meetings', input.meetingId);
      if (commands.given(input.meetingId)) {
        throw new CommandError('conflict', 'feedback.submit', 'this person already answered for this meeting', [{ path: 'meetingId', message: 'feedback-already-given' }]);
      }
      // The key comes from the meeting and the person, so two answers given at once (two
      // devices, offline) land on one key and the document keeps one of them.
      return core.create('feedback.submit', 'feedback', { ...input, id: feedbackId(input.meetingId, core.user.id), respondentRole: core.user.role });
    },
    /** Whether this user already answered for the meeting (one answer per person per meeting). */
    given: (meetingId: string): boolean => core.snapshot().feedback.some((f) => f.meetingId === meetingId && f.createdBy === core.user.id),
  };
  return commands;
}

export type FeedbackCommands = ReturnType<typeof feedbackCommands>;
