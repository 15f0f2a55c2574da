/**
 * Reports of concern to the child-welfare service (melding til barnevernstjenesten). The
 * duty to report is a one-off disclosure the professional decides: it is recorded once and
 * never changed; only the service's answer may be added later. A report under the safety
 * exception (violence or abuse suspected: the home is not told) is stored in the
 * professionals-only document, so the server never sends it to the guardians or the child;
 * every other report is stored in the shared document, where the family can read it.
 */
import { z } from 'zod';
import { CommandError } from '../errors.js';
import { RESTRICTED_ROOTS, SHARED_ROOTS } from '../layout.js';
import { Id, IsoDate, IsoDateTime, Service, WelfareReport } from '../schemas.js';
import type { ModelCore } from './core.js';

export const WelfareReportInput = z.object({
  grounds: WelfareReport.shape.grounds,
  homeToldBeforehand: z.boolean(),
  homeNotToldReason: WelfareReport.shape.homeNotToldReason,
  safetyException: z.boolean().default(false),
  /** When it was sent; now when omitted. */
  sentAt: IsoDateTime.optional(),
  concernId: Id.optional(),
}).refine((r) => !(r.safetyException && r.homeToldBeforehand), { path: ['homeToldBeforehand'], message: 'safety-exception-home-not-told' });

export const WelfareReportAnswerInput = z.object({
  answeredOn: IsoDate,
  answer: WelfareReport.shape.grounds,
});

/** Every report this user may read (the restricted ones only with the restricted document), oldest first. */
export function allWelfareReports(snapshot: { welfareReports: WelfareReport[]; restrictedWelfareReports: WelfareReport[] }): WelfareReport[] {
  return [...snapshot.welfareReports, ...snapshot.restrictedWelfareReports]
    .sort((a, b) => (a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function welfareReportCommands(core: ModelCore) {
  const rootOf = (id: string) => {
    const s = core.snapshot();
    if (s.welfareReports.some((r) => r.id === id)) return SHARED_ROOTS.welfareReports;
    if (s.restrictedWelfareReports.some((r) => r.id === id)) return RESTRICTED_ROOTS.restrictedWelfareReports;
    throw new CommandError('not-found', 'welfareReport.answer', `no report ${id}`);
  };
  return {
    /**
     * Records a report sent to the child-welfare service. With `safetyException` the home is
     * not told and the record goes to the professionals-only document (which must be loaded).
     * Returns its id.
     */
    send: (input: z.input<typeof WelfareReportInput>): string => {
      core.allow('welfareReport.send');
      const r = core.parse('welfareReport.send', WelfareReportInput, input);
      if (r.safetyException && !core.restricted) {
        throw new CommandError('forbidden', 'welfareReport.send', 'a report under the safety exception is kept in the restricted document, which is not loaded for this user');
      }
      const service = Service.safeParse(core.user.service);
      const me = core.me();
      return core.create('welfareReport.send', r.safetyException ? RESTRICTED_ROOTS.restrictedWelfareReports : SHARED_ROOTS.welfareReports, {
        sentAt: r.sentAt ?? core.now().toISOString(),
        senderName: core.user.name,
        ...(service.success ? { senderService: service.data } : {}),
        ...(me ? { senderParticipantId: me.id } : {}),
        grounds: r.grounds,
        homeToldBeforehand: r.homeToldBeforehand,
        ...(!r.homeToldBeforehand && !r.safetyException && r.homeNotToldReason?.trim() ? { homeNotToldReason: r.homeNotToldReason } : {}),
        safetyException: r.safetyException,
        ...(r.concernId ? { concernId: r.concernId } : {}),
      });
    },
    /** Adds the child-welfare service's answer to a sent report, once. */
    answer: (reportId: string, input: z.input<typeof WelfareReportAnswerInput>): void => {
      core.allow('welfareReport.answer');
      const root = rootOf(reportId);
      const a = core.parse('welfareReport.answer', WelfareReportAnswerInput, input);
      const current = core.get('welfareReport.answer', root, reportId);
      if (current.answeredOn !== undefined || current.answer !== undefined) {
        throw new CommandError('conflict', 'welfareReport.answer', 'the answer is already recorded', [{ path: 'answer', message: 'answer-already-recorded' }]);
      }
      core.update('welfareReport.answer', root, reportId, { ...a, answerRecordedBy: core.user.id, answerRecordedByName: core.user.name });
    },
  };
}

export type WelfareReportCommands = ReturnType<typeof welfareReportCommands>;
