/** Registers <samrad-participants>. Import this module for its side effect; the class module has none. */
import { defineElement } from '../shared/define.js';
import { SamradParticipants } from './samrad-participants.js';

defineElement('samrad-participants', SamradParticipants);

declare global {
  interface HTMLElementTagNameMap {
    'samrad-participants': SamradParticipants;
  }
}
