/** Low-level reading and writing of entities in their Y.Map layout. Only the model uses this. */
import * as Y from 'yjs';
import { APPEND_ONLY_FIELDS, type EntityRoot } from './layout.js';

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

/** Creates an entity from plain JSON, turning append-only fields into Y.Arrays. */
export function createEntity(doc: Y.Doc, root: EntityRoot, id: string, value: Record<string, Json>): void {
  const appendOnly = APPEND_ONLY_FIELDS[root] ?? [];
  const map = new Y.Map<unknown>();
  for (const [key, v] of Object.entries(value)) {
    if (appendOnly.includes(key)) {
      const arr = new Y.Array<Json>();
      arr.push(Array.isArray(v) ? v : []);
      map.set(key, arr);
    } else {
      map.set(key, v);
    }
  }
  entityMaps(doc, root).set(id, map);
}

/** Writes the fields that differ; `undefined` deletes the key. Append-only fields are skipped. */
export function patchEntity(doc: Y.Doc, root: EntityRoot, id: string, patch: Record<string, unknown>): void {
  const map = entityMaps(doc, root).get(id);
  if (!(map instanceof Y.Map)) throw new Error(`no entity ${root}/${id}`);
  const appendOnly = APPEND_ONLY_FIELDS[root] ?? [];
  for (const [key, v] of Object.entries(patch)) {
    if (appendOnly.includes(key)) continue;
    if (v === undefined) {
      if (map.has(key)) map.delete(key);
      continue;
    }
    const next = JSON.parse(JSON.stringify(v)) as Json;
    if (JSON.stringify(map.get(key)) !== JSON.stringify(next)) map.set(key, next);
  }
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
