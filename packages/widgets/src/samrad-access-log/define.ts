/** Registers <samrad-access-log>. Import this module for its side effect; the class module has none. */
import { defineElement } from '../shared/define.js';
import { SamradAccessLog } from './samrad-access-log.js';

defineElement('samrad-access-log', SamradAccessLog);

declare global {
  interface HTMLElementTagNameMap {
    'samrad-access-log': SamradAccessLog;
  }
}
