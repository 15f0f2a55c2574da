/** Registers <samrad-report>. Import this module for its side effect; the class module has none. */
import { defineElement } from '../shared/define.js';
import { SamradReport } from './samrad-report.js';

defineElement('samrad-report', SamradReport);

declare global {
  interface HTMLElementTagNameMap {
    'samrad-report': SamradReport;
  }
}
