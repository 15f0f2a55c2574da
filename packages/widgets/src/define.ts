/**
 * Registers every `<samrad-*>` tag. Each folder's define.ts skips (and warns about) a tag
 * already registered by another copy, so loading the widgets twice is harmless.
 */
import './samrad-meeting/define.js';
import './samrad-minutes/define.js';
import './samrad-participants/define.js';
import './samrad-agenda/define.js';
import './samrad-meetings/define.js';
import './samrad-notes/define.js';
import './samrad-notices/define.js';
import './samrad-actions/define.js';
import './samrad-child-voice/define.js';
import './samrad-best-interest/define.js';
import './samrad-consent/define.js';
import './samrad-handover/define.js';
import './samrad-level/define.js';
import './samrad-welfare-report/define.js';
import './samrad-goals/define.js';
import './samrad-case-log/define.js';
import './samrad-case/define.js';
import './samrad-facilitation/define.js';
import './samrad-feedback/define.js';
import './samrad-report/define.js';
import './samrad-access-log/define.js';
