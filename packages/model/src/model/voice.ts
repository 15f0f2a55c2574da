/**
 * The child's voice: what the child said, and what they asked not to share (kept in the
 * professionals-only document).
 */
import { withheldServices } from '../audiences.js';
import { CommandError } from '../errors.js';
import { ChildVoiceInput, Reservation, VoicePrivate, type Service } from '../schemas.js';
import { clean, createEntity, deleteEntity, patchEntity, readEntity } from '../store.js';
import type { ModelCore } from './core.js';

export function voiceCommands(core: ModelCore) {
  return {
    record: (input: ChildVoiceInput): string => {
      const data = core.parse('voice.record', ChildVoiceInput, input);
      core.allow('voice.record', data);
      core.assertOpen('voice.record', data.meetingId);
      return core.create('voice.record', 'voice', data);
    },
    update: (id: string, patch: Partial<ChildVoiceInput>): void => {
      const current = core.get('voice.update', 'voice', id);
      core.allow('voice.update', { ...current, ...patch });
      core.allow('voice.update', current);
      core.assertOpen('voice.update', current.meetingId as string | undefined);
      if (patch.meetingId !== undefined) core.assertOpen('voice.update', patch.meetingId);
      core.update('voice.update', 'voice', id, patch);
    },
    /** What the child asked not to share, and with whom — stored in the professionals-only document. */
    setPrivate: (voiceId: string, notShared: VoicePrivate['notShared']): void => {
      core.allow('voice.setPrivate');
      core.get('voice.setPrivate', 'voice', voiceId);
      const { at, by } = core.stamp();
      const value = core.parse('voice.setPrivate', VoicePrivate, { voiceId, notShared, updatedAt: at, updatedBy: by });
      const doc = core.docFor('voicePrivate');
      core.transact('voicePrivate', () => {
        if (readEntity(doc, 'voicePrivate', voiceId)) patchEntity(doc, 'voicePrivate', voiceId, value);
        else createEntity(doc, 'voicePrivate', voiceId, clean(value));
      });
    },
    /**
     * Something the child said and asked to keep from the named services. It is stored in
     * the document withheld from exactly those services (audiences.ts), so the server never
     * sends it to them; a user of one of those services cannot write it either. Returns its id.
     */
    reserve: (voiceId: string, what: string, withheldFrom: readonly Service[]): string => {
      core.allow('voice.setPrivate');
      core.get('voice.setPrivate', 'voice', voiceId);
      const services = withheldServices(withheldFrom);
      const { at, by } = core.stamp();
      const id = core.newId();
      const entry = core.parse('voice.setPrivate', Reservation, { id, voiceId, what, withheldFrom: services, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by });
      const doc = core.audienceDoc('voice.setPrivate', { kind: 'withheld', services });
      doc.transact(() => createEntity(doc, 'reservations', id, clean(entry)), core.origin);
      return id;
    },
    /** Removes a reservation (the child changed their mind, or it was recorded by mistake). */
    removeReservation: (id: string): void => {
      core.allow('voice.setPrivate');
      const entry = core.snapshot().reservations.find((r) => r.id === id);
      if (!entry) throw new CommandError('not-found', 'voice.setPrivate', `no reservation ${id}`);
      const doc = core.audienceDoc('voice.setPrivate', { kind: 'withheld', services: entry.withheldFrom });
      doc.transact(() => deleteEntity(doc, 'reservations', id), core.origin);
    },
  };
}

export type VoiceCommands = ReturnType<typeof voiceCommands>;
