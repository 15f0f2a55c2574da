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
import { RESTRICTED_ROOTS, SHARED_ROOTS, type EntityRoot } from '../layout.js';
import { LEVEL_MODELS } from '../levels.js';
import { permission, type Command } from '../permissions.js';
import { ownsAction, ownsTarget, participantLookupIn, type AuthUser } from '../ownership.js';
import { ActionOwner, isFinalised, Meeting, type LevelModel, type MeetingTemplate, type Participant } from '../schemas.js';
import { ENTITY_SCHEMAS, readSnapshot, toIssues, type CaseSnapshot } from '../snapshot.js';
import { clean, createEntity, patchEntity, readEntity } from '../store.js';
import { TEMPLATES } from '../templates.js';

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
