/**
 * A whole meeting by keyboard alone, in Chromium: sign in, start and finish an agenda item,
 * record a decision, lock the minutes — every step reached with Tab and done with Enter or
 * typing, never a pointer. After every action focus is on a control or heading, never on
 * `<body>`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

/** What has focus, through shadow roots: its host element's tag (if in a shadow root), and whether it matches `selector`. */
function focused(page: Page, host: string | null, selector: string): Promise<{ body: boolean; match: boolean; label: string }> {
  return page.evaluate(([host, selector]) => {
    let el = document.activeElement;
    let within: Element | null = null;
    while (el?.shadowRoot?.activeElement) {
      within = el;
      el = el.shadowRoot.activeElement;
    }
    const body = !el || el === document.body;
    const inHost = host === null ? true : within?.localName === host;
    return { body, match: !body && inHost && !!el!.matches(selector), label: el ? `${within?.localName ?? ''} ${el.localName}#${el.id}.${el.className}` : 'none' };
  }, [host, selector] as const);
}

/**
 * Presses Tab until focus is on `selector` (inside `host`'s shadow root, when given). Focus
 * passes the browser's own controls when Tab wraps past the page's end; that is not an action.
 */
async function tabTo(page: Page, host: string | null, selector: string, max = 800): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focused(page, host, selector)).match) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${host ?? ''} ${selector}`);
}

/** After an action: focus is somewhere sensible, not on <body>. */
async function expectFocusKept(page: Page, what: string): Promise<void> {
  await page.waitForTimeout(100);
  const now = await focused(page, null, '*');
  expect(now.body, `focus fell to <body> after ${what}`).toBe(false);
}

describe('a meeting by keyboard alone', () => {
  it('signs in, runs an item, records a decision and locks the minutes without a pointer', async () => {
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Oslo' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${demo.url}?lang=en`);

    // Sign in: choose the leader in the list with the arrow keys, then the button.
    await tabTo(page, null, '#sign-in-person');
    for (let i = 0; i < 20; i++) {
      if (await page.locator('#sign-in-person').inputValue() === EXAMPLE_USERS.leader.id) break;
      await page.keyboard.press('ArrowDown');
    }
    expect(await page.locator('#sign-in-person').inputValue()).toBe(EXAMPLE_USERS.leader.id);
    await tabTo(page, null, '#sign-in-form button[type=submit]');
    await page.keyboard.press('Enter');
    await waitLive(page);
    await expectFocusKept(page, 'signing in');

    // Start the first agenda item, then finish it.
    await tabTo(page, 'samrad-agenda', 'button.start');
    await page.keyboard.press('Enter');
    await expectFocusKept(page, 'starting an item');
    await tabTo(page, 'samrad-agenda', 'button.complete');
    await page.keyboard.press('Enter');
    await expectFocusKept(page, 'finishing an item');

    // A decision under an item: open its notes and decisions (Enter on the summary), type it, Enter submits.
    await tabTo(page, 'samrad-agenda', 'summary');
    await page.keyboard.press('Enter');
    await tabTo(page, 'samrad-agenda', '[name="decision"]');
    await page.keyboard.type('The school keeps the morning meeting until the next evaluation.');
    await page.keyboard.press('Enter');
    await expectFocusKept(page, 'adding a decision');

    // Lock the minutes.
    await tabTo(page, 'samrad-minutes', '#finalise');
    await page.keyboard.press('Enter');
    await expectFocusKept(page, 'opening the lock step');
    await tabTo(page, 'samrad-minutes', '#confirm-finalise');
    await page.keyboard.press('Enter');
    await expectFocusKept(page, 'locking the minutes');
    await expect.poll(() => page.evaluate(() => {
      const m = document.querySelector('samrad-meeting') as HTMLElement & { model?: { snapshot(): { meetings: Array<{ state: string }> } } };
      return m.model?.snapshot().meetings.at(-1)?.state;
    }), { timeout: 10_000 }).toBe('finalised');

    await context.close();
    expect(errors).toEqual([]);
  });
});
