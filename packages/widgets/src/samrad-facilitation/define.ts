/** Registers <samrad-facilitation>. Import this module for its side effect; the class module has none. */
import { defineElement } from '../shared/define.js';
import { SamradFacilitation } from './samrad-facilitation.js';

defineElement('samrad-facilitation', SamradFacilitation);

declare global {
  interface HTMLElementTagNameMap {
    'samrad-facilitation': SamradFacilitation;
  }
}
