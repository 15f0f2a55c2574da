/**
 * The consent gate, end to end: the PPT adviser takes part while the family's consent
 * covers PPT; the leader withdraws PPT in <samrad-consent>; the adviser's page loses
 * access at once and says why, and signing in again is refused too. The school stays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { EXAMPLE_USERS } from '@samrad/model';
import { ensureBuilt, launchChromium, signIn, startTestDemo, type TestDemo } from './harness.js';

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

const connection = (page: Page) => page.evaluate(() => (document.querySelector('samrad-meeting') as HTMLElement & { connection: { state: string; reason?: string } }).connection);
const statusLine = (page: Page) => page.locator('samrad-meeting .status-text').textContent();

describe('consent gate', () => {
  it('a partial withdrawal ends the withdrawn service\'s access live, and a new sign-in is refused', async () => {
    const leader = await signIn(browser, demo, EXAMPLE_USERS.leader.id);
    const ppt = await signIn(browser, demo, EXAMPLE_USERS.ppt.id);
    const teacher = await signIn(browser, demo, EXAMPLE_USERS.teacher.id);
    await expect.poll(() => ppt.page.locator('#case-label').textContent()).toContain('Emma Fjellstad');

    const consent = leader.page.locator('samrad-consent');
    await consent.getByRole('button', { name: 'Trekk tilbake …' }).first().click();
    await consent.locator('input[name="withdraw-service"][value="ppt"]').check();
    await consent.locator('textarea[id^="wd-reason-"]').fill('Foreldrene vil vente med PPT.');
    await consent.locator('button[data-action="withdraw-selected"]').click();

    await expect.poll(() => connection(ppt.page), { timeout: 10_000 }).toMatchObject({ state: 'refused', reason: 'consent-missing' });
    expect(await statusLine(ppt.page)).toContain('det finnes ikke noe gyldig samtykke');
    // The page stops showing the case.
    await expect.poll(() => ppt.page.locator('samrad-actions li[part~="row"]').count()).toBe(0);
    // The school's consent stands.
    await new Promise((r) => setTimeout(r, 300));
    expect((await connection(teacher.page)).state).toBe('live');

    // Signing in again with a fresh token does not bring access back.
    const again = await browser.newContext();
    const page = await again.newPage();
    await page.goto(`${demo.url}?lang=nb`);
    await page.locator('#sign-in-person').selectOption(EXAMPLE_USERS.ppt.id);
    await page.locator('#sign-in-form button[type=submit]').click();
    await expect.poll(() => connection(page), { timeout: 10_000 }).toMatchObject({ state: 'refused', reason: 'consent-missing' });
    // Nothing of the case reached that page.
    expect(await page.evaluate(() => (document.querySelector('samrad-meeting') as HTMLElement & { model?: { snapshot(): { case?: unknown; actions: unknown[] } } }).model?.snapshot().actions.length ?? 0)).toBe(0);

    for (const c of [leader.context, ppt.context, teacher.context, again]) await c.close();
    expect([...leader.errors, ...teacher.errors]).toEqual([]);
  });
});
