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
    /**
     * The owner says the action is done, with a short word on how it went (`note`). Anyone
     * who may set the action's status may propose it (parents and the child on their own
     * actions); a professional confirms with `confirmDone`.
     */
    proposeDone: (id: string, note: string): void => {
      const current = core.parse('action.setStatus', Action, core.get('action.setStatus', 'actions', id));
      core.allow('action.setStatus', current);
      if (current.status === 'done' || current.status === 'stopped') throw new CommandError('conflict', 'action.setStatus', 'the action is closed already', [{ path: 'status', message: 'action-closed' }]);
      const { at, by } = core.stamp();
      core.update('action.setStatus', 'actions', id, { doneProposal: { by, byName: core.user.name, at, note } });
    },
    /**
     * Confirms a proposal that the action is done: an evaluation (achieved, close) with the
     * proposer's words as its evidence, which closes the action.
     */
    confirmDone: (id: string): string => {
      const current = core.parse('action.evaluate', Action, core.get('action.evaluate', 'actions', id));
      const proposal = current.doneProposal;
      if (!proposal) throw new CommandError('invalid', 'action.evaluate', 'nobody proposed that the action is done', [{ path: 'doneProposal', message: 'no-done-proposal' }]);
      let evaluationId = '';
      core.transact('actions', () => {
        evaluationId = commands.evaluate(id, { effect: 'achieved', decision: 'close', evidence: `${proposal.byName || proposal.by}: ${proposal.note}` });
        core.update('action.evaluate', 'actions', id, { doneProposal: undefined });
      });
      return evaluationId;
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
