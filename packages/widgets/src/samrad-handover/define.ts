/** Registers <samrad-handover>. Import this module for its side effect; the class module has none. */
import { defineElement } from '../shared/define.js';
import { SamradHandover } from './samrad-handover.js';

defineElement('samrad-handover', SamradHandover);

declare global {
  interface HTMLElementTagNameMap {
    'samrad-handover': SamradHandover;
  }
}
