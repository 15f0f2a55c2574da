/**
 * Export from <samrad-minutes> in the demo, after the leader finalised: the HTML prints
 * to an A4 PDF in Chromium without errors, the JSON validates against the published
 * schema, the calendar holds the deadlines and the next meeting, and the Markdown
 * carries the action plan.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { MeetingModel } from '@samrad/model';
import { EXAMPLE_USERS } from '@samrad/model';
import { ensureBuilt, launchChromium, ROOT, signIn, startTestDemo, watchErrors, type TestDemo } from './harness.js';

let demo: TestDemo;
let browser: Browser;
let leader: Awaited<ReturnType<typeof signIn>>;

// ajv is a dev dependency of @samrad/model; load it from there.
const fromModel = createRequire(join(ROOT, 'packages/model/package.json'));
type Validate = ((data: unknown) => boolean) & { errors?: unknown };
const { Ajv2020 } = fromModel('ajv/dist/2020.js') as { Ajv2020: new (options: object) => { compile(schema: object): Validate } };
const addFormats = fromModel('ajv-formats') as { default: (ajv: unknown) => void } & ((ajv: unknown) => void);

beforeAll(async () => {
  ensureBuilt();
  demo = await startTestDemo();
  browser = await launchChromium();
  leader = await signIn(browser, demo, EXAMPLE_USERS.leader.id);
  const page = leader.page;
  // Today's meeting gets a next-meeting date, then the leader finalises it.
  await page.evaluate(() => {
    const meeting = document.querySelector('samrad-meeting') as HTMLElement & { model: MeetingModel };
    const model = meeting.model;
    const open = model.snapshot().meetings.filter((m) => m.state !== 'finalised').at(-1)!;
    model.meetings.update(open.id, { nextMeetingDate: new Date(Date.now() + 42 * 86_400_000).toISOString() });
  });
  const minutes = page.locator('samrad-minutes');
  await minutes.locator('#finalise').click();
  const reason = minutes.locator('#no-decision');
  if (await reason.count()) await reason.fill('Tiltakene fortsetter; ny vurdering i neste møte.');
  await minutes.locator('#confirm-finalise').click();
  await minutes.locator('[part~="state"].finalised').waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

/** Clicks a download button of <samrad-minutes> and returns the file's name and text. */
async function download(page: Page, format: 'html' | 'markdown' | 'json' | 'ics'): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`samrad-minutes button[data-format="${format}"]`).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe('export from <samrad-minutes>', () => {
  it('HTML: finalised minutes with the action plan, printed to a clean A4 PDF', async () => {
    const { name, text } = await download(leader.page, 'html');
    expect(name).toMatch(/\.html$/);
    expect(text).toContain('Godkjent og låst av Sofie Lie');
    expect(text).toContain('Tiltaksplan');
    expect(text).toContain('Utredning av lese- og skrivevansker');
    expect(text).toMatch(/@page\s*\{\s*size:\s*A4/);
    // Nothing from outside: no scripts, no external URLs.
    expect(text).not.toMatch(/<script|https?:\/\//i);

    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.setContent(text, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // A4 is 595 × 842 points.
    const sizes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
    expect(sizes.length).toBeGreaterThanOrEqual(1);
    for (const size of sizes) expect(size).toEqual([595, 842]);
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:'))).toEqual([]);
    await context.close();
  });

  it('JSON: valid against the published meeting-export schema', async () => {
    const { name, text } = await download(leader.page, 'json');
    expect(name).toMatch(/\.json$/);
    const exported = JSON.parse(text);
    const schema = JSON.parse(readFileSync(join(ROOT, 'packages/model/schema/meeting-export.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    (addFormats.default ?? addFormats)(ajv);
    const validate = ajv.compile(schema);
    expect(validate(exported), JSON.stringify(validate.errors)).toBe(true);
    expect(exported.meeting.state).toBe('finalised');
    expect(exported.participants).toHaveLength(7);
    expect(exported.actions.length).toBeGreaterThanOrEqual(5);
    // The validator is not a pushover: a broken copy fails.
    expect(validate({ ...exported, meeting: { ...exported.meeting, state: 'archived' } })).toBe(false);
  });

  it('ICS: the deadlines, evaluation dates and the next meeting', async () => {
    const { name, text } = await download(leader.page, 'ics');
    expect(name).toMatch(/\.ics$/);
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    const events = text.split('BEGIN:VEVENT').length - 1;
    expect(events).toBeGreaterThanOrEqual(5 + 3 + 1); // an evaluation per open action, three deadlines, the next meeting
    expect(text).toMatch(/SUMMARY:Neste møte/);
    expect(text).toMatch(/SUMMARY:Frist: Utredning av lese- og skrivevansker/);
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });

  it('Markdown: the minutes with the action plan as a table', async () => {
    const { name, text } = await download(leader.page, 'markdown');
    expect(name).toMatch(/\.md$/);
    expect(text).toMatch(/^# Referat/);
    expect(text).toContain('## Tiltaksplan');
    expect(text).toMatch(/\| Tiltak \| Ansvarlig \| Frist \|/);
    expect(leader.errors).toEqual([]);
  });
});
