/** Registers <samrad-best-interest>. Import this module for its side effect; the class module has none. */
import { defineElement } from '../shared/define.js';
import { SamradBestInterest } from './samrad-best-interest.js';

defineElement('samrad-best-interest', SamradBestInterest);

declare global {
  interface HTMLElementTagNameMap {
    'samrad-best-interest': SamradBestInterest;
  }
}
