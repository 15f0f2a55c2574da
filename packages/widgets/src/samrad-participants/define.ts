import { defineElement } from '../shared/define.js';
import { SamradParticipants } from './samrad-participants.js';

defineElement('samrad-participants', SamradParticipants);
