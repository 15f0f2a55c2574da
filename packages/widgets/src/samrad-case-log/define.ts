/** Registers <samrad-case-log>. Import this module for its side effect; the class module has none. */
import { defineElement } from '../shared/define.js';
import { SamradCaseLog } from './samrad-case-log.js';

defineElement('samrad-case-log', SamradCaseLog);

declare global {
  interface HTMLElementTagNameMap {
    'samrad-case-log': SamradCaseLog;
  }
}
