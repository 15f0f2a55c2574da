/**
 * @samrad/model — the one place that knows the shape of a meeting record: zod schemas,
 * the Yjs layout, the typed model with its commands and permission table, templates,
 * level models, server write rules and export. No DOM, no network.
 */
export * from './schemas.js';
export * from './layout.js';
export * from './levels.js';
export * from './templates.js';
export * from './profile.js';
export * from './permissions.js';
export * from './errors.js';
export * from './snapshot.js';
export * from './model.js';
export { migrateLayout } from './store.js';
export * from './text.js';
export * from './authorize.js';
export * from './audiences.js';
export type { AccessLogEntry, AccessLogResponse } from './access-log.js';
export * from './export.js';
export * from './minutes.js';
export * from './example-case.js';
export * from './json-schema.js';
export * from './case-view.js';
export * from './report.js';
export * from './practice.js';
export * from './ids.js';
export * from './invariants.js';
export * from './feedback-totals.js';
export * from './notices.js';
