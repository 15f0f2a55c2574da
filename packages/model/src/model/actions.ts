/**
 * Actions: planning, assigning, evaluating and closing them (closing needs an evaluation).
 */
import { z } from 'zod';
import { CommandError } from '../errors.js';
import { Action, ActionOwner, ActionSchedule, ActionStatus, Evaluation, IsoDate } from '../schemas.js';
import { appendToEntity, clean, deleteEntity } from '../store.js';
import type { ModelCore } from './core.js';

export const ActionInput = z.object({
  title: z.string().min(1).max(500),
  successCriterion: z.string().default(''),
  owner: ActionOwner,
  contributors: z.array(z.string()).default([]),
  schedule: ActionSchedule,
  evaluationDate: IsoDate,
  evaluatorId: z.string().optional(),
  level: z.string().optional(),
  category: z.string().optional(),
  goalId: z.string().optional(),
  assessmentId: z.string().optional(),
  voiceId: z.string().optional(),
  individualPlan: z.boolean().default(false),
  status: ActionStatus.default('planned'),
  meetingId: z.string().optional(),
});
export const EvaluationInput = Evaluation.omit({ id: true, at: true, by: true, byName: true });

export function actionCommands(core: ModelCore) {
  const commands = {
    add: (input: z.input<typeof ActionInput>): string => {
      const data = core.parse('action.add', ActionInput, input);
      core.allow('action.add', data);
      if (data.meetingId) core.get('action.add', 'meetings', data.meetingId);
      return core.create('action.add', 'actions', { ...data, evaluations: [] });
    },
    update: (id: string, patch: Partial<z.input<typeof ActionInput>>): void => {
      core.allow('action.update');
      core.update('action.update', 'actions', id, patch);
    },
    /** Assigns the owner (and optionally the evaluator). */
    assign: (id: string, owner: ActionOwner, evaluatorId?: string): void => {
      core.allow('action.update');
      core.update('action.update', 'actions', id, { owner, ...(evaluatorId ? { evaluatorId } : {}) });
    },
    setStatus: (id: string, status: 'planned' | 'in-progress' | 'done' | 'stopped'): void => {
      const current = core.parse('action.setStatus', Action, core.get('action.setStatus', 'actions', id));
      core.allow('action.setStatus', current);
      if ((status === 'done' || status === 'stopped') && current.evaluations.length === 0) {
        throw new CommandError('invalid', 'action.setStatus', 'an action is closed only after an evaluation', [{ path: 'evaluations', message: 'evaluation-required-to-close' }]);
      }
      core.update('action.setStatus', 'actions', id, { status });
    },
    /**
     * Records an evaluation. `close` sets the action done; escalating at the highest level
     * requires saying which lower-level actions were tried and for how long.
     */
    evaluate: (id: string, input: z.input<typeof EvaluationInput>): string => {
      core.allow('action.evaluate');
      const current = core.parse('action.evaluate', Action, core.get('action.evaluate', 'actions', id));
      const { at, by } = core.stamp();
      const evaluation = core.parse('action.evaluate', Evaluation, { ...input, id: core.newId(), at, by, byName: core.user.name });
      if ((evaluation.decision === 'escalate' || evaluation.decision === 'step-up') && !evaluation.triedBefore?.trim()) {
        throw new CommandError('invalid', 'action.evaluate', 'say which lower-level actions were tried and for how long', [{ path: 'triedBefore', message: 'tried-before-required' }]);
      }
      core.transact('actions', () => {
        appendToEntity(core.doc, 'actions', id, 'evaluations', clean(evaluation));
        const status = evaluation.decision === 'close' ? 'done' : current.status === 'planned' ? 'in-progress' : current.status;
        core.update('action.evaluate', 'actions', id, { status });
      });
      return evaluation.id;
    },
    /** Closes an action (done or stopped); requires an evaluation entry. */
    close: (id: string, status: 'done' | 'stopped' = 'done'): void => commands.setStatus(id, status),
    remove: (id: string): void => {
      core.allow('action.remove');
      core.get('action.remove', 'actions', id);
      core.transact('actions', () => deleteEntity(core.doc, 'actions', id));
    },
  };
  return commands;
}

export type ActionCommands = ReturnType<typeof actionCommands>;
