/** Registers <samrad-agenda> (skipped, with a warning, when another copy already did). */
import { defineElement } from '../shared/define.js';
import { SamradAgenda } from './samrad-agenda.js';

defineElement('samrad-agenda', SamradAgenda);

declare global {
  interface HTMLElementTagNameMap { 'samrad-agenda': SamradAgenda }
}
