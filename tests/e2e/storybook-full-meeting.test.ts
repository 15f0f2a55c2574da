/**
 * A whole meeting run in Storybook's "full meeting" story, in Chromium: agenda from a
 * template, the shared countdown, the child's voice, the assessment, evaluating a carried
 * action and adding one, a decision, finalising. Uses the static Storybook build, which
 * the test command makes just before the end-to-end step (built here when missing).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, ROOT, watchErrors } from './harness.js';

const STATIC = join(ROOT, 'storybook-static');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

let server: http.Server;
let base = '';
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(STATIC, 'iframe.html'))) {
    const r = spawnSync('pnpm', ['run', 'storybook:build'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('storybook build failed');
  }
  server = http.createServer(async (req, res) => {
    const path = normalize(join(STATIC, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (!path.startsWith(STATIC)) { res.writeHead(403); res.end(); return; }
    try {
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

describe('Storybook full meeting', () => {
  it('runs a meeting from template to finalised minutes', async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${base}/iframe.html?id=full-meeting--full-meeting&viewMode=story`);
    const agenda = page.locator('samrad-agenda');

    await agenda.locator('form.create textarea[name="purpose"]').fill('Evaluere tiltakene og bli enige om veien videre.');
    await agenda.locator('form.create select[name="template"]').selectOption('samarbeidsmote');
    await agenda.locator('form.create button[type="submit"]').click();
    await agenda.locator('li.item').first().waitFor();
    const items = await agenda.locator('li.item .title').allTextContents();
    expect(items).toHaveLength(11);
    expect(items[0]).toBe('Formål og roller');

    const voiceRow = agenda.locator('li.item', { has: page.locator('.title', { hasText: 'Barnets stemme' }) });
    await voiceRow.locator('button.start').click();
    const timer = voiceRow.locator('[role="timer"]');
    await timer.waitFor();
    const t1 = await timer.textContent();
    await expect.poll(() => timer.textContent(), { timeout: 5000 }).not.toBe(t1);
    expect(await voiceRow.getAttribute('aria-current')).toBeTruthy();

    const voice = page.locator('samrad-child-voice');
    await voice.locator('select[name="participation"]').selectOption('conversation-before');
    await voice.locator('textarea[name="mattersMost"]').fill('Å ha noen å være sammen med i friminuttene.');
    await voice.locator('button[type="submit"].primary').first().click();
    await page.waitForFunction(() => (document.querySelector('samrad-meeting') as unknown as { model: { snapshot(): { voice: Array<{ mattersMost: string }> } } })
      .model.snapshot().voice.some((v) => v.mattersMost.includes('friminuttene')), null, { timeout: 5000 });

    const bi = page.locator('samrad-best-interest');
    if (await bi.locator('textarea[id^="el-"]').count() === 0) await bi.locator('button.primary').first().click();
    await bi.locator('textarea[id^="el-"]').first().fill('Emma ønsker en venn i friminuttene.');
    await bi.locator('button[type="submit"][part="save"]').click();
    await page.waitForFunction(() => (document.querySelector('samrad-meeting') as unknown as { model: { snapshot(): { assessments: Array<{ content: { elements: Record<string, string> } }> } } })
      .model.snapshot().assessments.some((a) => Object.values(a.content.elements).some((t) => t.includes('venn i friminuttene'))), null, { timeout: 5000 });

    const actions = page.locator('samrad-actions');
    expect(await actions.locator('li.action .carried').count()).toBeGreaterThan(0);
    const morning = actions.locator('li.action', { has: page.locator('.what', { hasText: 'Fast morgenmøte' }) });
    await morning.locator('button.toggle').click();
    await morning.locator('form.evaluate select[name="effect"]').selectOption('achieved');
    await morning.locator('form.evaluate select[name="decision"]').selectOption('close');
    await morning.locator('form.evaluate textarea[name="evidence"]').fill('Emma møter til første time 5 av 5 dager.');
    await morning.locator('form.evaluate button[type="submit"]').click();
    await expect.poll(() => actions.locator('li.action .what', { hasText: 'Fast morgenmøte' }).count()).toBe(0);
    await actions.locator('#add-title').fill('Lekegruppe i storefri');
    await actions.locator('#add-title').press('Enter');
    await actions.locator('li.action .what', { hasText: 'Lekegruppe i storefri' }).waitFor();

    const newActions = agenda.locator('li.item', { has: page.locator('.title', { hasText: 'Nye tiltak' }) });
    await newActions.locator('summary').click();
    await newActions.locator('form.decide input[name="decision"]').fill('Skolen starter lekegruppe i storefri.');
    await newActions.locator('form.decide input[name="decision"]').press('Enter');
    await newActions.locator('ul.decisions').waitFor();

    const minutes = page.locator('samrad-minutes');
    await minutes.locator('#finalise').click();
    await minutes.locator('#confirm-finalise').click();
    await page.waitForFunction(() => document.querySelector('samrad-agenda')?.shadowRoot?.textContent?.includes('Ferdigstilt av'));
    expect(await agenda.locator('li.item button, li.item textarea').count()).toBe(0);
    // Storybook's preview asks for files a static build does not have (404s); anything else is a failure.
    expect(errors.filter((e) => !e.includes('status of 404'))).toEqual([]);
    await page.close();
  });
});
