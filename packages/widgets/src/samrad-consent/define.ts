/** Registers <samrad-consent>. Import this module for its side effect; the class module has none. */
import { defineElement } from '../shared/define.js';
import { SamradConsent } from './samrad-consent.js';

defineElement('samrad-consent', SamradConsent);

declare global {
  interface HTMLElementTagNameMap {
    'samrad-consent': SamradConsent;
  }
}
