/** Typed, validated reading of a whole case from its documents. */
import * as Y from 'yjs';
import type { z } from 'zod';
import { RESTRICTED_ROOTS, SHARED_ROOTS, type EntityRoot } from './layout.js';
import {
  Action, AgendaItem, Assessment, CaseRecord, ChildVoiceEntry, Comment, Concern, Consent, Decision, Goal,
  Feedback, Handover, isFinalised, LevelChange, Meeting, Participant, Reservation, RestrictedNote, RestrictedWelfareReport,
  SharedWelfareReport, SilentNote, VoicePrivate, type WelfareReport,
} from './schemas.js';
import type { CommandIssue } from './errors.js';

/** An entity present in the document that does not match its schema; shown, never dropped. */
export interface UnreadableEntry { part: string; id: string; issues: CommandIssue[]; raw: unknown }

export interface CaseSnapshot {
  case: CaseRecord | undefined;
  participants: Participant[];
  meetings: Meeting[];
  /** Sorted by meeting, then position. */
  agenda: AgendaItem[];
  voice: ChildVoiceEntry[];
  assessments: Assessment[];
  actions: Action[];
  decisions: Decision[];
  goals: Goal[];
  comments: Comment[];
  consents: Consent[];
  handovers: Handover[];
  levelChanges: LevelChange[];
  /** The shared ones, and this user's own not shared yet (`private: true`, from their private document). */
  silentNotes: Array<SilentNote & { private?: true }>;
  /** One answer per person and meeting (their latest, should a document hold more). */
  feedback: Feedback[];
  /** Every concern raised, oldest first, each with its decision once made. */
  concerns: Concern[];
  /**
   * Notes from every audience document this user has open, each with the `audienceKey` of
   * the document it is in (`restricted`, `service/skole`, `withheld/…`, `kept-from/…`).
   */
  notes: Array<RestrictedNote & { audience: string }>;
  voicePrivate: VoicePrivate[];
  /** What the child asked to keep from named services (withheld documents; only those who may read them have them). */
  reservations: Reservation[];
  /** Reports to child welfare the family may read (shared document), oldest first. */
  welfareReports: WelfareReport[];
  /** Reports under the safety exception (restricted document), oldest first; empty when it is not loaded. */
  restrictedWelfareReports: WelfareReport[];
  unreadable: UnreadableEntry[];
}

export const ENTITY_SCHEMAS = {
  participants: Participant,
  meetings: Meeting,
  agenda: AgendaItem,
  voice: ChildVoiceEntry,
  assessments: Assessment,
  actions: Action,
  decisions: Decision,
  goals: Goal,
  comments: Comment,
  consents: Consent,
  handovers: Handover,
  levelChanges: LevelChange,
  silentNotes: SilentNote,
  feedback: Feedback,
  concerns: Concern,
  notes: RestrictedNote,
  voicePrivate: VoicePrivate,
  welfareReports: SharedWelfareReport,
  restrictedWelfareReports: RestrictedWelfareReport,
  reservations: Reservation,
} as const satisfies Record<EntityRoot, z.ZodType>;

export function toIssues(error: z.ZodError): CommandIssue[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/** What reading one entity gave: the parsed entity, or why it is unreadable. */
type EntityReading = { ok: true; data: unknown } | { ok: false; entry: UnreadableEntry };

/**
 * Parsed entities, per entity Y.Map: a change re-reads only the entities it touched. Each
 * root map is watched once; a change anywhere inside an entity (a field, its text, a list
 * entry) drops that entity's reading.
 */
const readings = new WeakMap<Y.Map<unknown>, { schema: z.ZodType; id: string; reading: EntityReading }>();
const watchedRoots = new WeakSet<Y.Map<unknown>>();

function watch(rootMap: Y.Map<unknown>): void {
  if (watchedRoots.has(rootMap)) return;
  watchedRoots.add(rootMap);
  rootMap.observeDeep((events) => {
    for (const event of events) {
      let t = event.target as Y.AbstractType<unknown>;
      while (t._item && t._item.parent !== rootMap) t = t._item.parent as Y.AbstractType<unknown>;
      if (t instanceof Y.Map && t !== rootMap) readings.delete(t);
    }
  });
}

function readEntityOnce(root: EntityRoot, id: string, value: unknown, schema: z.ZodType): EntityReading {
  const cached = value instanceof Y.Map ? readings.get(value) : undefined;
  if (cached && cached.schema === schema && cached.id === id) return cached.reading;
  const raw = value instanceof Y.AbstractType ? value.toJSON() : value;
  const parsed = schema.safeParse(raw);
  const reading: EntityReading = parsed.success && ((parsed.data as { id?: string }).id === id || root === 'voicePrivate')
    ? { ok: true, data: parsed.data }
    : { ok: false, entry: { part: root, id, raw, issues: parsed.success ? [{ path: 'id', message: 'id-mismatch' }] : toIssues(parsed.error) } };
  if (value instanceof Y.Map) readings.set(value, { schema, id, reading });
  return reading;
}

function readPart<S extends z.ZodType>(doc: Y.Doc | undefined, root: EntityRoot, schema: S, unreadable: UnreadableEntry[]): z.infer<S>[] {
  if (!doc) return [];
  const out: z.infer<S>[] = [];
  const rootMap = doc.getMap<unknown>(root);
  watch(rootMap);
  rootMap.forEach((value, id) => {
    const reading = readEntityOnce(root, id, value, schema);
    if (reading.ok) out.push(reading.data as z.infer<S>);
    else unreadable.push(reading.entry);
  });
  return out;
}

const byCreated = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Entries read from every open audience document of the given kinds (keys start with the kind). */
function inAudiences<T>(audiences: ReadonlyMap<string, Y.Doc>, kinds: string | readonly string[], read: (doc: Y.Doc, key: string) => T[]): T[] {
  const wanted = typeof kinds === 'string' ? [kinds] : kinds;
  const out: T[] = [];
  for (const [key, doc] of audiences) if (wanted.includes(key.split('/')[0]!)) out.push(...read(doc, key));
  return out;
}
const bySent = (a: WelfareReport, b: WelfareReport) => (a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : byCreated(a, b));

/** Id under which the one concern a layout-1 document kept in the `case` map is read. */
export const LEGACY_CONCERN_ID = 'case-concern';

/**
 * The concern a layout-1 document kept in `case.concernRaisedAt/concernDecidedAt`, as an
 * entry of the concern list. Once a `concerns/case-concern` entity exists (written when
 * the old concern is decided), it takes the old fields' place.
 */
function legacyConcern(c: CaseRecord | undefined): Concern | undefined {
  if (!c?.concernRaisedAt) return undefined;
  const decided = c.concernDecidedAt !== undefined && c.concernDecidedAt >= c.concernRaisedAt;
  return {
    id: LEGACY_CONCERN_ID, createdAt: c.concernRaisedAt, createdBy: c.createdBy,
    updatedAt: decided ? c.concernDecidedAt! : c.concernRaisedAt, updatedBy: c.updatedBy,
    raisedAt: c.concernRaisedAt, raisedByName: '', note: '',
    ...(decided ? { decidedAt: c.concernDecidedAt } : {}),
  };
}

/**
 * The meeting's rules that must hold after any merge, applied on reading so every replica
 * shows the same, whatever concurrent writes the document holds:
 * - a meeting with `finalisedAt` is finalised unless reopened for a correction, and has no active item and no running timer;
 * - the active item is the meeting's `activeItemId` when that item exists in the meeting
 *   (one at most); stored item states other than `done` read as `pending`;
 * - the running timer is the meeting's `timer` when it runs on the active item; a
 *   layout-1 document's per-item `timerStartedAt` counts only on the active item of a
 *   meeting without `timer`, and is ignored on every other item.
 */
function settleMeetings(meetings: Meeting[], agenda: AgendaItem[]): { meetings: Meeting[]; agenda: AgendaItem[] } {
  const itemsOf = new Map<string, AgendaItem[]>();
  for (const a of agenda) itemsOf.set(a.meetingId, [...(itemsOf.get(a.meetingId) ?? []), a]);
  const running = new Map<string, { active?: string; timer?: Meeting['timer'] }>();
  const settled = meetings.map((m) => {
    const { activeItemId: rawActive, timer: rawTimer, ...rest } = m;
    const finalised = isFinalised(m);
    const items = itemsOf.get(m.id) ?? [];
    const active = !finalised && rawActive && items.some((a) => a.id === rawActive) ? rawActive : undefined;
    let timer: Meeting['timer'];
    if (active && rawTimer) timer = rawTimer.itemId === active ? rawTimer : undefined;
    else if (active) {
      const legacy = items.find((a) => a.id === active)?.timerStartedAt;
      timer = legacy ? { itemId: active, startedAt: legacy } : undefined;
    }
    running.set(m.id, { active, timer });
    return { ...rest, state: finalised ? 'finalised' as const : m.state, ...(active ? { activeItemId: active } : {}), ...(timer ? { timer } : {}) };
  });
  const settledAgenda = agenda.map((a) => {
    const { timerStartedAt: _stored, state, ...rest } = a;
    const r = running.get(a.meetingId);
    const derived = r?.active === a.id ? 'active' as const : state === 'done' ? 'done' as const : 'pending' as const;
    return { ...rest, state: derived, ...(r?.timer?.itemId === a.id ? { timerStartedAt: r.timer.startedAt } : {}) };
  });
  return { meetings: settled, agenda: settledAgenda };
}

/** One feedback answer per person and meeting: the latest (then the greatest id), should a document hold more. */
function oneAnswerEach(feedback: Feedback[]): Feedback[] {
  const latest = new Map<string, Feedback>();
  for (const f of feedback) {
    const key = `${f.meetingId}\u0000${f.createdBy}`;
    const seen = latest.get(key);
    if (!seen || seen.createdAt < f.createdAt || (seen.createdAt === f.createdAt && seen.id < f.id)) latest.set(key, f);
  }
  return feedback.filter((f) => latest.get(`${f.meetingId}\u0000${f.createdBy}`) === f);
}

export function readSnapshot(shared: Y.Doc, restricted?: Y.Doc, audiences: ReadonlyMap<string, Y.Doc> = new Map()): CaseSnapshot {
  const unreadable: UnreadableEntry[] = [];
  const caseMap = shared.getMap<unknown>(SHARED_ROOTS.case);
  let caseRecord: CaseRecord | undefined;
  if (caseMap.size > 0) {
    const parsed = CaseRecord.safeParse(caseMap.toJSON());
    if (parsed.success) caseRecord = parsed.data;
    else unreadable.push({ part: 'case', id: 'case', raw: caseMap.toJSON(), issues: toIssues(parsed.error) });
  }
  const S = ENTITY_SCHEMAS;
  const { meetings, agenda } = settleMeetings(
    readPart(shared, 'meetings', S.meetings, unreadable).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : byCreated(a, b))),
    readPart(shared, 'agenda', S.agenda, unreadable).sort((a, b) =>
      a.meetingId !== b.meetingId ? (a.meetingId < b.meetingId ? -1 : 1) : a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  );
  const concerns = readPart(shared, 'concerns', S.concerns, unreadable);
  const legacy = legacyConcern(caseRecord);
  if (legacy && !concerns.some((c) => c.id === LEGACY_CONCERN_ID)) concerns.push(legacy);
  return {
    case: caseRecord,
    participants: readPart(shared, 'participants', S.participants, unreadable).sort(byCreated),
    meetings,
    agenda,
    voice: readPart(shared, 'voice', S.voice, unreadable).sort(byCreated),
    assessments: readPart(shared, 'assessments', S.assessments, unreadable).sort(byCreated),
    actions: readPart(shared, 'actions', S.actions, unreadable).sort(byCreated),
    decisions: readPart(shared, 'decisions', S.decisions, unreadable).sort(byCreated),
    goals: readPart(shared, 'goals', S.goals, unreadable).sort(byCreated),
    comments: readPart(shared, 'comments', S.comments, unreadable).sort(byCreated),
    consents: readPart(shared, 'consents', S.consents, unreadable).sort(byCreated),
    handovers: readPart(shared, 'handovers', S.handovers, unreadable).sort(byCreated),
    levelChanges: readPart(shared, 'levelChanges', S.levelChanges, unreadable).sort(byCreated),
    silentNotes: [
      ...readPart(shared, 'silentNotes', S.silentNotes, unreadable),
      ...inAudiences(audiences, 'private', (d) => readPart(d, 'silentNotes', S.silentNotes, unreadable).map((n) => ({ ...n, private: true as const }))),
    ].sort(byCreated),
    feedback: oneAnswerEach(readPart(shared, 'feedback', S.feedback, unreadable)).sort(byCreated),
    concerns: concerns.sort((a, b) => (a.raisedAt < b.raisedAt ? -1 : a.raisedAt > b.raisedAt ? 1 : byCreated(a, b))),
    notes: [
      ...readPart(restricted, RESTRICTED_ROOTS.notes, S.notes, unreadable).map((n) => ({ ...n, audience: 'restricted' })),
      ...inAudiences(audiences, ['service', 'withheld', 'kept-from'], (d, key) => readPart(d, 'notes', S.notes, unreadable).map((n) => ({ ...n, audience: key }))),
    ].sort(byCreated),
    voicePrivate: readPart(restricted, RESTRICTED_ROOTS.voicePrivate, S.voicePrivate, unreadable),
    reservations: inAudiences(audiences, 'withheld', (d) => readPart(d, 'reservations', S.reservations, unreadable)).sort(byCreated),
    welfareReports: readPart(shared, 'welfareReports', S.welfareReports, unreadable).sort(bySent),
    restrictedWelfareReports: readPart(restricted, RESTRICTED_ROOTS.restrictedWelfareReports, S.restrictedWelfareReports, unreadable).sort(bySent),
    unreadable,
  };
}
