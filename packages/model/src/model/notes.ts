/**
 * Restricted notes, kept in the professionals-only document.
 */
import type { z } from 'zod';
import { RestrictedNote } from '../schemas.js';
import { stampKeys, type ModelCore } from './core.js';

export const NoteInput = RestrictedNote.omit(stampKeys);

export function noteCommands(core: ModelCore) {
  return {
    add: (input: z.input<typeof NoteInput>): string => {
      core.allow('note.add');
      return core.create('note.add', 'notes', core.parse('note.add', NoteInput, { ...input, authorName: core.user.name }));
    },
  };
}

export type NoteCommands = ReturnType<typeof noteCommands>;
