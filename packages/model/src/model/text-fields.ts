/**
 * Collaborative text fields: binding an input to a field's `Y.Text` and writing it with the
 * smallest edit, under the same permission and lock as the entry's update command.
 */
import type * as Y from 'yjs';
import { CommandError } from '../errors.js';
import { shapeAt, type EntityRoot } from '../layout.js';
import type { Command } from '../permissions.js';
import { ENTITY_SCHEMAS } from '../snapshot.js';
import { patchEntity, textAt, withValueAt, writeTextAt } from '../store.js';
import type { ModelCore } from './core.js';

/** The `Y.Text` of a text field, or undefined when this user may not edit it now (see `MeetingModel.textField`). */
export function textField(core: ModelCore, root: EntityRoot, id: string, field: string): Y.Text | undefined {
  if (shapeAt(root, field.split('.')) !== 'text') return undefined;
  try {
    textCommand(core, root, id, field);
  } catch (e) {
    if (e instanceof CommandError) return undefined;
    throw e;
  }
  return textAt(core.docFor(root), root, id, field.split('.'));
}

/** Makes a text field read `next` with the smallest edit, checked and stamped (see `MeetingModel.editText`). */
export function editText(core: ModelCore, root: EntityRoot, id: string, field: string, next: string, caret?: number): void {
  const command = textCommand(core, root, id, field);
  const path = field.split('.');
  const current = core.get(command, root, id);
  const { at, by } = core.stamp();
  core.parse(command, ENTITY_SCHEMAS[root], { ...withValueAt(current, path, next), id, updatedAt: at, updatedBy: by });
  const doc = core.docFor(root);
  core.transact(root, () => {
    if (writeTextAt(doc, root, id, path, next, caret)) patchEntity(doc, root, id, { updatedAt: at, updatedBy: by });
  });
}

/** The update command that governs a text field, after checking this user may run it on the entry now. */
function textCommand(core: ModelCore, root: EntityRoot, id: string, field: string): Command {
  const rules: Partial<Record<EntityRoot, Command>> = {
    meetings: 'meeting.update', agenda: 'agenda.update', decisions: 'decision.update',
    voice: 'voice.update', actions: 'action.update', goals: 'goal.update', assessments: 'assessment.revise',
  };
  const command = rules[root];
  if (!command || shapeAt(root, field.split('.')) !== 'text') {
    throw new CommandError('invalid', command ?? 'meeting.update', `${root}.${field} is not a collaborative text field`, [{ path: field, message: 'not-a-text-field' }]);
  }
  const entity = core.get(command, root, id);
  core.allow(command, root === 'voice' ? entity : undefined);
  // As the update commands do: a finalised meeting's own text, agenda, decisions,
  // child's-voice entries and assessments are locked; actions and goals live on after their meeting.
  if (root === 'meetings') core.assertOpen(command, id);
  else if (root !== 'actions' && root !== 'goals') core.assertOpen(command, entity.meetingId as string | undefined);
  return command;
}
