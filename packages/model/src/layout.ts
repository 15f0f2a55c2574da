/**
 * The Yjs layout of a meeting record: which shared types hold what. Read this with
 * docs/data-model.md. These names are the public contract for anyone reading or
 * writing a meeting with plain Yjs; change them only with a migration.
 */

/** Version of this layout, stored in the `case` map under `schemaVersion`. */
export const LAYOUT_VERSION = 3;

/** Document name of the record shared with the family. */
export const sharedDocName = (caseId: string): string => `case/${caseId}`;
/** Document name of the professionals-only record. */
export const restrictedDocName = (caseId: string): string => `case/${caseId}/restricted`;

/**
 * Root shared types of the shared document (`case/<id>`). `case` is a flat Y.Map of
 * the case's fields; every other root is a Y.Map from entity id to a Y.Map of that
 * entity's fields.
 */
export const SHARED_ROOTS = {
  case: 'case',
  participants: 'participants',
  meetings: 'meetings',
  agenda: 'agenda',
  voice: 'voice',
  assessments: 'assessments',
  actions: 'actions',
  decisions: 'decisions',
  goals: 'goals',
  comments: 'comments',
  consents: 'consents',
  handovers: 'handovers',
  levelChanges: 'levelChanges',
  silentNotes: 'silentNotes',
  feedback: 'feedback',
  concerns: 'concerns',
  /** Reports to child welfare the family may read (no safety exception). */
  welfareReports: 'welfareReports',
} as const;

/** Root shared types of the restricted document (`case/<id>/restricted`). */
export const RESTRICTED_ROOTS = {
  notes: 'notes',
  voicePrivate: 'voicePrivate',
  /** Reports to child welfare under the safety exception: never sent to parents or the child. */
  restrictedWelfareReports: 'restrictedWelfareReports',
} as const;

export type SharedRoot = (typeof SHARED_ROOTS)[keyof typeof SHARED_ROOTS];
export type RestrictedRoot = (typeof RESTRICTED_ROOTS)[keyof typeof RESTRICTED_ROOTS];
/** Roots only in audience documents (audiences.ts): the child's reservations, in withheld documents. */
export type AudienceRoot = 'reservations';
export type EntityRoot = Exclude<SharedRoot, 'case'> | RestrictedRoot | AudienceRoot;

/**
 * Fields stored as a Y.Array of plain JSON values rather than as one JSON value, because
 * several people append to them at the same time and every append must survive.
 * All other fields are plain JSON values under their key (last writer wins per field).
 */
export const APPEND_ONLY_FIELDS: Partial<Record<EntityRoot, readonly string[]>> = {
  actions: ['evaluations'],
  assessments: ['history'],
  consents: ['withdrawals'],
  meetings: ['minutes'],
};

/**
 * Free-text fields that more than one person may edit at once, stored as a `Y.Text` so
 * concurrent typing merges character by character (layout version 2; version 1 stored
 * them as plain strings). Every other field is a plain JSON value, last writer wins.
 */
export const TEXT_FIELDS: Partial<Record<EntityRoot, readonly string[]>> = {
  meetings: ['purpose'],
  agenda: ['notes', 'decisions'],
  decisions: ['text'],
  voice: ['adultNotes', 'maturityNote', 'weighing'],
  actions: ['successCriterion'],
  goals: ['text'],
};

/** Fields only the server writes (clients may read them; every client write to them is refused). */
export const SERVER_ONLY_FIELDS: Partial<Record<EntityRoot, readonly string[]>> = {
  meetings: ['minutes'],
};

/**
 * Fields stored as a `Y.Map` of their own, because their parts are edited separately by
 * different people: the best-interest assessment's content (layout version 3). Each key
 * maps to its own shape; `'*'` stands for any key (the assessment's elements). `toJSON()`
 * reads such a field as the same plain object as before.
 */
export interface NestedShape { readonly [key: string]: FieldShape | NestedShape }
export const NESTED_FIELDS: Partial<Record<EntityRoot, Readonly<Record<string, NestedShape>>>> = {
  assessments: {
    content: {
      elements: { '*': 'text' },
      protectiveFactors: { checked: 'value', text: 'text' },
      riskFactors: { checked: 'value', text: 'text' },
      primaryDifficulty: { location: 'value', status: 'value', text: 'text' },
      level: 'value',
      options: 'value',
      conclusion: 'text',
      reasons: 'text',
      childViewWeighing: 'text',
      assessedBy: 'value',
      status: 'value',
    },
  },
};

/** How one field of an entity is stored: a plain value, a Y.Text, an append-only Y.Array, or a Y.Map of parts. */
export type FieldShape = 'value' | 'text' | 'list';

/** The storage shape of `field` on an entity of `root` (a nested field gives its shape of parts). */
export function fieldShape(root: EntityRoot, field: string): FieldShape | NestedShape {
  const nested = NESTED_FIELDS[root]?.[field];
  if (nested) return nested;
  if (TEXT_FIELDS[root]?.includes(field)) return 'text';
  if (APPEND_ONLY_FIELDS[root]?.includes(field)) return 'list';
  return 'value';
}

/**
 * The shape at a path inside an entity of `root` (`['content', 'elements', 'health']`), or
 * undefined when the layout has no such place. The first step is a field of the entity.
 */
export function shapeAt(root: EntityRoot, path: readonly string[]): FieldShape | NestedShape | undefined {
  if (path.length === 0) return undefined;
  let shape: FieldShape | NestedShape = fieldShape(root, path[0]!);
  for (const key of path.slice(1)) {
    if (typeof shape === 'string') return undefined;
    const next: FieldShape | NestedShape | undefined = Object.hasOwn(shape, key) ? shape[key] : shape['*'];
    if (next === undefined) return undefined;
    shape = next;
  }
  return shape;
}
