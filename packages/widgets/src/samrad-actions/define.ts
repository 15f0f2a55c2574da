/** Registers <samrad-actions> (skipped, with a warning, when another copy already did). */
import { defineElement } from '../shared/define.js';
import { SamradActions } from './samrad-actions.js';

defineElement('samrad-actions', SamradActions);

declare global {
  interface HTMLElementTagNameMap { 'samrad-actions': SamradActions }
}
