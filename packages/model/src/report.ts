/**
 * The report for the yearly state report (SPEC.md "Export and integration"): figures
 * aggregated across cases for a period, with no names, no ids and small numbers hidden.
 * A pure function of case snapshots; the host runs it over the cases it may read and
 * publishes the JSON (valid against `state-report.schema.json`) or shows it in
 * `<samrad-report>`.
 */
import { z } from 'zod';
import { hiddenCount, tallyFeedback, type FeedbackTotals } from './feedback-totals.js';
import { findLevelModel, LEVEL_MODELS } from './levels.js';
import { IsoDate, type LevelModel } from './schemas.js';
import type { CaseSnapshot } from './snapshot.js';

/** Counts from 1 up to this (exclusive) are hidden: in a municipality they can point at a family. */
export const DEFAULT_SUPPRESS_BELOW = 5;

/** A feedback answer of this or more on the 1–5 scale counts as "felt heard" ("mostly" or "completely"). */
export const FELT_HEARD_FROM = 4;

/** A count, or null when it is hidden because it is small (zero is shown: it points at nobody). */
export const ReportCount = z.number().int().nonnegative().nullable();
export type ReportCount = z.infer<typeof ReportCount>;

/**
 * A share: `count` of `of`, as a whole percent. `count` and `percent` are null when the
 * base is under the threshold, or when either the count or the rest (`of − count`) is
 * small, since a shown base and percent would give the hidden number away.
 */
export const ReportShare = z.object({
  count: ReportCount,
  of: ReportCount,
  percent: z.number().int().min(0).max(100).nullable(),
});
export type ReportShare = z.infer<typeof ReportShare>;

export const StateReport = z.object({
  /** Inclusive calendar dates (YYYY-MM-DD). */
  period: z.object({ from: IsoDate, to: IsoDate }),
  suppressBelow: z.number().int().positive(),
  /** Cases with at least one finalised meeting in the period. */
  cases: ReportCount,
  /** Finalised meetings in the period. */
  meetings: ReportCount,
  /** Finalised meetings per template id (samarbeidsmote, ressursteam, …). */
  meetingsByTemplate: z.record(z.string(), ReportCount),
  /** Finalised meetings whose record holds the child's voice (any participation but "not heard"). */
  childVoiceDocumented: ReportShare,
  /** Actions whose evaluation date fell in the period (up to the report date) and were evaluated by then. */
  actionsEvaluatedOnTime: ReportShare,
  /** Parents' answers after meetings in the period that said they felt heard (4 or 5 of 5). */
  familiesFeltHeard: ReportShare,
  /** The children's answers, the same way. */
  childrenFeltHeard: ReportShare,
  /** Level changes in the period: up and down the case's level model, and first placements. */
  levelChanges: z.object({ up: ReportCount, down: ReportCount, firstPlacement: ReportCount }),
});
export type StateReport = z.infer<typeof StateReport>;

export interface ReportOptions {
  from: string;
  to: string;
  suppressBelow?: number;
  /** The report date: evaluation dates after it are not yet due. Defaults to now. */
  asOf?: Date;
  levelModels?: readonly LevelModel[];
  /**
   * The feedback totals of a case (one entry per meeting), as the server's store keeps
   * them: answers are stored outside every document. Without it, the answers a document
   * still holds from before (layout 2 and earlier) are counted.
   */
  feedbackOf?: (snapshot: CaseSnapshot) => readonly FeedbackTotals[];
}

/** The figures of `snapshots` (one per case) for the period, anonymised and with small numbers hidden. */
export function stateReport(snapshots: readonly CaseSnapshot[], options: ReportOptions): StateReport {
  const { from, to } = StateReport.shape.period.parse({ from: options.from, to: options.to });
  if (from > to) throw new RangeError(`report period starts after it ends: ${from} > ${to}`);
  const k = options.suppressBelow ?? DEFAULT_SUPPRESS_BELOW;
  const asOf = (options.asOf ?? new Date()).toISOString().slice(0, 10);
  // Evaluation dates after the report date are not yet due.
  const upTo = to < asOf ? to : asOf;
  const inPeriod = (iso: string | undefined) => !!iso && iso.slice(0, 10) >= from && iso.slice(0, 10) <= to;
  const hide = (n: number): ReportCount => (n > 0 && n < k ? null : n);
  const share = (count: number, of: number): ReportShare => {
    if (of === 0) return { count: 0, of: 0, percent: null };
    const hidden = of < k || hiddenCount(count, of, k);
    return { count: hidden ? null : count, of: hide(of), percent: hidden ? null : Math.round((count / of) * 100) };
  };

  let cases = 0;
  let withVoice = 0;
  const byTemplate = new Map<string, number>();
  const due = { onTime: 0, of: 0 };
  const heard = { parent: { yes: 0, of: 0 }, child: { yes: 0, of: 0 } };
  const levels = { up: 0, down: 0, firstPlacement: 0 };

  for (const s of snapshots) {
    const meetings = s.meetings.filter((m) => m.state === 'finalised' && inPeriod(m.date));
    if (meetings.length > 0) cases += 1;
    for (const m of meetings) {
      byTemplate.set(m.templateId, (byTemplate.get(m.templateId) ?? 0) + 1);
      if (s.voice.some((v) => v.meetingId === m.id && v.participation !== 'not-heard')) withVoice += 1;
    }

    for (const a of s.actions) {
      if (a.evaluationDate < from || a.evaluationDate > upTo) continue;
      due.of += 1;
      if (a.evaluations.some((e) => e.at.slice(0, 10) <= a.evaluationDate)) due.onTime += 1;
    }

    const meetingDates = new Map(s.meetings.map((m) => [m.id, m.date]));
    for (const t of options.feedbackOf?.(s) ?? tallyFeedback(s.feedback)) {
      if (!inPeriod(meetingDates.get(t.meetingId))) continue;
      for (const role of ['parent', 'child'] as const) {
        heard[role].of += t[role].answers;
        heard[role].yes += t[role].feltHeard.slice(FELT_HEARD_FROM - 1).reduce((n, c) => n + c, 0);
      }
    }

    const model = s.case ? findLevelModel(s.case.levelModelId, options.levelModels ?? LEVEL_MODELS) : undefined;
    const rank = (id: string | undefined) => model?.levels.find((l) => l.id === id)?.rank;
    for (const l of s.levelChanges) {
      if (!inPeriod(l.createdAt)) continue;
      const before = rank(l.from);
      const after = rank(l.to);
      if (before === undefined || after === undefined) levels.firstPlacement += 1;
      else if (after > before) levels.up += 1;
      else if (after < before) levels.down += 1;
    }
  }

  const meetings = [...byTemplate.values()].reduce((n, c) => n + c, 0);
  return StateReport.parse({
    period: { from, to },
    suppressBelow: k,
    cases: hide(cases),
    meetings: hide(meetings),
    meetingsByTemplate: Object.fromEntries([...byTemplate].sort(([a], [b]) => a.localeCompare(b)).map(([id, n]) => [id, hide(n)])),
    childVoiceDocumented: share(withVoice, meetings),
    actionsEvaluatedOnTime: share(due.onTime, due.of),
    familiesFeltHeard: share(heard.parent.yes, heard.parent.of),
    childrenFeltHeard: share(heard.child.yes, heard.child.of),
    levelChanges: { up: hide(levels.up), down: hide(levels.down), firstPlacement: hide(levels.firstPlacement) },
  });
}

/** The report for a calendar year. */
export function yearlyReport(snapshots: readonly CaseSnapshot[], year: number, options: Omit<ReportOptions, 'from' | 'to'> = {}): StateReport {
  return stateReport(snapshots, { ...options, from: `${year}-01-01`, to: `${year}-12-31` });
}
