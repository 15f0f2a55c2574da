/**
 * Collaborative text fields: binding an input to a field's `Y.Text` and writing it with the
 * smallest edit, under the same permission and lock as the entry's update command.
 */
import * as Y from 'yjs';
import { CommandError } from '../errors.js';
import { fieldShape, type EntityRoot } from '../layout.js';
import type { Command } from '../permissions.js';
import { ENTITY_SCHEMAS } from '../snapshot.js';
import { applyTextDiff, entityMaps, patchEntity } from '../store.js';
import type { ModelCore } from './core.js';

/** The `Y.Text` of a text field, or undefined when this user may not edit it now (see `MeetingModel.textField`). */
export function textField(core: ModelCore, root: EntityRoot, id: string, field: string): Y.Text | undefined {
  if (fieldShape(root, field) !== 'text') return undefined;
  try {
    textCommand(core, root, id, field);
  } catch (e) {
    if (e instanceof CommandError) return undefined;
    throw e;
  }
  const value = entityMaps(core.docFor(root), root).get(id)?.get(field);
  return value instanceof Y.Text ? value : undefined;
}

/** Makes a text field read `next` with the smallest edit, checked and stamped (see `MeetingModel.editText`). */
export function editText(core: ModelCore, root: EntityRoot, id: string, field: string, next: string, caret?: number): void {
  const command = textCommand(core, root, id, field);
  const current = core.get(command, root, id);
  const { at, by } = core.stamp();
  core.parse(command, ENTITY_SCHEMAS[root], { ...current, [field]: next, id, updatedAt: at, updatedBy: by });
  const doc = core.docFor(root);
  core.transact(root, () => {
    const map = entityMaps(doc, root).get(id)!;
    const text = map.get(field);
    if (text instanceof Y.Text) {
      if (text.toString() === next) return;
      applyTextDiff(text, next, caret);
    } else {
      map.set(field, new Y.Text(next));
    }
    patchEntity(doc, root, id, { updatedAt: at, updatedBy: by });
  });
}

/** The update command that governs a text field, after checking this user may run it on the entry now. */
function textCommand(core: ModelCore, root: EntityRoot, id: string, field: string): Command {
  const rules: Partial<Record<EntityRoot, Command>> = {
    meetings: 'meeting.update', agenda: 'agenda.update', decisions: 'decision.update',
    voice: 'voice.update', actions: 'action.update', goals: 'goal.update',
  };
  const command = rules[root];
  if (!command || fieldShape(root, field) !== 'text') {
    throw new CommandError('invalid', command ?? 'meeting.update', `${root}.${field} is not a collaborative text field`, [{ path: field, message: 'not-a-text-field' }]);
  }
  const entity = core.get(command, root, id);
  core.allow(command, root === 'voice' ? entity : undefined);
  // As the update commands do: a finalised meeting's own text, agenda, decisions and
  // child's-voice entries are locked; actions and goals live on after their meeting.
  if (root === 'meetings') core.assertOpen(command, id);
  else if (root !== 'actions' && root !== 'goals') core.assertOpen(command, entity.meetingId as string | undefined);
  return command;
}
