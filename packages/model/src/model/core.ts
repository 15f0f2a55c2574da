/**
 * The core every aggregate's commands run on: the case's Y.Docs, the user and the
 * transaction origin, clock and id generator, undo managers, the snapshot cache and change
 * subscriptions, plus the generic helpers the commands share (permission, validation,
 * stamping, entity create/update, the finalised-meeting lock).
 * The helpers marked internal are for the command modules only, not for views.
 */
import * as Y from 'yjs';
import type { z } from 'zod';
import { CommandError } from '../errors.js';
import { AUDIENCE_ROOTS, audienceAccess, audienceKey, type Audience } from '../audiences.js';
import { RESTRICTED_ROOTS, SHARED_ROOTS, type EntityRoot } from '../layout.js';
import { permission, type Command } from '../permissions.js';
import { ownsAction, ownsTarget, participantLookupIn, type AuthUser } from '../ownership.js';
import { ActionOwner, isFinalised, Meeting, type LevelModel, type MeetingTemplate, type Participant } from '../schemas.js';
import { ENTITY_SCHEMAS, readSnapshot, toIssues, type CaseSnapshot } from '../snapshot.js';
import { clean, createEntity, patchEntity, readEntity } from '../store.js';
import { DEFAULT_PROFILE, type MunicipalityProfile } from '../profile.js';

export interface ModelOptions {
  /** The professionals-only document (`case/<id>/restricted`), when the user may read it. */
  restricted?: Y.Doc;
  /**
   * The case's other audience documents this user has open (audiences.ts), by `audienceKey`
   * (`service/skole`, `private/<sub>`, `withheld/ppt+skole`, `kept-from/<sub>`). More can be
   * attached later with `attachAudience`.
   */
  audiences?: ReadonlyMap<string, Y.Doc>;
  /**
   * Opens (or returns) the document of an audience that is not attached yet, for a command
   * that writes to it — e.g. the first reservation withheld from a set of services. The
   * connection provides this; without it such commands fail with `forbidden`.
   */
  openAudience?: (audience: Audience) => Y.Doc | undefined;
  /** Clock, for tests and for replaying. */
  now?: () => Date;
  /** Id generator, for tests. */
  newId?: () => string;
  /**
   * The municipality profile (profile.ts) whose templates, level models and lists the model
   * uses; every case set up records its id and version. Default: the neutral profile.
   */
  profile?: MunicipalityProfile;
  /** Overrides the profile's templates. */
  templates?: readonly MeetingTemplate[];
  /** Overrides the profile's level models. */
  levelModels?: readonly LevelModel[];
}

/** What a change subscriber learns: which parts changed and whether this user made the change. */
export interface ChangeInfo { parts: ReadonlySet<string>; local: boolean }
export type Part = keyof Omit<CaseSnapshot, 'unreadable'>;

/** A stored entry as read back, with its id. */
export type Entity = Record<string, unknown> & { id: string };

/** @internal The stamp fields a command input leaves to the model. */
export const stampKeys = { id: true, createdAt: true, createdBy: true, updatedAt: true, updatedBy: true } as const;

function randomId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 16);
}

export class ModelCore {
  readonly doc: Y.Doc;
  readonly restricted: Y.Doc | undefined;
  readonly user: AuthUser;
  /** Transaction origin of this user's edits; remote edits carry other origins. */
  readonly origin: { readonly user: AuthUser };
  /** The municipality profile in use. */
  readonly profile: MunicipalityProfile;
  readonly templates: readonly MeetingTemplate[];
  readonly levelModels: readonly LevelModel[];
  /** @internal */
  readonly now: () => Date;
  /** @internal */
  readonly newId: () => string;
  private readonly undoManagers: Y.UndoManager[] = [];
  private cache: CaseSnapshot | undefined;
  private readonly listeners = new Set<{ parts: ReadonlySet<string> | null; fn: (info: ChangeInfo) => void }>();
  private readonly disposers: Array<() => void> = [];
  private undoSequence = 0;
  private readonly audienceDocs = new Map<string, Y.Doc>();
  private readonly openAudienceDoc: ((audience: Audience) => Y.Doc | undefined) | undefined;

  constructor(doc: Y.Doc, user: AuthUser, options: ModelOptions = {}) {
    this.doc = doc;
    this.restricted = options.restricted;
    this.user = user;
    this.origin = Object.freeze({ user });
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomId;
    this.profile = options.profile ?? DEFAULT_PROFILE;
    this.templates = options.templates ?? this.profile.templates;
    this.levelModels = options.levelModels ?? this.profile.levelModels;
    this.openAudienceDoc = options.openAudience;
    this.track(doc, Object.values(SHARED_ROOTS));
    if (options.restricted) this.track(options.restricted, Object.values(RESTRICTED_ROOTS));
    for (const [key, d] of options.audiences ?? []) this.attachDoc(key, d);
  }

  /** Undo for this user's edits in `d`, and change notices for its roots. */
  private track(d: Y.Doc, roots: readonly string[]): void {
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
      this.changed(parts, tr.origin === this.origin || tr.origin instanceof Y.UndoManager);
    };
    d.on('afterTransaction', onAfter);
    this.disposers.push(() => d.off('afterTransaction', onAfter));
  }

  private changed(parts: ReadonlySet<string>, local: boolean): void {
    this.cache = undefined;
    const info: ChangeInfo = { parts, local };
    for (const l of [...this.listeners]) {
      if (!l.parts || [...parts].some((p) => l.parts!.has(p))) l.fn(info);
    }
  }

  private attachDoc(key: string, d: Y.Doc): void {
    const kind = key.split('/')[0] as keyof typeof AUDIENCE_ROOTS;
    const roots = AUDIENCE_ROOTS[kind];
    if (!roots || this.audienceDocs.has(key)) return;
    this.audienceDocs.set(key, d);
    this.track(d, roots);
  }

  /**
   * Adds an audience document the connection opened after the model was made (one the
   * server listed later, or one a command asked for). Views hear of it as a change of the
   * parts it holds.
   */
  attachAudience(audience: Audience, d: Y.Doc): void {
    const key = audienceKey(audience);
    if (this.audienceDocs.has(key)) return;
    this.attachDoc(key, d);
    this.changed(new Set(AUDIENCE_ROOTS[audience.kind as keyof typeof AUDIENCE_ROOTS] ?? []), false);
  }

  /** The open audience documents, by `audienceKey`. */
  get audiences(): ReadonlyMap<string, Y.Doc> {
    return this.audienceDocs;
  }

  /** Whether documents not open yet can be opened (the model has a connection behind it). */
  get canOpenAudiences(): boolean {
    return this.openAudienceDoc !== undefined;
  }

  /** Whether this user may read and write documents of `audience` at all (the server decides the same). */
  mayWriteAudience(audience: Audience): boolean {
    return audienceAccess(this.user, audience) === 'write';
  }

  /** @internal The document of an audience, opened through the connection when not open yet. */
  audienceDoc(command: Command, audience: Audience): Y.Doc {
    if (audience.kind === 'shared') return this.doc;
    if (audience.kind === 'restricted') return this.docFor('notes');
    if (!this.mayWriteAudience(audience)) throw new CommandError('forbidden', command, `role ${this.user.role} may not write to ${audienceKey(audience)}`);
    const key = audienceKey(audience);
    let d = this.audienceDocs.get(key);
    if (!d) {
      d = this.openAudienceDoc?.(audience);
      if (!d) throw new CommandError('forbidden', command, `the document ${key} is not open for this user`);
      this.attachAudience(audience, d);
    }
    return d;
  }

  /** The whole case, validated. Cached until the next change. */
  snapshot(): CaseSnapshot {
    this.cache ??= readSnapshot(this.doc, this.restricted, this.audienceDocs);
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
  /** One stack per open document; take the one whose top is newest. */
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

  /** @internal */
  participantUser(participantId: string): string | undefined {
    return participantLookupIn(this.doc)(participantId);
  }

  /** @internal */
  owns(command: Command, target: Record<string, unknown>): boolean {
    if ((command === 'action.add' || command === 'action.setStatus') && !ActionOwner.safeParse(target.owner).success) return false;
    return ownsTarget(this.user, command, target, (id) => this.participantUser(id));
  }

  /** @internal Throws a `forbidden` CommandError unless `can(command, target)`. */
  allow(command: Command, target?: Record<string, unknown>): void {
    if (!this.can(command, target)) {
      throw new CommandError('forbidden', command, `role ${this.user.role} may not ${command}${target ? ' here' : ''}`);
    }
  }

  // ------------------------------------------------------------------ generic entity helpers

  /** @internal */
  parse<S extends z.ZodType>(command: Command, schema: S, value: unknown): z.infer<S> {
    const r = schema.safeParse(value);
    if (!r.success) throw new CommandError('invalid', command, 'invalid input', toIssues(r.error));
    return r.data;
  }

  /** @internal */
  stamp(): { at: string; by: string } {
    return { at: this.now().toISOString(), by: this.user.id };
  }

  /** @internal */
  docFor(root: EntityRoot): Y.Doc {
    if ((Object.values(RESTRICTED_ROOTS) as string[]).includes(root)) {
      if (!this.restricted) throw new CommandError('forbidden', 'note.add', 'the restricted document is not loaded for this user');
      return this.restricted;
    }
    return this.doc;
  }

  /** @internal */
  get(command: Command, root: EntityRoot, id: string): Entity {
    const e = readEntity(this.docFor(root), root, id);
    if (!e) throw new CommandError('not-found', command, `no ${root} entry ${id}`);
    return { ...e, id };
  }

  /** @internal */
  transact<T>(root: EntityRoot | 'case', fn: () => T): T {
    const doc = root === 'case' ? this.doc : this.docFor(root);
    let out!: T;
    doc.transact(() => { out = fn(); }, this.origin);
    return out;
  }

  /** @internal Validates a new entity, then stores it in one transaction. Returns its id. */
  create(command: Command, root: EntityRoot, fields: Record<string, unknown>, extra?: () => void): string {
    const { at, by } = this.stamp();
    const id = (fields.id as string | undefined) ?? this.newId();
    const entity = this.parse(command, ENTITY_SCHEMAS[root], { ...fields, id, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by });
    this.transact(root, () => {
      createEntity(this.docFor(root), root, id, clean(entity));
      extra?.();
    });
    return id;
  }

  /** @internal Validates the entity as it would be after `patch`, then writes only the changed fields. */
  update(command: Command, root: EntityRoot, id: string, patch: Record<string, unknown>, extra?: () => void): void {
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

  /** @internal */
  meetingOf(command: Command, meetingId: string | undefined): Meeting | undefined {
    if (!meetingId) return undefined;
    const m = Meeting.safeParse(readEntity(this.doc, 'meetings', meetingId));
    return m.success ? m.data : undefined;
  }

  /**
   * @internal
   * Finalised minutes are immutable: refuse edits to a finalised meeting and its agenda and
   * decisions. `finalisedAt` counts too: a concurrent write may have set another state.
   */
  assertOpen(command: Command, meetingId: string | undefined): void {
    const meeting = this.meetingOf(command, meetingId);
    if (isFinalised(meeting)) {
      throw new CommandError('locked', command, 'the meeting is finalised and its minutes are locked');
    }
  }
}
