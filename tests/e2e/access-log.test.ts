/**
 * Who has opened the case, end to end: the teacher opens the demo case; the mother signs
 * in and sees that opening in <samrad-access-log>, loaded with her meeting's token. The
 * teacher's page has no access log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { EXAMPLE_USERS } from '@samrad/model';
import { ensureBuilt, launchChromium, signIn, startTestDemo, waitLive, type TestDemo } from './harness.js';

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

describe('who has opened the case', () => {
  it('the family sees the teacher’s opening; the teacher is not shown the log', async () => {
    const teacher = await signIn(browser, demo, EXAMPLE_USERS.teacher.id, 'en');
    await waitLive(teacher.page);
    expect(await teacher.page.locator('samrad-access-log').count()).toBe(0);

    const mother = await signIn(browser, demo, EXAMPLE_USERS.mother.id, 'en');
    await waitLive(mother.page);
    const log = mother.page.locator('samrad-access-log');
    await expect.poll(() => log.locator('tbody tr').filter({ hasText: EXAMPLE_USERS.teacher.name }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const row = log.locator('tbody tr').filter({ hasText: EXAMPLE_USERS.teacher.name }).first();
    expect(await row.textContent()).toContain('Professional, School');
    expect(await log.getByRole('table', { name: 'Openings of the case' }).count()).toBe(1);

    for (const c of [teacher.context, mother.context]) await c.close();
    expect([...teacher.errors, ...mother.errors]).toEqual([]);
  });
});
