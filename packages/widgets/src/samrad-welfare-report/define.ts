/** Registers <samrad-welfare-report>. Import this module for its side effect; the class module has none. */
import { defineElement } from '../shared/define.js';
import { SamradWelfareReport } from './samrad-welfare-report.js';

defineElement('samrad-welfare-report', SamradWelfareReport);

declare global {
  interface HTMLElementTagNameMap {
    'samrad-welfare-report': SamradWelfareReport;
  }
}
