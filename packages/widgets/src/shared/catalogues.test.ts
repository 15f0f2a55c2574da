/**
 * Every shipped catalogue has a complete Ukrainian (uk) catalogue: the same keys as the
 * English one, no more and no fewer, so nothing falls back to English. (TypeScript checks
 * this too where a catalogue is typed; this test also holds for catalogues typed loosely.)
 */
import { expect } from '@esm-bundle/chai';
import { sharedMessages } from './shared.messages.js';
import { vocabulary } from './vocabulary.js';
import { messages as meeting } from '../samrad-meeting/samrad-meeting.messages.js';
import { messages as agenda } from '../samrad-agenda/samrad-agenda.messages.js';
import { messages as childVoice } from '../samrad-child-voice/samrad-child-voice.messages.js';
import { messages as bestInterest } from '../samrad-best-interest/samrad-best-interest.messages.js';
import { messages as actions } from '../samrad-actions/samrad-actions.messages.js';
import { messages as participants } from '../samrad-participants/samrad-participants.messages.js';
import { messages as consent } from '../samrad-consent/samrad-consent.messages.js';
import { messages as minutes } from '../samrad-minutes/samrad-minutes.messages.js';
import { messages as caseView } from '../samrad-case/samrad-case.messages.js';
import { caseWords } from './case-words.messages.js';
import { messages as handover } from '../samrad-handover/samrad-handover.messages.js';
import { messages as level } from '../samrad-level/samrad-level.messages.js';
import { messages as welfareReport } from '../samrad-welfare-report/samrad-welfare-report.messages.js';
import { messages as goals } from '../samrad-goals/samrad-goals.messages.js';
import { messages as caseLog } from '../samrad-case-log/samrad-case-log.messages.js';
import { messages as feedback } from '../samrad-feedback/samrad-feedback.messages.js';
import { messages as facilitation } from '../samrad-facilitation/samrad-facilitation.messages.js';
import { messages as report } from '../samrad-report/samrad-report.messages.js';
import { messages as accessLog } from '../samrad-access-log/samrad-access-log.messages.js';

type Catalogue = Record<string, unknown>;
const catalogues: Record<string, { en: Catalogue; uk?: Catalogue }> = {
  shared: sharedMessages, vocabulary, 'samrad-meeting': meeting, 'samrad-agenda': agenda, 'samrad-child-voice': childVoice,
  'samrad-best-interest': bestInterest, 'samrad-actions': actions, 'samrad-participants': participants,
  'samrad-consent': consent, 'samrad-minutes': minutes, 'samrad-case': caseView, caseWords,
  'samrad-handover': handover, 'samrad-level': level, 'samrad-welfare-report': welfareReport, 'samrad-goals': goals, 'samrad-case-log': caseLog,
  'samrad-feedback': feedback,
  'samrad-facilitation': facilitation, 'samrad-report': report, 'samrad-access-log': accessLog,
};

/** Texts that are the same in Ukrainian: names of formats and of Norwegian services, and symbols. */
const SAME_IN_EVERY_LANGUAGE = /^(JSON|Markdown|HTML|ICS|PDF|NAV|SFO|PPT|BUP|BTI|–|-|\s)*$/;
/** Kept in Latin letters on purpose: download file names travel into other systems. */
const LATIN_ON_PURPOSE = new Set(['fileStem']);

describe('catalogues: Ukrainian', () => {
  for (const [name, c] of Object.entries(catalogues)) {
    it(`${name}: the uk keys equal the en keys, with the same kinds of value`, () => {
      expect(c.uk, `${name} has no uk catalogue`).to.be.an('object');
      const uk = c.uk!;
      expect(Object.keys(uk).sort()).to.deep.equal(Object.keys(c.en).sort());
      for (const [key, en] of Object.entries(c.en)) {
        const value = uk[key];
        expect(typeof value, `${name}.${key}`).to.equal(typeof en);
        if (typeof en === 'function') expect((value as (...a: unknown[]) => string).length, `${name}.${key} arguments`).to.equal(en.length);
        // A Latin-only text copied from English would fall back in all but name.
        if (typeof en === 'string' && typeof value === 'string' && /[a-z]/i.test(en) && !SAME_IN_EVERY_LANGUAGE.test(value) && !LATIN_ON_PURPOSE.has(key)) {
          expect(value, `${name}.${key} is not Ukrainian`).to.match(/[\u0400-\u04ff]/);
        }
      }
    });
  }
});
