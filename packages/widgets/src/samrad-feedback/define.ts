/** Registers <samrad-feedback>. Import this module for its side effect; the class module has none. */
import { defineElement } from '../shared/define.js';
import { SamradFeedback } from './samrad-feedback.js';

defineElement('samrad-feedback', SamradFeedback);

declare global {
  interface HTMLElementTagNameMap {
    'samrad-feedback': SamradFeedback;
  }
}
