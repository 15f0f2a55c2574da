/** Registers <samrad-meeting>. Import this module for its side effect; the class module has none. */
import { defineElement } from '../shared/define.js';
import { SamradMeeting } from './samrad-meeting.js';

defineElement('samrad-meeting', SamradMeeting);

declare global {
  interface HTMLElementTagNameMap {
    'samrad-meeting': SamradMeeting;
  }
}
