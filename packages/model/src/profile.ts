/**
 * A municipality profile: one JSON document holding what each municipality sets for
 * itself — meeting templates, level models, services, risk and protective factors,
 * deadlines, absence thresholds, the action guide's stages, the action bank, the resource
 * team's limits and the report's figures. Every entry and number may say where it comes
 * from (`source`, e.g. `"Siljan 1.1"`). The profiles shipped live in
 * packages/model/profiles/; `DEFAULT_PROFILE` is the neutral one, built from the constants
 * the model had before profiles (templates.ts, levels.ts), and profiles/default.json is
 * written from it (`pnpm --filter @samrad/model schema`).
 */
import { z } from 'zod';
import { LEVEL_MODELS } from './levels.js';
import { EXPORT_TEXT } from './export-text.js';
import { Labels, LevelModel, MeetingTemplate, SERVICES, Source } from './schemas.js';
import { DEFAULT_TEMPLATE_ID, PROTECTIVE_FACTORS, RISK_FACTORS, TEMPLATES } from './templates.js';

const EntryId = z.string().min(1).max(80).regex(/^[a-z0-9][a-z0-9-]*$/, 'id may hold lower-case letters, digits and - only');

/** A number the profile sets, with where it comes from. */
export const ProfileFigure = z.object({ value: z.number().int().min(0), source: Source.optional() });
export type ProfileFigure = z.infer<typeof ProfileFigure>;
const Figure = ProfileFigure;
const PositiveFigure = z.object({ value: z.number().int().positive(), source: Source.optional() });

/** An entry of a list (a service, a factor, a category), with its labels in every language. */
export const ProfileEntry = z.object({ id: EntryId, labels: Labels, source: Source.optional() });
export type ProfileEntry = z.infer<typeof ProfileEntry>;

/** A checkpoint of an action-guide stage: something to make sure of before going on. */
export const GuideCheckpoint = z.object({ id: EntryId, labels: Labels, source: Source.optional() });
export const GuideStage = z.object({
  id: EntryId,
  labels: Labels,
  checkpoints: z.array(GuideCheckpoint).default([]),
  source: Source.optional(),
});
export type GuideStage = z.infer<typeof GuideStage>;
/** The municipality's action guide (handlingsveileder): stages from concern to evaluation. */
export const ActionGuide = z.object({
  name: Labels,
  stages: z.array(GuideStage).min(1),
  source: Source.optional(),
});
export type ActionGuide = z.infer<typeof ActionGuide>;

/** An action from the municipality's action bank (tiltaksbank / verktøykasse). */
export const BankAction = z.object({
  id: EntryId,
  /** Id of an entry of `actionCategories`. */
  category: EntryId,
  title: Labels,
  /** The bank's suggested measurable success criterion. */
  successCriterion: Labels,
  source: Source.optional(),
});
export type BankAction = z.infer<typeof BankAction>;

/** School absence thresholds (nærvær): the school acts when any is reached. */
export const AbsenceThresholds = z.object({
  /** Absence, valid or not, above this percentage of the lessons. */
  percentage: Figure,
  /** Single lessons missed in one term. */
  singleLessonsPerTerm: Figure,
  /** Late arrivals in one month, more than this. */
  lateArrivalsPerMonth: Figure,
  /** Contact the home after this many unexcused lessons. */
  contactHomeAfterUnexcusedLessons: Figure,
  /** Offer the family an electronic case log (stafettlogg) in every absence case. */
  offerCaseLog: z.object({ value: z.boolean(), source: Source.optional() }).optional(),
  source: Source.optional(),
});
export type AbsenceThresholds = z.infer<typeof AbsenceThresholds>;

/** Figures of the yearly report a municipality wants shown (report.ts computes the first eight). */
export const REPORT_FIGURES = [
  'cases', 'meetings', 'meetings-by-template', 'child-voice-documented', 'actions-evaluated-on-time',
  'families-felt-heard', 'children-felt-heard', 'level-changes',
  // The coordinating unit's figures (issue 15, deliverable 9); shown once the report computes them.
  'coordinators-per-service', 'individual-plans', 'days-concern-to-decision', 'absence-cases',
] as const;
export const ReportFigure = z.object({ id: z.enum(REPORT_FIGURES), source: Source.optional() });

export const PROFILE_SCHEMA_URL = 'https://samrad.invalid/schema/v1/municipality-profile.schema.json';

const uniqueIds = (ctx: z.RefinementCtx, path: string, list: ReadonlyArray<{ id: string }>) => {
  const seen = new Set<string>();
  list.forEach((e, i) => {
    if (seen.has(e.id)) ctx.addIssue({ code: 'custom', path: [path, i, 'id'], message: `duplicate id ${e.id}` });
    seen.add(e.id);
  });
};

export const MunicipalityProfile = z.object({
  /** The JSON Schema the document follows (editors use it); ignored by the model. */
  $schema: z.string().optional(),
  id: EntryId,
  name: z.string().min(1).max(200),
  /** Raised whenever the profile changes; every case records the version it was set up under. */
  version: z.number().int().min(1),
  /** The documents the entries cite, by the short name a `source` starts with. */
  documents: z.array(z.object({ key: z.string().min(1).max(80), title: z.string().min(1).max(500), year: z.string().max(20).optional() })).default([]),
  templates: z.array(MeetingTemplate).min(1),
  defaultTemplateId: z.string().min(1),
  levelModels: z.array(LevelModel).min(1),
  defaultLevelModelId: z.string().min(1),
  /** The services that take part; ids beyond the model's `SERVICES` name services this municipality has too. */
  services: z.array(ProfileEntry).min(1),
  riskFactors: z.array(ProfileEntry).default([]),
  protectiveFactors: z.array(ProfileEntry).default([]),
  deadlines: z.object({
    /** Days from a concern being raised to a decision on it (the profile's deadline, not law). */
    concernToDecisionDays: PositiveFigure,
    /** Remind an action's owner this many days before its deadline or evaluation date. */
    actionDueLeadDays: Figure,
  }),
  absence: AbsenceThresholds.optional(),
  actionGuide: ActionGuide.optional(),
  actionCategories: z.array(ProfileEntry).default([]),
  actionBank: z.array(BankAction).default([]),
  resourceTeam: z.object({
    /** The template of a resource-team consultation; its limits must be these. */
    templateId: z.string().min(1),
    maxProfessionals: PositiveFigure,
    answerWithinDays: PositiveFigure,
    source: Source.optional(),
  }).optional(),
  report: z.object({ figures: z.array(ReportFigure).default([]) }).default({ figures: [] }),
}).superRefine((p, ctx) => {
  uniqueIds(ctx, 'templates', p.templates);
  uniqueIds(ctx, 'levelModels', p.levelModels);
  uniqueIds(ctx, 'services', p.services);
  uniqueIds(ctx, 'riskFactors', p.riskFactors);
  uniqueIds(ctx, 'protectiveFactors', p.protectiveFactors);
  uniqueIds(ctx, 'actionCategories', p.actionCategories);
  uniqueIds(ctx, 'actionBank', p.actionBank);
  if (p.actionGuide) uniqueIds(ctx, 'actionGuide', p.actionGuide.stages);
  if (!p.templates.some((t) => t.id === p.defaultTemplateId)) ctx.addIssue({ code: 'custom', path: ['defaultTemplateId'], message: `no template ${p.defaultTemplateId}` });
  if (!p.levelModels.some((m) => m.id === p.defaultLevelModelId)) ctx.addIssue({ code: 'custom', path: ['defaultLevelModelId'], message: `no level model ${p.defaultLevelModelId}` });
  const categories = new Set(p.actionCategories.map((c) => c.id));
  p.actionBank.forEach((a, i) => {
    if (!categories.has(a.category)) ctx.addIssue({ code: 'custom', path: ['actionBank', i, 'category'], message: `no action category ${a.category}` });
  });
  if (p.resourceTeam) {
    const team = p.resourceTeam;
    const t = p.templates.findIndex((x) => x.id === team.templateId);
    if (t < 0) ctx.addIssue({ code: 'custom', path: ['resourceTeam', 'templateId'], message: `no template ${team.templateId}` });
    else {
      if (p.templates[t]!.maxProfessionals !== team.maxProfessionals.value) ctx.addIssue({ code: 'custom', path: ['templates', t, 'maxProfessionals'], message: `must be resourceTeam.maxProfessionals (${team.maxProfessionals.value})` });
      if (p.templates[t]!.answerWithinDays !== team.answerWithinDays.value) ctx.addIssue({ code: 'custom', path: ['templates', t, 'answerWithinDays'], message: `must be resourceTeam.answerWithinDays (${team.answerWithinDays.value})` });
    }
  }
});
export type MunicipalityProfile = z.infer<typeof MunicipalityProfile>;
export type MunicipalityProfileInput = z.input<typeof MunicipalityProfile>;

/** A profile that did not validate: `where` names the document, each issue its field. */
export class ProfileError extends Error {
  constructor(readonly where: string, readonly issues: ReadonlyArray<{ path: string; message: string }>) {
    super(`${where}: not a valid municipality profile: ${issues.map((i) => `${i.path || '(top)'}: ${i.message}`).join('; ')}`);
    this.name = 'ProfileError';
  }
}

/** Validates a profile (parsed JSON); throws `ProfileError` naming `where` and every bad field. */
export function parseProfile(value: unknown, where = 'profile'): MunicipalityProfile {
  const result = MunicipalityProfile.safeParse(value);
  if (result.success) return result.data;
  throw new ProfileError(where, result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
}

const servicesFrom = (): ProfileEntry[] => SERVICES.map((id) => ({
  id,
  labels: { nb: EXPORT_TEXT.nb.services[id], nn: EXPORT_TEXT.nn.services[id], en: EXPORT_TEXT.en.services[id], uk: EXPORT_TEXT.uk.services[id] },
}));
const entriesFrom = (table: Readonly<Record<string, Labels>>): ProfileEntry[] => Object.entries(table).map(([id, labels]) => ({ id, labels }));
const ressursteam = TEMPLATES.find((t) => t.id === 'ressursteam');

/**
 * The neutral profile: the built-in templates, level models, services, factors and numbers,
 * so that a model or server given no profile behaves as before profiles.
 */
export const DEFAULT_PROFILE: MunicipalityProfile = parseProfile({
  $schema: PROFILE_SCHEMA_URL,
  id: 'default',
  name: 'Samråd – standard',
  version: 1,
  templates: TEMPLATES,
  defaultTemplateId: DEFAULT_TEMPLATE_ID,
  levelModels: LEVEL_MODELS,
  defaultLevelModelId: 'bti',
  services: servicesFrom(),
  riskFactors: entriesFrom(RISK_FACTORS),
  protectiveFactors: entriesFrom(PROTECTIVE_FACTORS),
  deadlines: {
    concernToDecisionDays: { value: LEVEL_MODELS[0]?.decisionDeadlineDays ?? 14 },
    actionDueLeadDays: { value: 0 },
  },
  ...(ressursteam?.maxProfessionals && ressursteam.answerWithinDays ? {
    resourceTeam: { templateId: ressursteam.id, maxProfessionals: { value: ressursteam.maxProfessionals }, answerWithinDays: { value: ressursteam.answerWithinDays } },
  } : {}),
  report: { figures: REPORT_FIGURES.slice(0, 8).map((id) => ({ id })) },
}, 'the default profile');

/** The label of a profile entry in `locale` (Ukrainian falls back to English). */
export function entryLabel(entry: { labels: Labels }, locale: keyof Labels): string {
  return entry.labels[locale] ?? entry.labels.en;
}
