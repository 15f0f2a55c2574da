/**
 * The demo, end to end: two people in two browser contexts on one real server. The
 * parent adds an action through the UI and the leader sees it live; the leader starts
 * the agenda countdown and the parent sees the same item active; the leader finalises
 * and the parent sees the minutes locked. Then the server restarts on the same SQLite
 * file and everything is still there, without a second seeding.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { EXAMPLE_USERS } from '@samrad/model';
import { readStoredCase } from '../../apps/demo/seed.js';
import { ensureBuilt, launchChromium, signIn, startTestDemo, type TestDemo } from './harness.js';

let demo: TestDemo;
let browser: Browser;

beforeAll(async () => {
  ensureBuilt();
  demo = await startTestDemo({ dir: undefined });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const actionRow = (page: Page, title: string) => page.locator('samrad-actions li[part~="row"]', { hasText: title });

describe('two people in one meeting', () => {
  it('shares actions, the agenda countdown and finalising live, and keeps them across a restart', async () => {
    expect(demo.seeded).toBe(true);
    const leader = await signIn(browser, demo, EXAMPLE_USERS.leader.id);
    const parent = await signIn(browser, demo, EXAMPLE_USERS.mother.id);

    // Every widget of the library is on the page and registered.
    const tags = ['samrad-meeting', 'samrad-agenda', 'samrad-child-voice', 'samrad-best-interest', 'samrad-actions', 'samrad-minutes', 'samrad-participants', 'samrad-consent',
      'samrad-case', 'samrad-facilitation', 'samrad-feedback'];
    expect(await leader.page.evaluate((list) => list.filter((t) => !customElements.get(t) || !document.querySelector(t)?.shadowRoot), tags)).toEqual([]);

    // Both see the seeded case in the portal's own header line.
    await expect.poll(() => leader.page.locator('#case-label').textContent()).toContain('Emma Fjellstad');

    // The parent adds an action through the form; the leader sees it without reloading.
    const title = 'Kari følger Emma til skolen på mandager';
    const form = parent.page.locator('samrad-actions form[part~="add-form"]');
    await form.locator('input[name="title"]').fill(title);
    await form.locator('button[type="submit"]').click();
    await actionRow(parent.page, title).waitFor();
    await actionRow(leader.page, title).waitFor({ timeout: 10_000 });
    expect(await actionRow(leader.page, title).count()).toBe(1);

    // The leader starts the countdown on the third item; the parent sees that item active.
    const leaderItems = leader.page.locator('samrad-agenda li[part~="row"]');
    const third = leaderItems.nth(2);
    const itemTitle = (await third.locator('.title').textContent())!.trim();
    await third.locator('button.start').click();
    await leader.page.locator('samrad-agenda li[aria-current="step"]').waitFor();
    const parentActive = parent.page.locator('samrad-agenda li[aria-current="step"]');
    await parentActive.waitFor({ timeout: 10_000 });
    expect((await parentActive.locator('.title').textContent())!.trim()).toBe(itemTitle);
    expect(await parent.page.locator('samrad-agenda li[aria-current="step"]').count()).toBe(1);
    // The parent may watch the countdown but not drive it.
    expect(await parent.page.locator('samrad-agenda button.start').count()).toBe(0);

    // The leader finalises (no decision in this meeting yet, so a reason is asked for).
    const finalised = leader.page.evaluate(() => new Promise<string>((resolve) => {
      document.addEventListener('samrad-meeting-finalised', (e) => resolve((e as CustomEvent<{ meetingId: string }>).detail.meetingId), { once: true });
    }));
    const minutes = leader.page.locator('samrad-minutes');
    await minutes.locator('#finalise').click();
    const reason = minutes.locator('#no-decision');
    if (await reason.count()) await reason.fill('Tiltakene fortsetter som før; ny vurdering i neste møte.');
    await minutes.locator('#confirm-finalise').click();
    expect(await finalised).toMatch(/\S/);

    // The parent sees the minutes locked, live.
    await parent.page.locator('samrad-minutes [part~="state"].finalised').waitFor({ timeout: 10_000 });
    await leader.page.locator('samrad-minutes [part~="state"].finalised').waitFor();
    expect(await leader.page.locator('samrad-minutes #finalise').count()).toBe(0);

    expect(leader.errors).toEqual([]);
    expect(parent.errors).toEqual([]);
    await leader.context.close();
    await parent.context.close();

    // Restart on the same database: the case is read back, not seeded again.
    const dir = demo.dir;
    await demo.close();
    const again = await startTestDemo({ dir });
    try {
      expect(again.seeded).toBe(false);
      const snap = await readStoredCase({ baseUrl: again.server.httpUrl });
      expect(snap.actions.filter((a) => a.title === title)).toHaveLength(1);
      // Today's meeting, finalised in the browser, and the earlier one the seed finalised.
      expect(snap.meetings.map((m) => m.state)).toEqual(['finalised', 'finalised']);
      expect(snap.participants).toHaveLength(7);
    } finally {
      await again.stop();
    }
    // stop() of the first instance would remove the directory; the second owns it now.
    demo = { ...demo, stop: async () => {} };
  });
});
