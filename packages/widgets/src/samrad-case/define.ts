/**
 * Registers <samrad-case> and the elements it composes. Import this module for its side
 * effect; the class module has none.
 */
import '../samrad-handover/define.js';
import '../samrad-level/define.js';
import '../samrad-welfare-report/define.js';
import '../samrad-goals/define.js';
import '../samrad-case-log/define.js';
import { defineElement } from '../shared/define.js';
import { SamradCase } from './samrad-case.js';

defineElement('samrad-case', SamradCase);

declare global {
  interface HTMLElementTagNameMap {
    'samrad-case': SamradCase;
  }
}
