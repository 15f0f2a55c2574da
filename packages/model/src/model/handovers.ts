/**
 * The coordinator's baton: appointing the first coordinator, and offering, answering and
 * cancelling a handover.
 */
import { CommandError } from '../errors.js';
import { SHARED_ROOTS } from '../layout.js';
import { Handover } from '../schemas.js';
import type { ModelCore } from './core.js';

export function handoverCommands(core: ModelCore) {
  return {
    /** Offers the baton to another participant; the current coordinator keeps it until accepted. */
    offer: (toParticipantId: string, note = ''): string => {
      core.get('handover.offer', 'participants', toParticipantId);
      const fromParticipantId = core.snapshot().case?.coordinatorId;
      core.allow('handover.offer', { fromParticipantId });
      const { at } = core.stamp();
      return core.create('handover.offer', 'handovers', { fromParticipantId, toParticipantId, state: 'offered', offeredAt: at, note });
    },
    /** The offered person accepts (the baton moves) or declines (it stays). */
    answer: (id: string, accept: boolean): void => {
      const current = Handover.parse(core.get('handover.answer', 'handovers', id));
      core.allow('handover.answer', current);
      if (current.state !== 'offered') throw new CommandError('conflict', 'handover.answer', `the offer is already ${current.state}`);
      const { at, by } = core.stamp();
      core.transact('handovers', () => {
        core.update('handover.answer', 'handovers', id, { state: accept ? 'accepted' : 'declined', answeredAt: at });
        if (accept) {
          const map = core.doc.getMap<unknown>(SHARED_ROOTS.case);
          map.set('coordinatorId', current.toParticipantId);
          map.set('updatedAt', at);
          map.set('updatedBy', by);
        }
      });
    },
    /** The one who offered withdraws an offer nobody has answered yet; the baton stays where it is. */
    cancel: (id: string): void => {
      const current = Handover.parse(core.get('handover.offer', 'handovers', id));
      core.allow('handover.offer', current);
      if (current.state !== 'offered') throw new CommandError('conflict', 'handover.offer', `the offer is already ${current.state}`);
      core.update('handover.offer', 'handovers', id, { state: 'cancelled', answeredAt: core.stamp().at });
    },
    /** The offer waiting for an answer, if any (the newest one). */
    pending: (): Handover | undefined => core.snapshot().handovers.filter((h) => h.state === 'offered').at(-1),
    /** Sets the first coordinator of a case (no one holds the baton yet). */
    appoint: (participantId: string): void => {
      core.allow('case.setup');
      core.get('case.setup', 'participants', participantId);
      if (core.snapshot().case?.coordinatorId) throw new CommandError('conflict', 'case.setup', 'the case has a coordinator; hand the baton over instead');
      core.transact('case', () => core.doc.getMap<unknown>(SHARED_ROOTS.case).set('coordinatorId', participantId));
    },
  };
}

export type HandoverCommands = ReturnType<typeof handoverCommands>;
