/**
 * The minutes' archive copy, printed to PDF in Chromium and read back: the header names
 * case, meeting, date and version on every page, no control text is printed, and sections
 * are kept whole. The demo's print button fires the event with the same HTML.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { EXAMPLE_USERS } from '@samrad/model';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ensureBuilt, launchChromium, signIn, startTestDemo, type TestDemo } from './harness.js';

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

/** The text of each page of a PDF. */
async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  return pages;
}

describe('printing the minutes', () => {
  it('gives a clean archive PDF of the locked earlier meeting: header on every page, no controls', async () => {
    const leader = await signIn(browser, demo, EXAMPLE_USERS.leader.id, 'en');
    const page = leader.page;
    // The demo's server sends notices to the example receiver; the leader sees them listed.
    await expect.poll(() => page.locator('samrad-notices tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // Show the earlier meeting, whose minutes are locked (version 1).
    const picker = page.locator('samrad-meetings #m-pick');
    const earlier = await picker.locator('option').last().getAttribute('value');
    await picker.selectOption(earlier!);
    const html = await page.evaluate(() => new Promise<string>((resolve) => {
      const minutes = document.querySelector('samrad-minutes')!;
      minutes.addEventListener('samrad-minutes-print', (e) => { e.preventDefault(); resolve((e as CustomEvent<{ content: string }>).detail.content); }, { once: true });
      (minutes.shadowRoot!.querySelector('button[data-action="print"]') as HTMLButtonElement).click();
    }));
    const printPage = await leader.context.newPage();
    await printPage.setContent(html);
    const pages = await pdfPages(await printPage.pdf({ preferCSSPageSize: true }));
    expect(pages.length).toBeGreaterThan(0);
    for (const text of pages) {
      expect(text).toContain('Child: Emma Fjellstad');
      expect(text).toContain('version 1');
      expect(text).toMatch(/\d+ \/ \d+/);
    }
    const all = pages.join('\n');
    expect(all).toContain('Minutes');
    expect(all).not.toMatch(/Download|Print or save as PDF|Undo/);
    await leader.context.close();
    expect(leader.errors).toEqual([]);
  });
});
