/**
 * Anonymous feedback after a meeting, as totals. The family's answers are sent to the
 * server (`POST /feedback/<caseId>/<meetingId>`), which keeps only counters per case,
 * meeting, respondent role, question and answer — never who answered what — and hands
 * out only these totals with small numbers hidden (`summarizeFeedback`). The shared
 * document carries no feedback (layout 3 and later: the server refuses writes to its
 * `feedback` root and moves answers found there into its counters, once).
 *
 * Pure functions and types, shared by the server, the report and `<samrad-feedback>`.
 */
import { z } from 'zod';
import type { Feedback } from './schemas.js';

/** Who answers feedback: the family. Professionals, leaders and observers do not. */
export const FEEDBACK_RESPONDENTS = ['parent', 'child'] as const;
export type FeedbackRespondent = (typeof FEEDBACK_RESPONDENTS)[number];

/**
 * One person's answers, as a client sends them. No free text: a comment can name or
 * give away its writer, and anonymous feedback is counted only as totals.
 */
export const FeedbackAnswer = z.object({
  /** 1 (not at all) … 5 (completely). */
  feltHeard: z.number().int().min(1).max(5),
  knowsWhoToContact: z.boolean(),
  /** 1 (not at all) … 5 (completely). */
  useful: z.number().int().min(1).max(5),
}).strict();
export type FeedbackAnswer = z.infer<typeof FeedbackAnswer>;

/** Answers of one respondent role to one meeting, counted. */
export interface FeedbackTally {
  answers: number;
  /** How many chose 1, 2, 3, 4 and 5 (index 0 is 1). */
  feltHeard: number[];
  useful: number[];
  knowsWhoToContact: { yes: number; no: number };
}

/** The counted answers of one meeting, by respondent role. Holds no person and no single answer. */
export interface FeedbackTotals {
  meetingId: string;
  parent: FeedbackTally;
  child: FeedbackTally;
}

/** The counters a store keeps per (case, meeting, role): one per question and answer. */
export type FeedbackQuestion = 'feltHeard' | 'useful' | 'knowsWhoToContact';
export const FEEDBACK_COUNTERS: ReadonlyArray<{ question: FeedbackQuestion; value: string }> = [
  ...[1, 2, 3, 4, 5].map((v) => ({ question: 'feltHeard' as const, value: String(v) })),
  ...[1, 2, 3, 4, 5].map((v) => ({ question: 'useful' as const, value: String(v) })),
  { question: 'knowsWhoToContact', value: 'yes' },
  { question: 'knowsWhoToContact', value: 'no' },
];

/** Which counters one answer adds 1 to (one per question). */
export function countersOf(answer: FeedbackAnswer): Array<{ question: FeedbackQuestion; value: string }> {
  return [
    { question: 'feltHeard', value: String(answer.feltHeard) },
    { question: 'useful', value: String(answer.useful) },
    { question: 'knowsWhoToContact', value: answer.knowsWhoToContact ? 'yes' : 'no' },
  ];
}

/** One stored counter. */
export interface FeedbackCounter {
  meetingId: string;
  role: string;
  question: string;
  value: string;
  n: number;
}

export function emptyTally(): FeedbackTally {
  return { answers: 0, feltHeard: [0, 0, 0, 0, 0], useful: [0, 0, 0, 0, 0], knowsWhoToContact: { yes: 0, no: 0 } };
}

export function emptyTotals(meetingId: string): FeedbackTotals {
  return { meetingId, parent: emptyTally(), child: emptyTally() };
}

function add(totals: Map<string, FeedbackTotals>, meetingId: string, role: string, question: string, value: string, n: number): void {
  if (role !== 'parent' && role !== 'child') return;
  let t = totals.get(meetingId);
  if (!t) totals.set(meetingId, (t = emptyTotals(meetingId)));
  const tally = t[role];
  if (question === 'knowsWhoToContact') {
    if (value === 'yes') tally.knowsWhoToContact.yes += n;
    else if (value === 'no') tally.knowsWhoToContact.no += n;
    else return;
    // Every answer answers every question once: the yes/no counters count the answers.
    tally.answers += n;
  } else if (question === 'feltHeard' || question === 'useful') {
    const i = Number(value) - 1;
    if (Number.isInteger(i) && i >= 0 && i < 5) tally[question][i]! += n;
  }
}

/** Totals per meeting from stored counters, in meeting id order. */
export function totalsFromCounters(counters: readonly FeedbackCounter[]): FeedbackTotals[] {
  const totals = new Map<string, FeedbackTotals>();
  for (const c of counters) add(totals, c.meetingId, c.role, c.question, c.value, c.n);
  return [...totals.values()].sort((a, b) => (a.meetingId < b.meetingId ? -1 : a.meetingId > b.meetingId ? 1 : 0));
}

/**
 * Totals per meeting of individual answers: those written into documents by the layout
 * before answers went to the server. One answer per person and meeting (their latest).
 */
export function tallyFeedback(feedback: readonly Feedback[]): FeedbackTotals[] {
  const counters: FeedbackCounter[] = [];
  for (const f of latestAnswers(feedback)) {
    for (const c of countersOf(f)) counters.push({ meetingId: f.meetingId, role: f.respondentRole, ...c, n: 1 });
  }
  return totalsFromCounters(counters);
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

/** A count, or null when it is hidden because it is small (zero is shown: it points at nobody). */
export type SuppressedCount = number | null;

/**
 * The suppression rule of every anonymised figure (feedback totals and the state report):
 * a count out of `of` is hidden when it is from 1 to `k − 1`, or when the rest (`of −
 * count`) is, since a shown total and count would give the small rest away.
 */
export function hiddenCount(count: number, of: number, k: number): boolean {
  const small = (n: number) => n > 0 && n < k;
  return small(count) || small(of - count);
}

/**
 * Counts that together make up `of` (the answers to one question), each hidden by
 * `hiddenCount`; when that hides exactly one of them, the smallest other (not zero, if
 * there is one) is hidden too, or the shown ones and the total would give it away.
 */
export function suppressParts(counts: readonly number[], of: number, k: number): SuppressedCount[] {
  const out: SuppressedCount[] = counts.map((n) => (hiddenCount(n, of, k) ? null : n));
  if (out.filter((n) => n === null).length === 1) {
    // The smallest shown count that is not zero (a hidden zero says little), else a zero.
    const rank = (n: number) => (n === 0 ? Number.MAX_SAFE_INTEGER : n);
    let smallest = -1;
    out.forEach((n, i) => { if (n !== null && (smallest < 0 || rank(n) < rank(out[smallest]!))) smallest = i; });
    if (smallest >= 0) out[smallest] = null;
  }
  return out;
}
