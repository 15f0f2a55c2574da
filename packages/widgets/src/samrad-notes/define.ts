/** Registers <samrad-notes>. Import this module for its side effect; the class module has none. */
import { defineElement } from '../shared/define.js';
import { SamradNotes } from './samrad-notes.js';

defineElement('samrad-notes', SamradNotes);

declare global {
  interface HTMLElementTagNameMap {
    'samrad-notes': SamradNotes;
  }
}
