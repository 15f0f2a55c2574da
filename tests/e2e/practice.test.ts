/**
 * Practice mode in the demo portal: the fictitious case in the chosen role, entirely in
 * the page. No websocket is opened, so nothing typed while practising reaches the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { readStoredCase } from '../../apps/demo/seed.js';
import { ensureBuilt, launchChromium, startTestDemo, watchErrors, type TestDemo } from './harness.js';

let demo: TestDemo;
let browser: Browser;

beforeAll(async () => {
  ensureBuilt();
  demo = await startTestDemo();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

describe('practice mode', () => {
  it('runs the example case as a parent in the page alone and stores nothing', async () => {
    const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.goto(`${demo.url}?lang=nb`);
    await page.locator('#sign-in-role').selectOption('parent');
    await page.locator('#practice').click();

    await expect.poll(() => page.locator('samrad-meeting .status-text').textContent()).toContain('Øvingsmodus');
    await expect.poll(() => page.locator('#case-label').textContent()).toContain('Emma Fjellstad');
    // A parent's rights: they add an action they own, and it shows.
    const title = 'Øving: Kari ringer kontaktlæreren';
    const form = page.locator('samrad-actions form[part~="add-form"]');
    await form.locator('input[name="title"]').fill(title);
    await form.locator('button[type="submit"]').click();
    await page.locator('samrad-actions li[part~="row"]', { hasText: title }).waitFor();

    expect(sockets).toEqual([]);
    const stored = await readStoredCase({ baseUrl: demo.server.httpUrl });
    expect(stored.actions.length).toBeGreaterThan(0);
    expect(JSON.stringify(stored)).not.toContain(title);
    expect(errors).toEqual([]);
    await context.close();
  });
});
