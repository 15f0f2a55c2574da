/** Registers <samrad-case>. Import this module for its side effect; the class module has none. */
import { defineElement } from '../shared/define.js';
import { SamradCase } from './samrad-case.js';

defineElement('samrad-case', SamradCase);

declare global {
  interface HTMLElementTagNameMap {
    'samrad-case': SamradCase;
  }
}
