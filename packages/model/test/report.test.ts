import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  Action, ChildVoiceEntry, Feedback, LevelChange, Meeting, stateReport, yearlyReport, type CaseSnapshot,
} from '../src/index.js';
import { NOW, seeded } from './helpers.js';

const stamp = (id: string, at = '2026-03-01T10:00:00.000Z', by = 'someone') => ({ id, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by });

/** Builds one case's snapshot from the example case's, with the parts the report reads replaced. */
function caseWith(base: CaseSnapshot, n: number, parts: {
  voice?: boolean; evaluatedOnTime?: boolean; parentHeard?: number; childHeard?: number; levels?: Array<[string | undefined, string]>;
}): CaseSnapshot {
  const meeting = Meeting.parse({ ...stamp(`m${n}`), templateId: n % 2 ? 'samarbeidsmote' : 'ansvarsgruppe', purpose: 'p', date: '2026-03-01T10:00:00.000Z', state: 'finalised' });
  const draft = Meeting.parse({ ...stamp(`d${n}`), templateId: 'samarbeidsmote', purpose: 'p', date: '2026-04-01T10:00:00.000Z' });
  const outside = Meeting.parse({ ...stamp(`o${n}`), templateId: 'samarbeidsmote', purpose: 'p', date: '2025-12-01T10:00:00.000Z', state: 'finalised' });
  const action = Action.parse({
    ...stamp(`a${n}`), title: 'Lesestøtte', owner: { kind: 'service', service: 'skole' }, schedule: { kind: 'deadline', date: '2026-05-01' }, evaluationDate: '2026-06-01',
    evaluations: parts.evaluatedOnTime === undefined ? [] : [{
      id: `e${n}`, at: parts.evaluatedOnTime ? '2026-05-30T10:00:00.000Z' : '2026-06-20T10:00:00.000Z', by: 'x', effect: 'partly', decision: 'continue',
    }],
  });
  const feedback = [
    ...(parts.parentHeard ? [Feedback.parse({ ...stamp(`fp${n}`, '2026-03-02T10:00:00.000Z', `mother${n}`), meetingId: meeting.id, respondentRole: 'parent', feltHeard: parts.parentHeard, knowsWhoToContact: true, useful: 3 })] : []),
    ...(parts.childHeard ? [Feedback.parse({ ...stamp(`fc${n}`, '2026-03-02T10:00:00.000Z', `child${n}`), meetingId: meeting.id, respondentRole: 'child', feltHeard: parts.childHeard, knowsWhoToContact: true, useful: 3 })] : []),
  ];
  return {
    ...base,
    meetings: [meeting, draft, outside],
    voice: parts.voice ? [ChildVoiceEntry.parse({ ...stamp(`v${n}`), meetingId: meeting.id, participation: 'conversation-before', date: '2026-02-20', quotes: ['Jeg liker å lese'] })] : [],
    actions: parts.evaluatedOnTime === undefined && n % 3 ? [] : [action],
    feedback,
    levelChanges: (parts.levels ?? []).map(([from, to], i) => LevelChange.parse({ ...stamp(`l${n}-${i}`), from, to })),
  };
}

describe('the yearly state report', () => {
  const base = seeded().as('leader').snapshot();

  it('hides every figure under five, and names nobody', () => {
    const report = yearlyReport([base], 2026, { asOf: NOW });
    expect(report.meetings === null || report.meetings === 0).toBe(true);
    expect(report.childVoiceDocumented).toEqual({ count: null, of: report.meetings === 0 ? 0 : null, percent: null });
    const json = JSON.stringify(report);
    for (const p of base.participants) expect(json).not.toContain(p.name);
    expect(json).not.toContain(base.case!.child.name);
    expect(json).not.toContain(base.case!.id);
  });

  it('counts meetings, the child’s voice, evaluations on time, feeling heard and level changes across cases', () => {
    // 20 cases: the voice is documented in 15, 10 actions evaluated on time and 5 late, 10 of 12 parents felt heard.
    const cases = Array.from({ length: 20 }, (_, n) => caseWith(base, n, {
      voice: n < 15,
      evaluatedOnTime: n < 10 ? true : n < 15 ? false : undefined,
      parentHeard: n < 12 ? (n < 10 ? 5 : 2) : undefined,
      childHeard: n < 3 ? 4 : undefined,
      levels: n < 6 ? [['bti-1', 'bti-2']] : n < 8 ? [['bti-2', 'bti-1']] : n < 13 ? [[undefined, 'bti-1']] : [],
    }));
    const report = stateReport(cases, { from: '2026-01-01', to: '2026-12-31', asOf: new Date('2026-12-31T12:00:00Z') });
    expect(report.cases).toBe(20);
    expect(report.meetings).toBe(20); // the draft and last year's meeting are not counted
    expect(report.meetingsByTemplate).toEqual({ ansvarsgruppe: 10, samarbeidsmote: 10 });
    expect(report.childVoiceDocumented).toEqual({ count: 15, of: 20, percent: 75 });
    // Cases without an evaluation entry and n % 3 === 0 still hold a due action: 15 evaluated + 2 never (n = 15, 18).
    expect(report.actionsEvaluatedOnTime).toEqual({ count: 10, of: 17, percent: 59 });
    // 10 felt heard, 2 did not: the two would be given away by the base, so count and percent are hidden.
    expect(report.familiesFeltHeard).toEqual({ count: null, of: 12, percent: null });
    expect(report.childrenFeltHeard).toEqual({ count: null, of: null, percent: null });
    expect(report.levelChanges).toEqual({ up: 6, down: null, firstPlacement: 5 });
  });

  it('counts an evaluation only once its date has come, and each person’s latest answer once', () => {
    const cases = Array.from({ length: 6 }, (_, n) => caseWith(base, n, { evaluatedOnTime: true, parentHeard: 5 }));
    // A second answer from the same parent to the same meeting replaces the first.
    cases[0] = { ...cases[0]!, feedback: [...cases[0]!.feedback, Feedback.parse({ ...stamp('again', '2026-03-03T10:00:00.000Z', 'mother0'), meetingId: 'm0', respondentRole: 'parent', feltHeard: 1, knowsWhoToContact: true, useful: 1 })] };
    const before = stateReport(cases, { from: '2026-01-01', to: '2026-12-31', asOf: new Date('2026-05-31T12:00:00Z') });
    expect(before.actionsEvaluatedOnTime).toEqual({ count: 0, of: 0, percent: null });
    expect(before.familiesFeltHeard).toEqual({ count: null, of: 6, percent: null }); // 5 of 6: the one is hidden
    const after = stateReport(cases, { from: '2026-01-01', to: '2026-12-31', asOf: new Date('2026-06-02T12:00:00Z') });
    expect(after.actionsEvaluatedOnTime).toEqual({ count: 6, of: 6, percent: 100 });
  });

  it('keeps to the period and refuses a period that ends before it starts', () => {
    const cases = Array.from({ length: 6 }, (_, n) => caseWith(base, n, { voice: true }));
    expect(stateReport(cases, { from: '2025-01-01', to: '2025-12-31', asOf: NOW }).meetings).toBe(6);
    expect(stateReport(cases, { from: '2024-01-01', to: '2024-12-31', asOf: NOW }).meetings).toBe(0);
    expect(() => stateReport(cases, { from: '2026-12-31', to: '2026-01-01' })).toThrow(/starts after it ends/);
    expect(() => stateReport(cases, { from: '2026-13-01', to: '2026-12-31' })).toThrow();
  });

  it('is valid against the published JSON Schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(new URL('../schema/state-report.schema.json', import.meta.url), 'utf8')));
    const cases = Array.from({ length: 8 }, (_, n) => caseWith(base, n, { voice: n < 6, parentHeard: 4 }));
    for (const report of [yearlyReport(cases, 2026, { asOf: NOW }), yearlyReport([base], 2026, { asOf: NOW })]) {
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    }
  });
});
