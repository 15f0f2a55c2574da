/**
 * Times for a reader in another time zone: the page shows the meeting's time in the
 * reader's zone and names that zone; the downloaded minutes name the meeting's zone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { EXAMPLE_USERS } from '@samrad/model';
import { ensureBuilt, launchChromium, startTestDemo, waitLive, watchErrors, type TestDemo } from './harness.js';

let demo: TestDemo;
let browser: Browser;

beforeAll(async () => {
  ensureBuilt();
  demo = await startTestDemo();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

describe('time zones', () => {
  it('names the reader’s zone on screen and the meeting’s zone in the download', async () => {
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'America/New_York' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${demo.url}?lang=en`);
    await page.locator('#sign-in-person').selectOption(EXAMPLE_USERS.leader.id);
    await page.locator('#sign-in-form button[type=submit]').click();
    await waitLive(page);
    const shown = await page.locator('samrad-agenda').evaluate((el) => el.shadowRoot!.querySelector('dl.facts')!.textContent!);
    expect(shown).toContain('America/New_York');
    const html = await page.evaluate(() => new Promise<string>((resolve) => {
      const minutes = document.querySelector('samrad-minutes')!;
      minutes.addEventListener('samrad-minutes-export', (e) => { e.preventDefault(); resolve((e as CustomEvent<{ content: string }>).detail.content); }, { once: true });
      (minutes.shadowRoot!.querySelector('button[data-format="html"]') as HTMLButtonElement).click();
    }));
    expect(html).toContain('Europe/Oslo');
    await context.close();
    expect(errors).toEqual([]);
  });
});
