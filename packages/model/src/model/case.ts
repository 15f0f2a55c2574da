/**
 * The case header and its log: setup (with the rules for an anonymous consultation), level
 * changes, and concerns with their decisions.
 */
import { z } from 'zod';
import { CommandError } from '../errors.js';
import { LAYOUT_VERSION, SHARED_ROOTS } from '../layout.js';
import { findLevelModel, triedBeforeRequired } from '../levels.js';
import { CaseRecord, ChildInfo, IsoDateTime } from '../schemas.js';
import { clean, readEntity } from '../store.js';
import type { ModelCore } from './core.js';

export const CaseSetupInput = z.object({
  child: ChildInfo,
  /** Default: the profile's default level model. */
  levelModelId: z.string().optional(),
  level: z.string().optional(),
  anonymous: z.boolean().default(false),
  municipality: z.string().max(500).optional(),
});

/**
 * An anonymous consultation (ressursteam) stores nothing that identifies the family: the
 * child only as a description ("Jente, 10 år") with no birth year, no family members and
 * no consent. Refuses a case set up that way, or switched to it, that would.
 */
function refuseIdentifying(core: ModelCore, record: CaseRecord): void {
  const refuse = (path: string, message: string, text: string) => {
    throw new CommandError('invalid', 'case.setup', text, [{ path, message }]);
  };
  if (!record.child.pseudonym) refuse('child.pseudonym', 'anonymous-pseudonym-required', 'an anonymous consultation describes the child without a name');
  if (record.child.birthYear !== undefined) refuse('child.birthYear', 'anonymous-no-birth-year', 'an anonymous consultation stores no birth year');
  const snap = core.snapshot();
  if (snap.participants.some((p) => p.role === 'parent' || p.role === 'child') || snap.consents.length > 0) {
    refuse('anonymous', 'anonymous-has-family', 'the case already names family members or holds consent, so it cannot become anonymous');
  }
}

export function caseCommands(core: ModelCore) {
  return {
    /**
     * Creates or replaces the case header (child, level model, anonymity), and records the
     * municipality profile (id and version) the case is set up under.
     */
    setup: (input: z.input<typeof CaseSetupInput>): void => {
      core.allow('case.setup');
      const parsed = core.parse('case.setup', CaseSetupInput, input);
      const map = core.doc.getMap<unknown>(SHARED_ROOTS.case);
      const existing = map.toJSON() as Record<string, unknown>;
      const levelModelId = parsed.levelModelId ?? (typeof existing.levelModelId === 'string' ? existing.levelModelId : core.profile.defaultLevelModelId);
      const data = { ...parsed, levelModelId, profileId: core.profile.id, profileVersion: core.profile.version };
      if (!findLevelModel(data.levelModelId, core.levelModels)) {
        throw new CommandError('invalid', 'case.setup', `unknown level model ${data.levelModelId}`, [{ path: 'levelModelId', message: 'unknown-level-model' }]);
      }
      const { at, by } = core.stamp();
      const record = core.parse('case.setup', CaseRecord, {
        id: existing.id ?? core.newId(), createdAt: existing.createdAt ?? at, createdBy: existing.createdBy ?? by,
        ...existing, ...data, updatedAt: at, updatedBy: by,
      });
      if (record.anonymous) refuseIdentifying(core, record);
      core.transact('case', () => {
        for (const [k, v] of Object.entries(clean(record))) if (JSON.stringify(map.get(k)) !== JSON.stringify(v)) map.set(k, v);
        map.set('schemaVersion', LAYOUT_VERSION);
      });
    },
    /**
     * Moves the case to another level and logs the change. Moving up past the first level
     * above the lowest (BTI 1 → 2, yellow → red; not 0 → 1) asks which lower-level actions
     * were tried and for how long.
     */
    setLevel: (level: string, details: { reason?: string; triedBefore?: string } = {}): void => {
      core.allow('case.setLevel');
      const current = core.snapshot().case;
      if (!current) throw new CommandError('not-found', 'case.setLevel', 'the case is not set up');
      const model = findLevelModel(current.levelModelId, core.levelModels);
      const target = model?.levels.find((l) => l.id === level);
      if (!model || !target) {
        throw new CommandError('invalid', 'case.setLevel', `unknown level ${level}`, [{ path: 'level', message: 'unknown-level' }]);
      }
      if (current.level === level) return;
      if (triedBeforeRequired(model, current.level, level) && !details.triedBefore?.trim()) {
        throw new CommandError('invalid', 'case.setLevel', 'say which lower-level actions were tried and for how long', [{ path: 'triedBefore', message: 'tried-before-required' }]);
      }
      const { at, by } = core.stamp();
      core.transact('case', () => {
        const map = core.doc.getMap<unknown>(SHARED_ROOTS.case);
        map.set('level', level);
        map.set('updatedAt', at);
        map.set('updatedBy', by);
        core.create('case.setLevel', 'levelChanges', { from: current.level, to: level, reason: details.reason ?? '', triedBefore: details.triedBefore });
      });
    },
    /**
     * Records a new concern (starts its decision deadline). Each concern is an entry of its
     * own, so earlier concerns and their decisions stay in the case log. Returns its id.
     */
    raiseConcern: (at: string = core.now().toISOString(), note = ''): string => {
      core.allow('case.raiseConcern');
      core.parse('case.raiseConcern', IsoDateTime, at);
      return core.create('case.raiseConcern', 'concerns', { raisedAt: at, raisedByName: core.user.name, note });
    },
    /** Records the decision on a concern (stops its deadline), optionally with what was decided. */
    concernDecided: (concernId: string, decision?: string): void => {
      core.allow('case.raiseConcern');
      const concern = core.snapshot().concerns.find((c) => c.id === concernId);
      if (!concern) throw new CommandError('not-found', 'case.raiseConcern', `no concern ${concernId}`);
      if (concern.decidedAt) throw new CommandError('conflict', 'case.raiseConcern', 'the concern is already decided', [{ path: 'decidedAt', message: 'concern-already-decided' }]);
      const { at, by } = core.stamp();
      const decided = { decidedAt: at, decidedBy: by, decidedByName: core.user.name, decision: decision?.trim() || undefined };
      if (readEntity(core.doc, 'concerns', concernId)) {
        core.update('case.raiseConcern', 'concerns', concernId, decided);
        return;
      }
      // The concern a layout-1 document kept in the case map: decided, it becomes an entry of its own.
      const { id: _id, createdAt: _c, createdBy: _b, updatedAt: _u, updatedBy: _ub, ...raised } = concern;
      core.create('case.raiseConcern', 'concerns', { ...clean({ ...raised, ...decided }), id: concernId });
    },
  };
}

export type CaseCommands = ReturnType<typeof caseCommands>;
