/** Registers <samrad-notices>. Import this module for its side effect; the class module has none. */
import { defineElement } from '../shared/define.js';
import { SamradNotices } from './samrad-notices.js';

defineElement('samrad-notices', SamradNotices);

declare global {
  interface HTMLElementTagNameMap {
    'samrad-notices': SamradNotices;
  }
}
