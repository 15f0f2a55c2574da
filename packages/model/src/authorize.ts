/**
 * Server-side write rules on raw Yjs updates. A modified browser can send any bytes, so
 * the server decides from what an update does to the Yjs structure — which map keys,
 * list items and text it inserts or deletes — without applying it anywhere:
 *
 * 1. Every new item is placed (root → entity → field) by its parent, or by the neighbour
 *    it was inserted next to, in the document or earlier in the same update; every
 *    deletion by the item it deletes. What cannot be placed depends on state the server
 *    does not have, and is refused.
 * 2. Each placement is held against the documented layout (layout.ts): entities are maps
 *    under known ids, fields are known keys of the entity's schema, text fields are Y.Text,
 *    append-only fields are Y.Arrays that only grow, nothing else is nested.
 * 3. Each changed entity is rebuilt as it would be after the update (its stored JSON with
 *    the update's fields laid over it) and validated with its zod schema; attribution must
 *    name the sender; finalised minutes are locked; parents and children may change only
 *    what they own (ownership.ts, shared with the model's commands).
 *
 * The work grows with the update and the entities it touches, never with the document.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { APPEND_ONLY_FIELDS, RESTRICTED_ROOTS, SERVER_ONLY_FIELDS, shapeAt, SHARED_ROOTS, type EntityRoot, type FieldShape, type NestedShape } from './layout.js';
import { AUDIENCE_ROOTS, parseAudienceDocName, withheldServices, type Audience, type AudienceKind } from './audiences.js';
import { ownsTarget, participantLookupIn, type AuthUser } from './ownership.js';
import { findLevelModel, LEVEL_MODELS, triedBeforeRequired } from './levels.js';
import { FULL_WRITE_ROLES } from './permissions.js';
import { CaseRecord, Id, isFinalised, type LevelModel, type Role } from './schemas.js';
import { ENTITY_SCHEMAS } from './snapshot.js';

export type Scope = 'shared' | 'restricted';
export type { Access } from './audiences.js';
import type { Access } from './audiences.js';

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

/**
 * The case and audience of a document name (audiences.ts): `case/<id>` → shared,
 * `case/<id>/restricted` → restricted, and the other audience documents; anything else → null.
 */
export function parseDocName(name: string): { caseId: string; scope: AudienceKind; audience: Audience } | null {
  const parsed = parseAudienceDocName(name);
  return parsed ? { caseId: parsed.caseId, scope: parsed.audience.kind, audience: parsed.audience } : null;
}

export type AuthorizeResult = { ok: true } | { ok: false; reason: string };

type Json = Record<string, unknown>;
type TypeKind = 'map' | 'text' | 'array' | 'other';

/** Where a shared type sits: its root, the keys from the root down to it, and what it is. */
interface Location { root: string; keys: string[]; kind: TypeKind; dead: boolean }
/** Where an item sits: in which type, under which map key (null in a list or text). */
interface Slot { parent: Location; sub: string | null }

/** What an update does to one entity (or, for the root `case`, to the case's fields). */
/**
 * What an update does to one entity (or, for the root `case`, to the case's fields). Keys
 * are paths inside the entity: a field, or a field and its parts for nested fields
 * (`content␁conclusion`), joined with PATH_SEPARATOR.
 */
interface EntityEdit {
  root: string;
  id: string;
  created: boolean;
  deleted: boolean;
  values: Map<string, unknown>;
  removed: Set<string>;
  /** Nested maps this update creates (a new entity's parts). */
  maps: Set<string>;
  /** Every value this update writes, per path, before the one that stands is picked. */
  written: Map<string, Array<{ item: Y.Item; value: unknown }>>;
  texts: Map<string, { created: boolean; inserted: string; deletedChars: number }>;
  lists: Map<string, { created: boolean; appended: unknown[] }>;
}

const PATH_SEPARATOR = '\u0001';
const pathKey = (path: readonly string[]) => path.join(PATH_SEPARATOR);
const pathOf = (key: string) => key.split(PATH_SEPARATOR);
/** A place in an entity's layout: a field's or part's shape, or the entity map itself. */
type Place = FieldShape | NestedShape | 'entity' | undefined;
const isMapPlace = (p: Place): p is NestedShape | 'entity' => p === 'entity' || (typeof p === 'object' && p !== null);

class Refusal extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const SHARED = new Set<string>(Object.values(SHARED_ROOTS));
const RESTRICTED = new Set<string>(Object.values(RESTRICTED_ROOTS));
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** The schema of the `case` map: the case's fields plus the layout version. */
const CaseFields = CaseRecord.extend({ schemaVersion: z.number().int().min(1).optional() });
const IMMUTABLE = ['id', 'createdAt', 'createdBy'];
/** Parts that lock with a meeting's minutes (actions, goals and the case live on across meetings). */
const LOCKED_WITH_MEETING = new Set(['agenda', 'decisions', 'voice', 'assessments', 'silentNotes']);
/** Fields that name who wrote something: they must name the sender of the update. */
const ATTRIBUTION: Record<string, Record<string, 'id' | 'name' | 'role'>> = {
  '*': { updatedBy: 'id' },
  meetings: { finalisedBy: 'id', finalisedByName: 'name' },
  assessments: { updatedByName: 'name' },
  comments: { authorName: 'name', authorRole: 'role' },
  notes: { authorName: 'name' },
  concerns: { raisedByName: 'name', decidedBy: 'id', decidedByName: 'name' },
  welfareReports: { senderName: 'name', answerRecordedBy: 'id', answerRecordedByName: 'name' },
  restrictedWelfareReports: { senderName: 'name', answerRecordedBy: 'id', answerRecordedByName: 'name' },
};
/** Entries appended to these lists name who wrote them. */
const LIST_ATTRIBUTION: Record<string, Record<string, 'id' | 'name'>> = {
  'actions.evaluations': { by: 'id', byName: 'name' },
  'consents.withdrawals': { by: 'id', byName: 'name' },
};

function schemaFields(schema: z.ZodType): Set<string> {
  return new Set(Object.keys((schema as unknown as { shape?: Record<string, unknown> }).shape ?? {}));
}
const FIELDS: Record<string, Set<string>> = {
  case: schemaFields(CaseFields),
  ...Object.fromEntries(Object.entries(ENTITY_SCHEMAS).map(([root, s]) => [root, schemaFields(s)])),
};
for (const [root, fields] of Object.entries(APPEND_ONLY_FIELDS)) for (const f of fields ?? []) FIELDS[root]?.add(f);

/** A plain JSON value as Yjs decodes it: no prototypes set through `__proto__`, no magic keys. */
function isPlainJson(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isPlainJson(v, depth + 1));
  if (typeof value !== 'object' || value instanceof Uint8Array) return false;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.entries(value).every(([k, v]) => !FORBIDDEN_KEYS.has(k) && isPlainJson(v, depth + 1));
}

function typeKind(t: unknown): TypeKind {
  if (t instanceof Y.Map) return 'map';
  if (t instanceof Y.Text) return 'text';
  if (t instanceof Y.Array) return 'array';
  return 'other';
}

/**
 * The structural reading of one update against one document. Construct, then `run()`:
 * it fills `edits` or throws a Refusal.
 */
class UpdateReader {
  readonly edits = new Map<string, EntityEdit>();
  private readonly structs: Y.Item[] = [];
  private readonly own = new Map<number, Array<Y.Item | Y.GC>>();
  private readonly next = new Map<number, number>();
  private readonly slots = new Map<Y.Item, Slot | null>();
  private readonly rootNames = new Map<unknown, string>();

  constructor(private readonly doc: Y.Doc, private readonly roots: ReadonlySet<string>) {
    for (const [name, t] of doc.share) this.rootNames.set(t, name);
  }

  run(update: Uint8Array): void {
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      decoded = Y.decodeUpdate(update);
    } catch {
      throw new Refusal('malformed-update');
    }
    this.collect(decoded.structs);
    for (const item of this.structs) this.checkInsert(item);
    for (const e of this.edits.values()) UpdateReader.pickWrittenValues(e);
    this.checkDeletions(decoded.ds);
  }

  /** Keeps the structs the document does not have yet; refuses gaps (they would wait as pending data). */
  private collect(structs: Array<Y.Item | Y.GC | Y.Skip>): void {
    const sorted = [...structs].sort((a, b) => a.id.client - b.id.client || a.id.clock - b.id.clock);
    for (const s of sorted) {
      if (s instanceof Y.Skip) continue;
      const client = s.id.client;
      const next = this.next.get(client) ?? Y.getState(this.doc.store, client);
      if (s.id.clock + s.length <= next) continue; // known already: Yjs skips it
      if (s.id.clock > next) throw new Refusal('missing-dependencies');
      this.next.set(client, s.id.clock + s.length);
      const list = this.own.get(client) ?? [];
      list.push(s);
      this.own.set(client, list);
      if (s instanceof Y.Item) this.structs.push(s);
    }
  }

  private ownAt(id: Y.ID): Y.Item | Y.GC | undefined {
    const list = this.own.get(id.client);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return undefined;
  }

  /** The struct an id points at: in the document, or new in this update; refuses what neither has. */
  private resolve(id: Y.ID): { inDoc: Y.Item | Y.GC } | { inUpdate: Y.Item | Y.GC } {
    if (id.clock < Y.getState(this.doc.store, id.client)) return { inDoc: Y.getItem(this.doc.store, id) as Y.Item | Y.GC };
    const s = this.ownAt(id);
    if (!s) throw new Refusal('missing-dependencies');
    return { inUpdate: s };
  }

  private locationOfDocType(type: Y.AbstractType<unknown>): Location {
    const keys: string[] = [];
    let dead = false;
    let t: Y.AbstractType<unknown> = type;
    const kind = typeKind(type);
    while (t._item) {
      if (t._item.deleted) dead = true;
      keys.unshift(t._item.parentSub ?? '#');
      t = t._item.parent as Y.AbstractType<unknown>;
    }
    return { root: this.rootNames.get(t) ?? '?', keys, kind, dead };
  }

  private slotOfDocItem(item: Y.Item): Slot | null {
    if (!(item.parent instanceof Y.AbstractType)) return null;
    return { parent: this.locationOfDocType(item.parent as Y.AbstractType<unknown>), sub: item.parentSub };
  }

  /** Where a struct of the document or of this update sits; null when Yjs would drop it (next to collected garbage). */
  private slotOfId(id: Y.ID): Slot | null {
    const r = this.resolve(id);
    if ('inDoc' in r) return r.inDoc instanceof Y.Item ? this.slotOfDocItem(r.inDoc) : null;
    return r.inUpdate instanceof Y.Item ? this.slotOfNew(r.inUpdate) : null;
  }

  /** The location of the type a new ContentType item creates. */
  private locationOfNewType(item: Y.Item): Location | null {
    const slot = this.slotOfNew(item);
    if (!slot) return null;
    const content = item.content;
    const kind = content instanceof Y.ContentType ? typeKind(content.type) : 'other';
    return { root: slot.parent.root, keys: [...slot.parent.keys, slot.sub ?? '#'], kind, dead: slot.parent.dead || kind === 'other' };
  }

  private slotOfNew(item: Y.Item): Slot | null {
    if (this.slots.has(item)) return this.slots.get(item)!;
    this.slots.set(item, null); // guards against cycles in a hand-made update
    let slot: Slot | null;
    const parent = item.parent as unknown;
    if (typeof parent === 'string') {
      slot = { parent: { root: parent, keys: [], kind: 'map', dead: false }, sub: item.parentSub };
    } else if (parent instanceof Y.ID) {
      const r = this.resolve(parent);
      if ('inDoc' in r) {
        const p = r.inDoc;
        slot = p instanceof Y.Item && p.content instanceof Y.ContentType
          ? { parent: this.locationOfDocType(p.content.type as Y.AbstractType<unknown>), sub: item.parentSub }
          : null;
      } else {
        const loc = r.inUpdate instanceof Y.Item ? this.locationOfNewType(r.inUpdate) : null;
        slot = loc ? { parent: loc, sub: item.parentSub } : null;
      }
    } else {
      // No parent written: Yjs takes it from the left neighbour, else from the right one.
      const left = item.origin ? this.slotOfId(item.origin) : undefined;
      const right = item.rightOrigin ? this.slotOfId(item.rightOrigin) : undefined;
      if (left === null || right === null) slot = null;
      else slot = left ?? right ?? null;
      if (left && right && (left.parent.root !== right.parent.root || left.parent.keys.join('\u0000') !== right.parent.keys.join('\u0000') || left.sub !== right.sub)) {
        throw new Refusal('malformed-update');
      }
    }
    this.slots.set(item, slot);
    return slot;
  }

  private edit(root: string, id: string): EntityEdit {
    const key = `${root}\u0000${id}`;
    let e = this.edits.get(key);
    if (!e) {
      e = { root, id, created: false, deleted: false, values: new Map(), removed: new Set(), maps: new Set(), written: new Map(), texts: new Map(), lists: new Map() };
      this.edits.set(key, e);
    }
    return e;
  }

  private checkRoot(root: string): void {
    if (!this.roots.has(root)) throw new Refusal('unknown-part');
  }

  /** The layout's shape at `path` inside an entity of `root` (the entity map itself for the empty path). */
  private static place(root: string, path: readonly string[]): Place {
    if (path.length === 0) return 'entity';
    if (path.some((k) => FORBIDDEN_KEYS.has(k))) return undefined;
    if (!FIELDS[root]?.has(path[0]!)) return undefined;
    return shapeAt(root as EntityRoot, path);
  }

  private static singleValue(content: Y.Item['content'], root: string): unknown {
    if (!(content instanceof Y.ContentAny) || content.getLength() !== 1) throw new Refusal(`bad-shape:${root}`);
    const v = content.getContent()[0];
    if (!isPlainJson(v)) throw new Refusal(`bad-value:${root}`);
    return v;
  }

  private checkInsert(item: Y.Item): void {
    const slot = this.slotOfNew(item);
    if (!slot || slot.parent.dead) return; // Yjs drops it or stores it deleted: it changes nothing anyone reads
    const content = item.content;
    if (content instanceof Y.ContentDeleted) return;
    const { root, keys } = slot.parent;
    this.checkRoot(root);
    if (keys.length === 0) {
      if (slot.sub === null) throw new Refusal(`not-a-list:${root}`);
      if (root === SHARED_ROOTS.case) {
        if (FORBIDDEN_KEYS.has(slot.sub) || !FIELDS[root]?.has(slot.sub)) throw new Refusal(`unknown-field:${root}`);
        const written = this.edit(root, 'case').written;
        written.set(slot.sub, [...(written.get(slot.sub) ?? []), { item, value: UpdateReader.singleValue(content, root) }]);
        return;
      }
      if (!Id.safeParse(slot.sub).success || FORBIDDEN_KEYS.has(slot.sub)) throw new Refusal(`bad-id:${root}`);
      if (!(content instanceof Y.ContentType) || !(content.type instanceof Y.Map)) throw new Refusal(`bad-shape:${root}`);
      this.edit(root, slot.sub).created = true;
      return;
    }
    if (root === SHARED_ROOTS.case) throw new Refusal('bad-shape:case');
    const entity = this.edit(root, keys[0]!);
    const path = keys.slice(1);
    const place = UpdateReader.place(root, path);
    const where = `${root}.${path.join('.')}`;
    if (isMapPlace(place)) {
      if (slot.parent.kind !== 'map') throw new Refusal(`bad-shape:${root}`);
      if (slot.sub === null) throw new Refusal(`not-a-list:${root}`);
      const childPath = [...path, slot.sub];
      const shape = UpdateReader.place(root, childPath);
      const key = pathKey(childPath);
      const field = `${root}.${childPath.join('.')}`;
      if (shape === undefined || shape === 'entity') throw new Refusal(`unknown-field:${root}`);
      if (shape === 'value') {
        const written = entity.written.get(key) ?? [];
        written.push({ item, value: UpdateReader.singleValue(content, root) });
        entity.written.set(key, written);
      } else if (shape === 'text') {
        if (!(content instanceof Y.ContentType) || !(content.type instanceof Y.Text)) throw new Refusal(`bad-shape:${field}`);
        entity.texts.set(key, { created: true, inserted: '', deletedChars: 0 });
      } else if (shape === 'list') {
        if (!(content instanceof Y.ContentType) || !(content.type instanceof Y.Array)) throw new Refusal(`bad-shape:${field}`);
        // A server-only list comes with its entity; afterwards only the server adds to it.
        if (SERVER_ONLY_FIELDS[root as EntityRoot]?.includes(childPath[0]!) && (this.doc.share.get(root) as Y.Map<unknown> | undefined)?.get(entity.id) !== undefined) {
          throw new Refusal(`server-only:${field}`);
        }
        entity.lists.set(key, { created: true, appended: [] });
      } else {
        if (!(content instanceof Y.ContentType) || !(content.type instanceof Y.Map)) throw new Refusal(`bad-shape:${field}`);
        entity.maps.add(key);
      }
      return;
    }
    if (place === 'text' && slot.parent.kind === 'text' && slot.sub === null) {
      if (!(content instanceof Y.ContentString)) throw new Refusal(`bad-shape:${where}`);
      const t = entity.texts.get(pathKey(path)) ?? { created: false, inserted: '', deletedChars: 0 };
      t.inserted += content.str;
      entity.texts.set(pathKey(path), t);
      return;
    }
    if (place === 'list' && slot.parent.kind === 'array' && slot.sub === null) {
      if (SERVER_ONLY_FIELDS[root as EntityRoot]?.includes(path[0]!)) throw new Refusal(`server-only:${where}`);
      if (!(content instanceof Y.ContentAny)) throw new Refusal(`bad-shape:${where}`);
      // Appends only: an item with a right neighbour is an insert before an existing entry.
      if (item.rightOrigin) throw new Refusal(`append-only:${where}`);
      const values = content.getContent();
      if (!values.every((v) => isPlainJson(v))) throw new Refusal(`bad-value:${root}`);
      const l = entity.lists.get(pathKey(path)) ?? { created: false, appended: [] };
      l.appended.push(...values);
      entity.lists.set(pathKey(path), l);
      return;
    }
    throw new Refusal(`bad-shape:${root}`);
  }

  /**
   * The value that stands for each path the update writes more than once: the last of the
   * chain, the one no other write of that path was set on top of. Struct order says nothing
   * about it (structs come sorted by client). Two heads mean two concurrent writes inside
   * one update, which no Yjs client produces: refused.
   */
  private static pickWrittenValues(e: EntityEdit): void {
    for (const [key, writes] of e.written) {
      const lastClock = (w: { item: Y.Item }) => `${w.item.id.client}:${w.item.id.clock + w.item.length - 1}`;
      const under = new Set(writes.flatMap((w) => (w.item.origin ? [`${w.item.origin.client}:${w.item.origin.clock}`] : [])));
      const heads = writes.filter((w) => !under.has(lastClock(w)));
      if (heads.length !== 1) throw new Refusal('malformed-update');
      e.values.set(key, heads[0]!.value);
      e.removed.delete(key);
    }
  }

  private checkDeletions(ds: ReturnType<typeof Y.decodeUpdate>['ds']): void {
    const nested: Array<{ root: string; keys: string[]; sub: string | null; item: Y.Item; chars: number }> = [];
    for (const [client, ranges] of ds.clients) {
      const known = Y.getState(this.doc.store, client);
      const structs = this.doc.store.clients.get(client) ?? [];
      for (const { clock, len } of ranges) {
        const end = clock + len;
        // What the document does not have must be new in this update (made and deleted in one go).
        if (end > known && end > (this.next.get(client) ?? known)) throw new Refusal('missing-dependencies');
        if (clock >= known) continue;
        for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < end; i++) {
          const s = structs[i]!;
          // Updates carry every deletion their sender knows of; what is already gone here changes nothing.
          if (!(s instanceof Y.Item) || s.deleted) continue;
          const slot = this.slotOfDocItem(s);
          if (!slot || slot.parent.dead) continue;
          const { root, keys } = slot.parent;
          this.checkRoot(root);
          if (keys.length === 0) {
            if (slot.sub === null) continue;
            if (root === SHARED_ROOTS.case) this.edit(root, 'case').removed.add(slot.sub);
            else this.edit(root, slot.sub).deleted = true;
            continue;
          }
          const chars = Math.min(end, s.id.clock + s.length) - Math.max(clock, s.id.clock);
          nested.push({ root, keys, sub: slot.sub, item: s, chars });
        }
      }
    }
    for (const { root, keys, sub, item, chars } of nested) {
      const entity = this.edit(root, keys[0]!);
      if (entity.deleted && !entity.created) continue; // the entity goes, and all of it with it
      const path = keys.slice(1);
      const place = UpdateReader.place(root, path);
      if (isMapPlace(place) && sub !== null) {
        const childPath = [...path, sub];
        const shape = UpdateReader.place(root, childPath);
        const field = `${root}.${childPath.join('.')}`;
        // A text, list or map of parts is edited in place; replacing it would drop concurrent typing or history.
        if (shape !== 'value' && item.content instanceof Y.ContentType) throw new Refusal(`${shape === 'list' ? 'append-only' : shape === 'text' ? 'replaces-text' : 'replaces-parts'}:${field}`);
        if (!entity.values.has(pathKey(childPath))) entity.removed.add(pathKey(childPath));
        continue;
      }
      if (place === 'list' && sub === null) throw new Refusal(`append-only:${root}.${path.join('.')}`);
      if (place === 'text' && sub === null) {
        const t = entity.texts.get(pathKey(path)) ?? { created: false, inserted: '', deletedChars: 0 };
        t.deletedChars += chars;
        entity.texts.set(pathKey(path), t);
        continue;
      }
      throw new Refusal(`bad-shape:${root}`);
    }
  }
}

/** The stored JSON of an entity (or of the case's fields), read from its own map only. */
function storedEntity(doc: Y.Doc, root: string, id: string): Json | undefined {
  const rootMap = doc.share.get(root);
  if (!(rootMap instanceof Y.Map)) return undefined;
  if (root === SHARED_ROOTS.case) return rootMap.size > 0 ? (rootMap.toJSON() as Json) : undefined;
  const v = rootMap.get(id);
  if (v instanceof Y.Map) return v.toJSON() as Json;
  return v === undefined ? undefined : { __notAnEntity: true };
}

function getPath(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const k of path) v = v && typeof v === 'object' && !Array.isArray(v) ? (v as Json)[k] : undefined;
  return v;
}

/** Sets (or, for undefined, removes) the value at `path`, copying each object on the way so the stored reading stays as it was. */
function setPath(target: Json, path: readonly string[], value: unknown): void {
  let o = target;
  for (const k of path.slice(0, -1)) {
    const next = o[k];
    const copy: Json = next && typeof next === 'object' && !Array.isArray(next) ? { ...(next as Json) } : {};
    o[k] = copy;
    o = copy;
  }
  if (value === undefined) delete o[path.at(-1)!];
  else o[path.at(-1)!] = value;
}

/** The entity as it will read after the update. Text is checked by its new length and by what was typed. */
function entityAfter(before: Json | undefined, e: EntityEdit): Json | undefined {
  if (e.deleted && !e.created) return undefined;
  const after: Json = e.created || !before ? {} : { ...before };
  const sorted = (keys: Iterable<string>) => [...keys].map(pathOf).sort((x, y) => x.length - y.length);
  for (const path of sorted(e.maps)) setPath(after, path, {});
  for (const path of sorted(e.removed)) setPath(after, path, undefined);
  for (const [key, v] of e.values) setPath(after, pathOf(key), v);
  for (const [key, t] of e.texts) {
    const stored = getPath(before, pathOf(key));
    const was = t.created || e.created || typeof stored !== 'string' ? '' : stored;
    const length = Math.max(0, was.length - t.deletedChars + t.inserted.length);
    setPath(after, pathOf(key), (was + t.inserted).slice(0, length));
  }
  for (const [key, l] of e.lists) {
    const stored = getPath(before, pathOf(key));
    const was = l.created || e.created || !Array.isArray(stored) ? [] : stored;
    setPath(after, pathOf(key), [...was, ...l.appended]);
  }
  return after;
}

/** The entity's fields (first steps of the paths) the update changes. */
function changedFields(before: Json | undefined, after: Json | undefined, e: EntityEdit): Set<string> {
  const fields = new Set<string>();
  for (const [key, t] of e.texts) if (t.created || t.inserted !== '' || t.deletedChars > 0) fields.add(pathOf(key)[0]!);
  for (const [key, l] of e.lists) if (l.created || l.appended.length > 0) fields.add(pathOf(key)[0]!);
  for (const key of e.maps) fields.add(pathOf(key)[0]!);
  for (const f of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    if (JSON.stringify(before?.[f]) !== JSON.stringify(after?.[f])) fields.add(f);
  }
  return fields;
}

const STAMP_FIELDS = new Set(['updatedAt', 'updatedBy', 'updatedByName']);
const onlyFields = (fields: Set<string>, allowed: readonly string[]) => [...fields].every((f) => STAMP_FIELDS.has(f) || allowed.includes(f));

function attributionHolds(user: AuthUser, root: string, before: Json | undefined, after: Json, fields: Set<string>, e: EntityEdit): boolean {
  const who = { id: user.id, name: user.name, role: user.role };
  if (!before || e.created) {
    if (root !== SHARED_ROOTS.case && 'createdBy' in after && after.createdBy !== user.id) return false;
    if (root !== SHARED_ROOTS.case && after.id !== undefined && after.id !== e.id) return false;
  } else if (root !== SHARED_ROOTS.case || before.createdBy !== undefined) {
    if (IMMUTABLE.some((f) => fields.has(f))) return false;
  }
  for (const table of [ATTRIBUTION['*']!, ATTRIBUTION[root] ?? {}]) {
    for (const [field, claim] of Object.entries(table)) {
      if (fields.has(field) && after[field] !== undefined && after[field] !== who[claim]) return false;
    }
  }
  for (const [field, l] of e.lists) {
    const claims = LIST_ATTRIBUTION[`${root}.${field}`];
    if (claims && !l.appended.every((entry) => Object.entries(claims).every(([k, claim]) => (entry as Json)?.[k] === who[claim]))) return false;
  }
  // A revision keeps the previous version as history: exactly as it was stored, by whoever saved it.
  const history = root === SHARED_ROOTS.assessments ? e.lists.get('history') : undefined;
  if (history && history.appended.length > 0) {
    if (!before || history.appended.length !== 1) return false;
    const entry = history.appended[0] as Json;
    if (entry.version !== before.version || entry.savedBy !== before.updatedBy || JSON.stringify(entry.content) !== JSON.stringify(before.content)) return false;
  }
  return true;
}

/** Reads only the two fields the lock needs, not the meeting's minutes. */
function meetingFinalised(doc: Y.Doc, meetingId: unknown): boolean {
  if (typeof meetingId !== 'string') return false;
  const m = (doc.share.get(SHARED_ROOTS.meetings) as Y.Map<unknown> | undefined)?.get(meetingId);
  return m instanceof Y.Map && isFinalised({ state: m.get('state'), finalisedAt: m.get('finalisedAt') });
}

/** Finalised minutes are immutable: the meeting and what was recorded in it. Only a correction may reopen them. */
function lockRefuses(doc: Y.Doc, user: AuthUser, root: string, before: Json | undefined, after: Json | undefined, fields: Set<string>): boolean {
  if (root === SHARED_ROOTS.meetings) {
    if (!isFinalised(before)) return false;
    const reopening = after?.state === 'correcting' && (user.role === 'leader' || user.role === 'coordinator') && onlyFields(fields, ['state', 'correction']);
    return !reopening;
  }
  if (!LOCKED_WITH_MEETING.has(root)) return false;
  return meetingFinalised(doc, before?.meetingId) || meetingFinalised(doc, after?.meetingId);
}

/** What parents and children may change: exactly what SPEC.md gives them, through the same ownership rules as the commands. */
function limitedRoleMay(doc: Y.Doc, user: AuthUser, e: EntityEdit, before: Json | undefined, after: Json | undefined, fields: Set<string>): boolean {
  const root = e.root;
  const lookup = participantLookupIn(doc);
  const own = (command: Parameters<typeof ownsTarget>[1], target: Json | undefined) => !target || ownsTarget(user, command, target, lookup);
  switch (root) {
    case 'comments':
      return own('comment.update', before) && own('comment.update', after) && (!after || after.authorRole === user.role);
    case 'voice':
      return !!after && own('voice.update', before) && own('voice.update', after);
    case 'participants':
      return !!before && !!after && own('participant.setOwnStatus', before) && own('participant.setOwnStatus', after) &&
        onlyFields(fields, ['attendance', 'prepared', 'interpreterNeeded', 'interpreterLanguage', 'notices']);
    case 'actions':
      if (user.role !== 'parent' || !after) return false; // removing an action is for professionals
      if (!before) {
        // A parent's own new action: planned, with no evaluation (evaluating is for professionals).
        return after.createdBy === user.id && own('action.add', after) && (after.status ?? 'planned') === 'planned' &&
          (!Array.isArray(after.evaluations) || after.evaluations.length === 0);
      }
      // Their own action's status, and proposing it done in their own name (a professional confirms).
      if (fields.has('doneProposal') && (after.doneProposal as Json | undefined)?.by !== user.id) return false;
      return own('action.setStatus', before) && own('action.setStatus', after) && onlyFields(fields, ['status', 'doneProposal']);
    case 'silentNotes':
      return !before && !!after && after.createdBy === user.id;
    case 'consents':
      // Guardians may withdraw consent, and so may a young person who gave it: append their own withdrawal, nothing else.
      if (!before || !after || !onlyFields(fields, ['withdrawals'])) return false;
      return user.role === 'parent' || (user.role === 'child' && own('consent.withdraw', before));
    default:
      return false;
  }
}

/** Command-level limits that hold for the full-write roles too (see the role table). */
function fullRoleMay(user: AuthUser, root: string, before: Json | undefined, after: Json | undefined): boolean {
  if (root === SHARED_ROOTS.meetings && isFinalised(after) && !isFinalised(before)) return user.role !== 'professional';
  return true;
}

/** The meeting an agenda item belongs to, as the document holds it or as this update creates it. */
function agendaMeeting(doc: Y.Doc, edits: Map<string, EntityEdit>, itemId: unknown): unknown {
  if (typeof itemId !== 'string') return undefined;
  const created = edits.get(`agenda\u0000${itemId}`);
  if (created?.values.has('meetingId')) return created.values.get('meetingId');
  const item = (doc.share.get(SHARED_ROOTS.agenda) as Y.Map<unknown> | undefined)?.get(itemId);
  return item instanceof Y.Map ? item.get('meetingId') : undefined;
}

function hasDecision(doc: Y.Doc, edits: Map<string, EntityEdit>, meetingId: string): boolean {
  for (const e of edits.values()) if (e.root === SHARED_ROOTS.decisions && !e.deleted && e.values.get('meetingId') === meetingId) return true;
  const decisions = doc.share.get(SHARED_ROOTS.decisions);
  if (!(decisions instanceof Y.Map)) return false;
  for (const [id, d] of decisions) if (d instanceof Y.Map && d.get('meetingId') === meetingId && !edits.get(`decisions\u0000${id}`)?.deleted) return true;
  return false;
}

/** The case's level model id, as this update sets it or the document holds it. */
function caseLevelModelId(doc: Y.Doc, edits: Map<string, EntityEdit>): unknown {
  for (const e of edits.values()) if (e.root === SHARED_ROOTS.case && e.values.has('levelModelId')) return e.values.get('levelModelId');
  const map = doc.share.get(SHARED_ROOTS.case);
  return map instanceof Y.Map ? map.get('levelModelId') : undefined;
}

/**
 * The record's own rules that the schemas cannot see (docs/data-model.md, "Rules that hold
 * after merge"): a refusal reason, or null.
 */
function recordRuleBroken(doc: Y.Doc, edits: Map<string, EntityEdit>, e: EntityEdit, before: Json | undefined, after: Json | undefined, fields: Set<string>, levelModels: readonly LevelModel[]): string | null {
  switch (e.root) {
    case SHARED_ROOTS.levelChanges: {
      // Moving up past the first step up says which lower-level actions were tried (as case.setLevel asks).
      if (!after || !['from', 'to', 'triedBefore'].some((f) => fields.has(f))) return null;
      const id = caseLevelModelId(doc, edits);
      const model = typeof id === 'string' ? findLevelModel(id, levelModels) : undefined;
      if (model && triedBeforeRequired(model, after.from as string | undefined, String(after.to)) && !String(after.triedBefore ?? '').trim()) return 'tried-before-required:levelChanges';
      return null;
    }
    case SHARED_ROOTS.meetings: {
      if (!after) return null;
      // A meeting ends in a decision, or in a stated reason for none.
      if (isFinalised(after) && !isFinalised(before) && !String(after.noDecisionReason ?? '').trim() && !hasDecision(doc, edits, e.id)) return 'no-decision:meetings';
      // The active item and the running timer are the meeting's own agenda items, and the timer runs on the active one.
      const timer = after.timer as { itemId?: unknown } | undefined;
      if (fields.has('activeItemId') && after.activeItemId !== undefined && agendaMeeting(doc, edits, after.activeItemId) !== e.id) return 'not-in-meeting:meetings';
      if (fields.has('timer') && timer && (timer.itemId !== after.activeItemId || agendaMeeting(doc, edits, timer.itemId) !== e.id)) return 'not-in-meeting:meetings';
      return null;
    }
    case SHARED_ROOTS.agenda:
      // Layout 1 kept these on the item; the meeting holds them now, so that there is only one.
      if (fields.has('timerStartedAt') && after?.timerStartedAt !== undefined) return 'moved-to-meeting:agenda';
      if (fields.has('state') && after?.state === 'active') return 'moved-to-meeting:agenda';
      return null;
    case SHARED_ROOTS.actions: {
      if (!after) return null;
      // An action closes only after an evaluation; escalating says what was tried before.
      const evaluations = Array.isArray(after.evaluations) ? (after.evaluations as Json[]) : [];
      const closing = (s: unknown) => s === 'done' || s === 'stopped';
      if (fields.has('status') && closing(after.status) && !closing(before?.status) && evaluations.length === 0) return 'evaluation-required:actions';
      const appended = e.lists.get('evaluations')?.appended ?? [];
      if (appended.some((v) => ['escalate', 'step-up'].includes(String((v as Json).decision)) && !String((v as Json).triedBefore ?? '').trim())) return 'tried-before-required:actions';
      return null;
    }
    case SHARED_ROOTS.concerns:
      // A concern is history: never removed, what was raised never rewritten, a decision made once.
      if (before && !after) return 'history:concerns';
      if (before && ['raisedAt', 'raisedByName', 'note'].some((f) => fields.has(f))) return 'history:concerns';
      if (before?.decidedAt !== undefined && ['decidedAt', 'decidedBy', 'decidedByName', 'decision'].some((f) => fields.has(f))) return 'history:concerns';
      return null;
    case SHARED_ROOTS.welfareReports:
    case RESTRICTED_ROOTS.restrictedWelfareReports:
      return welfareReportRuleBroken(e.root, before, after, fields);
    case SHARED_ROOTS.case:
      if ((fields.has('concernRaisedAt') && after?.concernRaisedAt !== undefined) || (fields.has('concernDecidedAt') && after?.concernDecidedAt !== undefined)) return 'moved-to-concerns:case';
      return null;
    default:
      return null;
  }
}

/**
 * A report to child welfare is sent once and never changed (never removed either); only the
 * service's answer may be added to it, once. Where it lives is held by the two roots' schemas:
 * the shared document never holds one under the safety exception.
 */
function welfareReportRuleBroken(root: string, before: Json | undefined, after: Json | undefined, fields: Set<string>): string | null {
  if (!before) return null;
  if (!after) return `sent:${root}`;
  const answerFields = ['answeredOn', 'answer', 'answerRecordedBy', 'answerRecordedByName'];
  if (!onlyFields(fields, answerFields)) return `sent:${root}`;
  if (answerFields.some((f) => before[f] !== undefined)) return `sent:${root}`;
  return null;
}

export interface AuthorizeOptions {
  /** Which document the update is for; its roots are the only ones writable. Both when omitted. */
  scope?: Scope;
  /** The audience of the document the update is for (audiences.ts); wins over `scope`. */
  audience?: Audience;
  /** The level models of the municipality profile in use (for the level-change rule). Default: `LEVEL_MODELS`. */
  levelModels?: readonly LevelModel[];
}

/** The roots a document of this audience holds (both shared and restricted when unknown). */
export function documentRoots(audience: Audience | undefined): Set<string> {
  if (!audience) return new Set([...SHARED, ...RESTRICTED]);
  switch (audience.kind) {
    case 'shared': return SHARED;
    case 'restricted': return RESTRICTED;
    default: return new Set(AUDIENCE_ROOTS[audience.kind]);
  }
}

/**
 * Rules of the audience documents beyond the shared and restricted ones: a private document
 * holds only its owner's own entries; a reservation sits in the document withheld from
 * exactly the services it names.
 */
function audienceRuleBroken(audience: Audience | undefined, user: AuthUser, root: string, before: Json | undefined, after: Json | undefined): string | null {
  if (audience?.kind === 'private') {
    const mine = (entry: Json | undefined) => !entry || entry.createdBy === user.id;
    return mine(before) && mine(after) ? null : `forbidden:${root}`;
  }
  if (audience?.kind === 'withheld' && root === 'reservations' && after) {
    const named = Array.isArray(after.withheldFrom) ? withheldServices(after.withheldFrom as string[]).join('+') : '';
    return named === withheldServices(audience.services).join('+') ? null : 'audience-mismatch:reservations';
  }
  return null;
}

/** Checks an incoming update against what `user` may change in `doc`, without changing `doc`. */
export function authorizeUpdate(doc: Y.Doc, update: Uint8Array, user: AuthUser, options: AuthorizeOptions = {}): AuthorizeResult {
  const full = FULL_WRITE_ROLES.includes(user.role);
  const audience = options.audience ?? (options.scope ? { kind: options.scope } : undefined);
  // A private document is its owner's alone, whatever their role; the table in audiences.ts
  // decides who connects, and this holds even for a caller that did not check it.
  const ownPrivate = audience?.kind === 'private' && audience.sub === user.id && user.role !== 'observer';
  if (audience?.kind === 'private' && !ownPrivate) return { ok: false, reason: 'read-only' };
  if (!ownPrivate && !full && user.role !== 'parent' && user.role !== 'child') return { ok: false, reason: 'read-only' };
  const roots = documentRoots(audience);
  if (!ownPrivate && !full && !roots.has(SHARED_ROOTS.case)) return { ok: false, reason: 'read-only' };
  try {
    // A document built from raw updates holds untyped roots until someone asks for them, and
    // an untyped root reads as empty. Every root of the layout is a Y.Map: type them first.
    for (const root of roots) doc.getMap(root);
  } catch {
    return { ok: false, reason: 'bad-shape:root' };
  }
  const reader = new UpdateReader(doc, roots);
  try {
    reader.run(update);
    for (const e of reader.edits.values()) {
      // Feedback answers go to the server's anonymous counters (POST /feedback), never into the document.
      if (e.root === SHARED_ROOTS.feedback) throw new Refusal('server-only:feedback');
      if (e.root === SHARED_ROOTS.case && !full) throw new Refusal('forbidden:case');
      const before = storedEntity(doc, e.root, e.id);
      if (before?.__notAnEntity) throw new Refusal(`bad-shape:${e.root}`);
      const after = entityAfter(before, e);
      const fields = changedFields(before, after, e);
      if (fields.size === 0 && !e.created && !(e.deleted && before)) continue;
      if (after) {
        if (!attributionHolds(user, e.root, before, after, fields, e)) throw new Refusal(`attribution:${e.root}`);
        const schema = e.root === SHARED_ROOTS.case ? CaseFields : ENTITY_SCHEMAS[e.root as EntityRoot];
        if (!schema.safeParse(after).success) throw new Refusal(`invalid:${e.root}`);
      }
      if (lockRefuses(doc, user, e.root, before, after, fields)) throw new Refusal('finalised');
      const audienceBroken = audienceRuleBroken(audience, user, e.root, before, after);
      if (audienceBroken) throw new Refusal(audienceBroken);
      if (ownPrivate) continue;
      if (full ? !fullRoleMay(user, e.root, before, after) : !limitedRoleMay(doc, user, e, before, after, fields)) throw new Refusal(`forbidden:${e.root}`);
      const broken = recordRuleBroken(doc, reader.edits, e, before, after, fields, options.levelModels ?? LEVEL_MODELS);
      if (broken) throw new Refusal(broken);
    }
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.reason };
    return { ok: false, reason: 'malformed-update' };
  }
  return { ok: true };
}
