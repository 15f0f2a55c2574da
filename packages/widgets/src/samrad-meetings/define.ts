/** Registers <samrad-meetings>. Import this module for its side effect; the class module has none. */
import { defineElement } from '../shared/define.js';
import { SamradMeetings } from './samrad-meetings.js';

defineElement('samrad-meetings', SamradMeetings);

declare global {
  interface HTMLElementTagNameMap {
    'samrad-meetings': SamradMeetings;
  }
}
