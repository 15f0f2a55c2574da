/**
 * A meeting's decisions (locked with its minutes) and the case's goals (which outlive meetings).
 */
import { z } from 'zod';
import { Decision } from '../schemas.js';
import { deleteEntity } from '../store.js';
import { stampKeys, type ModelCore } from './core.js';

export const DecisionInput = Decision.omit(stampKeys);
export const GoalInput = z.object({
  kind: z.enum(['effect', 'result']),
  text: z.string().min(1),
  indicator: z.string().optional(),
  parentGoalId: z.string().optional(),
});

export function decisionCommands(core: ModelCore) {
  return {
    add: (input: Omit<z.input<typeof DecisionInput>, 'decidedBy'> & { decidedBy?: string }): string => {
      core.allow('decision.add');
      const data = core.parse('decision.add', DecisionInput, { decidedBy: core.user.name, ...input });
      core.get('decision.add', 'meetings', data.meetingId);
      core.assertOpen('decision.add', data.meetingId);
      return core.create('decision.add', 'decisions', data);
    },
    update: (id: string, patch: Partial<z.input<typeof DecisionInput>>): void => {
      core.allow('decision.update');
      core.assertOpen('decision.update', core.get('decision.update', 'decisions', id).meetingId as string);
      core.update('decision.update', 'decisions', id, patch);
    },
    remove: (id: string): void => {
      core.allow('decision.remove');
      core.assertOpen('decision.remove', core.get('decision.remove', 'decisions', id).meetingId as string);
      core.transact('decisions', () => deleteEntity(core.doc, 'decisions', id));
    },
  };
}

export type DecisionCommands = ReturnType<typeof decisionCommands>;

export function goalCommands(core: ModelCore) {
  return {
    add: (input: z.input<typeof GoalInput>): string => {
      core.allow('goal.add');
      return core.create('goal.add', 'goals', core.parse('goal.add', GoalInput, input));
    },
    update: (id: string, patch: Partial<z.input<typeof GoalInput>>): void => {
      core.allow('goal.update');
      core.update('goal.update', 'goals', id, patch);
    },
  };
}

export type GoalCommands = ReturnType<typeof goalCommands>;
