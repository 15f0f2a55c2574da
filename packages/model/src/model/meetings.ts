/**
 * Meetings: creating one from a template (carrying the case's thread over), starting,
 * finalising (which locks the minutes) and reopening for a correction.
 */
import { z } from 'zod';
import { CommandError } from '../errors.js';
import { dueForEvaluation } from '../case-view.js';
import { IsoDateTime, type Locale } from '../schemas.js';
import { findTemplate } from '../templates.js';
import type { ModelCore } from './core.js';
import { stopRunningTimer } from './agenda.js';
import { withElementTexts } from './assessments.js';

export const MeetingInput = z.object({
  templateId: z.string().min(1),
  purpose: z.string().min(1),
  date: IsoDateTime,
  title: z.string().max(500).optional(),
  place: z.string().max(500).optional(),
  videoLink: z.url().optional(),
  leaderId: z.string().optional(),
  minuteTakerId: z.string().optional(),
  timeKeeperId: z.string().optional(),
  /** Language of the agenda titles taken from the template. */
  locale: z.enum(['nb', 'nn', 'en', 'uk']).default('nb'),
  /**
   * Carry the case's thread into the new meeting: link actions due for evaluation to the
   * agenda's evaluation item and start a draft assessment from the latest one.
   */
  carryOver: z.boolean().default(true),
});

export function meetingCommands(core: ModelCore) {
  return {
    /** Creates a meeting and its agenda from a template. */
    create: (input: z.input<typeof MeetingInput>): string => {
      core.allow('meeting.create');
      const data = core.parse('meeting.create', MeetingInput, input);
      const template = findTemplate(data.templateId, core.templates);
      if (!template) throw new CommandError('invalid', 'meeting.create', `unknown template ${data.templateId}`, [{ path: 'templateId', message: 'unknown-template' }]);
      const { locale, carryOver, ...fields } = data;
      const meetingId = core.newId();
      const snap = core.snapshot();
      const due = carryOver ? dueForEvaluation(snap, data.date.slice(0, 10)).map((a) => a.id) : [];
      const latest = carryOver ? snap.assessments.at(-1) : undefined;
      core.transact('meetings', () => {
        // A meeting made from a template is named after it until someone gives it a title.
        const title = fields.title?.trim() || template.name[locale as Locale] || template.name.en;
        core.create('meeting.create', 'meetings', { ...fields, title, id: meetingId, state: 'draft' });
        template.items.forEach((item, i) => {
          core.create('meeting.create', 'agenda', {
            meetingId, title: item.title[locale as Locale] ?? item.title.en, kind: item.kind,
            position: i + 1, plannedMinutes: item.plannedMinutes,
            actionIds: item.kind === 'evaluation' ? due : [],
          });
        });
        if (latest && core.can('assessment.create')) {
          core.create('meeting.create', 'assessments', {
            updatedByName: core.user.name, meetingId, elementSet: latest.elementSet, version: 1, content: withElementTexts({ ...latest.content, status: 'draft' }, latest.elementSet), history: [],
          });
        }
      });
      return meetingId;
    },
    update: (id: string, patch: Partial<Omit<z.input<typeof MeetingInput>, 'locale' | 'templateId'>> & { nextMeetingDate?: string; noDecisionReason?: string }): void => {
      core.allow('meeting.update');
      core.assertOpen('meeting.update', id);
      core.update('meeting.update', 'meetings', id, patch);
    },
    start: (id: string): void => {
      core.allow('meeting.start');
      core.assertOpen('meeting.start', id);
      // Minutes under correction stay `correcting` until they are finalised again.
      if (core.meetingOf('meeting.start', id)?.state === 'correcting') return;
      core.update('meeting.start', 'meetings', id, { state: 'running' });
    },
    /**
     * Locks the minutes. Requires at least one decision or a stated reason for deciding
     * nothing (plans warn of forums with "more talk than development").
     */
    finalise: (id: string, noDecisionReason?: string): void => {
      core.allow('meeting.finalise');
      core.assertOpen('meeting.finalise', id);
      const snap = core.snapshot();
      const meeting = snap.meetings.find((m) => m.id === id);
      if (!meeting) throw new CommandError('not-found', 'meeting.finalise', `no meeting ${id}`);
      const reason = noDecisionReason?.trim() || meeting.noDecisionReason?.trim();
      if (!snap.decisions.some((d) => d.meetingId === id) && !reason) {
        throw new CommandError('invalid', 'meeting.finalise', 'a meeting needs a decision or a reason for none', [{ path: 'noDecisionReason', message: 'decision-or-reason-required' }]);
      }
      const { at } = core.stamp();
      core.transact('meetings', () => {
        stopRunningTimer(core, id);
        core.update('meeting.finalise', 'meetings', id, {
          state: 'finalised', finalisedAt: at, finalisedBy: core.user.id, finalisedByName: core.user.name,
          activeItemId: undefined, timer: undefined, ...(reason && !snap.decisions.some((d) => d.meetingId === id) ? { noDecisionReason: reason } : {}),
        });
      });
    },
    /**
     * Reopens locked minutes for a correction, with a required reason. The meeting can be
     * edited like a running one until it is finalised again; then the server locks a new
     * version carrying this reason. Earlier versions stay as they were.
     */
    correct: (id: string, reason: string): void => {
      core.allow('meeting.correct');
      const meeting = core.meetingOf('meeting.correct', id);
      if (!meeting) throw new CommandError('not-found', 'meeting.correct', `no meeting ${id}`);
      if (meeting.state !== 'finalised') {
        throw new CommandError('invalid', 'meeting.correct', 'only finalised minutes can be corrected', [{ path: 'state', message: 'not-finalised' }]);
      }
      const text = reason.trim();
      if (!text) throw new CommandError('invalid', 'meeting.correct', 'a correction needs a reason', [{ path: 'reason', message: 'reason-required' }]);
      const { at, by } = core.stamp();
      core.update('meeting.correct', 'meetings', id, { state: 'correcting', correction: { reason: text, at, by, byName: core.user.name } });
    },
  };
}

export type MeetingCommands = ReturnType<typeof meetingCommands>;
