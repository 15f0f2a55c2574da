/**
 * zod schemas for every entity of a meeting record. These are the single source of
 * truth for the shape of the data: the typed model, the server's write rules, the
 * exports and the published JSON Schema all derive from them.
 */
import { z } from 'zod';

export const Id = z.string().min(1).max(80).regex(/^[A-Za-z0-9_.:-]+$/, 'id may hold letters, digits and _ . : - only');
/** ISO 8601 instant with offset, e.g. 2026-11-22T10:00:00.000Z */
export const IsoDateTime = z.iso.datetime({ offset: true });
/** ISO 8601 calendar date, e.g. 2026-12-01 */
export const IsoDate = z.iso.date();
const ShortText = z.string().max(500);
const LongText = z.string().max(20_000);

export const ROLES = ['leader', 'coordinator', 'professional', 'parent', 'child', 'observer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const SERVICES = [
  'barnehage', 'skole', 'sfo', 'helsestasjon', 'ppt', 'barnevern', 'nav', 'bup',
  'fastlege', 'psykisk-helse', 'kultur-fritid', 'other',
] as const;
export const Service = z.enum(SERVICES);
export type Service = z.infer<typeof Service>;

export const LOCALES = ['nb', 'nn', 'en', 'uk'] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

/** Text in every shipped language; Ukrainian is optional (falls back to English). */
export const Labels = z.object({ nb: z.string().min(1), nn: z.string().min(1), en: z.string().min(1), uk: z.string().min(1).optional() });
export type Labels = z.infer<typeof Labels>;

/**
 * Where a configured entry or number comes from: the municipal document and its section,
 * e.g. `Siljan 1.1` (see packages/model/profiles/). Optional everywhere it appears.
 */
export const Source = z.string().min(1).max(200);

/** Bookkeeping fields every stored entity carries. */
export const Stamp = z.object({
  id: Id,
  createdAt: IsoDateTime,
  createdBy: z.string().min(1),
  updatedAt: IsoDateTime,
  updatedBy: z.string().min(1),
});
export type Stamp = z.infer<typeof Stamp>;

// ---------------------------------------------------------------- levels

export const Level = z.object({
  id: z.string().min(1),
  rank: z.number().int().min(0),
  label: Labels,
  description: Labels,
  source: Source.optional(),
});
export const LevelModel = z.object({
  id: z.string().min(1),
  name: Labels,
  levels: z.array(Level).min(1),
  /** Days allowed from a concern being raised to a decision. */
  decisionDeadlineDays: z.number().int().positive().optional(),
  source: Source.optional(),
});
export type LevelModel = z.infer<typeof LevelModel>;

// ---------------------------------------------------------------- case

export const ChildInfo = z.object({
  /** Name, or a pseudonym when `pseudonym` is true (anonymous consultations use no name). */
  name: ShortText,
  pseudonym: z.boolean().default(false),
  birthYear: z.number().int().min(1990).max(2100).optional(),
});

export const CaseRecord = Stamp.extend({
  child: ChildInfo,
  levelModelId: z.string().min(1),
  level: z.string().optional(),
  /** Participant id of the coordinator currently holding the baton. */
  coordinatorId: Id.optional(),
  /** Anonymous case discussion (no consent): no identifying data may be stored. */
  anonymous: z.boolean().default(false),
  municipality: ShortText.optional(),
  /** The municipality profile (profile.ts) the case was set up under, and its version. */
  profileId: z.string().min(1).max(80).optional(),
  profileVersion: z.number().int().min(1).optional(),
  /**
   * Layout version 1 kept one concern here: when it was raised and when it was decided.
   * Read as one concern (`LEGACY_CONCERN_ID`) of the `concerns` list; never written any more.
   */
  concernRaisedAt: IsoDateTime.optional(),
  concernDecidedAt: IsoDateTime.optional(),
});
export type CaseRecord = z.infer<typeof CaseRecord>;

/**
 * A concern (undring/bekymring) raised about the child; starts the decision deadline
 * until it is decided. Every concern is its own entry, so a new one never writes over
 * an earlier one and its decision.
 */
export const Concern = Stamp.extend({
  /** When the concern was raised (may be earlier than when it was recorded). */
  raisedAt: IsoDateTime,
  raisedByName: ShortText.default(''),
  /** What the concern is about, in a few words. */
  note: LongText.default(''),
  /** When it was decided; stops the deadline. */
  decidedAt: IsoDateTime.optional(),
  decidedBy: z.string().optional(),
  decidedByName: ShortText.optional(),
  /** What was decided. */
  decision: LongText.optional(),
});
export type Concern = z.infer<typeof Concern>;

// ---------------------------------------------------------------- participant

export const Attendance = z.enum(['invited', 'present', 'absent', 'excused']);

/** Kinds of notice the server sends through the host's channels (see notices.ts). */
export const NOTICE_KINDS = [
  'meeting-invitation', 'meeting-changed', 'meeting-cancelled',
  'action-deadline-soon', 'action-deadline-passed', 'action-evaluation-soon', 'action-evaluation-passed',
  'baton-offered', 'baton-accepted', 'baton-changed', 'consent-expiring', 'minutes-locked',
] as const;
export const NoticeKind = z.enum(NOTICE_KINDS);
export type NoticeKind = z.infer<typeof NoticeKind>;
/** Channels the host may reach a person through; hints only — the host holds the addresses. */
export const NOTICE_CHANNELS = ['email', 'sms', 'digipost', 'portal'] as const;
export const NoticeChannel = z.enum(NOTICE_CHANNELS);
export type NoticeChannel = z.infer<typeof NoticeChannel>;
/**
 * A participant's notice preferences, editable by themselves. `kinds` absent: every kind;
 * empty: none at all. `channels` absent: the host's portal when the participant has a login
 * (`userId`), else none — then notices are recorded as undeliverable. `locale`: the
 * language of the notice's subject and text (default nb).
 */
export const NoticePreferences = z.object({
  kinds: z.array(NoticeKind).max(NOTICE_KINDS.length).optional(),
  channels: z.array(NoticeChannel).max(NOTICE_CHANNELS.length).optional(),
  locale: Locale.optional(),
});
export type NoticePreferences = z.infer<typeof NoticePreferences>;
export const Participant = Stamp.extend({
  name: ShortText.min(1),
  role: Role,
  service: Service.optional(),
  /** The token subject (`sub`) of the person, linking a login to this participant. */
  userId: z.string().optional(),
  attendance: Attendance.default('invited'),
  /** Status filled in before the meeting. */
  prepared: z.boolean().default(false),
  interpreterNeeded: z.boolean().default(false),
  interpreterLanguage: ShortText.optional(),
  /** Which notices reach this person, how and in which language (absent: every kind). */
  notices: NoticePreferences.optional(),
});
export type Participant = z.infer<typeof Participant>;

// ---------------------------------------------------------------- meeting

/** `correcting`: finalised minutes reopened with a reason; finalising again locks a new version. */
export const MeetingState = z.enum(['draft', 'running', 'finalised', 'correcting']);

/** Why and by whom locked minutes were reopened (`meetings.correct`). */
export const MinutesCorrection = z.object({
  reason: LongText.min(1),
  at: IsoDateTime,
  by: z.string().min(1),
  byName: ShortText,
});
export type MinutesCorrection = z.infer<typeof MinutesCorrection>;

/**
 * Whether a meeting's minutes are locked: finalised, or carrying `finalisedAt` while a
 * concurrent write set another state — unless a leader reopened it for a correction.
 */
export function isFinalised(m: { state?: unknown; finalisedAt?: unknown } | undefined): boolean {
  return m?.state === 'finalised' || (m?.finalisedAt !== undefined && m?.state !== 'correcting');
}

export const Meeting = Stamp.extend({
  templateId: z.string().min(1),
  title: ShortText.optional(),
  /** Purpose/goal of this meeting (required by every template). */
  purpose: LongText.min(1),
  date: IsoDateTime,
  place: ShortText.optional(),
  videoLink: z.url().optional(),
  leaderId: Id.optional(),
  minuteTakerId: Id.optional(),
  timeKeeperId: Id.optional(),
  nextMeetingDate: IsoDateTime.optional(),
  state: MeetingState.default('draft'),
  /** The agenda item currently active, seen by everyone. At most one per meeting by construction. */
  activeItemId: Id.optional(),
  /**
   * The shared countdown while it runs: which item and since when. One per meeting by
   * construction; the snapshot shows it only on the active item.
   */
  timer: z.object({ itemId: Id, startedAt: IsoDateTime }).optional(),
  /** Set instead of decisions when the meeting decided nothing, and why. */
  noDecisionReason: LongText.optional(),
  finalisedAt: IsoDateTime.optional(),
  finalisedBy: z.string().optional(),
  finalisedByName: ShortText.optional(),
  /** The latest correction (set by `meetings.correct`; kept after finalising again). */
  correction: MinutesCorrection.optional(),
  /**
   * Locked minutes versions, oldest first (a Y.Array only the server appends to; see
   * `MinutesVersion` and `minutesVersions()` in minutes.ts, which validate the entries).
   */
  minutes: z.array(z.record(z.string(), z.unknown())).default([]),
  /** Round-robin speaking order ("everyone is heard"): participant ids in order, and who has spoken. */
  speakingOrder: z.array(Id).default([]),
  heard: z.array(Id).default([]),
  /** IGP mode: individual silent notes → groups → plenary merge; absent when off. */
  igpPhase: z.enum(['individual', 'group', 'plenary']).optional(),
});
export type Meeting = z.infer<typeof Meeting>;

// ---------------------------------------------------------------- agenda

export const AgendaItemState = z.enum(['pending', 'active', 'done']);
export const AgendaItem = Stamp.extend({
  meetingId: Id,
  title: ShortText.min(1),
  /** Kind from the template (e.g. `child-voice`), or `custom`. */
  kind: z.string().min(1),
  /** Fractional order key: items sort by position, then id. */
  position: z.number(),
  plannedMinutes: z.number().int().min(0).max(600),
  responsibleId: Id.optional(),
  notes: LongText.default(''),
  decisions: LongText.default(''),
  /** Actions this item is about (e.g. those due for evaluation, filled in when the meeting is created). */
  actionIds: z.array(Id).default([]),
  /**
   * Stored as `pending` or `done`; a snapshot shows `active` on the meeting's
   * `activeItemId` (layout version 1 also stored `active` here; the snapshot ignores it).
   */
  state: AgendaItemState.default('pending'),
  /** Seconds the timer ran before the current run started. */
  elapsedSeconds: z.number().min(0).default(0),
  /**
   * When the running timer started; absent when stopped. Every client counts from this.
   * Not stored: a snapshot takes it from the meeting's `timer` (layout version 1 stored it
   * here; the snapshot still reads it on the active item of a meeting without `timer`).
   */
  timerStartedAt: IsoDateTime.optional(),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

// ---------------------------------------------------------------- child's voice

export const PARTICIPATION = [
  'present-all', 'present-part', 'conversation-before', 'written-input', 'drawn-input',
  'spokesperson', 'relayed-by-parent', 'not-heard',
] as const;
export const Participation = z.enum(PARTICIPATION);

const ChildVoiceFields = Stamp.extend({
  meetingId: Id.optional(),
  participation: Participation,
  /** Required when participation is `not-heard`. */
  notHeardReason: LongText.optional(),
  /** The child's own words, each kept verbatim as a quote. */
  quotes: z.array(LongText.min(1)).default([]),
  /** Adults' notes and interpretation, kept apart from the child's words. */
  adultNotes: LongText.default(''),
  mattersMost: LongText.default(''),
  goesWell: LongText.default(''),
  wantsChanged: LongText.default(''),
  /** The child's own goals ("pilot i eget liv"). */
  childGoals: z.array(LongText.min(1)).default([]),
  /** 1 (very sad) … 5 (very happy), from the child-friendly scale. */
  mood: z.number().int().min(1).max(5).optional(),
  heardBy: ShortText.default(''),
  heardByParticipantId: Id.optional(),
  date: IsoDate,
  childAge: z.number().int().min(0).max(25).optional(),
  maturityNote: LongText.default(''),
  /** How the child's view was weighed, with links to the assessment and actions. */
  weighing: LongText.default(''),
  weighingAssessmentId: Id.optional(),
  weighingActionIds: z.array(Id).default([]),
  /** How and when the child got feedback on what was decided. */
  feedbackHow: LongText.default(''),
  feedbackDate: IsoDate.optional(),
  feedbackBy: ShortText.default(''),
});

/** True when the entry records anything the child said or wants. */
export function voiceHasView(v: Pick<z.infer<typeof ChildVoiceFields>, 'quotes' | 'mattersMost' | 'goesWell' | 'wantsChanged' | 'childGoals' | 'mood'>): boolean {
  return v.quotes.length > 0 || v.childGoals.length > 0 || v.mood !== undefined ||
    [v.mattersMost, v.goesWell, v.wantsChanged].some((t) => t.trim() !== '');
}

export const ChildVoiceEntry = ChildVoiceFields.superRefine((v, ctx) => {
  if (v.participation === 'not-heard') {
    if (!v.notHeardReason?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['notHeardReason'], message: 'not-heard-reason-required' });
    }
  } else if (!voiceHasView(v)) {
    ctx.addIssue({ code: 'custom', path: ['participation'], message: 'view-or-not-heard-required' });
  }
});
export type ChildVoiceEntry = z.infer<typeof ChildVoiceEntry>;
export const ChildVoiceInput = ChildVoiceFields.omit({ id: true, createdAt: true, createdBy: true, updatedAt: true, updatedBy: true });
export type ChildVoiceInput = z.input<typeof ChildVoiceInput>;

/** Restricted-document companion of a voice entry: what the child asked not to share, and with whom. */
export const VoicePrivate = z.object({
  voiceId: Id,
  notShared: z.array(z.object({ what: LongText.min(1), withWhom: ShortText.min(1) })).default([]),
  updatedAt: IsoDateTime,
  updatedBy: z.string(),
});
export type VoicePrivate = z.infer<typeof VoicePrivate>;

/**
 * Something the child said and asked to keep from named services. It lives in the document
 * withheld from exactly those services (`case/<id>/withheld/<services>`), so they never
 * receive it; the other professionals do.
 */
export const Reservation = Stamp.extend({
  voiceId: Id,
  what: LongText.min(1),
  /** The services that must not receive it; the document's name names the same set. */
  withheldFrom: z.array(Service).min(1).max(12),
});
export type Reservation = z.infer<typeof Reservation>;

// ---------------------------------------------------------------- best-interest assessment

export const FactorList = z.object({ checked: z.array(z.string().min(1)).default([]), text: LongText.default('') });
export const PrimaryDifficulty = z.object({
  location: z.enum(['child', 'family', 'surroundings', 'unclear']).default('unclear'),
  status: z.enum(['hypothesis', 'clarified']).default('hypothesis'),
  text: LongText.default(''),
});
export const AssessmentOption = z.object({ id: Id, description: LongText.min(1), consequences: LongText.default('') });
export const AssessmentContent = z.object({
  /** Element key → assessment text; keys come from the configured element set. */
  elements: z.record(z.string(), LongText).default({}),
  protectiveFactors: FactorList.default({ checked: [], text: '' }),
  riskFactors: FactorList.default({ checked: [], text: '' }),
  primaryDifficulty: PrimaryDifficulty.default({ location: 'unclear', status: 'hypothesis', text: '' }),
  level: z.string().optional(),
  options: z.array(AssessmentOption).default([]),
  conclusion: LongText.default(''),
  reasons: LongText.default(''),
  /** How the child's view was weighed in the conclusion. */
  childViewWeighing: LongText.default(''),
  assessedBy: z.array(ShortText.min(1)).default([]),
  status: z.enum(['draft', 'concluded']).default('draft'),
});
export type AssessmentContent = z.infer<typeof AssessmentContent>;
export const AssessmentVersion = z.object({
  version: z.number().int().min(1),
  savedAt: IsoDateTime,
  savedBy: z.string(),
  savedByName: ShortText.default(''),
  content: AssessmentContent,
});
export type AssessmentVersion = z.infer<typeof AssessmentVersion>;
export const Assessment = Stamp.extend({
  meetingId: Id.optional(),
  /** The element set in use (keys of `ASSESSMENT_ELEMENTS` or the municipality's own). */
  elementSet: z.array(z.string().min(1)).min(1),
  version: z.number().int().min(1),
  content: AssessmentContent,
  /** Display name of whoever saved the current version (kept for the version history). */
  updatedByName: ShortText.default(''),
  /** Earlier versions, oldest first. */
  history: z.array(AssessmentVersion).default([]),
}).superRefine((a, ctx) => {
  if (a.content.status === 'concluded' && !a.content.childViewWeighing.trim()) {
    ctx.addIssue({ code: 'custom', path: ['content', 'childViewWeighing'], message: 'child-view-weighing-required' });
  }
});
export type Assessment = z.infer<typeof Assessment>;

// ---------------------------------------------------------------- actions

export const ActionOwner = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('participant'), participantId: Id }),
  z.object({ kind: z.literal('service'), service: Service }),
  z.object({ kind: z.literal('parent'), participantId: Id.optional() }),
  z.object({ kind: z.literal('child') }),
]);
export type ActionOwner = z.infer<typeof ActionOwner>;
export const ActionSchedule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('deadline'), date: IsoDate }),
  z.object({ kind: z.literal('recurring'), rule: ShortText.min(1) }),
  z.object({ kind: z.literal('ongoing') }),
]);
export type ActionSchedule = z.infer<typeof ActionSchedule>;
export const ActionStatus = z.enum(['planned', 'in-progress', 'done', 'stopped']);
export type ActionStatus = z.infer<typeof ActionStatus>;
export const EVALUATION_DECISIONS = ['continue', 'adjust', 'step-up', 'close', 'escalate'] as const;
export const Evaluation = z.object({
  id: Id,
  at: IsoDateTime,
  by: z.string(),
  byName: ShortText.default(''),
  meetingId: Id.optional(),
  effect: z.enum(['achieved', 'partly', 'not']),
  evidence: LongText.default(''),
  decision: z.enum(EVALUATION_DECISIONS),
  /** Progress against the linked goal's indicator. */
  progress: LongText.default(''),
  /** Required when escalating to the highest level: lower-level actions tried and for how long. */
  triedBefore: LongText.optional(),
});
export type Evaluation = z.infer<typeof Evaluation>;
export const Action = Stamp.extend({
  /** What is to be done. */
  title: ShortText.min(1),
  /** Measurable goal or success criterion. */
  successCriterion: LongText.default(''),
  owner: ActionOwner,
  contributors: z.array(Id).default([]),
  schedule: ActionSchedule,
  /** Evaluation date (required): when the action's effect is judged. */
  evaluationDate: IsoDate,
  evaluatorId: Id.optional(),
  level: z.string().optional(),
  /** Category from the municipality's action catalogue (tiltaksbank). */
  category: ShortText.optional(),
  goalId: Id.optional(),
  assessmentId: Id.optional(),
  voiceId: Id.optional(),
  individualPlan: z.boolean().default(false),
  status: ActionStatus.default('planned'),
  /** The meeting the action was agreed in. */
  meetingId: Id.optional(),
  evaluations: z.array(Evaluation).default([]),
  /**
   * The owner (a parent, the child) says the action is done, with a short word on how it
   * went; a professional confirms it by evaluating, which closes it. So the family is never
   * left with an action they cannot close, and every closed action has an evaluation.
   */
  doneProposal: z.object({ by: z.string().min(1), byName: ShortText.default(''), at: IsoDateTime, note: LongText.min(1) }).optional(),
});
export type Action = z.infer<typeof Action>;

// ---------------------------------------------------------------- decisions, goals, comments

export const Decision = Stamp.extend({
  meetingId: Id,
  agendaItemId: Id.optional(),
  text: LongText.min(1),
  decidedBy: ShortText.default(''),
  /** Under what authority (e.g. team leader deciding across the services' laws). */
  authority: ShortText.default(''),
  actionIds: z.array(Id).default([]),
  /** The forum that decided, when not a meeting of this case (e.g. ressursteam). */
  forum: ShortText.optional(),
});
export type Decision = z.infer<typeof Decision>;

export const Goal = Stamp.extend({
  kind: z.enum(['effect', 'result']),
  text: LongText.min(1),
  /** Result goals: the measurable indicator. */
  indicator: LongText.optional(),
  /** Result goals: the effect goal they serve. */
  parentGoalId: Id.optional(),
}).superRefine((g, ctx) => {
  if (g.kind === 'result' && !g.indicator?.trim()) ctx.addIssue({ code: 'custom', path: ['indicator'], message: 'indicator-required' });
});
export type Goal = z.infer<typeof Goal>;

export const CommentTarget = z.object({
  type: z.enum(['meeting', 'agenda', 'voice', 'assessment', 'action', 'decision', 'case']),
  id: Id,
});
export const Comment = Stamp.extend({
  target: CommentTarget,
  /** `view`: the parents' (or child's) own view; `dissent`: registered disagreement. */
  kind: z.enum(['comment', 'view', 'dissent']),
  text: LongText.min(1),
  authorName: ShortText.default(''),
  authorRole: Role,
});
export type Comment = z.infer<typeof Comment>;

// ---------------------------------------------------------------- consent and handover

export const ConsentGiver = z.object({
  name: ShortText.min(1),
  relation: z.enum(['guardian', 'young-person']),
});
export const Consent = Stamp.extend({
  givenBy: z.array(ConsentGiver).min(1),
  /** Services that may share information with each other under this consent. */
  services: z.array(Service).min(1),
  /** What may be shared. */
  scope: LongText.min(1),
  purpose: LongText.min(1),
  validFrom: IsoDate,
  validTo: IsoDate.optional(),
  /** Services withdrawn from the consent (partial withdrawal), with when and by whom. */
  withdrawals: z.array(z.object({
    services: z.array(Service).min(1),
    at: IsoDateTime,
    by: z.string(),
    byName: ShortText.default(''),
    reason: LongText.default(''),
  })).default([]),
}).superRefine((c, ctx) => {
  if (c.validTo && c.validTo < c.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'valid-to-before-valid-from' });
});
export type Consent = z.infer<typeof Consent>;

export const Handover = Stamp.extend({
  fromParticipantId: Id.optional(),
  toParticipantId: Id,
  state: z.enum(['offered', 'accepted', 'declined', 'cancelled']),
  offeredAt: IsoDateTime,
  answeredAt: IsoDateTime.optional(),
  note: LongText.default(''),
});
export type Handover = z.infer<typeof Handover>;

// ---------------------------------------------------------------- restricted notes

export const RestrictedNote = Stamp.extend({
  text: LongText.min(1),
  about: CommentTarget.optional(),
  authorName: ShortText.default(''),
  service: Service.optional(),
});
export type RestrictedNote = z.infer<typeof RestrictedNote>;

// ---------------------------------------------------------------- reports to child welfare

/**
 * A report of concern to the child-welfare service (melding til barnevernstjenesten). The
 * duty to report (opplysningsplikt) is a one-off disclosure a professional decides and
 * records: who sent it, when, on what grounds, and whether the home was told beforehand.
 * When violence or abuse is suspected (`safetyException`), the home is not told and the
 * record is kept from the guardians: it lives in the professionals-only document. Once sent
 * it is never changed; only the child-welfare service's answer may be added, once.
 */
export const WelfareReport = Stamp.extend({
  /** When it was sent to the child-welfare service. */
  sentAt: IsoDateTime,
  /** Who sent it, as their login names them (`createdBy` is their login). */
  senderName: ShortText.min(1),
  senderService: Service.optional(),
  /** The sender's participant in the case, when they are one. */
  senderParticipantId: Id.optional(),
  /** On what grounds: what was seen or heard that gives reason to report. */
  grounds: LongText.min(1),
  /** Whether the home (the guardians) was told before the report was sent. */
  homeToldBeforehand: z.boolean(),
  /** Why the home was not told, when it was not and the safety exception does not apply. */
  homeNotToldReason: LongText.optional(),
  /** Violence or abuse is suspected: the home is not told and the guardians never see this record. */
  safetyException: z.boolean(),
  /** The concern this report follows from, if any. */
  concernId: Id.optional(),
  /** The child-welfare service's answer: on which date, and what it said. Added once. */
  answeredOn: IsoDate.optional(),
  answer: LongText.optional(),
  answerRecordedBy: z.string().optional(),
  answerRecordedByName: ShortText.optional(),
});
export type WelfareReport = z.infer<typeof WelfareReport>;
/** A report the family may read (shared document): never one under the safety exception. */
export const SharedWelfareReport = WelfareReport.extend({ safetyException: z.literal(false) });
/** A report under the safety exception (professionals-only document): the home was not told. */
export const RestrictedWelfareReport = WelfareReport.extend({ safetyException: z.literal(true), homeToldBeforehand: z.literal(false) });

// ---------------------------------------------------------------- templates

export const TemplateItem = z.object({
  kind: z.string().min(1),
  title: Labels,
  plannedMinutes: z.number().int().min(0).max(600),
  guidance: Labels.optional(),
  source: Source.optional(),
});
export const MeetingTemplate = z.object({
  id: z.string().min(1),
  version: z.number().int().min(1),
  name: Labels,
  description: Labels,
  items: z.array(TemplateItem).min(1),
  /** At most this many professionals (ressursteam: 3). */
  maxProfessionals: z.number().int().positive().optional(),
  /** May run as an anonymous consultation without consent. */
  anonymousAllowed: z.boolean().default(false),
  /** Answer expected within this many days. */
  answerWithinDays: z.number().int().positive().optional(),
  source: Source.optional(),
});
export type MeetingTemplate = z.infer<typeof MeetingTemplate>;

// ---------------------------------------------------------------- across meetings

export const LevelChange = Stamp.extend({
  from: z.string().optional(),
  to: z.string().min(1),
  reason: LongText.default(''),
  /** Moving up: which lower-level actions were tried, and for how long. */
  triedBefore: LongText.optional(),
});
export type LevelChange = z.infer<typeof LevelChange>;

/** IGP: a note written silently by one person, shown to others from the plenary phase. */
export const SilentNote = Stamp.extend({
  meetingId: Id,
  agendaItemId: Id.optional(),
  text: LongText.min(1),
  /** Group label in the group phase. */
  group: ShortText.optional(),
  /** Plenary: what the note became (an agenda item's note or an action), so it is used once. */
  usedAs: z.object({ kind: z.enum(['agenda', 'action']), id: Id }).optional(),
});
export type SilentNote = z.infer<typeof SilentNote>;

/** Feedback after a meeting. Reports show it without names. */
export const Feedback = Stamp.extend({
  meetingId: Id,
  respondentRole: z.enum(['parent', 'child']),
  /** 1 (not at all) … 5 (completely). */
  feltHeard: z.number().int().min(1).max(5),
  knowsWhoToContact: z.boolean(),
  useful: z.number().int().min(1).max(5),
  comment: LongText.default(''),
});
export type Feedback = z.infer<typeof Feedback>;
