/** Registers <samrad-minutes>. Import this module for its side effect; the class module has none. */
import { defineElement } from '../shared/define.js';
import { SamradMinutes } from './samrad-minutes.js';

defineElement('samrad-minutes', SamradMinutes);

declare global {
  interface HTMLElementTagNameMap {
    'samrad-minutes': SamradMinutes;
  }
}
