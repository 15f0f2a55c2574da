/** Registers <samrad-child-voice>. Import this module for its side effect; the class module has none. */
import { defineElement } from '../shared/define.js';
import { SamradChildVoice } from './samrad-child-voice.js';

defineElement('samrad-child-voice', SamradChildVoice);

declare global {
  interface HTMLElementTagNameMap {
    'samrad-child-voice': SamradChildVoice;
  }
}
