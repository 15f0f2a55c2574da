/**
 * Reading a case across its meetings: the timeline (the family's stafettlogg), what
 * carries into the next meeting, evaluation due dates, the concern deadline, the consent
 * gate and the meeting's anonymised feedback. Pure functions of a snapshot (the yearly
 * report across cases is in report.ts).
 */
import { findLevelModel, LEVEL_MODELS } from './levels.js';
import { emptyTotals, suppressParts, tallyFeedback, type FeedbackTotals, type SuppressedCount } from './feedback-totals.js';
import type { Action, Concern, Consent, LevelModel, Role, Service } from './schemas.js';
import type { CaseSnapshot } from './snapshot.js';

const isOpen = (a: Action) => a.status === 'planned' || a.status === 'in-progress';

/** Open actions whose evaluation date is on or before `date` (YYYY-MM-DD). */
export function dueForEvaluation(snapshot: CaseSnapshot, date: string): Action[] {
  return snapshot.actions.filter((a) => isOpen(a) && a.evaluationDate <= date);
}

export type TimelineKind =
  | 'meeting-held' | 'meeting-finalised' | 'decision' | 'level-change' | 'consent-recorded' | 'consent-withdrawn'
  | 'handover-offered' | 'handover-accepted' | 'handover-declined' | 'action-agreed' | 'action-evaluated' | 'concern-raised'
  | 'concern-decided';

/** One line of the case's history, in a shape views can localise. */
export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  /** Id of the entity the entry is about. */
  ref: string;
  /** Short facts for the view to phrase (ids and plain values, no sentences). */
  facts: Record<string, string | string[] | undefined>;
}

/** The case's meetings, decisions, level changes, consent events, handovers and evaluations in time order. */
export function timeline(snapshot: CaseSnapshot): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const c of snapshot.concerns) {
    out.push({ at: c.raisedAt, kind: 'concern-raised', ref: c.id, facts: { note: c.note || undefined, by: c.raisedByName || undefined } });
    if (c.decidedAt) out.push({ at: c.decidedAt, kind: 'concern-decided', ref: c.id, facts: { decision: c.decision, by: c.decidedByName ?? c.decidedBy, raisedAt: c.raisedAt } });
  }
  for (const m of snapshot.meetings) {
    out.push({ at: m.date, kind: 'meeting-held', ref: m.id, facts: { title: m.title, templateId: m.templateId, purpose: m.purpose } });
    if (m.finalisedAt) out.push({ at: m.finalisedAt, kind: 'meeting-finalised', ref: m.id, facts: { by: m.finalisedByName ?? m.finalisedBy } });
  }
  for (const d of snapshot.decisions) out.push({ at: d.createdAt, kind: 'decision', ref: d.id, facts: { text: d.text, meetingId: d.meetingId, forum: d.forum } });
  for (const l of snapshot.levelChanges) out.push({ at: l.createdAt, kind: 'level-change', ref: l.id, facts: { from: l.from, to: l.to, reason: l.reason, triedBefore: l.triedBefore } });
  for (const k of snapshot.consents) {
    out.push({ at: k.createdAt, kind: 'consent-recorded', ref: k.id, facts: { services: k.services, givenBy: k.givenBy.map((g) => g.name) } });
    for (const w of k.withdrawals) out.push({ at: w.at, kind: 'consent-withdrawn', ref: k.id, facts: { services: w.services, by: w.byName || w.by, reason: w.reason } });
  }
  for (const h of snapshot.handovers) {
    out.push({ at: h.offeredAt, kind: 'handover-offered', ref: h.id, facts: { from: h.fromParticipantId, to: h.toParticipantId } });
    if (h.answeredAt && (h.state === 'accepted' || h.state === 'declined')) {
      out.push({ at: h.answeredAt, kind: h.state === 'accepted' ? 'handover-accepted' : 'handover-declined', ref: h.id, facts: { from: h.fromParticipantId, to: h.toParticipantId } });
    }
  }
  for (const a of snapshot.actions) {
    out.push({ at: a.createdAt, kind: 'action-agreed', ref: a.id, facts: { title: a.title, meetingId: a.meetingId } });
    for (const e of a.evaluations) out.push({ at: e.at, kind: 'action-evaluated', ref: a.id, facts: { title: a.title, effect: e.effect, decision: e.decision, by: e.byName || e.by } });
  }
  return out.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : x.kind.localeCompare(y.kind)));
}

/** What a meeting starts from: open actions agreed earlier, the latest assessment, the child's latest goals. */
export function carriedInto(snapshot: CaseSnapshot, meetingId: string): { actions: Action[]; childGoals: string[]; assessmentId?: string } {
  const meeting = snapshot.meetings.find((m) => m.id === meetingId);
  const earlier = new Set(snapshot.meetings.filter((m) => m.id !== meetingId && (!meeting || m.date < meeting.date)).map((m) => m.id));
  const voice = snapshot.voice.filter((v) => v.childGoals.length > 0).at(-1);
  return {
    actions: snapshot.actions.filter((a) => isOpen(a) && a.meetingId !== undefined && earlier.has(a.meetingId)),
    childGoals: voice?.childGoals ?? [],
    assessmentId: snapshot.assessments.filter((a) => a.meetingId !== meetingId).at(-1)?.id,
  };
}

/** A concern waiting for a decision, with its deadline. */
export interface ConcernDeadline { concern: Concern; due: string; daysLeft: number }

/**
 * The decision deadline of every concern not yet decided, soonest first:
 * `decisionDeadlineDays` of the case's level model from when it was raised, else
 * `fallbackDays` (a profile's `deadlines.concernToDecisionDays`; 14 by default).
 * `daysLeft` is whole days (negative when passed).
 */
export function concernDeadlines(snapshot: Pick<CaseSnapshot, 'case' | 'concerns'>, now: Date, models: readonly LevelModel[] = LEVEL_MODELS, fallbackDays = 14): ConcernDeadline[] {
  const days = (snapshot.case && findLevelModel(snapshot.case.levelModelId, models)?.decisionDeadlineDays) ?? fallbackDays;
  return snapshot.concerns.filter((c) => !c.decidedAt).map((concern) => {
    const due = new Date(Date.parse(concern.raisedAt) + days * 86_400_000);
    return { concern, due: due.toISOString(), daysLeft: Math.ceil((due.getTime() - now.getTime()) / 86_400_000) };
  }).sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}

/** The soonest decision deadline among the case's open concerns (see `concernDeadlines`), if any. */
export function concernDeadline(snapshot: Pick<CaseSnapshot, 'case' | 'concerns'>, now: Date, models: readonly LevelModel[] = LEVEL_MODELS, fallbackDays = 14): ConcernDeadline | undefined {
  return concernDeadlines(snapshot, now, models, fallbackDays)[0];
}

/** Services a consent covers at `date`: within validity, minus withdrawals made by then. */
export function activeServices(consent: Consent, date: Date): Service[] {
  const day = date.toISOString().slice(0, 10);
  if (day < consent.validFrom || (consent.validTo && day > consent.validTo)) return [];
  const withdrawn = new Set(consent.withdrawals.filter((w) => w.at <= date.toISOString()).flatMap((w) => w.services));
  return consent.services.filter((s) => !withdrawn.has(s));
}

/**
 * The consent gate: a professional of a service takes part in the case only while a
 * recorded consent covers that service. Child welfare is gated like every other service:
 * consent never blocks a report of concern (opplysningsplikt), but that report is a one-off
 * disclosure recorded in the case (`welfareReports`), not standing access. An anonymous
 * consultation holds no identifying data to protect. Leaders and coordinators run the case
 * and record consent.
 */
export function consentAllows(snapshot: CaseSnapshot, user: { role: Role; service?: string }, now: Date): boolean {
  if (user.role !== 'professional') return true;
  if (snapshot.case?.anonymous) return true;
  if (!user.service) return false;
  return snapshot.consents.some((k) => activeServices(k, now).includes(user.service as Service));
}

/** Anonymised answers for one question on a 1–5 scale. */
export interface ScaleSummary {
  /** Average to one decimal; null while fewer than `suppressBelow` answered, or while any count of the question is hidden (it would give it away). */
  average: number | null;
  /** How many chose 1, 2, 3, 4 and 5 (index 0 is 1), each suppressed as `suppressParts` says. */
  counts: SuppressedCount[];
}

/**
 * Feedback after one meeting, anonymised: no names and no ids, the respondents only as a
 * count per role, counts from 1 to 4 and those that would give them away hidden
 * (`hiddenCount`, the rule of `stateReport`). Answers are anonymous and counted only as
 * totals, so there is no free text.
 */
export interface FeedbackSummary {
  meetingId: string;
  answers: SuppressedCount;
  byRole: { parent: SuppressedCount; child: SuppressedCount };
  feltHeard: ScaleSummary;
  useful: ScaleSummary;
  knowsWhoToContact: { yes: SuppressedCount; no: SuppressedCount };
  /** True when fewer than `suppressBelow` answered and so every figure is hidden. */
  suppressed: boolean;
}

/**
 * The anonymised summary of one meeting's totals (as the server keeps them; undefined
 * when nobody answered). What leaves the server, and what `<samrad-feedback>` shows.
 */
export function summarizeFeedback(totals: FeedbackTotals | undefined, meetingId: string, suppressBelow = 5): FeedbackSummary {
  const k = suppressBelow;
  const t = totals ?? emptyTotals(meetingId);
  const n = t.parent.answers + t.child.answers;
  const enough = n >= k;
  const parts = (counts: number[]): SuppressedCount[] => (enough ? suppressParts(counts, n, k) : counts.map(() => null));
  const scale = (q: 'feltHeard' | 'useful'): ScaleSummary => {
    const raw = t.parent[q].map((c, i) => c + t.child[q][i]!);
    const counts = parts(raw);
    const sum = raw.reduce((s, c, i) => s + c * (i + 1), 0);
    return { average: enough && !counts.includes(null) ? Math.round((sum / n) * 10) / 10 : null, counts };
  };
  const [parent, child] = parts([t.parent.answers, t.child.answers]);
  const [yes, no] = parts([t.parent.knowsWhoToContact.yes + t.child.knowsWhoToContact.yes, t.parent.knowsWhoToContact.no + t.child.knowsWhoToContact.no]);
  return {
    meetingId,
    answers: n > 0 && n < k ? null : n,
    byRole: { parent: parent!, child: child! },
    feltHeard: scale('feltHeard'),
    useful: scale('useful'),
    knowsWhoToContact: { yes: yes!, no: no! },
    suppressed: !enough,
  };
}

/** The summary of answers a document holds (documents from before answers went to the server). */
export function feedbackSummary(snapshot: CaseSnapshot, meetingId: string, suppressBelow = 5): FeedbackSummary {
  return summarizeFeedback(tallyFeedback(snapshot.feedback.filter((f) => f.meetingId === meetingId))[0], meetingId, suppressBelow);
}
