/**
 * The child's voice: what the child said, and what they asked not to share (kept in the
 * professionals-only document).
 */
import { ChildVoiceInput, VoicePrivate } from '../schemas.js';
import { clean, createEntity, patchEntity, readEntity } from '../store.js';
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
  };
}

export type VoiceCommands = ReturnType<typeof voiceCommands>;
