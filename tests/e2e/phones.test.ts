/**
 * The demo portal on a phone and on a desktop: a parent signs in on a 375 px phone and
 * the leader on a 1280 px screen. Nothing is wider than the screen, no widget scrolls
 * sideways, and at 1280 px every column of the participants is in view. Full-page
 * screenshots go to test-output/phones/ for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { EXAMPLE_USERS } from '@samrad/model';
import { ensureBuilt, launchChromium, ROOT, signIn, startTestDemo, type TestDemo } from './harness.js';

const OUT = join(ROOT, 'test-output', 'phones');

let demo: TestDemo;
let browser: Browser;

beforeAll(async () => {
  ensureBuilt();
  mkdirSync(OUT, { recursive: true });
  demo = await startTestDemo();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

interface Fit {
  innerWidth: number;
  pageWidth: number;
  /** samrad-* elements reaching past the screen's right edge, or scrolling sideways inside. */
  tooWide: string[];
  /** Portal cards around the widgets that scroll sideways. */
  scrollingCards: string[];
}

/** Measures, in the page, what reaches past the screen. */
function measure(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const elements = [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('samrad-'));
    const tooWide: string[] = [];
    for (const el of elements) {
      const box = el.getBoundingClientRect();
      if (!box.width) continue;
      if (box.right > innerWidth + 0.5) tooWide.push(`<${el.localName}> ends at ${Math.round(box.right)} px`);
      if (el.scrollWidth > el.clientWidth + 1) tooWide.push(`<${el.localName}> scrolls sideways: ${el.scrollWidth} > ${el.clientWidth}`);
    }
    const scrollingCards = [...document.querySelectorAll<HTMLElement>('.widget')]
      .filter((c) => c.scrollWidth > c.clientWidth + 1)
      .map((c) => `${c.firstElementChild?.localName}: ${c.scrollWidth} > ${c.clientWidth}`);
    return { innerWidth, pageWidth: document.documentElement.scrollWidth, tooWide, scrollingCards };
  });
}

/** Waits until every widget has rendered its content (not only its shell). */
async function widgetsRendered(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const elements = [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('samrad-'));
    return elements.length >= 10 && elements.every((e) => (e.shadowRoot?.childElementCount ?? 0) > 0);
  }, undefined, { timeout: 20_000 });
  await page.evaluate(() => document.fonts.ready);
}

/** One screenshot per widget, easier to look at than the whole long page. */
async function screenshotEach(page: Page, prefix: string): Promise<void> {
  const tags = await page.evaluate(() => [...new Set([...document.querySelectorAll('*')].map((e) => e.localName).filter((n) => n.startsWith('samrad-') && n !== 'samrad-meeting'))]);
  for (const tag of tags) await page.locator(tag).first().screenshot({ path: join(OUT, `${prefix}-${tag}.png`) });
}

describe('the demo on a phone and on a desktop', () => {
  it('a parent on a 375 × 812 phone: nothing is wider than the screen', async () => {
    const { context, page, errors } = await signIn(browser, demo, EXAMPLE_USERS.mother.id, 'nb', {
      viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
    });
    await widgetsRendered(page);
    await page.screenshot({ path: join(OUT, 'parent-375.png'), fullPage: true });
    await screenshotEach(page, 'parent-375');
    const fit = await measure(page);
    expect(fit.innerWidth).toBe(375);
    expect(fit.tooWide).toEqual([]);
    expect(fit.scrollingCards).toEqual([]);
    expect(fit.pageWidth).toBeLessThanOrEqual(fit.innerWidth);
    // The parent's own attendance is within reach on the phone.
    const own = page.locator('samrad-participants select[data-field="attendance"]');
    await expect.poll(() => own.count()).toBeGreaterThan(0);
    const box = (await own.first().boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    expect(box.height).toBeGreaterThanOrEqual(24);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the leader at 1280 × 800: nothing is wider than the screen and every column of the participants is in view', async () => {
    const { context, page, errors } = await signIn(browser, demo, EXAMPLE_USERS.leader.id, 'nb', { viewport: { width: 1280, height: 800 } });
    await widgetsRendered(page);
    await page.screenshot({ path: join(OUT, 'leader-1280.png'), fullPage: true });
    await screenshotEach(page, 'leader-1280');
    const fit = await measure(page);
    expect(fit.innerWidth).toBe(1280);
    expect(fit.tooWide).toEqual([]);
    expect(fit.scrollingCards).toEqual([]);
    expect(fit.pageWidth).toBeLessThanOrEqual(fit.innerWidth);
    // Attendance, preparation, interpreter and "Endre" for every participant: shown, inside the card.
    const cells = await page.evaluate(() => {
      const el = document.querySelector('samrad-participants')!;
      const card = (el.closest('.widget') ?? el).getBoundingClientRect();
      return [...el.shadowRoot!.querySelectorAll('tbody tr')].flatMap((tr) => [...tr.children].map((cell) => {
        const box = cell.getBoundingClientRect();
        return { text: (cell.textContent ?? '').trim().slice(0, 30), shown: box.width > 0 && box.height > 0, inside: box.left >= card.left - 0.5 && box.right <= card.right + 0.5 };
      }));
    });
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.filter((c) => !c.shown || !c.inside)).toEqual([]);
    const edit = page.locator('samrad-participants button[data-edit]').first();
    const editBox = (await edit.boundingBox())!;
    expect(editBox.x + editBox.width).toBeLessThanOrEqual(1280);
    expect(errors).toEqual([]);
    await context.close();
  });
});
