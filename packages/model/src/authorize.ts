/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types its internals with any */
/**
 * Server-side write rules on raw Yjs updates. A modified browser can send any bytes, so
 * the server applies each incoming update to a throw-away copy of the document, sees
 * which entities and fields it would change, and accepts it only if the sender's role
 * may make every one of those changes. The real document is never touched here.
 */
import * as Y from 'yjs';
import { RESTRICTED_ROOTS, SHARED_ROOTS } from './layout.js';
import type { AuthUser } from './model.js';
import { FULL_WRITE_ROLES } from './permissions.js';
import type { Role } from './schemas.js';

export type Scope = 'shared' | 'restricted';
export type Access = 'none' | 'read' | 'write';

/** Role × scope: what a connection may do with a whole document. */
export const SCOPE_ACCESS: Readonly<Record<Role, Readonly<Record<Scope, Access>>>> = {
  leader: { shared: 'write', restricted: 'write' },
  coordinator: { shared: 'write', restricted: 'write' },
  professional: { shared: 'write', restricted: 'write' },
  parent: { shared: 'write', restricted: 'none' },
  child: { shared: 'write', restricted: 'none' },
  observer: { shared: 'read', restricted: 'none' },
};

export function scopeAccess(role: Role, scope: Scope): Access {
  return SCOPE_ACCESS[role][scope];
}

/** `case/<id>` → shared, `case/<id>/restricted` → restricted; anything else → null. */
export function parseDocName(name: string): { caseId: string; scope: Scope } | null {
  const m = /^case\/([A-Za-z0-9_.:-]{1,80})(\/restricted)?$/.exec(name);
  if (!m) return null;
  return { caseId: m[1]!, scope: m[2] ? 'restricted' : 'shared' };
}

export type AuthorizeResult = { ok: true } | { ok: false; reason: string };

type Json = Record<string, unknown>;
interface EntityChange { root: string; id: string; before: Json | undefined; after: Json | undefined; fields: Set<string> }

const SHARED = new Set<string>(Object.values(SHARED_ROOTS));
const RESTRICTED = new Set<string>(Object.values(RESTRICTED_ROOTS));
const KNOWN_ROOTS = new Set<string>([...SHARED, ...RESTRICTED]);
const STAMP_FIELDS = new Set(['updatedAt', 'updatedBy', 'updatedByName']);

function rootName(doc: Y.Doc, type: Y.AbstractType<any>): string | undefined {
  for (const [name, t] of doc.share) if (t === type) return name;
  return undefined;
}

function entityJson(doc: Y.Doc, root: string, id: string): Json | undefined {
  if (root === 'case') {
    const m = doc.share.get('case');
    return m instanceof Y.Map && m.size > 0 ? (m.toJSON() as Json) : undefined;
  }
  const t = doc.share.get(root);
  if (!(t instanceof Y.Map)) return undefined;
  const v = t.get(id);
  if (v instanceof Y.AbstractType) return v.toJSON() as Json;
  return v === undefined ? undefined : { __raw: v };
}

function diffFields(before: Json | undefined, after: Json | undefined): Set<string> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return new Set([...keys].filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k])));
}

/** Applies `update` to a copy of `doc` and lists the entities it changes, with before/after values. */
export function changesOf(doc: Y.Doc, update: Uint8Array): { changes: EntityChange[]; unknownRoots: string[]; pending: boolean } {
  // Every root of the layout is a Y.Map. A document built only from raw updates holds
  // untyped roots until someone asks for them, and untyped roots read as empty — which
  // would hide every change from the checks below. Type them on both sides first.
  for (const root of KNOWN_ROOTS) doc.getMap(root);
  const probe = new Y.Doc({ gc: false });
  for (const root of KNOWN_ROOTS) probe.getMap(root);
  for (const [name, t] of doc.share) {
    if (KNOWN_ROOTS.has(name)) continue;
    if (t instanceof Y.Map) probe.getMap(name);
    else if (t instanceof Y.Array) probe.getArray(name);
  }
  Y.applyUpdate(probe, Y.encodeStateAsUpdate(doc));
  const touched = new Map<string, Set<string>>(); // root → entity ids
  const unknownRoots = new Set<string>();
  const onAfter = (tr: Y.Transaction) => {
    for (const [type, keys] of tr.changed) {
      // Walk up to the root, remembering the map key just below it (the entity id).
      let t: Y.AbstractType<any> = type;
      let entityKey: string | null = null;
      while (t._item) {
        entityKey = t._item.parentSub;
        t = t._item.parent as Y.AbstractType<any>;
      }
      const root = rootName(probe, t) ?? '?';
      if (!SHARED.has(root) && !RESTRICTED.has(root)) { unknownRoots.add(root); continue; }
      const ids = touched.get(root) ?? new Set<string>();
      touched.set(root, ids);
      if (root === 'case') { ids.add('case'); continue; }
      if (type === t) for (const k of keys) ids.add(k ?? '?');
      else ids.add(entityKey ?? '?');
    }
  };
  probe.on('afterTransaction', onAfter);
  try {
    Y.applyUpdate(probe, update);
  } finally {
    probe.off('afterTransaction', onAfter);
  }
  const pending = probe.store.pendingStructs !== null || probe.store.pendingDs !== null;
  const changes: EntityChange[] = [];
  for (const [root, ids] of touched) {
    for (const id of ids) {
      const before = entityJson(doc, root, id);
      const after = entityJson(probe, root, id);
      const fields = diffFields(before, after);
      if (fields.size > 0) changes.push({ root, id, before, after, fields });
    }
  }
  probe.destroy();
  return { changes, unknownRoots: [...unknownRoots], pending };
}

const onlyFields = (c: EntityChange, allowed: readonly string[]) => [...c.fields].every((f) => STAMP_FIELDS.has(f) || allowed.includes(f));

function participantUserId(doc: Y.Doc, participantId: unknown): unknown {
  return typeof participantId === 'string' ? entityJson(doc, 'participants', participantId)?.userId : undefined;
}

/** Whether `user` owns this action by its owner field (see MeetingModel.ownsAction). */
function ownsAction(doc: Y.Doc, user: AuthUser, action: Json | undefined): boolean {
  const owner = action?.owner as { kind?: string; participantId?: string } | undefined;
  if (!owner) return false;
  if (owner.kind === 'parent') return user.role === 'parent' && (!owner.participantId || participantUserId(doc, owner.participantId) === user.id);
  if (owner.kind === 'child') return user.role === 'child';
  if (owner.kind === 'participant') return participantUserId(doc, owner.participantId) === user.id;
  return false;
}

function ownAuthored(user: AuthUser, before: Json | undefined, after: Json | undefined): boolean {
  return (!before || before.createdBy === user.id) && (!after || after.createdBy === user.id);
}

/** Rules for parents and children: exactly what SPEC.md gives them, nothing else. */
function limitedRoleMay(doc: Y.Doc, user: AuthUser, c: EntityChange): boolean {
  const { before, after } = c;
  switch (c.root) {
    case 'comments':
      return ownAuthored(user, before, after) && (!after || after.authorRole === user.role);
    case 'voice':
      return !!after && ownAuthored(user, before, after) && (user.role === 'child' || after.participation === 'relayed-by-parent');
    case 'participants':
      return !!before && !!after && before.userId === user.id && after.userId === user.id &&
        onlyFields(c, ['attendance', 'prepared', 'interpreterNeeded', 'interpreterLanguage']);
    case 'actions':
      if (!after) return false; // deleting an action is for professionals
      if (!before) return user.role === 'parent' && after.createdBy === user.id && ownsAction(doc, user, after);
      return user.role === 'parent' && ownsAction(doc, user, before) && ownsAction(doc, user, after) && onlyFields(c, ['status']);
    case 'silentNotes':
      return !before && !!after && after.createdBy === user.id;
    case 'feedback':
      return !before && !!after && after.createdBy === user.id && after.respondentRole === user.role;
    case 'consents': {
      // Guardians may withdraw consent, and so may a young person who gave it: append
      // their own withdrawal, change nothing else.
      if (!before || !after || !onlyFields(c, ['withdrawals'])) return false;
      const youngPersonGave = (before.givenBy as Array<{ relation?: string }> | undefined ?? []).some((g) => g.relation === 'young-person');
      if (user.role !== 'parent' && !(user.role === 'child' && youngPersonGave)) return false;
      const was = (before.withdrawals as unknown[] | undefined ?? []).map((w) => JSON.stringify(w));
      const now = (after.withdrawals as Array<{ by?: string }> | undefined ?? []);
      const kept = was.every((w) => now.some((n) => JSON.stringify(n) === w));
      return kept && now.filter((n) => !was.includes(JSON.stringify(n))).every((n) => n.by === user.id);
    }
    default:
      return false;
  }
}

/** Parts of a meeting that lock with its minutes (actions live on across meetings). */
const LOCKED_WITH_MEETING = new Set(['agenda', 'decisions', 'voice', 'assessments', 'silentNotes']);

/** Finalised minutes are immutable for everyone: the meeting and what was recorded in it. */
function touchesFinalised(doc: Y.Doc, c: EntityChange): boolean {
  const finalised = (meetingId: unknown) => typeof meetingId === 'string' && entityJson(doc, 'meetings', meetingId)?.state === 'finalised';
  if (c.root === 'meetings') return c.before?.state === 'finalised';
  if (LOCKED_WITH_MEETING.has(c.root)) return finalised(c.before?.meetingId) || finalised(c.after?.meetingId);
  return false;
}

/**
 * Minutes correction (`meetings.correct`): the one change a finalised meeting allows, for
 * full-write roles only — `state` from `finalised` to `correcting`, with `correction` and
 * the stamp, and nothing else. Finalising it again makes the server lock a new version.
 */
const CORRECTION_FIELDS = new Set(['state', 'correction', 'updatedAt', 'updatedBy']);
function isCorrectionStart(c: EntityChange): boolean {
  return c.root === SHARED_ROOTS.meetings && c.before?.state === 'finalised' && c.after?.state === 'correcting' &&
    [...c.fields].every((f) => CORRECTION_FIELDS.has(f));
}

function hasFinalisedMeeting(doc: Y.Doc): boolean {
  const meetings = doc.share.get(SHARED_ROOTS.meetings);
  if (!(meetings instanceof Y.Map)) return false;
  for (const m of meetings.values()) if (m instanceof Y.Map && m.get('state') === 'finalised') return true;
  return false;
}

/** Updates larger than this are always checked on a copy (finding places costs more there). */
const MAX_PLACED_STRUCTS = 1000;

/** The root and entity (the key right below the root) an integrated item belongs to. */
function placeInDoc(doc: Y.Doc, item: Y.Item): { root: string; key: string } | null {
  let t = item.parent as Y.AbstractType<any> | null;
  let key = item.parentSub;
  if (!t) return null;
  while (t._item) {
    key = t._item.parentSub;
    t = t._item.parent as Y.AbstractType<any>;
  }
  const root = rootName(doc, t);
  return root !== undefined && key !== null ? { root, key } : null;
}

/**
 * The roots an update writes to, found without applying it: every new item is placed by
 * its parent, or by the neighbour it was inserted next to (Yjs leaves the parent out
 * then), in the document or earlier in the update; every deletion by the item it deletes.
 * Null when something cannot be placed that way (a missing dependency, garbage-collected
 * neighbours, a deletion of what the document does not have yet, a very large update):
 * then only applying the update to a copy tells.
 */
export function rootsWritten(doc: Y.Doc, update: Uint8Array): Set<string> | null {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return null;
  }
  const { structs, ds } = decoded;
  if (structs.length > MAX_PLACED_STRUCTS) return null;
  const own = structs.filter((s): s is Y.Item => s instanceof Y.Item);
  const ownAt = (id: Y.ID) => own.find((s) => s.id.client === id.client && s.id.clock <= id.clock && id.clock < s.id.clock + s.length);

  const place = (id: Y.ID, depth: number): { root: string; key: string } | null => {
    if (depth > 64) return null;
    if (id.clock < Y.getState(doc.store, id.client)) {
      const s = Y.getItem(doc.store, id);
      return s instanceof Y.Item ? placeInDoc(doc, s) : null;
    }
    const item = ownAt(id);
    return item ? placeOwn(item, depth + 1) : null;
  };
  const placeOwn = (item: Y.Item, depth: number): { root: string; key: string } | null => {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return item.parentSub !== null ? { root: parent, key: item.parentSub } : null;
    if (parent instanceof Y.ID) return place(parent, depth);
    // No parent written: the item sits next to its origin (or right origin), under the same parent and key.
    const neighbour = item.origin ?? item.rightOrigin;
    return neighbour ? place(neighbour, depth) : null;
  };

  const roots = new Set<string>();
  for (const item of own) {
    const p = placeOwn(item, 0);
    if (!p) return null;
    roots.add(p.root);
  }
  for (const [client, ranges] of ds.clients) {
    const known = Y.getState(doc.store, client);
    const docStructs = doc.store.clients.get(client) ?? [];
    for (const { clock, len } of ranges) {
      if (clock + len > known) return null;
      for (let i = Y.findIndexSS(docStructs, clock); i < docStructs.length && docStructs[i]!.id.clock < clock + len; i++) {
        const s = docStructs[i]!;
        // Updates carry every deletion their sender knows of; what is already gone here changes nothing.
        if (!(s instanceof Y.Item) || s.deleted) continue;
        const p = placeInDoc(doc, s);
        if (!p) return null;
        roots.add(p.root);
      }
    }
  }
  return roots;
}

/** Roots a full-write role may write to even while a meeting is finalised: nothing in them locks with minutes. */
const NEVER_LOCKED = new Set([...KNOWN_ROOTS].filter((r) => r !== SHARED_ROOTS.meetings && !LOCKED_WITH_MEETING.has(r)));

/**
 * Checks an incoming update against what `user` may change in `doc`, without changing
 * `doc`. Professionals skip the copy unless a finalised meeting needs protecting, and
 * even then when the update provably writes only where minutes never lock (`fastPath`,
 * on by default; off, every such update is checked on a copy).
 */
export function authorizeUpdate(doc: Y.Doc, update: Uint8Array, user: AuthUser, options: { fastPath?: boolean } = {}): AuthorizeResult {
  const full = FULL_WRITE_ROLES.includes(user.role);
  if (!full && user.role !== 'parent' && user.role !== 'child') return { ok: false, reason: 'read-only' };
  if (full && !hasFinalisedMeeting(doc)) return { ok: true };
  if (full && options.fastPath !== false) {
    const roots = rootsWritten(doc, update);
    if (roots && [...roots].every((r) => NEVER_LOCKED.has(r))) return { ok: true };
  }
  let result: ReturnType<typeof changesOf>;
  try {
    result = changesOf(doc, update);
  } catch {
    return { ok: false, reason: 'malformed-update' };
  }
  if (result.unknownRoots.length > 0) return { ok: false, reason: 'unknown-part' };
  if (!full && result.pending) return { ok: false, reason: 'missing-dependencies' };
  for (const c of result.changes) {
    if (touchesFinalised(doc, c) && !(full && isCorrectionStart(c))) return { ok: false, reason: 'finalised' };
    if (!full && !limitedRoleMay(doc, user, c)) return { ok: false, reason: `forbidden:${c.root}` };
  }
  return { ok: true };
}
