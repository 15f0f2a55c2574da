import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportMeeting, jsonSchemas, toHtml, toJson, toMarkdown } from '../src/index.js';
import { NOW, seeded } from './helpers.js';

const schemaDir = new URL('../schema/', import.meta.url);

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(new URL('meeting-export.schema.json', schemaDir), 'utf8')));
}

describe('export', () => {
  it('publishes JSON Schemas that match the zod schemas', () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      const file = JSON.parse(readFileSync(new URL(`${name}.schema.json`, schemaDir), 'utf8'));
      expect(file, `schema/${name}.schema.json is stale: run pnpm --filter @samrad/model schema`).toEqual(schema);
    }
  });

  it('exports a generated meeting as JSON valid against the published schema', () => {
    const { as, ids } = seeded();
    const m = as('leader');
    m.decisions.add({ meetingId: ids.meetingId, text: 'Fortsette med morgenmøtet.' });
    m.meetings.finalise(ids.meetingId);
    const exp = exportMeeting(m.snapshot(), ids.meetingId, NOW);
    const validate = validator();
    const ok = validate(JSON.parse(toJson(exp)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // Open actions from the earlier meeting are part of the action plan.
    expect(exp.actions.some((a) => a.meetingId === ids.earlierMeetingId)).toBe(true);
    expect(exp.decisions).toHaveLength(1);
  });

  it('rejects a broken export in the schema validator', () => {
    const { as, ids } = seeded();
    const exp = JSON.parse(toJson(exportMeeting(as('leader').snapshot(), ids.meetingId, NOW)));
    delete exp.meeting.purpose;
    expect(validator()(exp)).toBe(false);
  });

  it('gives times of day in the meeting\'s zone and names it, in every language, never as AM/PM', () => {
    const { as, ids } = seeded();
    const exp = exportMeeting(as('leader').snapshot(), ids.meetingId, NOW);
    exp.meeting.date = '2026-11-20T09:00:00Z'; // 10:00 in Oslo
    const line = (locale: 'nb' | 'nn' | 'en' | 'uk') => toMarkdown(exp, locale).split('\n').find((l) => l.includes('(Europe/Oslo)')) ?? '';
    expect(line('nb')).toContain('10:00 (Europe/Oslo)');
    expect(line('nn')).toContain('10:00 (Europe/Oslo)');
    expect(line('en')).toContain('10:00 (Europe/Oslo)');
    expect(line('uk')).toContain('10:00 (Europe/Oslo)');
    for (const locale of ['nb', 'nn', 'en', 'uk'] as const) expect(toMarkdown(exp, locale)).not.toMatch(/\b(AM|PM)\b|р\.\./);
  });

  it('writes Markdown and HTML minutes with the action plan, escaping content', () => {
    const { as, ids } = seeded();
    const m = as('leader');
    m.decisions.add({ meetingId: ids.meetingId, text: 'Bruke <script>alert(1)</script> aldri' });
    const exp = exportMeeting(m.snapshot(), ids.meetingId, NOW);
    const md = toMarkdown(exp, 'nb');
    expect(md).toContain('# Referat');
    expect(md).toContain('## Tiltaksplan');
    expect(md).toContain('Fast morgenmøte med kontaktlærer');
    expect(md).toContain('«Jeg liker å tegne, men jeg liker ikke friminuttene.»');
    const html = toHtml(exp, 'en');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h2>Action plan</h2>');
    expect(html).toContain('@page { size: A4');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/https?:\/\//);
    expect(toMarkdown(exp, 'nn')).toContain('Deltakarar');
    // Ukrainian has its own text and dates, not English.
    const uk = toMarkdown(exp, 'uk');
    expect(uk).toContain('# Протокол');
    expect(uk).toContain('## План заходів');
    expect(uk).not.toContain('Action plan');
    expect(uk).toMatch(/\d{4} р\./);
  });
});

describe('minutes wording', () => {
  it('says agreed, not decided, for what a meeting agreed, and writes Nynorsk in nn', () => {
    const { as, ids } = seeded();
    const m = as('leader');
    const item = m.agenda.add(ids.meetingId, { title: 'Tiltak', kind: 'custom', plannedMinutes: 5 });
    m.agenda.update(item, { decisions: 'Skolen ringer heim kvar måndag' });
    const exp = exportMeeting(m.snapshot(), ids.meetingId, NOW);
    const nn = toMarkdown(exp, 'nn');
    expect(nn).toContain('Møteleiar');
    expect(nn).toContain('Helsestasjon/skulehelseteneste');
    expect(nn).toContain('Avtala: Skolen ringer heim kvar måndag');
    expect(nn).not.toMatch(/Møteleder|skolehelsetjeneste|Vedteke/);
    const nb = toMarkdown(exp, 'nb');
    expect(nb).toContain('Avtalt: Skolen ringer heim kvar måndag');
    expect(nb).not.toContain('Vedtatt');
    expect(toMarkdown(exp, 'en')).toContain('Agreed: Skolen ringer heim kvar måndag');
  });
});

describe('calendar export', () => {
  it('lists deadlines, evaluation dates and the next meeting as valid ICS', async () => {
    const { toIcs } = await import('../src/index.js');
    const { as, ids } = seeded();
    const m = as('leader');
    m.meetings.update(ids.meetingId, { nextMeetingDate: '2027-01-14T08:00:00.000Z' });
    const ics = toIcs(exportMeeting(m.snapshot(), ids.meetingId, NOW), 'nb');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('DTSTART:20270114T080000Z');
    expect(ics).toContain('DTSTART;VALUE=DATE:20261115'); // the overdue PPT deadline
    expect(ics.match(/BEGIN:VEVENT/g)?.length).toBe(ics.match(/END:VEVENT/g)?.length);
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(ics).toContain('SUMMARY:Frist: Utredning av lese- og skrivevansker');
  });
});
