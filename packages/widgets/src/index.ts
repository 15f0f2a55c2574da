/**
 * @samrad/widgets — the `<samrad-*>` custom elements. This module only exports classes
 * (no side effects); import `@samrad/widgets/define` (src/define.ts) to register the tags.
 */
export { SamradElement, isCommandError, type CommandResult } from './shared/samrad-element.js';
export { LocalizeController, normaliseLang, resolveLang, type Catalogues, type Messages, type WidgetLocale } from './shared/localize.js';
export { modelContext, connectionContext, meetingContext, presenceContext, type ConnectionState, type ConnectionStateName, type PresencePeer, type PresenceSource } from './shared/context.js';
export { defineElement } from './shared/define.js';
export { defaultMeetingId } from './shared/meetings.js';
export { sharedStyles, tableStyles, tokens } from './shared/styles.js';
export { vocabulary } from './shared/vocabulary.js';
export { bindText, TextBinding, LONG_TEXT_MAX, type BindTextOptions, type TextBindingOptions, type TextElement } from './shared/text-binding.js';

export { SamradMeeting } from './samrad-meeting/samrad-meeting.js';
export { SamradMinutes } from './samrad-minutes/samrad-minutes.js';
export { SamradParticipants } from './samrad-participants/samrad-participants.js';
// The other five elements (their folders are owned by the engineers who build them).
export { SamradAgenda } from './samrad-agenda/samrad-agenda.js';
export { SamradMeetings } from './samrad-meetings/samrad-meetings.js';
export { SamradNotes } from './samrad-notes/samrad-notes.js';
export { SamradNotices, type NoticeEntry } from './samrad-notices/samrad-notices.js';
export { SamradActions, type ActionDueDetail } from './samrad-actions/samrad-actions.js';
export { SamradChildVoice } from './samrad-child-voice/samrad-child-voice.js';
export { SamradBestInterest } from './samrad-best-interest/samrad-best-interest.js';
export { SamradConsent } from './samrad-consent/samrad-consent.js';
// Across meetings and after them: the case (composing the baton, level, report to child welfare,
// goals and case log elements), facilitation aids, the family's feedback.
export { SamradCase } from './samrad-case/samrad-case.js';
export { SamradHandover, type HandoverDetail } from './samrad-handover/samrad-handover.js';
export { SamradLevel } from './samrad-level/samrad-level.js';
export { SamradWelfareReport } from './samrad-welfare-report/samrad-welfare-report.js';
export { SamradGoals } from './samrad-goals/samrad-goals.js';
export { SamradCaseLog, TIMELINE_GROUPS, type TimelineGroup } from './samrad-case-log/samrad-case-log.js';
export { SamradFacilitation, type NoteUseDetail } from './samrad-facilitation/samrad-facilitation.js';
export { SamradFeedback } from './samrad-feedback/samrad-feedback.js';
export { SamradReport } from './samrad-report/samrad-report.js';
export { SamradAccessLog, httpBase, type AccessLogEntry, type AccessLogError } from './samrad-access-log/samrad-access-log.js';
