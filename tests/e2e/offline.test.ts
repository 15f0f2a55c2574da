/**
 * Offline and back: the parent's browser loses the network, edits an action and adds
 * one while the leader keeps working online, then reconnects. Both screens and the
 * server end with every edit from both sides.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { EXAMPLE_USERS } from '@samrad/model';
import { readStoredCase } from '../../apps/demo/seed.js';
import { ensureBuilt, launchChromium, proxyTo, signIn, startTestDemo, waitLive, type NetworkSwitch, type TestDemo } from './harness.js';

let demo: TestDemo;
let browser: Browser;
let network: NetworkSwitch;

beforeAll(async () => {
  ensureBuilt();
  demo = await startTestDemo();
  browser = await launchChromium();
  network = await proxyTo(demo.server.port);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await network?.close();
  await demo?.stop();
});

const row = (page: Page, title: string) => page.locator('samrad-actions li[part~="row"]', { hasText: title });
/** The status an action shows: its status menu where this user may change it, else the model the widgets render from. */
async function statusOf(page: Page, title: string): Promise<string | undefined> {
  const select = row(page, title).locator('select.status');
  if (await select.count()) return select.inputValue();
  return page.evaluate((t) => (document.querySelector('samrad-meeting') as HTMLElement & { model: { snapshot(): { actions: Array<{ title: string; status: string }> } } })
    .model.snapshot().actions.find((a) => a.title === t)?.status, title);
}
const connectionState = (page: Page) => page.evaluate(() => (document.querySelector('samrad-meeting') as HTMLElement & { connection: { state: string } }).connection.state);

async function addAction(page: Page, title: string): Promise<void> {
  const form = page.locator('samrad-actions form[part~="add-form"]');
  await form.locator('input[name="title"]').fill(title);
  await form.locator('button[type="submit"]').click();
  await row(page, title).waitFor();
}

describe('offline edits', () => {
  it('merges what the parent did offline with what the leader did meanwhile, losing nothing', async () => {
    const leader = await signIn(browser, demo, EXAMPLE_USERS.leader.id);
    // The parent's browser reaches the server through a line the test can cut.
    const parent = await signIn(browser, network, EXAMPLE_USERS.mother.id);
    const parentsAction = 'Foreldrene lager en fast morgenrutine hjemme';
    const pptAction = 'Utredning av lese- og skrivevansker';
    expect(await statusOf(parent.page, parentsAction)).toBe('planned');

    // The parent's browser goes offline (the browser says so, and the line is really cut), and the widgets show it.
    await parent.context.setOffline(true);
    network.cut();
    await expect.poll(() => connectionState(parent.page), { timeout: 15_000 }).toBe('offline');

    // Offline: the parent starts on their action and adds a new one.
    await row(parent.page, parentsAction).locator('select.status').selectOption('in-progress');
    const parentsNew = 'Kari ringer skolen før kl. 08 når Emma er syk';
    await addAction(parent.page, parentsNew);

    // Meanwhile, online: the leader adds an action and moves another one on.
    const leadersNew = 'Helsesykepleier avtaler samtale med fastlegen';
    await addAction(leader.page, leadersNew);
    await row(leader.page, pptAction).locator('select.status').selectOption('in-progress');

    // While apart, neither sees the other's edits: the test would be empty otherwise.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await row(leader.page, parentsNew).count()).toBe(0);
    expect(await statusOf(leader.page, parentsAction)).toBe('planned');
    expect(await row(parent.page, leadersNew).count()).toBe(0);
    expect(await statusOf(parent.page, pptAction)).toBe('planned');
    const unsynced = await parent.page.evaluate(() => (document.querySelector('samrad-meeting') as HTMLElement & { connection: { unsynced: number } }).connection.unsynced);
    expect(unsynced).toBeGreaterThan(0);

    // Back online: the client reconnects by itself and both sides converge.
    network.restore();
    await parent.context.setOffline(false);
    await waitLive(parent.page, 30_000);
    for (const page of [leader.page, parent.page]) {
      await row(page, parentsNew).waitFor({ timeout: 15_000 });
      await row(page, leadersNew).waitFor({ timeout: 15_000 });
      await expect.poll(() => statusOf(page, parentsAction), { timeout: 15_000 }).toBe('in-progress');
      await expect.poll(() => statusOf(page, pptAction), { timeout: 15_000 }).toBe('in-progress');
    }

    // And the server stored all four edits.
    const stored = await readStoredCase({ baseUrl: demo.server.httpUrl });
    const byTitle = new Map(stored.actions.map((a) => [a.title, a]));
    expect(byTitle.get(parentsAction)?.status).toBe('in-progress');
    expect(byTitle.get(pptAction)?.status).toBe('in-progress');
    expect(byTitle.has(parentsNew)).toBe(true);
    expect(byTitle.has(leadersNew)).toBe(true);
    expect(stored.actions).toHaveLength(7);

    expect(leader.errors).toEqual([]);
    // A dropped socket may log one failed reconnect attempt; nothing else.
    expect(parent.errors.filter((e) => !/WebSocket|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
    await leader.context.close();
    await parent.context.close();
  });
});
