/** JSON Schema of every entity and of the meeting export, generated from the zod schemas. */
import { z } from 'zod';
import { MeetingExport } from './export.js';
import { MinutesVersion } from './minutes.js';
import { MunicipalityProfile } from './profile.js';
import { StateReport } from './report.js';
import * as S from './schemas.js';

export const SCHEMA_BASE_URL = 'https://samrad.invalid/schema/v1/';

export function jsonSchemas(): Record<string, unknown> {
  const entities: Record<string, z.ZodType> = {
    'meeting-export': MeetingExport, 'minutes-version': MinutesVersion,
    case: S.CaseRecord, participant: S.Participant, meeting: S.Meeting, 'agenda-item': S.AgendaItem,
    'child-voice-entry': S.ChildVoiceEntry, 'voice-private': S.VoicePrivate, assessment: S.Assessment, action: S.Action,
    decision: S.Decision, goal: S.Goal, comment: S.Comment, consent: S.Consent, handover: S.Handover,
    'restricted-note': S.RestrictedNote, 'level-model': S.LevelModel, 'meeting-template': S.MeetingTemplate,
    'level-change': S.LevelChange, 'silent-note': S.SilentNote, feedback: S.Feedback, concern: S.Concern, 'welfare-report': S.WelfareReport, 'state-report': StateReport,
    'municipality-profile': MunicipalityProfile,
  };
  return Object.fromEntries(Object.entries(entities).map(([name, schema]) => [name, {
    $id: `${SCHEMA_BASE_URL}${name}.schema.json`,
    ...z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' }),
  }]));
}
