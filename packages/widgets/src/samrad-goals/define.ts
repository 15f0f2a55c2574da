/** Registers <samrad-goals>. Import this module for its side effect; the class module has none. */
import { defineElement } from '../shared/define.js';
import { SamradGoals } from './samrad-goals.js';

defineElement('samrad-goals', SamradGoals);

declare global {
  interface HTMLElementTagNameMap {
    'samrad-goals': SamradGoals;
  }
}
