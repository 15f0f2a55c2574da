import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CommandError, DEFAULT_PROFILE, LEVEL_MODELS, MeetingModel, parseProfile, ProfileError, TEMPLATES, triedBeforeRequired,
  type MunicipalityProfile,
} from '../src/index.js';
import { NOW, counterIds, seeded, steppingClock, user } from './helpers.js';

const profileDir = new URL('../profiles/', import.meta.url);
const read = (name: string): unknown => JSON.parse(readFileSync(new URL(name, profileDir), 'utf8'));
const SHIPPED = ['default.json', 'sel.json', 'valdres.json', 'donna.json', 'siljan.json', 'selbu.json'];
const load = (name: string): MunicipalityProfile => parseProfile(read(`${name}.json`), `profiles/${name}.json`);

type Json = Record<string, unknown>;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Every entry or number of `profile` that is not the default profile's own (same id, same
 * content) must say where it comes from. Returns the paths of those that do not.
 */
function unsourced(profile: MunicipalityProfile): string[] {
  const missing: string[] = [];
  const d = DEFAULT_PROFILE as unknown as Json;
  const p = profile as unknown as Json;
  const has = (e: unknown) => typeof (e as Json)?.source === 'string';
  const lists = ['services', 'riskFactors', 'protectiveFactors', 'actionCategories', 'actionBank', 'templates', 'levelModels'] as const;
  for (const key of lists) {
    const defaults = new Map(((d[key] as Json[]) ?? []).map((e) => [e.id, e]));
    for (const e of (p[key] as Json[]) ?? []) {
      const base = defaults.get(e.id);
      if (same(e, base)) continue;
      if (!has(e)) missing.push(`${key}.${String(e.id)}`);
      // A changed template or level model: each of its items or levels not the default's needs one too.
      const parts = key === 'templates' ? 'items' : key === 'levelModels' ? 'levels' : undefined;
      if (parts) {
        const partKey = key === 'templates' ? 'kind' : 'id';
        const baseParts = new Map(((base?.[parts] as Json[]) ?? []).map((x) => [x[partKey], x]));
        for (const x of e[parts] as Json[]) if (!same(x, baseParts.get(x[partKey])) && !has(x)) missing.push(`${key}.${String(e.id)}.${String(x[partKey])}`);
      }
    }
  }
  for (const f of ((p.report as Json).figures as Json[])) {
    if (!((d.report as Json).figures as Json[]).some((x) => same(x, f)) && !has(f)) missing.push(`report.${String(f.id)}`);
  }
  const numbers = (group: string, obj: Json | undefined, base: Json | undefined) => {
    for (const [k, v] of Object.entries(obj ?? {})) {
      if (k === 'source' || k === 'templateId') continue;
      if (!same(v, base?.[k]) && !has(v)) missing.push(`${group}.${k}`);
    }
  };
  numbers('deadlines', p.deadlines as Json, d.deadlines as Json);
  numbers('absence', p.absence as Json | undefined, undefined);
  numbers('resourceTeam', p.resourceTeam as Json | undefined, d.resourceTeam as Json);
  const guide = p.actionGuide as { stages: Array<Json & { checkpoints: Json[] }> } | undefined;
  for (const s of guide?.stages ?? []) {
    if (!has(s)) missing.push(`actionGuide.${String(s.id)}`);
    for (const c of s.checkpoints) if (!has(c)) missing.push(`actionGuide.${String(s.id)}.${String(c.id)}`);
  }
  return missing;
}

describe('municipality profiles', () => {
  it('ships the default profile and one per seed, each valid against the zod schema and the published JSON Schema', () => {
    expect(readdirSync(profileDir).filter((f) => f.endsWith('.json')).sort()).toEqual([...SHIPPED].sort());
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(new URL('../schema/municipality-profile.schema.json', import.meta.url), 'utf8')));
    for (const file of SHIPPED) {
      const json = read(file);
      expect(() => parseProfile(json, file), file).not.toThrow();
      expect(validate(json), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('keeps default.json the built-in content, so nothing changes without a profile', () => {
    expect(load('default')).toEqual(DEFAULT_PROFILE);
    expect(DEFAULT_PROFILE.templates).toEqual(TEMPLATES);
    expect(DEFAULT_PROFILE.levelModels).toEqual(LEVEL_MODELS);
    const m = new MeetingModel(new Y.Doc(), user('leader'));
    expect(m.profile.id).toBe('default');
    expect(m.templates).toBe(DEFAULT_PROFILE.templates);
  });

  it('cites the seed and section of every entry and number a municipal profile adds or changes', () => {
    for (const name of ['sel', 'valdres', 'donna', 'siljan', 'selbu']) {
      const profile = load(name);
      expect(unsourced(profile), `profiles/${name}.json`).toEqual([]);
      const key = profile.documents[0]!.key;
      // Every source names this profile's own seed document.
      const sources = JSON.stringify(profile).match(/"source":"[^"]*"/g) ?? [];
      expect(sources.length).toBeGreaterThan(5);
      for (const s of sources) expect(s, `${name}: ${s}`).toContain(`"source":"${key} `);
    }
  });

  it('holds what the seeds set: Siljan 1.1 absence thresholds, Sel 7.2 resource team, Sel 6.1 risk factors, the guides of Valdres and Dønna, Selbu\'s bank', () => {
    const siljan = load('siljan');
    expect(siljan.absence).toMatchObject({
      percentage: { value: 10, source: 'Siljan 1.1' }, singleLessonsPerTerm: { value: 10 }, lateArrivalsPerMonth: { value: 3 },
      contactHomeAfterUnexcusedLessons: { value: 1 }, offerCaseLog: { value: true, source: 'Siljan 3.2' },
    });
    const sel = load('sel');
    expect(sel.resourceTeam).toMatchObject({ maxProfessionals: { value: 3, source: 'Sel 7.2' }, answerWithinDays: { value: 7, source: 'Sel 7.2' } });
    expect(sel.templates.find((t) => t.id === 'ressursteam')).toMatchObject({ maxProfessionals: 3, answerWithinDays: 7, source: 'Sel 7.2' });
    expect(sel.riskFactors.map((f) => f.id)).toEqual(expect.arrayContaining(['trauma', 'break-up', 'loss-of-caregiver', 'neglect', 'refugee-war', 'bullying']));
    expect(sel.services.map((s) => s.id)).toEqual(expect.arrayContaining(['fysioterapi', 'familievern', 'politi-slt', 'kommunepsykolog']));
    const valdres = load('valdres');
    expect(valdres.actionGuide?.stages.map((s) => s.id)).toEqual(['uro', 'forste-samtale', 'gode-beslutninger', 'evaluering']);
    expect(valdres.actionGuide?.stages[2]?.checkpoints.map((c) => c.id)).toEqual(expect.arrayContaining(['to-eller-flere-tjenester', 'ke-beslutningsvedtak']));
    expect(valdres.services.map((s) => s.id)).toContain('koordinerende-enhet');
    const donna = load('donna');
    expect(donna.defaultLevelModelId).toBe('zones');
    expect(donna.actionGuide?.stages[0]?.checkpoints[0]).toMatchObject({ id: 'heimen-informert', source: 'Dønna vedlegg 1' });
    expect(donna.services.map((s) => s.id)).toEqual(expect.arrayContaining(['flyktningetjeneste', 'politi-slt', 'koordinerende-enhet']));
    const selbu = load('selbu');
    expect(selbu.actionBank.length).toBeGreaterThanOrEqual(8);
    for (const a of selbu.actionBank) expect(selbu.actionCategories.map((c) => c.id)).toContain(a.category);
    for (const a of selbu.actionBank) expect(a.successCriterion.nb.length).toBeGreaterThan(0);
  });

  it('refuses a bad profile with the document and the field named', () => {
    const bad = structuredClone(read('sel.json')) as Json;
    (bad.resourceTeam as Json).maxProfessionals = { value: 5 };
    expect(() => parseProfile(bad, 'sel.json')).toThrow(ProfileError);
    expect(() => parseProfile(bad, 'sel.json')).toThrow(/^sel\.json: .*templates\.\d+\.maxProfessionals: must be resourceTeam\.maxProfessionals \(5\)/);
    const noId = { ...(read('default.json') as Json), id: undefined };
    expect(() => parseProfile(noId, 'x.json')).toThrow(/x\.json: .*id:/);
    const wrongCategory = structuredClone(read('selbu.json')) as { actionBank: Json[] };
    wrongCategory.actionBank[0]!.category = 'nope';
    expect(() => parseProfile(wrongCategory, 'selbu.json')).toThrow(/actionBank\.0\.category: no action category nope/);
  });

  it('runs a model under a profile: its templates and level models, and the case records the profile and version', () => {
    const donna = load('donna');
    const doc = new Y.Doc();
    const m = new MeetingModel(doc, user('leader'), { profile: donna, now: steppingClock(NOW), newId: counterIds('p') });
    expect(m.templates.find((t) => t.id === 'samarbeidsmote')?.items.map((i) => i.kind)).toContain('individual-plan');
    m.case.setup({ child: { name: 'Test', pseudonym: false } });
    expect(m.snapshot().case).toMatchObject({ levelModelId: 'zones', profileId: 'donna', profileVersion: 1 });
    const plain = seeded().as('leader');
    expect(plain.snapshot().case).toMatchObject({ profileId: 'default', profileVersion: 1 });
  });
});

describe('levels: "tried before" only past the first level', () => {
  const bti = LEVEL_MODELS.find((l) => l.id === 'bti')!;
  const zones = LEVEL_MODELS.find((l) => l.id === 'zones')!;

  it('asks nothing for the first step up, a first placement or a step down', () => {
    expect(triedBeforeRequired(bti, 'bti-0', 'bti-1')).toBe(false);
    expect(triedBeforeRequired(zones, 'green', 'yellow')).toBe(false);
    expect(triedBeforeRequired(bti, undefined, 'bti-3')).toBe(false);
    expect(triedBeforeRequired(bti, 'bti-3', 'bti-1')).toBe(false);
    expect(triedBeforeRequired(bti, 'bti-1', 'bti-2')).toBe(true);
    expect(triedBeforeRequired(bti, 'bti-0', 'bti-2')).toBe(true);
    expect(triedBeforeRequired(zones, 'yellow', 'red')).toBe(true);
  });

  it('lets setLevel move 0 → 1 without it, and refuses 1 → 2 and yellow → red without it', () => {
    const m = new MeetingModel(new Y.Doc(), user('leader'), { now: steppingClock(NOW), newId: counterIds('l') });
    m.case.setup({ child: { name: 'Test', pseudonym: false }, levelModelId: 'bti', level: 'bti-0' });
    m.case.setLevel('bti-1', { reason: 'Tiltak i egen enhet' });
    expect(m.snapshot().case?.level).toBe('bti-1');
    let error: unknown;
    try { m.case.setLevel('bti-2'); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).issues[0]?.message).toBe('tried-before-required');
    m.case.setLevel('bti-2', { triedBefore: 'Morgenmøte i fire uker' });
    expect(m.snapshot().levelChanges.map((l) => [l.from, l.to])).toEqual([['bti-0', 'bti-1'], ['bti-1', 'bti-2']]);

    const z = new MeetingModel(new Y.Doc(), user('leader'), { now: steppingClock(NOW), newId: counterIds('z') });
    z.case.setup({ child: { name: 'Test', pseudonym: false }, levelModelId: 'zones', level: 'green' });
    z.case.setLevel('yellow');
    expect(() => z.case.setLevel('red')).toThrow(/tried/);
  });
});
