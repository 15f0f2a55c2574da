import { defineElement } from '../shared/define.js';
import { SamradMeeting } from './samrad-meeting.js';

defineElement('samrad-meeting', SamradMeeting);
