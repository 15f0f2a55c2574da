/** Low-level reading and writing of entities in their Y.Map layout. Only the model uses this. */
import * as Y from 'yjs';
import { APPEND_ONLY_FIELDS, LAYOUT_VERSION, NESTED_FIELDS, SHARED_ROOTS, TEXT_FIELDS, type EntityRoot, type FieldShape, type NestedShape } from './layout.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Drops undefined values so that Yjs never stores them (it cannot). */
export function clean<T extends object>(value: T): Record<string, Json> {
  return JSON.parse(JSON.stringify(value)) as Record<string, Json>;
}

export function entityMaps(doc: Y.Doc, root: EntityRoot): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(root);
}

/** Plain JSON of an entity, or undefined when absent or not a Y.Map (e.g. written by hand). */
export function readEntity(doc: Y.Doc, root: EntityRoot, id: string): Record<string, unknown> | undefined {
  const map = entityMaps(doc, root).get(id);
  return map instanceof Y.Map ? (map.toJSON() as Record<string, unknown>) : undefined;
}

/**
 * Creates an entity from plain JSON, turning append-only fields into Y.Arrays, text fields
 * into Y.Texts and nested fields into Y.Maps following their shape.
 */
export function createEntity(doc: Y.Doc, root: EntityRoot, id: string, value: Record<string, Json>): void {
  const appendOnly = APPEND_ONLY_FIELDS[root] ?? [];
  const textFields = TEXT_FIELDS[root] ?? [];
  const nested = NESTED_FIELDS[root] ?? {};
  const map = new Y.Map<unknown>();
  for (const [key, v] of Object.entries(value)) {
    if (appendOnly.includes(key)) {
      const arr = new Y.Array<Json>();
      arr.push(Array.isArray(v) ? v : []);
      map.set(key, arr);
    } else if (textFields.includes(key) && typeof v === 'string') {
      map.set(key, new Y.Text(v));
    } else if (Object.hasOwn(nested, key) && isPlainObject(v)) {
      map.set(key, nestedMap(nested[key]!, v));
    } else {
      map.set(key, v);
    }
  }
  entityMaps(doc, root).set(id, map);
}

type Shape = FieldShape | NestedShape;

function isPlainObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Y.AbstractType);
}

/** The shape of `key` inside `shape` (`'*'` stands for any key), or undefined when the layout has no such place. */
function partShape(shape: NestedShape, key: string): Shape | undefined {
  return Object.hasOwn(shape, key) ? shape[key] : shape['*'];
}

/** What to store for `value` at a place of `shape`: a Y.Map of parts, a Y.Text, or the value itself. */
function shaped(shape: Shape | undefined, value: Json): unknown {
  if (shape !== undefined && typeof shape === 'object' && isPlainObject(value)) return nestedMap(shape, value);
  if (shape === 'text' && typeof value === 'string') return new Y.Text(value);
  return value;
}

/** A Y.Map holding plain JSON `value` in the layout of `shape`. */
export function nestedMap(shape: NestedShape, value: Record<string, Json>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, v] of Object.entries(value)) map.set(key, shaped(partShape(shape, key), v));
  return map;
}

/**
 * Makes the Y.Map `map` hold `value` in place: its Y.Maps and Y.Texts stay (texts are
 * edited with the smallest change), plain values are set only when they differ, keys not
 * in `value` (or undefined there) are removed.
 */
function patchNested(map: Y.Map<unknown>, shape: NestedShape, value: Record<string, unknown>): void {
  for (const key of [...map.keys()]) if (value[key] === undefined) map.delete(key);
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const next = JSON.parse(JSON.stringify(v)) as Json;
    const part = partShape(shape, key);
    const current = map.get(key);
    if (part !== undefined && typeof part === 'object' && isPlainObject(next)) {
      if (current instanceof Y.Map) patchNested(current, part, next);
      else map.set(key, nestedMap(part, next));
    } else if (part === 'text' && typeof next === 'string') {
      if (current instanceof Y.Text) applyTextDiff(current, next);
      else map.set(key, new Y.Text(next));
    } else if (current instanceof Y.AbstractType || JSON.stringify(current) !== JSON.stringify(next)) {
      map.set(key, next);
    }
  }
}

/**
 * One edit that turns `before` into `after`: the common prefix and suffix stay, the middle
 * is one delete and one insert. Indices are UTF-16 code units (as Y.Text and the DOM count);
 * a surrogate pair is never split. `caret`, the caret in `after` just after a user's edit,
 * places an edit inside a run of equal characters where the user made it (typing "a" in
 * the middle of "aa" inserts in the middle, not at the end).
 */
export function textDiff(before: string, after: string, caret?: number): { index: number; remove: number; insert: string } {
  const max = Math.min(before.length, after.length);
  const commonPrefix = (limit: number) => {
    let n = 0;
    while (n < limit && before.charCodeAt(n) === after.charCodeAt(n)) n++;
    return n > 0 && isHighSurrogate(before.charCodeAt(n - 1)) ? n - 1 : n;
  };
  const commonSuffix = (limit: number) => {
    let n = 0;
    while (n < limit && before.charCodeAt(before.length - 1 - n) === after.charCodeAt(after.length - 1 - n)) n++;
    return n > 0 && isLowSurrogate(before.charCodeAt(before.length - n)) ? n - 1 : n;
  };
  let start: number;
  let end: number;
  if (caret === undefined) {
    start = commonPrefix(max);
    end = commonSuffix(max - start);
  } else {
    // The edit ends at the caret: take the suffix up to it first, then the prefix.
    end = commonSuffix(Math.max(0, Math.min(max, after.length - caret)));
    start = commonPrefix(max - end);
  }
  return { index: start, remove: before.length - start - end, insert: after.slice(start, after.length - end) };
}
const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Edits `text` in place so that it reads `next`, with one delete and one insert at most. */
export function applyTextDiff(text: Y.Text, next: string, caret?: number): void {
  const { index, remove, insert } = textDiff(text.toString(), next, caret);
  if (remove > 0) text.delete(index, remove);
  if (insert) text.insert(index, insert);
}

/**
 * Writes the fields that differ; `undefined` deletes the key. Append-only fields are skipped.
 * A text field that already holds a Y.Text is edited in place (never replaced), so that
 * others' concurrent typing in it survives; a nested field (`NESTED_FIELDS`) that already
 * holds a Y.Map is patched in place the same way, part by part.
 */
export function patchEntity(doc: Y.Doc, root: EntityRoot, id: string, patch: Record<string, unknown>): void {
  const map = entityMaps(doc, root).get(id);
  if (!(map instanceof Y.Map)) throw new Error(`no entity ${root}/${id}`);
  const appendOnly = APPEND_ONLY_FIELDS[root] ?? [];
  const textFields = TEXT_FIELDS[root] ?? [];
  const nested = NESTED_FIELDS[root] ?? {};
  for (const [key, v] of Object.entries(patch)) {
    if (appendOnly.includes(key)) continue;
    if (v === undefined) {
      if (map.has(key)) map.delete(key);
      continue;
    }
    if (Object.hasOwn(nested, key) && isPlainObject(v)) {
      const current = map.get(key);
      if (current instanceof Y.Map) patchNested(current, nested[key]!, v);
      else map.set(key, nestedMap(nested[key]!, JSON.parse(JSON.stringify(v)) as Record<string, Json>));
      continue;
    }
    if (textFields.includes(key) && typeof v === 'string') {
      const current = map.get(key);
      if (current instanceof Y.Text) applyTextDiff(current, v);
      else map.set(key, new Y.Text(v));
      continue;
    }
    const next = JSON.parse(JSON.stringify(v)) as Json;
    if (JSON.stringify(map.get(key)) !== JSON.stringify(next)) map.set(key, next);
  }
}

/** The Y.Text at `path` inside an entity (`['content', 'conclusion']`), or undefined when there is none. */
export function textAt(doc: Y.Doc, root: EntityRoot, id: string, path: readonly string[]): Y.Text | undefined {
  let node: unknown = entityMaps(doc, root).get(id);
  for (const key of path) {
    if (!(node instanceof Y.Map)) return undefined;
    node = node.get(key);
  }
  return node instanceof Y.Text ? node : undefined;
}

/** A copy of plain JSON `value` with `next` at `path` (missing objects on the way are added). */
export function withValueAt(value: Record<string, unknown>, path: readonly string[], next: unknown): Record<string, unknown> {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  const inner = value[key];
  return { ...value, [key]: rest.length === 0 ? next : withValueAt(isPlainObject(inner) ? inner : {}, rest, next) };
}

/**
 * Makes the text at `path` inside an entity read `next` with the smallest edit, in place.
 * A missing Y.Text whose parent Y.Map is there (a new element of an assessment) is
 * created; a nested field still held as plain JSON is turned into its Y.Map first.
 * Returns whether anything changed. Call inside a transaction.
 */
export function writeTextAt(doc: Y.Doc, root: EntityRoot, id: string, path: readonly string[], next: string, caret?: number): boolean {
  const map = entityMaps(doc, root).get(id);
  if (!(map instanceof Y.Map)) throw new Error(`no entity ${root}/${id}`);
  let parent: Y.Map<unknown> = map;
  for (const key of path.slice(0, -1)) {
    const child = parent.get(key);
    if (!(child instanceof Y.Map)) {
      // Not (yet) a Y.Map here: write the field as a whole, which lays it out by its shape.
      const field = path[0]!;
      const plain = (map.toJSON() as Record<string, unknown>)[field];
      patchEntity(doc, root, id, { [field]: withValueAt(isPlainObject(plain) ? plain : {}, path.slice(1), next) });
      return true;
    }
    parent = child;
  }
  const key = path.at(-1)!;
  const text = parent.get(key);
  if (text instanceof Y.Text) {
    if (text.toString() === next) return false;
    applyTextDiff(text, next, caret);
  } else {
    parent.set(key, new Y.Text(next));
  }
  return true;
}

export function appendToEntity(doc: Y.Doc, root: EntityRoot, id: string, field: string, value: Json): void {
  const map = entityMaps(doc, root).get(id);
  if (!(map instanceof Y.Map)) throw new Error(`no entity ${root}/${id}`);
  let arr = map.get(field);
  if (!(arr instanceof Y.Array)) {
    arr = new Y.Array<Json>();
    map.set(field, arr);
  }
  (arr as Y.Array<Json>).push([value]);
}

export function deleteEntity(doc: Y.Doc, root: EntityRoot, id: string): void {
  entityMaps(doc, root).delete(id);
}

/**
 * Brings a document written by an older layout up to `LAYOUT_VERSION`, in one transaction
 * with `origin`: each text field still held as a plain string becomes a Y.Text with the
 * same characters (layout 2), each nested field still held as one plain JSON value becomes
 * its Y.Map with the same parts and texts (layout 3), and `case.schemaVersion` is set. Returns whether it changed anything;
 * running it again changes nothing. A document with no layout version and no entities is left alone.
 */
export function migrateLayout(doc: Y.Doc, origin: unknown = 'samrad-migration'): boolean {
  const caseMap = doc.getMap<unknown>(SHARED_ROOTS.case);
  const version = caseMap.get('schemaVersion');
  if (typeof version === 'number' && version >= LAYOUT_VERSION) return false;
  const roots = Object.keys(TEXT_FIELDS) as EntityRoot[];
  const hasEntities = Object.values(SHARED_ROOTS).some((r) => r !== 'case' && [...doc.getMap(r).values()].some((e) => e instanceof Y.Map));
  if (typeof version !== 'number' && !hasEntities) return false;
  doc.transact(() => {
    for (const root of roots) {
      const fields = TEXT_FIELDS[root] ?? [];
      entityMaps(doc, root).forEach((entity) => {
        if (!(entity instanceof Y.Map)) return;
        for (const field of fields) {
          const value = entity.get(field);
          if (typeof value === 'string') entity.set(field, new Y.Text(value));
        }
      });
    }
    for (const root of Object.keys(NESTED_FIELDS) as EntityRoot[]) {
      const fields = NESTED_FIELDS[root] ?? {};
      entityMaps(doc, root).forEach((entity) => {
        if (!(entity instanceof Y.Map)) return;
        for (const [field, shape] of Object.entries(fields)) {
          const value = entity.get(field);
          if (isPlainObject(value)) entity.set(field, nestedMap(shape, value));
        }
      });
    }
    caseMap.set('schemaVersion', LAYOUT_VERSION);
  }, origin);
  return true;
}
