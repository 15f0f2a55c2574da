/**
 * Every element on a phone: mounted with the example case in a portal's grid column
 * (`minmax(0, 1fr)`, so the column does not grow with its content) at 320 px, nothing
 * reaches past the column or scrolls sideways, and every control is a target of at
 * least 24 × 24 px. At 1280 px every column of the participants table is in view.
 */
import { expect } from '@esm-bundle/chai';
import { html, type TemplateResult } from 'lit';
import type { Role } from '@samrad/model';
import type { AccessLogEntry } from '../samrad-access-log/samrad-access-log.js';
import '../define.js';
import { expectNoAxeViolations, fixtureIn, openAllDetails, overflowProblems, seeded, settle, smallTargets, waitUntil } from './test-helpers.js';

const REPORT = {
  period: { from: '2026-01-01', to: '2026-12-31' },
  suppressBelow: 5,
  cases: 20,
  meetings: 24,
  meetingsByTemplate: { ressursteam: null, samarbeidsmote: 21 },
  childVoiceDocumented: { count: 18, of: 24, percent: 75 },
  actionsEvaluatedOnTime: { count: 10, of: 17, percent: 59 },
  familiesFeltHeard: { count: null, of: 12, percent: null },
  childrenFeltHeard: { count: null, of: null, percent: null },
  levelChanges: { up: 6, down: null, firstPlacement: 0 },
};

const ENTRIES: AccessLogEntry[] = [
  { at: '2026-11-20T10:15:00.000Z', name: 'Ingrid Haugen', role: 'professional', service: 'skole', document: 'restricted' },
  { at: '2026-11-19T08:30:00.000Z', name: 'Sofie Lie', role: 'leader', service: 'helsestasjon', document: 'shared' },
  { at: '2025-01-02T03:04:05.000Z', name: null, role: 'coordinator', document: 'shared' },
];

interface Variant { tag: string; role: Role; mode?: 'child' }

const TAGS = ['samrad-meeting', 'samrad-meetings', 'samrad-agenda', 'samrad-facilitation', 'samrad-child-voice', 'samrad-best-interest', 'samrad-actions',
  'samrad-minutes', 'samrad-feedback', 'samrad-participants', 'samrad-consent', 'samrad-case', 'samrad-notes', 'samrad-report', 'samrad-access-log', 'samrad-notices'];

const VARIANTS: Variant[] = [
  ...TAGS.flatMap((tag) => (['leader', 'parent'] as Role[]).map((role) => ({ tag, role }))),
  { tag: 'samrad-child-voice', role: 'child', mode: 'child' },
  { tag: 'samrad-feedback', role: 'child', mode: 'child' },
  { tag: 'samrad-feedback', role: 'parent', mode: 'child' },
];

const realFetch = window.fetch;
afterEach(() => { window.fetch = realFetch; });

/** The element with the example case (as `role`), built by hand so the column can hold it. */
function build({ tag, role, mode }: Variant): HTMLElement {
  const el = document.createElement(tag) as HTMLElement & Record<string, unknown>;
  if (mode) el.setAttribute('mode', mode);
  if (tag === 'samrad-report') el.report = REPORT;
  else if (tag === 'samrad-access-log') {
    window.fetch = (() => Promise.resolve(new Response(JSON.stringify({ entries: ENTRIES, more: true }), { status: 200, headers: { 'content-type': 'application/json' } }))) as typeof fetch;
    el.setAttribute('server', 'ws://samrad.test');
    el.setAttribute('case', 'c1');
    el.setAttribute('token', 't');
  } else el.model = seeded(role, { restricted: true }).model;
  if (tag === 'samrad-meeting') el.append(document.createElement('samrad-participants'), document.createElement('samrad-minutes'));
  return el;
}

/** Mounts the element in a portal-like grid column `width` px wide, every <details> open. */
async function inColumn(variant: Variant, width: number, lang = 'nb'): Promise<HTMLElement> {
  const el = build(variant);
  const column: TemplateResult = html`<div style="display:grid;grid-template-columns:minmax(0,1fr);width:${width}px;font:16px/1.5 system-ui,sans-serif">${el}</div>`;
  const container = await fixtureIn<HTMLElement>(column, lang);
  if (variant.tag === 'samrad-access-log') await waitUntil(() => (el as unknown as { status: string }).status !== 'loading', 'the access log loaded');
  await settle(el);
  await openAllDetails(el);
  expect(container.firstElementChild).to.equal(el);
  return el;
}

const name = (v: Variant) => `<${v.tag}> as ${v.role}${v.mode ? ` (mode=${v.mode})` : ''}`;

describe('every element on a phone', () => {
  for (const variant of VARIANTS) {
    for (const lang of ['nb', 'nn', 'en', 'uk']) {
      it(`${name(variant)} fits a 320 px grid column with 24 px targets (${lang})`, async () => {
        const el = await inColumn(variant, 320, lang);
        expect(el.getBoundingClientRect().width).to.be.closeTo(320, 1);
        expect(overflowProblems(el), `${name(variant)} at 320 px`).to.deep.equal([]);
        expect(smallTargets(el), `${name(variant)} targets`).to.deep.equal([]);
        await expectNoAxeViolations(el);
        // Its narrowest width (what a `1fr` column or a flex row cannot go below) is a phone's.
        const column = el.parentElement!;
        column.style.width = 'min-content';
        column.style.display = 'block';
        expect(el.getBoundingClientRect().width, `${name(variant)} min-content width`).to.be.at.most(320);
      });
    }
  }

  it('shows every column of the participants at 1280 px, without a sideways scrollbar', async () => {
    for (const role of ['leader', 'parent'] as Role[]) {
      const el = await inColumn({ tag: 'samrad-participants', role }, 1280);
      expect(overflowProblems(el)).to.deep.equal([]);
      const host = el.getBoundingClientRect();
      const headers = [...el.shadowRoot!.querySelectorAll('thead th')];
      expect(headers.length).to.be.at.least(role === 'leader' ? 6 : 5);
      for (const cell of el.shadowRoot!.querySelectorAll('th, td')) {
        const box = cell.getBoundingClientRect();
        expect(box.width, cell.textContent ?? '').to.be.greaterThan(0);
        expect(box.right, cell.textContent ?? '').to.be.at.most(host.right + 1);
      }
    }
  });

  it('<samrad-participants> with a row being edited and a removal to confirm fits 320 px', async () => {
    const el = await inColumn({ tag: 'samrad-participants', role: 'leader' }, 320);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-remove]')!.click();
    await settle(el);
    el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[data-edit]')[1]!.click();
    await settle(el);
    expect(el.shadowRoot!.querySelector('#edit-name')).to.not.equal(null);
    expect(overflowProblems(el)).to.deep.equal([]);
    expect(smallTargets(el)).to.deep.equal([]);
  });
});
