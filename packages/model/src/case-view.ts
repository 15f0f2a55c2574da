/**
 * Reading a case across its meetings: the timeline (the family's stafettlogg), what
 * carries into the next meeting, evaluation due dates, the concern deadline, the consent
 * gate and the meeting's anonymised feedback. Pure functions of a snapshot (the yearly
 * report across cases is in report.ts).
 */
import { findLevelModel, LEVEL_MODELS } from './levels.js';
import type { Action, Concern, Consent, Feedback, LevelModel, Role, Service } from './schemas.js';
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
 * `decisionDeadlineDays` of the case's level model (14 by default) from when it was
 * raised. `daysLeft` is whole days (negative when passed).
 */
export function concernDeadlines(snapshot: Pick<CaseSnapshot, 'case' | 'concerns'>, now: Date, models: readonly LevelModel[] = LEVEL_MODELS): ConcernDeadline[] {
  const days = (snapshot.case && findLevelModel(snapshot.case.levelModelId, models)?.decisionDeadlineDays) ?? 14;
  return snapshot.concerns.filter((c) => !c.decidedAt).map((concern) => {
    const due = new Date(Date.parse(concern.raisedAt) + days * 86_400_000);
    return { concern, due: due.toISOString(), daysLeft: Math.ceil((due.getTime() - now.getTime()) / 86_400_000) };
  }).sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}

/** The soonest decision deadline among the case's open concerns (see `concernDeadlines`), if any. */
export function concernDeadline(snapshot: Pick<CaseSnapshot, 'case' | 'concerns'>, now: Date, models: readonly LevelModel[] = LEVEL_MODELS): ConcernDeadline | undefined {
  return concernDeadlines(snapshot, now, models)[0];
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

/** A count, or null when it is under `suppressBelow` (and not zero): small numbers can point at a person. */
export type SuppressedCount = number | null;

/** Anonymised answers for one question on a 1–5 scale. */
export interface ScaleSummary {
  /** Average to one decimal; null while fewer than `suppressBelow` answered. */
  average: number | null;
  /** How many chose 1, 2, 3, 4 and 5 (index 0 is 1), each suppressed under the threshold. */
  counts: SuppressedCount[];
}

/**
 * Feedback after one meeting, anonymised for the professionals: no names and no ids, the
 * respondents only as a count per role, small counts suppressed as in `stateReport`.
 * When a person answered more than once (two devices offline), only their latest answer counts.
 */
export interface FeedbackSummary {
  meetingId: string;
  answers: SuppressedCount;
  byRole: { parent: SuppressedCount; child: SuppressedCount };
  feltHeard: ScaleSummary;
  useful: ScaleSummary;
  knowsWhoToContact: { yes: SuppressedCount; no: SuppressedCount };
  /** Free-text comments, only when enough answered; sorted so their order says nothing about who wrote when. */
  comments: Array<{ role: 'parent' | 'child'; text: string }>;
  /** True when fewer than `suppressBelow` answered and so every figure is hidden. */
  suppressed: boolean;
}

export function feedbackSummary(snapshot: CaseSnapshot, meetingId: string, suppressBelow = 5): FeedbackSummary {
  const answers = latestAnswers(snapshot.feedback.filter((f) => f.meetingId === meetingId));
  const enough = answers.length >= suppressBelow;
  const count = (n: number): SuppressedCount => (n > 0 && n < suppressBelow ? null : n);
  const scale = (pick: (f: (typeof answers)[number]) => number): ScaleSummary => ({
    average: enough ? Math.round((answers.reduce((n, f) => n + pick(f), 0) / answers.length) * 10) / 10 : null,
    counts: [1, 2, 3, 4, 5].map((v) => (enough ? count(answers.filter((f) => pick(f) === v).length) : null)),
  });
  const hidden = (n: number): SuppressedCount => (enough ? count(n) : null);
  return {
    meetingId,
    answers: count(answers.length),
    byRole: { parent: hidden(answers.filter((f) => f.respondentRole === 'parent').length), child: hidden(answers.filter((f) => f.respondentRole === 'child').length) },
    feltHeard: scale((f) => f.feltHeard),
    useful: scale((f) => f.useful),
    knowsWhoToContact: { yes: hidden(answers.filter((f) => f.knowsWhoToContact).length), no: hidden(answers.filter((f) => !f.knowsWhoToContact).length) },
    comments: enough
      ? answers.filter((f) => f.comment.trim()).map((f) => ({ role: f.respondentRole, text: f.comment.trim() })).sort((a, b) => a.text.localeCompare(b.text))
      : [],
    suppressed: !enough,
  };
}

/** One answer per person and meeting: their latest. Reports and the meeting's totals count each person once. */
export function latestAnswers(feedback: readonly Feedback[]): Feedback[] {
  const latest = new Map<string, Feedback>();
  for (const f of feedback) {
    const key = `${f.meetingId}\u0000${f.createdBy}`;
    const seen = latest.get(key);
    if (!seen || seen.createdAt <= f.createdAt) latest.set(key, f);
  }
  return [...latest.values()];
}
