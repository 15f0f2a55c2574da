/**
 * The Yjs layout of a meeting record: which shared types hold what. Read this with
 * docs/data-model.md. These names are the public contract for anyone reading or
 * writing a meeting with plain Yjs; change them only with a migration.
 */

/** Version of this layout, stored in the `case` map under `schemaVersion`. */
export const LAYOUT_VERSION = 1;

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
} as const;

/** Root shared types of the restricted document (`case/<id>/restricted`). */
export const RESTRICTED_ROOTS = {
  notes: 'notes',
  voicePrivate: 'voicePrivate',
} as const;

export type SharedRoot = (typeof SHARED_ROOTS)[keyof typeof SHARED_ROOTS];
export type RestrictedRoot = (typeof RESTRICTED_ROOTS)[keyof typeof RESTRICTED_ROOTS];
export type EntityRoot = Exclude<SharedRoot, 'case'> | RestrictedRoot;

/**
 * Fields stored as a Y.Array of plain JSON values rather than as one JSON value, because
 * several people append to them at the same time and every append must survive.
 * All other fields are plain JSON values under their key (last writer wins per field).
 */
export const APPEND_ONLY_FIELDS: Partial<Record<EntityRoot, readonly string[]>> = {
  actions: ['evaluations'],
  assessments: ['history'],
  consents: ['withdrawals'],
};
