/** Registers <samrad-level>. Import this module for its side effect; the class module has none. */
import { defineElement } from '../shared/define.js';
import { SamradLevel } from './samrad-level.js';

defineElement('samrad-level', SamradLevel);

declare global {
  interface HTMLElementTagNameMap {
    'samrad-level': SamradLevel;
  }
}
