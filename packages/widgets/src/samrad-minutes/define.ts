import { defineElement } from '../shared/define.js';
import { SamradMinutes } from './samrad-minutes.js';

defineElement('samrad-minutes', SamradMinutes);
