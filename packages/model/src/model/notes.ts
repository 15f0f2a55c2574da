/**
 * Notes for an audience of professionals: the restricted document (every professional on
 * the case), one service's own document, a document withheld from named services, or a
 * document kept from one person (audiences.ts). Each lands only in the document of its
 * audience, so the server never sends it to anyone else.
 */
import type { z } from 'zod';
import { CommandError } from '../errors.js';
import { RestrictedNote } from '../schemas.js';
import { clean, createEntity } from '../store.js';
import type { Audience } from '../audiences.js';
import { stampKeys, type ModelCore } from './core.js';

export const NoteInput = RestrictedNote.omit(stampKeys);

/** Where a note may go: any audience of professionals, never the shared record or a private draft. */
export type NoteAudience = Exclude<Audience, { kind: 'shared' } | { kind: 'private' }>;

export function noteCommands(core: ModelCore) {
  return {
    /** Adds a note for `audience` (default: every professional on the case). Returns its id. */
    add: (input: z.input<typeof NoteInput>, audience: NoteAudience = { kind: 'restricted' }): string => {
      core.allow('note.add');
      if ((audience.kind as string) === 'shared' || (audience.kind as string) === 'private') {
        throw new CommandError('invalid', 'note.add', 'a note goes to an audience of professionals', [{ path: 'audience', message: 'note-audience' }]);
      }
      const doc = core.audienceDoc('note.add', audience);
      const { at, by } = core.stamp();
      const id = core.newId();
      const note = core.parse('note.add', RestrictedNote, { ...input, authorName: core.user.name, id, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by });
      doc.transact(() => createEntity(doc, 'notes', id, clean(note)), core.origin);
      return id;
    },
  };
}

export type NoteCommands = ReturnType<typeof noteCommands>;
