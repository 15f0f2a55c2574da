/**
 * Two people type into the same agenda notes at the same moment, each in their own
 * Chromium, through the real server. Both texts survive on both pages, and each
 * person's caret stays where they were typing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { EXAMPLE_USERS } from '@samrad/model';
import { ensureBuilt, launchChromium, signIn, startTestDemo, type TestDemo } from './harness.js';

let demo: TestDemo;
let browser: Browser;

beforeAll(async () => {
  ensureBuilt();
  demo = await startTestDemo({ dir: undefined });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const state = (notes: Locator) => notes.evaluate((el: HTMLTextAreaElement) => ({ value: el.value, start: el.selectionStart, end: el.selectionEnd, focused: (el.getRootNode() as ShadowRoot).activeElement === el }));

describe('typing together in one text field', () => {
  it('merges two people typing in the same agenda notes, keeping each caret where that person types', async () => {
    const leader = await signIn(browser, demo, EXAMPLE_USERS.leader.id);
    const teacher = await signIn(browser, demo, EXAMPLE_USERS.teacher.id);
    const notesOf = async (page: typeof leader.page) => {
      const row = page.locator('samrad-agenda li[part~="row"]').first();
      await row.locator('details').evaluate((d: HTMLDetailsElement) => { d.open = true; });
      return row.locator('textarea[name="notes"]');
    };
    const a = await notesOf(leader.page);
    const b = await notesOf(teacher.page);

    // The leader writes a first line; the teacher sees it live.
    await a.click();
    await a.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
    await leader.page.keyboard.type('Felles notat.');
    await expect.poll(() => b.inputValue(), { timeout: 10_000 }).toContain('Felles notat.');
    const base = await a.inputValue();

    // The leader's caret at the start, the teacher's in the middle (after "Felles"); both type at once.
    const k = base.indexOf('Felles') + 'Felles'.length;
    await a.evaluate((el: HTMLTextAreaElement) => { el.focus(); el.setSelectionRange(0, 0); });
    await b.evaluate((el: HTMLTextAreaElement, at: number) => { el.focus(); el.setSelectionRange(at, at); }, k);
    const mine = 'Leder skriver først. ';
    const yours = ' (lærer og leder)';
    await Promise.all([
      leader.page.keyboard.type(mine, { delay: 40 }),
      teacher.page.keyboard.type(yours, { delay: 40 }),
    ]);

    const expected = `${mine}${base.slice(0, k)}${yours}${base.slice(k)}`;
    await expect.poll(() => a.inputValue(), { timeout: 15_000 }).toBe(expected);
    await expect.poll(() => b.inputValue(), { timeout: 15_000 }).toBe(expected);

    const sa = await state(a);
    const sb = await state(b);
    expect(sa.focused).toBe(true);
    expect(sb.focused).toBe(true);
    // The leader's caret is right after what the leader typed, though the teacher's text arrived meanwhile.
    expect([sa.start, sa.end]).toEqual([mine.length, mine.length]);
    // The teacher's caret is right after what the teacher typed, though the leader's text arrived before it.
    const teacherCaret = mine.length + k + yours.length;
    expect([sb.start, sb.end]).toEqual([teacherCaret, teacherCaret]);

    expect(leader.errors).toEqual([]);
    expect(teacher.errors).toEqual([]);
    await leader.context.close();
    await teacher.context.close();
  }, 120_000);
});
