/**
 * Comments on the record: remarks, views and dissent, each editable by its author.
 */
import { z } from 'zod';
import { CommentTarget } from '../schemas.js';
import { deleteEntity } from '../store.js';
import type { ModelCore } from './core.js';

export const CommentInput = z.object({ target: CommentTarget, kind: z.enum(['comment', 'view', 'dissent']).default('comment'), text: z.string().min(1) });

export function commentCommands(core: ModelCore) {
  return {
    add: (input: z.input<typeof CommentInput>): string => {
      core.allow('comment.add', {});
      const data = core.parse('comment.add', CommentInput, input);
      return core.create('comment.add', 'comments', { ...data, authorName: core.user.name, authorRole: core.user.role });
    },
    update: (id: string, text: string): void => {
      core.allow('comment.update', core.get('comment.update', 'comments', id));
      core.update('comment.update', 'comments', id, { text });
    },
    remove: (id: string): void => {
      core.allow('comment.remove', core.get('comment.remove', 'comments', id));
      core.transact('comments', () => deleteEntity(core.doc, 'comments', id));
    },
  };
}

export type CommentCommands = ReturnType<typeof commentCommands>;
