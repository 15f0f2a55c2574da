/**
 * Best-interest assessments: created per meeting and revised in versions whose history is append-only.
 */
import type { z } from 'zod';
import { CommandError } from '../errors.js';
import { canonicalJson } from '../minutes.js';
import { Assessment, AssessmentContent, AssessmentOption } from '../schemas.js';
import { appendToEntity, clean } from '../store.js';
import { DEFAULT_ELEMENT_SET } from '../templates.js';
import type { ModelCore } from './core.js';

/**
 * The content with a text for every element of the set (empty where nothing is written yet),
 * so the texts exist from the start: two people who begin the same element at once then
 * type into one Y.Text and both keep their words, instead of each creating one.
 */
export function withElementTexts(content: AssessmentContent, elementSet: readonly string[]): AssessmentContent {
  return { ...content, elements: { ...Object.fromEntries(elementSet.map((k) => [k, ''])), ...content.elements } };
}

export function assessmentCommands(core: ModelCore) {
  const commands = {
    create: (input: { meetingId?: string; elementSet?: string[]; content?: z.input<typeof AssessmentContent> } = {}): string => {
      core.allow('assessment.create');
      core.assertOpen('assessment.create', input.meetingId);
      const elementSet = input.elementSet ?? [...DEFAULT_ELEMENT_SET];
      const content = withElementTexts(core.parse('assessment.create', AssessmentContent, input.content ?? {}), elementSet);
      return core.create('assessment.create', 'assessments', {
        updatedByName: core.user.name, meetingId: input.meetingId, elementSet, version: 1, content, history: [],
      });
    },
    /**
     * Saves a new version: the previous content goes to the history (append-only), the
     * version number goes up. Earlier versions are never rewritten.
     */
    revise: (id: string, content: Partial<z.input<typeof AssessmentContent>>): number => {
      core.allow('assessment.revise');
      const current = core.parse('assessment.revise', Assessment, core.get('assessment.revise', 'assessments', id));
      core.assertOpen('assessment.revise', current.meetingId);
      const next = core.parse('assessment.revise', AssessmentContent, { ...current.content, ...content });
      // The texts are typed straight into the record, so a version is what stood when it was
      // saved. Saving again with nothing typed or chosen since would only repeat the last one.
      const last = current.history.at(-1);
      if (last && canonicalJson(next) === canonicalJson(current.content) && canonicalJson(current.content) === canonicalJson(last.content)) {
        throw new CommandError('invalid', 'assessment.revise', 'nothing has changed since the last version', [{ path: 'content', message: 'nothing-changed' }]);
      }
      const previous = { version: current.version, savedAt: current.updatedAt, savedBy: current.updatedBy, savedByName: current.updatedByName, content: current.content };
      core.transact('assessments', () => {
        core.update('assessment.revise', 'assessments', id, { content: next, version: current.version + 1, updatedByName: core.user.name });
        appendToEntity(core.doc, 'assessments', id, 'history', clean(previous));
      });
      return current.version + 1;
    },
    addOption: (id: string, description: string, consequences = ''): void => {
      const current = core.parse('assessment.revise', Assessment, core.get('assessment.revise', 'assessments', id));
      const option = core.parse('assessment.revise', AssessmentOption, { id: core.newId(), description, consequences });
      commands.revise(id, { options: [...current.content.options, option] });
    },
  };
  return commands;
}

export type AssessmentCommands = ReturnType<typeof assessmentCommands>;
