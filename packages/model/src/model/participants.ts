/**
 * The case's participants: adding, updating and removing them, and each one's own status.
 */
import type { z } from 'zod';
import { CommandError } from '../errors.js';
import { Participant, type NoticePreferences } from '../schemas.js';
import { clean, deleteEntity } from '../store.js';
import { stampKeys, type ModelCore } from './core.js';

export const ParticipantInput = Participant.omit(stampKeys);

export function participantCommands(core: ModelCore) {
  return {
    add: (input: z.input<typeof ParticipantInput>): string => {
      core.allow('participant.add');
      if (core.snapshot().case?.anonymous && input.role !== 'professional' && input.role !== 'leader' && input.role !== 'coordinator') {
        throw new CommandError('invalid', 'participant.add', 'an anonymous consultation records no family members', [{ path: 'role', message: 'anonymous-no-family' }]);
      }
      return core.create('participant.add', 'participants', core.parse('participant.add', ParticipantInput, input));
    },
    update: (id: string, patch: Partial<z.input<typeof ParticipantInput>>): void => {
      core.allow('participant.update');
      core.update('participant.update', 'participants', id, patch);
    },
    remove: (id: string): void => {
      core.allow('participant.remove');
      core.get('participant.remove', 'participants', id);
      core.transact('participants', () => deleteEntity(core.doc, 'participants', id));
    },
    /** A participant's own attendance, preparation, interpreter need and notice preferences. */
    setOwnStatus: (id: string, patch: { attendance?: Participant['attendance']; prepared?: boolean; interpreterNeeded?: boolean; interpreterLanguage?: string; notices?: NoticePreferences }): void => {
      const current = core.get('participant.setOwnStatus', 'participants', id);
      if (!core.can('participant.update')) core.allow('participant.setOwnStatus', current);
      const { attendance, prepared, interpreterNeeded, interpreterLanguage, notices } = patch;
      core.update('participant.setOwnStatus', 'participants', id, clean({ attendance, prepared, interpreterNeeded, interpreterLanguage, notices }));
    },
  };
}

export type ParticipantCommands = ReturnType<typeof participantCommands>;
