/** `?lang=nb|nn|en|uk` switches the demo page and the widgets inside it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
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

describe('language switch', () => {
  it('renders the page and the widgets in nb, nn, en and uk', async () => {
    const seen: Record<string, { h1: string; lead: string; addForm: string; interpreter: string }> = {};
    for (const lang of ['nb', 'nn', 'en', 'uk']) {
      const { page, context, errors } = await signIn(browser, demo, EXAMPLE_USERS.leader.id, lang);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      await page.locator('samrad-agenda button.start').first().waitFor();
      seen[lang] = {
        h1: (await page.locator('main h1').textContent())!.trim(),
        lead: (await page.locator('.portal-lead').textContent())!.trim(),
        addForm: await page.locator('samrad-actions form[part~="add-form"]').innerText(),
        interpreter: await page.locator('samrad-agenda [part~="interpreter"]').innerText(),
      };
      expect(errors).toEqual([]);
      await context.close();
    }
    expect(seen.nb!.h1).toBe('Samarbeidsmøte');
    expect(seen.en!.h1).toBe('Collaboration meeting');
    expect(seen.uk!.h1).toBe('Зустріч для співпраці');
    expect(new Set([seen.nb!.lead, seen.nn!.lead, seen.en!.lead, seen.uk!.lead]).size).toBe(4);
    // The widgets follow the page's lang: each language gives different words.
    expect(new Set([seen.nb!.addForm, seen.nn!.addForm, seen.en!.addForm, seen.uk!.addForm]).size).toBe(4);
    expect(seen.nn!.addForm).toMatch(/Ansvarleg/);
    expect(seen.en!.addForm).toMatch(/Owner/);
    expect(seen.uk!.addForm).toMatch(/Відповідальний/);
    // The agenda tells the leader, in each language, that the father needs an interpreter.
    expect(seen.nb!.interpreter).toContain('Tolk trengs: polsk (for Ola Nordby)');
    expect(seen.uk!.interpreter).toContain('Потрібен перекладач: polsk (для Ola Nordby)');
  });
});
