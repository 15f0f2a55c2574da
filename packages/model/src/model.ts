/**
 * The typed model over a case's Y.Docs. Views read snapshots and call commands; they
 * never touch Yjs. Each command checks the role table, validates with zod, and runs in
 * one transaction whose origin is this model, so undo/redo covers only this user's edits.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { CommandError } from './errors.js';
import { LAYOUT_VERSION, RESTRICTED_ROOTS, SHARED_ROOTS, shapeAt, type EntityRoot } from './layout.js';
import { findLevelModel, LEVEL_MODELS } from './levels.js';
import { FULL_WRITE_ROLES, permission, type Command } from './permissions.js';
import { ownsAction, ownsTarget, type AuthUser } from './ownership.js';
import { activeServices, dueForEvaluation } from './case-view.js';
import type { ChildVoiceEntry, Comment, Goal } from './schemas.js';
import {
  Action, ActionOwner, ActionSchedule, ActionStatus, AgendaItem, Assessment, AssessmentContent, AssessmentOption,
  CaseRecord, ChildInfo, ChildVoiceInput, CommentTarget, Consent, ConsentGiver, Decision,
  Evaluation, Handover, IsoDate, IsoDateTime, isFinalised, Meeting, Participant, RestrictedNote, Service, SilentNote, VoicePrivate,
  type LevelModel, type Locale, type MeetingTemplate,
} from './schemas.js';
import { ENTITY_SCHEMAS, readSnapshot, toIssues, type CaseSnapshot } from './snapshot.js';
import { appendToEntity, clean, createEntity, deleteEntity, patchEntity, readEntity, textAt, withValueAt, writeTextAt } from './store.js';
import { DEFAULT_ELEMENT_SET, findTemplate, TEMPLATES } from './templates.js';
import { feedbackId } from './ids.js';

export type { AuthUser } from './ownership.js';

export interface ModelOptions {
  /** The professionals-only document (`case/<id>/restricted`), when the user may read it. */
  restricted?: Y.Doc;
  /** Clock, for tests and for replaying. */
  now?: () => Date;
  /** Id generator, for tests. */
  newId?: () => string;
  templates?: readonly MeetingTemplate[];
  levelModels?: readonly LevelModel[];
}

/** What a change subscriber learns: which parts changed and whether this user made the change. */
export interface ChangeInfo { parts: ReadonlySet<string>; local: boolean }
export type Part = keyof Omit<CaseSnapshot, 'unreadable'>;

function randomId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 16);
}

const stampKeys = { id: true, createdAt: true, createdBy: true, updatedAt: true, updatedBy: true } as const;

// ---- command inputs (zod, so bad input from a view or a host gets a clear error)

export const CaseSetupInput = z.object({
  child: ChildInfo,
  levelModelId: z.string().default('bti'),
  level: z.string().optional(),
  anonymous: z.boolean().default(false),
  municipality: z.string().max(500).optional(),
});
export const ParticipantInput = Participant.omit(stampKeys);
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
export const AgendaInput = z.object({
  title: z.string().min(1).max(500),
  kind: z.string().min(1).default('custom'),
  plannedMinutes: z.number().int().min(0).max(600).default(5),
  responsibleId: z.string().optional(),
  notes: z.string().default(''),
  decisions: z.string().default(''),
  /** Actions the item is about, e.g. those due for evaluation the leader took onto the agenda. */
  actionIds: z.array(z.string().min(1)).default([]),
});
export const ActionInput = z.object({
  title: z.string().min(1).max(500),
  successCriterion: z.string().default(''),
  owner: ActionOwner,
  contributors: z.array(z.string()).default([]),
  schedule: ActionSchedule,
  evaluationDate: IsoDate,
  evaluatorId: z.string().optional(),
  level: z.string().optional(),
  category: z.string().optional(),
  goalId: z.string().optional(),
  assessmentId: z.string().optional(),
  voiceId: z.string().optional(),
  individualPlan: z.boolean().default(false),
  status: ActionStatus.default('planned'),
  meetingId: z.string().optional(),
});
export const EvaluationInput = Evaluation.omit({ id: true, at: true, by: true, byName: true });
export const DecisionInput = Decision.omit(stampKeys);
export const GoalInput = z.object({
  kind: z.enum(['effect', 'result']),
  text: z.string().min(1),
  indicator: z.string().optional(),
  parentGoalId: z.string().optional(),
});
export const CommentInput = z.object({ target: CommentTarget, kind: z.enum(['comment', 'view', 'dissent']).default('comment'), text: z.string().min(1) });
export const ConsentInput = z.object({
  givenBy: z.array(ConsentGiver).min(1),
  services: z.array(Service).min(1),
  scope: z.string().min(1),
  purpose: z.string().min(1),
  validFrom: IsoDate,
  validTo: IsoDate.optional(),
});
export const NoteInput = RestrictedNote.omit(stampKeys);

type Entity = Record<string, unknown> & { id: string };

export class MeetingModel {
  readonly doc: Y.Doc;
  readonly restricted: Y.Doc | undefined;
  readonly user: AuthUser;
  /** Transaction origin of this user's edits; remote edits carry other origins. */
  readonly origin: { readonly user: AuthUser };
  readonly templates: readonly MeetingTemplate[];
  readonly levelModels: readonly LevelModel[];
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly undoManagers: Y.UndoManager[] = [];
  private cache: CaseSnapshot | undefined;
  private readonly listeners = new Set<{ parts: ReadonlySet<string> | null; fn: (info: ChangeInfo) => void }>();
  private readonly disposers: Array<() => void> = [];

  constructor(doc: Y.Doc, user: AuthUser, options: ModelOptions = {}) {
    this.doc = doc;
    this.restricted = options.restricted;
    this.user = user;
    this.origin = Object.freeze({ user });
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomId;
    this.templates = options.templates ?? TEMPLATES;
    this.levelModels = options.levelModels ?? LEVEL_MODELS;
    for (const [d, roots] of [[doc, Object.values(SHARED_ROOTS)], [options.restricted, Object.values(RESTRICTED_ROOTS)]] as const) {
      if (!d) continue;
      const types = roots.map((r) => d.getMap(r));
      const undo = new Y.UndoManager(types, { trackedOrigins: new Set([this.origin]), captureTimeout: 0 });
      undo.on('stack-item-added', (e: { stackItem: { meta: Map<string, unknown> } }) => e.stackItem.meta.set('seq', ++this.undoSequence));
      this.undoManagers.push(undo);
      const onAfter = (tr: Y.Transaction) => {
        const parts = new Set<string>();
        for (const type of tr.changedParentTypes.keys()) {
          for (const r of roots) if (d.share.get(r) === type) parts.add(r);
        }
        if (parts.size === 0) return;
        this.cache = undefined;
        const info: ChangeInfo = { parts, local: tr.origin === this.origin || tr.origin instanceof Y.UndoManager };
        for (const l of [...this.listeners]) {
          if (!l.parts || [...parts].some((p) => l.parts!.has(p))) l.fn(info);
        }
      };
      d.on('afterTransaction', onAfter);
      this.disposers.push(() => d.off('afterTransaction', onAfter));
    }
  }

  /** The whole case, validated. Cached until the next change. */
  snapshot(): CaseSnapshot {
    this.cache ??= readSnapshot(this.doc, this.restricted);
    return this.cache;
  }

  /** Calls `fn` after every change to the given parts (all parts when omitted). Returns an unsubscribe function. */
  subscribe(fn: (info: ChangeInfo) => void, parts?: readonly Part[]): () => void {
    const entry = { parts: parts ? new Set<string>(parts) : null, fn };
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  destroy(): void {
    for (const d of this.disposers) d();
    for (const u of this.undoManagers) u.destroy();
    this.listeners.clear();
  }

  // ------------------------------------------------------------------ undo

  /** Undoes this user's most recent edit (never anyone else's). Returns false when there is nothing to undo. */
  undo(): boolean {
    const manager = this.newestStack('undoStack');
    return manager ? manager.undo() !== null : false;
  }
  redo(): boolean {
    const manager = this.newestStack('redoStack');
    return manager ? manager.redo() !== null : false;
  }
  canUndo(): boolean { return this.undoManagers.some((u) => u.canUndo()); }
  canRedo(): boolean { return this.undoManagers.some((u) => u.canRedo()); }
  private undoSequence = 0;
  /** With a restricted document there are two stacks; take the one whose top is newest. */
  private newestStack(stack: 'undoStack' | 'redoStack'): Y.UndoManager | undefined {
    let best: Y.UndoManager | undefined;
    let bestSeq = -1;
    for (const u of this.undoManagers) {
      const seq = u[stack].at(-1)?.meta.get('seq') as number | undefined;
      if (seq !== undefined && seq > bestSeq) { best = u; bestSeq = seq; }
    }
    return best;
  }

  // ------------------------------------------------------------------ permission helpers

  /** Whether this user may run `command` (on `target`, for commands limited to what one owns). For views. */
  can(command: Command, target?: Record<string, unknown>): boolean {
    const p = permission(this.user.role, command);
    if (p === 'yes') return true;
    if (p === 'no') return false;
    return target === undefined ? true : this.owns(command, target);
  }

  /** The participant this login is, if any. */
  me(): Participant | undefined {
    return this.snapshot().participants.find((p) => p.userId === this.user.id);
  }

  /** Whether the user owns an action: parents own parent-owned actions; anyone owns actions assigned to their participant. */
  ownsAction(action: { owner: ActionOwner }): boolean {
    return ownsAction(this.user, action.owner, (id) => this.participantUser(id));
  }

  private participantUser(participantId: string): string | undefined {
    const p = readEntity(this.doc, 'participants', participantId);
    return typeof p?.userId === 'string' ? p.userId : undefined;
  }

  private owns(command: Command, target: Record<string, unknown>): boolean {
    if ((command === 'action.add' || command === 'action.setStatus') && !ActionOwner.safeParse(target.owner).success) return false;
    return ownsTarget(this.user, command, target, (id) => this.participantUser(id));
  }

  private allow(command: Command, target?: Record<string, unknown>): void {
    if (!this.can(command, target)) {
      throw new CommandError('forbidden', command, `role ${this.user.role} may not ${command}${target ? ' here' : ''}`);
    }
  }

  // ------------------------------------------------------------------ generic entity helpers

  private parse<S extends z.ZodType>(command: Command, schema: S, value: unknown): z.infer<S> {
    const r = schema.safeParse(value);
    if (!r.success) throw new CommandError('invalid', command, 'invalid input', toIssues(r.error));
    return r.data;
  }

  private stamp(): { at: string; by: string } {
    return { at: this.now().toISOString(), by: this.user.id };
  }

  private docFor(root: EntityRoot): Y.Doc {
    if (root === 'notes' || root === 'voicePrivate') {
      if (!this.restricted) throw new CommandError('forbidden', 'note.add', 'the restricted document is not loaded for this user');
      return this.restricted;
    }
    return this.doc;
  }

  private get(command: Command, root: EntityRoot, id: string): Entity {
    const e = readEntity(this.docFor(root), root, id);
    if (!e) throw new CommandError('not-found', command, `no ${root} entry ${id}`);
    return { ...e, id };
  }

  private transact<T>(root: EntityRoot | 'case', fn: () => T): T {
    const doc = root === 'case' ? this.doc : this.docFor(root);
    let out!: T;
    doc.transact(() => { out = fn(); }, this.origin);
    return out;
  }

  /** Validates a new entity, then stores it in one transaction. Returns its id. */
  private create(command: Command, root: EntityRoot, fields: Record<string, unknown>, extra?: () => void): string {
    const { at, by } = this.stamp();
    const id = (fields.id as string | undefined) ?? this.newId();
    const entity = this.parse(command, ENTITY_SCHEMAS[root], { ...fields, id, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by });
    this.transact(root, () => {
      createEntity(this.docFor(root), root, id, clean(entity));
      extra?.();
    });
    return id;
  }

  /** Validates the entity as it would be after `patch`, then writes only the changed fields. */
  private update(command: Command, root: EntityRoot, id: string, patch: Record<string, unknown>, extra?: () => void): void {
    const current = this.get(command, root, id);
    const { at, by } = this.stamp();
    const next = this.parse(command, ENTITY_SCHEMAS[root], { ...current, ...patch, id, updatedAt: at, updatedBy: by }) as Record<string, unknown>;
    const changed: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(current), ...Object.keys(next)])) {
      if (JSON.stringify(current[key]) !== JSON.stringify(next[key])) changed[key] = next[key];
    }
    this.transact(root, () => {
      patchEntity(this.docFor(root), root, id, changed);
      extra?.();
    });
  }

  private meetingOf(command: Command, meetingId: string | undefined): Meeting | undefined {
    if (!meetingId) return undefined;
    const m = Meeting.safeParse(readEntity(this.doc, 'meetings', meetingId));
    return m.success ? m.data : undefined;
  }

  /**
   * Finalised minutes are immutable: refuse edits to a finalised meeting and its agenda and
   * decisions. `finalisedAt` counts too: a concurrent write may have set another state.
   */
  private assertOpen(command: Command, meetingId: string | undefined): void {
    const meeting = this.meetingOf(command, meetingId);
    if (isFinalised(meeting)) {
      throw new CommandError('locked', command, 'the meeting is finalised and its minutes are locked');
    }
  }

  // ------------------------------------------------------------------ case

  /**
   * An anonymous consultation (ressursteam) stores nothing that identifies the family: the
   * child only as a description ("Jente, 10 år") with no birth year, no family members and
   * no consent. Refuses a case set up that way, or switched to it, that would.
   */
  private refuseIdentifying(record: CaseRecord): void {
    const refuse = (path: string, message: string, text: string) => {
      throw new CommandError('invalid', 'case.setup', text, [{ path, message }]);
    };
    if (!record.child.pseudonym) refuse('child.pseudonym', 'anonymous-pseudonym-required', 'an anonymous consultation describes the child without a name');
    if (record.child.birthYear !== undefined) refuse('child.birthYear', 'anonymous-no-birth-year', 'an anonymous consultation stores no birth year');
    const snap = this.snapshot();
    if (snap.participants.some((p) => p.role === 'parent' || p.role === 'child') || snap.consents.length > 0) {
      refuse('anonymous', 'anonymous-has-family', 'the case already names family members or holds consent, so it cannot become anonymous');
    }
  }

  readonly case = {
    /** Creates or replaces the case header (child, level model, anonymity). */
    setup: (input: z.input<typeof CaseSetupInput>): void => {
      this.allow('case.setup');
      const data = this.parse('case.setup', CaseSetupInput, input);
      if (!findLevelModel(data.levelModelId, this.levelModels)) {
        throw new CommandError('invalid', 'case.setup', `unknown level model ${data.levelModelId}`, [{ path: 'levelModelId', message: 'unknown-level-model' }]);
      }
      const map = this.doc.getMap<unknown>(SHARED_ROOTS.case);
      const { at, by } = this.stamp();
      const existing = map.toJSON() as Record<string, unknown>;
      const record = this.parse('case.setup', CaseRecord, {
        id: existing.id ?? this.newId(), createdAt: existing.createdAt ?? at, createdBy: existing.createdBy ?? by,
        ...existing, ...data, updatedAt: at, updatedBy: by,
      });
      if (record.anonymous) this.refuseIdentifying(record);
      this.transact('case', () => {
        for (const [k, v] of Object.entries(clean(record))) if (JSON.stringify(map.get(k)) !== JSON.stringify(v)) map.set(k, v);
        map.set('schemaVersion', LAYOUT_VERSION);
      });
    },
    /**
     * Moves the case to another level and logs the change. Moving up asks which
     * lower-level actions were tried and for how long.
     */
    setLevel: (level: string, details: { reason?: string; triedBefore?: string } = {}): void => {
      this.allow('case.setLevel');
      const current = this.snapshot().case;
      if (!current) throw new CommandError('not-found', 'case.setLevel', 'the case is not set up');
      const model = findLevelModel(current.levelModelId, this.levelModels);
      const target = model?.levels.find((l) => l.id === level);
      if (!model || !target) {
        throw new CommandError('invalid', 'case.setLevel', `unknown level ${level}`, [{ path: 'level', message: 'unknown-level' }]);
      }
      if (current.level === level) return;
      const from = model.levels.find((l) => l.id === current.level);
      if (from && target.rank > from.rank && !details.triedBefore?.trim()) {
        throw new CommandError('invalid', 'case.setLevel', 'say which lower-level actions were tried and for how long', [{ path: 'triedBefore', message: 'tried-before-required' }]);
      }
      const { at, by } = this.stamp();
      this.transact('case', () => {
        const map = this.doc.getMap<unknown>(SHARED_ROOTS.case);
        map.set('level', level);
        map.set('updatedAt', at);
        map.set('updatedBy', by);
        this.create('case.setLevel', 'levelChanges', { from: current.level, to: level, reason: details.reason ?? '', triedBefore: details.triedBefore });
      });
    },
    /**
     * Records a new concern (starts its decision deadline). Each concern is an entry of its
     * own, so earlier concerns and their decisions stay in the case log. Returns its id.
     */
    raiseConcern: (at: string = this.now().toISOString(), note = ''): string => {
      this.allow('case.raiseConcern');
      this.parse('case.raiseConcern', IsoDateTime, at);
      return this.create('case.raiseConcern', 'concerns', { raisedAt: at, raisedByName: this.user.name, note });
    },
    /** Records the decision on a concern (stops its deadline), optionally with what was decided. */
    concernDecided: (concernId: string, decision?: string): void => {
      this.allow('case.raiseConcern');
      const concern = this.snapshot().concerns.find((c) => c.id === concernId);
      if (!concern) throw new CommandError('not-found', 'case.raiseConcern', `no concern ${concernId}`);
      if (concern.decidedAt) throw new CommandError('conflict', 'case.raiseConcern', 'the concern is already decided', [{ path: 'decidedAt', message: 'concern-already-decided' }]);
      const { at, by } = this.stamp();
      const decided = { decidedAt: at, decidedBy: by, decidedByName: this.user.name, decision: decision?.trim() || undefined };
      if (readEntity(this.doc, 'concerns', concernId)) {
        this.update('case.raiseConcern', 'concerns', concernId, decided);
        return;
      }
      // The concern a layout-1 document kept in the case map: decided, it becomes an entry of its own.
      const { id: _id, createdAt: _c, createdBy: _b, updatedAt: _u, updatedBy: _ub, ...raised } = concern;
      this.create('case.raiseConcern', 'concerns', { ...clean({ ...raised, ...decided }), id: concernId });
    },
  };

  // ------------------------------------------------------------------ participants

  readonly participants = {
    add: (input: z.input<typeof ParticipantInput>): string => {
      this.allow('participant.add');
      if (this.snapshot().case?.anonymous && input.role !== 'professional' && input.role !== 'leader' && input.role !== 'coordinator') {
        throw new CommandError('invalid', 'participant.add', 'an anonymous consultation records no family members', [{ path: 'role', message: 'anonymous-no-family' }]);
      }
      return this.create('participant.add', 'participants', this.parse('participant.add', ParticipantInput, input));
    },
    update: (id: string, patch: Partial<z.input<typeof ParticipantInput>>): void => {
      this.allow('participant.update');
      this.update('participant.update', 'participants', id, patch);
    },
    remove: (id: string): void => {
      this.allow('participant.remove');
      this.get('participant.remove', 'participants', id);
      this.transact('participants', () => deleteEntity(this.doc, 'participants', id));
    },
    /** A participant's own attendance, preparation and interpreter need. */
    setOwnStatus: (id: string, patch: { attendance?: Participant['attendance']; prepared?: boolean; interpreterNeeded?: boolean; interpreterLanguage?: string }): void => {
      const current = this.get('participant.setOwnStatus', 'participants', id);
      if (!this.can('participant.update')) this.allow('participant.setOwnStatus', current);
      const { attendance, prepared, interpreterNeeded, interpreterLanguage } = patch;
      this.update('participant.setOwnStatus', 'participants', id, clean({ attendance, prepared, interpreterNeeded, interpreterLanguage }));
    },
  };

  // ------------------------------------------------------------------ meetings

  readonly meetings = {
    /** Creates a meeting and its agenda from a template. */
    create: (input: z.input<typeof MeetingInput>): string => {
      this.allow('meeting.create');
      const data = this.parse('meeting.create', MeetingInput, input);
      const template = findTemplate(data.templateId, this.templates);
      if (!template) throw new CommandError('invalid', 'meeting.create', `unknown template ${data.templateId}`, [{ path: 'templateId', message: 'unknown-template' }]);
      const { locale, carryOver, ...fields } = data;
      const meetingId = this.newId();
      const snap = this.snapshot();
      const due = carryOver ? dueForEvaluation(snap, data.date.slice(0, 10)).map((a) => a.id) : [];
      const latest = carryOver ? snap.assessments.at(-1) : undefined;
      this.transact('meetings', () => {
        this.create('meeting.create', 'meetings', { ...fields, id: meetingId, state: 'draft' });
        template.items.forEach((item, i) => {
          this.create('meeting.create', 'agenda', {
            meetingId, title: item.title[locale as Locale] ?? item.title.en, kind: item.kind,
            position: i + 1, plannedMinutes: item.plannedMinutes,
            actionIds: item.kind === 'evaluation' ? due : [],
          });
        });
        if (latest && this.can('assessment.create')) {
          this.create('meeting.create', 'assessments', {
            updatedByName: this.user.name, meetingId, elementSet: latest.elementSet, version: 1, content: { ...latest.content, status: 'draft' }, history: [],
          });
        }
      });
      return meetingId;
    },
    update: (id: string, patch: Partial<Omit<z.input<typeof MeetingInput>, 'locale' | 'templateId'>> & { nextMeetingDate?: string; noDecisionReason?: string }): void => {
      this.allow('meeting.update');
      this.assertOpen('meeting.update', id);
      this.update('meeting.update', 'meetings', id, patch);
    },
    start: (id: string): void => {
      this.allow('meeting.start');
      this.assertOpen('meeting.start', id);
      // Minutes under correction stay `correcting` until they are finalised again.
      if (this.meetingOf('meeting.start', id)?.state === 'correcting') return;
      this.update('meeting.start', 'meetings', id, { state: 'running' });
    },
    /**
     * Locks the minutes. Requires at least one decision or a stated reason for deciding
     * nothing (plans warn of forums with "more talk than development").
     */
    finalise: (id: string, noDecisionReason?: string): void => {
      this.allow('meeting.finalise');
      this.assertOpen('meeting.finalise', id);
      const snap = this.snapshot();
      const meeting = snap.meetings.find((m) => m.id === id);
      if (!meeting) throw new CommandError('not-found', 'meeting.finalise', `no meeting ${id}`);
      const reason = noDecisionReason?.trim() || meeting.noDecisionReason?.trim();
      if (!snap.decisions.some((d) => d.meetingId === id) && !reason) {
        throw new CommandError('invalid', 'meeting.finalise', 'a meeting needs a decision or a reason for none', [{ path: 'noDecisionReason', message: 'decision-or-reason-required' }]);
      }
      const { at } = this.stamp();
      this.transact('meetings', () => {
        this.stopRunningTimer(id);
        this.update('meeting.finalise', 'meetings', id, {
          state: 'finalised', finalisedAt: at, finalisedBy: this.user.id, finalisedByName: this.user.name,
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
      this.allow('meeting.correct');
      const meeting = this.meetingOf('meeting.correct', id);
      if (!meeting) throw new CommandError('not-found', 'meeting.correct', `no meeting ${id}`);
      if (meeting.state !== 'finalised') {
        throw new CommandError('invalid', 'meeting.correct', 'only finalised minutes can be corrected', [{ path: 'state', message: 'not-finalised' }]);
      }
      const text = reason.trim();
      if (!text) throw new CommandError('invalid', 'meeting.correct', 'a correction needs a reason', [{ path: 'reason', message: 'reason-required' }]);
      const { at, by } = this.stamp();
      this.update('meeting.correct', 'meetings', id, { state: 'correcting', correction: { reason: text, at, by, byName: this.user.name } });
    },
  };

  // ------------------------------------------------------------------ agenda

  private agendaItems(meetingId: string): AgendaItem[] {
    return this.snapshot().agenda.filter((a) => a.meetingId === meetingId);
  }

  /**
   * Stops the meeting's running timer, adding the run to its item's `elapsedSeconds`, and
   * clears the per-item timer fields of layout version 1 so they cannot come back. The
   * running timer lives in the meeting (`timer`), so a meeting has at most one.
   */
  private stopRunningTimer(meetingId: string): void {
    const snap = this.snapshot();
    const timer = snap.meetings.find((m) => m.id === meetingId)?.timer;
    const raw = readEntity(this.doc, 'meetings', meetingId);
    if (timer) {
      const item = snap.agenda.find((a) => a.id === timer.itemId);
      const ran = Math.max(0, (this.now().getTime() - Date.parse(timer.startedAt)) / 1000);
      if (item) this.update('agenda.timer', 'agenda', item.id, { elapsedSeconds: Math.round(item.elapsedSeconds + ran) });
    }
    if (raw?.timer !== undefined) this.update('agenda.timer', 'meetings', meetingId, { timer: undefined });
    for (const a of snap.agenda) {
      if (a.meetingId !== meetingId) continue;
      const stored = readEntity(this.doc, 'agenda', a.id);
      if (stored?.timerStartedAt !== undefined || stored?.state === 'active') {
        this.update('agenda.timer', 'agenda', a.id, { timerStartedAt: undefined, ...(stored.state === 'active' ? { state: 'pending' } : {}) });
      }
    }
  }

  readonly agenda = {
    add: (meetingId: string, input: z.input<typeof AgendaInput>): string => {
      this.allow('agenda.add');
      this.get('agenda.add', 'meetings', meetingId);
      this.assertOpen('agenda.add', meetingId);
      const data = this.parse('agenda.add', AgendaInput, input);
      const last = this.agendaItems(meetingId).at(-1);
      return this.create('agenda.add', 'agenda', { ...data, meetingId, position: (last?.position ?? 0) + 1 });
    },
    update: (id: string, patch: Partial<z.input<typeof AgendaInput>>): void => {
      this.allow('agenda.update');
      this.assertOpen('agenda.update', this.get('agenda.update', 'agenda', id).meetingId as string);
      const { title, kind, plannedMinutes, responsibleId, notes, decisions, actionIds } = patch;
      this.update('agenda.update', 'agenda', id, Object.fromEntries(Object.entries({ title, kind, plannedMinutes, responsibleId, notes, decisions, actionIds }).filter(([, v]) => v !== undefined)));
    },
    remove: (id: string): void => {
      this.allow('agenda.remove');
      const item = this.get('agenda.remove', 'agenda', id);
      this.assertOpen('agenda.remove', item.meetingId as string);
      this.transact('agenda', () => {
        deleteEntity(this.doc, 'agenda', id);
        const m = readEntity(this.doc, 'meetings', item.meetingId as string);
        if (m?.activeItemId === id) patchEntity(this.doc, 'meetings', item.meetingId as string, { activeItemId: undefined });
        if ((m?.timer as { itemId?: string } | undefined)?.itemId === id) patchEntity(this.doc, 'meetings', item.meetingId as string, { timer: undefined });
      });
    },
    /**
     * Moves an item to `toIndex` in its meeting's order. Positions are fractional, so a
     * move writes one field of one item and concurrent moves by others never conflict.
     */
    move: (id: string, toIndex: number): void => {
      this.allow('agenda.move');
      const item = this.get('agenda.move', 'agenda', id);
      this.assertOpen('agenda.move', item.meetingId as string);
      const others = this.agendaItems(item.meetingId as string).filter((a) => a.id !== id);
      const i = Math.max(0, Math.min(others.length, Math.trunc(toIndex)));
      const before = others[i - 1]?.position;
      const after = others[i]?.position;
      const position = before === undefined ? (after === undefined ? 1 : after - 1) : after === undefined ? before + 1 : (before + after) / 2;
      this.update('agenda.move', 'agenda', id, { position });
    },
    /**
     * Starts the shared countdown on an item and makes it the active item, stopping the
     * meeting's running timer. Both live in the meeting (`activeItemId`, `timer`), so two
     * people starting different items at once leave one active item and one timer.
     */
    startTimer: (id: string): void => {
      this.allow('agenda.timer');
      const item = this.parse('agenda.timer', AgendaItem, this.get('agenda.timer', 'agenda', id));
      this.assertOpen('agenda.timer', item.meetingId);
      const current = this.snapshot().meetings.find((m) => m.id === item.meetingId);
      if (current?.timer?.itemId === id) return;
      const { at } = this.stamp();
      this.transact('agenda', () => {
        this.stopRunningTimer(item.meetingId);
        if (item.state !== 'pending') this.update('agenda.timer', 'agenda', id, { state: 'pending' });
        const meeting = this.get('agenda.timer', 'meetings', item.meetingId);
        this.update('agenda.timer', 'meetings', item.meetingId, {
          activeItemId: id, timer: { itemId: id, startedAt: at }, ...(meeting.state === 'draft' ? { state: 'running' } : {}),
        });
      });
    },
    /** Stops the countdown on an item (it stays the active item). */
    stopTimer: (id: string): void => {
      this.allow('agenda.timer');
      const item = this.parse('agenda.timer', AgendaItem, this.get('agenda.timer', 'agenda', id));
      this.assertOpen('agenda.timer', item.meetingId);
      if (this.snapshot().meetings.find((m) => m.id === item.meetingId)?.timer?.itemId !== id) return;
      this.transact('agenda', () => this.stopRunningTimer(item.meetingId));
    },
    /** Marks an item done, stopping its timer; the meeting has no active item until the next starts. */
    complete: (id: string): void => {
      this.allow('agenda.timer');
      const item = this.parse('agenda.timer', AgendaItem, this.get('agenda.timer', 'agenda', id));
      this.assertOpen('agenda.timer', item.meetingId);
      this.transact('agenda', () => {
        if (this.snapshot().meetings.find((m) => m.id === item.meetingId)?.timer?.itemId === id) this.stopRunningTimer(item.meetingId);
        this.update('agenda.timer', 'agenda', id, { state: 'done' });
        const meeting = this.get('agenda.timer', 'meetings', item.meetingId);
        if (meeting.activeItemId === id) this.update('agenda.timer', 'meetings', item.meetingId, { activeItemId: undefined });
      });
    },
    /** Seconds left on an item's countdown at `at` (negative when over time). Every client computes the same. */
    remainingSeconds: (item: AgendaItem, at: Date = this.now()): number => {
      const running = item.timerStartedAt ? (at.getTime() - Date.parse(item.timerStartedAt)) / 1000 : 0;
      return Math.round(item.plannedMinutes * 60 - item.elapsedSeconds - running);
    },
  };

  // ------------------------------------------------------------------ child's voice

  readonly voice = {
    record: (input: ChildVoiceInput): string => {
      const data = this.parse('voice.record', ChildVoiceInput, input);
      this.allow('voice.record', data);
      this.assertOpen('voice.record', data.meetingId);
      return this.create('voice.record', 'voice', data);
    },
    update: (id: string, patch: Partial<ChildVoiceInput>): void => {
      const current = this.get('voice.update', 'voice', id);
      this.allow('voice.update', { ...current, ...patch });
      this.allow('voice.update', current);
      this.assertOpen('voice.update', current.meetingId as string | undefined);
      if (patch.meetingId !== undefined) this.assertOpen('voice.update', patch.meetingId);
      this.update('voice.update', 'voice', id, patch);
    },
    /** What the child asked not to share, and with whom — stored in the professionals-only document. */
    setPrivate: (voiceId: string, notShared: VoicePrivate['notShared']): void => {
      this.allow('voice.setPrivate');
      this.get('voice.setPrivate', 'voice', voiceId);
      const { at, by } = this.stamp();
      const value = this.parse('voice.setPrivate', VoicePrivate, { voiceId, notShared, updatedAt: at, updatedBy: by });
      const doc = this.docFor('voicePrivate');
      this.transact('voicePrivate', () => {
        if (readEntity(doc, 'voicePrivate', voiceId)) patchEntity(doc, 'voicePrivate', voiceId, value);
        else createEntity(doc, 'voicePrivate', voiceId, clean(value));
      });
    },
  };

  // ------------------------------------------------------------------ best-interest assessment

  readonly assessments = {
    create: (input: { meetingId?: string; elementSet?: string[]; content?: z.input<typeof AssessmentContent> } = {}): string => {
      this.allow('assessment.create');
      this.assertOpen('assessment.create', input.meetingId);
      const content = this.parse('assessment.create', AssessmentContent, input.content ?? {});
      return this.create('assessment.create', 'assessments', {
        updatedByName: this.user.name, meetingId: input.meetingId, elementSet: input.elementSet ?? [...DEFAULT_ELEMENT_SET], version: 1, content, history: [],
      });
    },
    /**
     * Saves a new version: the previous content goes to the history (append-only), the
     * version number goes up. Earlier versions are never rewritten.
     */
    revise: (id: string, content: Partial<z.input<typeof AssessmentContent>>): number => {
      this.allow('assessment.revise');
      const current = this.parse('assessment.revise', Assessment, this.get('assessment.revise', 'assessments', id));
      this.assertOpen('assessment.revise', current.meetingId);
      const next = this.parse('assessment.revise', AssessmentContent, { ...current.content, ...content });
      const previous = { version: current.version, savedAt: current.updatedAt, savedBy: current.updatedBy, savedByName: current.updatedByName, content: current.content };
      this.transact('assessments', () => {
        this.update('assessment.revise', 'assessments', id, { content: next, version: current.version + 1, updatedByName: this.user.name });
        appendToEntity(this.doc, 'assessments', id, 'history', clean(previous));
      });
      return current.version + 1;
    },
    addOption: (id: string, description: string, consequences = ''): void => {
      const current = this.parse('assessment.revise', Assessment, this.get('assessment.revise', 'assessments', id));
      const option = this.parse('assessment.revise', AssessmentOption, { id: this.newId(), description, consequences });
      this.assessments.revise(id, { options: [...current.content.options, option] });
    },
  };

  // ------------------------------------------------------------------ actions

  readonly actions = {
    add: (input: z.input<typeof ActionInput>): string => {
      const data = this.parse('action.add', ActionInput, input);
      this.allow('action.add', data);
      if (data.meetingId) this.get('action.add', 'meetings', data.meetingId);
      return this.create('action.add', 'actions', { ...data, evaluations: [] });
    },
    update: (id: string, patch: Partial<z.input<typeof ActionInput>>): void => {
      this.allow('action.update');
      this.update('action.update', 'actions', id, patch);
    },
    /** Assigns the owner (and optionally the evaluator). */
    assign: (id: string, owner: ActionOwner, evaluatorId?: string): void => {
      this.allow('action.update');
      this.update('action.update', 'actions', id, { owner, ...(evaluatorId ? { evaluatorId } : {}) });
    },
    setStatus: (id: string, status: 'planned' | 'in-progress' | 'done' | 'stopped'): void => {
      const current = this.parse('action.setStatus', Action, this.get('action.setStatus', 'actions', id));
      this.allow('action.setStatus', current);
      if ((status === 'done' || status === 'stopped') && current.evaluations.length === 0) {
        throw new CommandError('invalid', 'action.setStatus', 'an action is closed only after an evaluation', [{ path: 'evaluations', message: 'evaluation-required-to-close' }]);
      }
      this.update('action.setStatus', 'actions', id, { status });
    },
    /**
     * Records an evaluation. `close` sets the action done; escalating at the highest level
     * requires saying which lower-level actions were tried and for how long.
     */
    evaluate: (id: string, input: z.input<typeof EvaluationInput>): string => {
      this.allow('action.evaluate');
      const current = this.parse('action.evaluate', Action, this.get('action.evaluate', 'actions', id));
      const { at, by } = this.stamp();
      const evaluation = this.parse('action.evaluate', Evaluation, { ...input, id: this.newId(), at, by, byName: this.user.name });
      if ((evaluation.decision === 'escalate' || evaluation.decision === 'step-up') && !evaluation.triedBefore?.trim()) {
        throw new CommandError('invalid', 'action.evaluate', 'say which lower-level actions were tried and for how long', [{ path: 'triedBefore', message: 'tried-before-required' }]);
      }
      this.transact('actions', () => {
        appendToEntity(this.doc, 'actions', id, 'evaluations', clean(evaluation));
        const status = evaluation.decision === 'close' ? 'done' : current.status === 'planned' ? 'in-progress' : current.status;
        this.update('action.evaluate', 'actions', id, { status });
      });
      return evaluation.id;
    },
    /** Closes an action (done or stopped); requires an evaluation entry. */
    close: (id: string, status: 'done' | 'stopped' = 'done'): void => this.actions.setStatus(id, status),
    remove: (id: string): void => {
      this.allow('action.remove');
      this.get('action.remove', 'actions', id);
      this.transact('actions', () => deleteEntity(this.doc, 'actions', id));
    },
  };

  // ------------------------------------------------------------------ decisions and goals

  readonly decisions = {
    add: (input: Omit<z.input<typeof DecisionInput>, 'decidedBy'> & { decidedBy?: string }): string => {
      this.allow('decision.add');
      const data = this.parse('decision.add', DecisionInput, { decidedBy: this.user.name, ...input });
      this.get('decision.add', 'meetings', data.meetingId);
      this.assertOpen('decision.add', data.meetingId);
      return this.create('decision.add', 'decisions', data);
    },
    update: (id: string, patch: Partial<z.input<typeof DecisionInput>>): void => {
      this.allow('decision.update');
      this.assertOpen('decision.update', this.get('decision.update', 'decisions', id).meetingId as string);
      this.update('decision.update', 'decisions', id, patch);
    },
    remove: (id: string): void => {
      this.allow('decision.remove');
      this.assertOpen('decision.remove', this.get('decision.remove', 'decisions', id).meetingId as string);
      this.transact('decisions', () => deleteEntity(this.doc, 'decisions', id));
    },
  };

  readonly goals = {
    add: (input: z.input<typeof GoalInput>): string => {
      this.allow('goal.add');
      return this.create('goal.add', 'goals', this.parse('goal.add', GoalInput, input));
    },
    update: (id: string, patch: Partial<z.input<typeof GoalInput>>): void => {
      this.allow('goal.update');
      this.update('goal.update', 'goals', id, patch);
    },
  };

  // ------------------------------------------------------------------ collaborative text

  /**
   * The `Y.Text` of a collaborative text field (`TEXT_FIELDS`), or of a text inside a nested
   * field given as a dotted path (`'content.conclusion'`, `'content.elements.health'` of an
   * assessment), for binding an input to it: read it and observe it, but write only through
   * `editText`. Undefined when the field is not a text field, the entry or the text is
   * missing (an assessment element nobody has written yet; `editText` creates it) or still
   * a plain string (layout 1), or this user may not edit it now — a finalised meeting's
   * text is read-only.
   */
  textField(root: EntityRoot, id: string, field: string): Y.Text | undefined {
    if (shapeAt(root, field.split('.')) !== 'text') return undefined;
    try {
      this.textCommand(root, id, field);
    } catch (e) {
      if (e instanceof CommandError) return undefined;
      throw e;
    }
    return textAt(this.docFor(root), root, id, field.split('.'));
  }

  /**
   * Makes a text field (or a dotted path to a nested text, as in `textField`) read `next`
   * with the smallest edit (one delete and one insert), in one transaction whose origin is
   * this model (so this user's undo covers typing), and stamps the entry. A missing nested
   * text (a new assessment element) is created in the same transaction. `caret` is the caret
   * in `next` after the user's edit, to place the edit where they typed. Checks the same
   * permission as the entry's update command (`assessment.revise` for an assessment) and
   * the entry's schema (e.g. 20,000 characters at most, a meeting's purpose not empty).
   */
  editText(root: EntityRoot, id: string, field: string, next: string, caret?: number): void {
    const command = this.textCommand(root, id, field);
    const path = field.split('.');
    const current = this.get(command, root, id);
    const { at, by } = this.stamp();
    this.parse(command, ENTITY_SCHEMAS[root], { ...withValueAt(current, path, next), id, updatedAt: at, updatedBy: by });
    const doc = this.docFor(root);
    this.transact(root, () => {
      if (writeTextAt(doc, root, id, path, next, caret)) patchEntity(doc, root, id, { updatedAt: at, updatedBy: by });
    });
  }

  /** The update command that governs a text field, after checking this user may run it on the entry now. */
  private textCommand(root: EntityRoot, id: string, field: string): Command {
    const rules: Partial<Record<EntityRoot, Command>> = {
      meetings: 'meeting.update', agenda: 'agenda.update', decisions: 'decision.update',
      voice: 'voice.update', actions: 'action.update', goals: 'goal.update', assessments: 'assessment.revise',
    };
    const command = rules[root];
    if (!command || shapeAt(root, field.split('.')) !== 'text') {
      throw new CommandError('invalid', command ?? 'meeting.update', `${root}.${field} is not a collaborative text field`, [{ path: field, message: 'not-a-text-field' }]);
    }
    const entity = this.get(command, root, id);
    this.allow(command, root === 'voice' ? entity : undefined);
    // As the update commands do: a finalised meeting's own text, agenda, decisions,
    // child's-voice entries and assessments are locked; actions and goals live on after their meeting.
    if (root === 'meetings') this.assertOpen(command, id);
    else if (root !== 'actions' && root !== 'goals') this.assertOpen(command, entity.meetingId as string | undefined);
    return command;
  }

  // ------------------------------------------------------------------ comments (views, dissent)

  readonly comments = {
    add: (input: z.input<typeof CommentInput>): string => {
      this.allow('comment.add', {});
      const data = this.parse('comment.add', CommentInput, input);
      return this.create('comment.add', 'comments', { ...data, authorName: this.user.name, authorRole: this.user.role });
    },
    update: (id: string, text: string): void => {
      this.allow('comment.update', this.get('comment.update', 'comments', id));
      this.update('comment.update', 'comments', id, { text });
    },
    remove: (id: string): void => {
      this.allow('comment.remove', this.get('comment.remove', 'comments', id));
      this.transact('comments', () => deleteEntity(this.doc, 'comments', id));
    },
  };

  // ------------------------------------------------------------------ consent

  readonly consents = {
    record: (input: z.input<typeof ConsentInput>): string => {
      this.allow('consent.record');
      if (this.snapshot().case?.anonymous) {
        throw new CommandError('invalid', 'consent.record', 'an anonymous consultation stores no consent (it identifies the family)', [{ path: 'givenBy', message: 'anonymous-no-consent' }]);
      }
      return this.create('consent.record', 'consents', { ...this.parse('consent.record', ConsentInput, input), withdrawals: [] });
    },
    /** Withdraws the consent for some services (partial) or all of them (whole). */
    withdraw: (id: string, services?: Service[], reason = ''): void => {
      const current = this.parse('consent.withdraw', Consent, this.get('consent.withdraw', 'consents', id));
      this.allow('consent.withdraw', current);
      const withdrawn = new Set(current.withdrawals.flatMap((w) => w.services));
      const target = (services ?? current.services).filter((s) => current.services.includes(s) && !withdrawn.has(s));
      if (target.length === 0) throw new CommandError('invalid', 'consent.withdraw', 'nothing left to withdraw for those services', [{ path: 'services', message: 'nothing-to-withdraw' }]);
      const { at, by } = this.stamp();
      this.transact('consents', () => {
        appendToEntity(this.doc, 'consents', id, 'withdrawals', clean({ services: target, at, by, byName: this.user.name, reason }));
        patchEntity(this.doc, 'consents', id, { updatedAt: at, updatedBy: by });
      });
    },
    /** Services the consent currently covers at `date` (after withdrawals and validity). */
    activeServices: (consent: Consent, date: Date = this.now()): Service[] => activeServices(consent, date),
  };

  // ------------------------------------------------------------------ coordinator handover

  readonly handovers = {
    /** Offers the baton to another participant; the current coordinator keeps it until accepted. */
    offer: (toParticipantId: string, note = ''): string => {
      this.get('handover.offer', 'participants', toParticipantId);
      const fromParticipantId = this.snapshot().case?.coordinatorId;
      this.allow('handover.offer', { fromParticipantId });
      const { at } = this.stamp();
      return this.create('handover.offer', 'handovers', { fromParticipantId, toParticipantId, state: 'offered', offeredAt: at, note });
    },
    /** The offered person accepts (the baton moves) or declines (it stays). */
    answer: (id: string, accept: boolean): void => {
      const current = Handover.parse(this.get('handover.answer', 'handovers', id));
      this.allow('handover.answer', current);
      if (current.state !== 'offered') throw new CommandError('conflict', 'handover.answer', `the offer is already ${current.state}`);
      const { at, by } = this.stamp();
      this.transact('handovers', () => {
        this.update('handover.answer', 'handovers', id, { state: accept ? 'accepted' : 'declined', answeredAt: at });
        if (accept) {
          const map = this.doc.getMap<unknown>(SHARED_ROOTS.case);
          map.set('coordinatorId', current.toParticipantId);
          map.set('updatedAt', at);
          map.set('updatedBy', by);
        }
      });
    },
    /** The one who offered withdraws an offer nobody has answered yet; the baton stays where it is. */
    cancel: (id: string): void => {
      const current = Handover.parse(this.get('handover.offer', 'handovers', id));
      this.allow('handover.offer', current);
      if (current.state !== 'offered') throw new CommandError('conflict', 'handover.offer', `the offer is already ${current.state}`);
      this.update('handover.offer', 'handovers', id, { state: 'cancelled', answeredAt: this.stamp().at });
    },
    /** The offer waiting for an answer, if any (the newest one). */
    pending: (): Handover | undefined => this.snapshot().handovers.filter((h) => h.state === 'offered').at(-1),
    /** Sets the first coordinator of a case (no one holds the baton yet). */
    appoint: (participantId: string): void => {
      this.allow('case.setup');
      this.get('case.setup', 'participants', participantId);
      if (this.snapshot().case?.coordinatorId) throw new CommandError('conflict', 'case.setup', 'the case has a coordinator; hand the baton over instead');
      this.transact('case', () => this.doc.getMap<unknown>(SHARED_ROOTS.case).set('coordinatorId', participantId));
    },
  };

  // ------------------------------------------------------------------ facilitation aids

  readonly facilitation = {
    /** Starts a round-robin: everyone present (or the given order) speaks in turn; ticks are cleared. */
    startRound: (meetingId: string, order?: string[]): void => {
      this.allow('facilitation.run');
      this.assertOpen('facilitation.run', meetingId);
      const present = this.snapshot().participants.filter((p) => p.attendance === 'present' || p.attendance === 'invited').map((p) => p.id);
      this.update('facilitation.run', 'meetings', meetingId, { speakingOrder: order ?? present, heard: [] });
    },
    /** Ticks (or unticks) a participant as heard in the current round. */
    markHeard: (meetingId: string, participantId: string, heard = true): void => {
      this.allow('facilitation.run');
      this.assertOpen('facilitation.run', meetingId);
      const m = Meeting.parse(this.get('facilitation.run', 'meetings', meetingId));
      const next = heard ? [...new Set([...m.heard, participantId])] : m.heard.filter((id) => id !== participantId);
      this.update('facilitation.run', 'meetings', meetingId, { heard: next });
    },
    /** IGP mode: individual → group → plenary; `undefined` switches it off. */
    setIgpPhase: (meetingId: string, phase: 'individual' | 'group' | 'plenary' | undefined): void => {
      this.allow('facilitation.run');
      this.assertOpen('facilitation.run', meetingId);
      this.update('facilitation.run', 'meetings', meetingId, { igpPhase: phase });
    },
  };

  readonly silentNotes = {
    add: (meetingId: string, text: string, agendaItemId?: string): string => {
      this.allow('silentNote.add', {});
      this.assertOpen('silentNote.add', meetingId);
      return this.create('silentNote.add', 'silentNotes', { meetingId, text, agendaItemId });
    },
    /** Notes this user may see now: their own, and everyone's from the plenary phase on. */
    visible: (meetingId: string): SilentNote[] => {
      const snap = this.snapshot();
      const phase = snap.meetings.find((m) => m.id === meetingId)?.igpPhase;
      return snap.silentNotes.filter((n) => n.meetingId === meetingId && (phase === 'plenary' || phase === 'group' && FULL_WRITE_ROLES.includes(this.user.role) || n.createdBy === this.user.id));
    },
    /** Group phase: the leader puts a note in a labelled group (an empty label takes it out). */
    setGroup: (id: string, group: string | undefined): void => {
      this.allow('facilitation.run');
      const note = SilentNote.parse(this.get('facilitation.run', 'silentNotes', id));
      this.assertOpen('facilitation.run', note.meetingId);
      this.update('facilitation.run', 'silentNotes', id, { group: group?.trim() || undefined });
    },
    /**
     * Plenary: adds a note's text to an agenda item's notes (an agenda note) and marks the
     * note as used, in one step that undo takes back whole.
     */
    toAgendaNote: (id: string, agendaItemId: string): void => {
      const note = this.usableNote(id);
      const item = this.parse('agenda.update', AgendaItem, this.get('agenda.update', 'agenda', agendaItemId));
      const notes = item.notes.trim() ? `${item.notes.trimEnd()}\n${note.text}` : note.text;
      this.transact('silentNotes', () => {
        this.agenda.update(agendaItemId, { notes });
        this.update('facilitation.run', 'silentNotes', id, { usedAs: { kind: 'agenda', id: agendaItemId } });
      });
    },
    /** Plenary: turns a note into an action (the note's text is the title unless `input` says otherwise). */
    toAction: (id: string, input: Omit<z.input<typeof ActionInput>, 'title'> & { title?: string }): string => {
      const note = this.usableNote(id);
      let actionId!: string;
      this.transact('silentNotes', () => {
        actionId = this.actions.add({ meetingId: note.meetingId, ...input, title: input.title ?? note.text.slice(0, 500) });
        this.update('facilitation.run', 'silentNotes', id, { usedAs: { kind: 'action', id: actionId } });
      });
      return actionId;
    },
  };

  /** A silent note the leader may use in plenary: the meeting is open and the note not used yet. */
  private usableNote(id: string): SilentNote {
    this.allow('facilitation.run');
    const note = SilentNote.parse(this.get('facilitation.run', 'silentNotes', id));
    this.assertOpen('facilitation.run', note.meetingId);
    if (note.usedAs) throw new CommandError('conflict', 'facilitation.run', `the note is already used as ${note.usedAs.kind} ${note.usedAs.id}`, [{ path: 'usedAs', message: 'note-already-used' }]);
    return note;
  }

  readonly feedback = {
    /** The family's feedback after a meeting. Reports show it without names. */
    submit: (input: { meetingId: string; feltHeard: number; knowsWhoToContact: boolean; useful: number; comment?: string }): string => {
      this.allow('feedback.submit', {});
      this.get('feedback.submit', 'meetings', input.meetingId);
      if (this.feedback.given(input.meetingId)) {
        throw new CommandError('conflict', 'feedback.submit', 'this person already answered for this meeting', [{ path: 'meetingId', message: 'feedback-already-given' }]);
      }
      // The key comes from the meeting and the person, so two answers given at once (two
      // devices, offline) land on one key and the document keeps one of them.
      return this.create('feedback.submit', 'feedback', { ...input, id: feedbackId(input.meetingId, this.user.id), respondentRole: this.user.role });
    },
    /** Whether this user already answered for the meeting (one answer per person per meeting). */
    given: (meetingId: string): boolean => this.snapshot().feedback.some((f) => f.meetingId === meetingId && f.createdBy === this.user.id),
  };

  // ------------------------------------------------------------------ restricted notes

  readonly notes = {
    add: (input: z.input<typeof NoteInput>): string => {
      this.allow('note.add');
      return this.create('note.add', 'notes', this.parse('note.add', NoteInput, { ...input, authorName: this.user.name }));
    },
  };
}

export type { Action, AgendaItem, Assessment, ChildVoiceEntry, Comment, Consent, Decision, Goal, Handover, Meeting, Participant };
