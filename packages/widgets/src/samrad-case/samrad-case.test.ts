import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
// The test writes a broken entry the way an old version would: with plain Yjs.
// eslint-disable-next-line no-restricted-imports
import * as Y from 'yjs';
import { LOCALES, MeetingModel, type Role } from '@samrad/model';
import { expectNoAxeViolations, fixtureIn, linkedModels, seeded, settle, typeInto, userFor, waitUntil } from '../shared/test-helpers.js';
import type { HandoverDetail, SamradCase } from './samrad-case.js';
import type { SamradLevel } from '../samrad-level/samrad-level.js';
import './define.js';

async function mount(model: MeetingModel, lang = 'nb'): Promise<SamradCase> {
  return fixtureIn<SamradCase>(html`<samrad-case .model=${model}></samrad-case>`, lang);
}

/** Elements matching `selector` in the case's shadow root and in the shadow roots of the elements it composes. */
function deep<E extends Element = HTMLElement>(el: Element, selector: string): E[] {
  const out: E[] = [];
  const walk = (root: ShadowRoot) => {
    out.push(...root.querySelectorAll<E>(selector));
    for (const child of root.querySelectorAll('*')) if (child.shadowRoot) walk(child.shadowRoot);
  };
  if (el.shadowRoot) walk(el.shadowRoot);
  return out;
}
function deep1<E extends Element = HTMLElement>(el: Element, selector: string): E {
  const found = deep<E>(el, selector)[0];
  if (!found) throw new Error(`no ${selector} in <${el.localName}> or the elements it composes`);
  return found;
}
/** Text of the case and of the elements it composes, whitespace collapsed. */
function deepText(el: Element): string {
  const parts: string[] = [];
  const walk = (root: ShadowRoot) => {
    parts.push(root.textContent ?? '');
    for (const child of root.querySelectorAll('*')) if (child.shadowRoot) walk(child.shadowRoot);
  };
  if (el.shadowRoot) walk(el.shadowRoot);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}
const level = (el: SamradCase) => el.shadowRoot!.querySelector<SamradLevel>('samrad-level')!;
const kinds = (el: Element) => deep(el, 'ol.timeline li').map((li) => li.dataset.kind);
const daysAgo = (n: number, hours = 0) => new Date(Date.now() - n * 86_400_000 + hours * 3_600_000).toISOString();

const PARTS = ['coordinator', 'level', 'deadline', 'welfare', 'goals', 'decisions', 'timeline'] as const;

describe('<samrad-case>', () => {
  it('composes the focused case elements, hands them its model and re-exposes their parts', async () => {
    const { model } = seeded('leader', { restricted: true });
    const el = await mount(model, 'en');
    const tags = ['samrad-handover', 'samrad-level', 'samrad-welfare-report', 'samrad-goals', 'samrad-case-log'];
    for (const tag of tags) {
      const inner = el.shadowRoot!.querySelector<HTMLElement & { model: MeetingModel }>(tag);
      expect(inner, tag).to.not.equal(null);
      expect(inner!.model, tag).to.equal(model);
    }
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('The case about Emma Fjellstad');
    // A page styles the inner sections through the case's own part names.
    const style = document.createElement('style');
    style.textContent = `${PARTS.map((p) => `samrad-case::part(${p})`).join(', ')} { outline: 3px dotted rgb(1, 2, 3); }`;
    document.head.append(style);
    try {
      for (const part of PARTS) expect(getComputedStyle(deep1(el, `[part="${part}"]`)).outlineColor, part).to.equal('rgb(1, 2, 3)');
    } finally {
      style.remove();
    }
    // The coordinator, level and concern sections still share one row when there is room for three.
    // (An element never grows past its container, so the container gets the room.)
    el.style.width = '60rem';
    el.parentElement!.style.width = '60rem';
    await settle(el);
    const tops = ['coordinator', 'level', 'deadline'].map((p) => Math.round(deep1(el, `[part="${p}"]`).getBoundingClientRect().top));
    expect(new Set(tops).size).to.equal(1);
  });

  it('sends the inner elements\' events from the case, and keeps its methods', async () => {
    const { model, ids } = seeded('leader');
    const el = await mount(model, 'en');
    const handovers: HandoverDetail[] = [];
    const levels: unknown[] = [];
    const onHandover = (e: Event) => { expect(e.target).to.equal(el); handovers.push((e as CustomEvent<HandoverDetail>).detail); };
    const onLevel = (e: Event) => { expect(e.target).to.equal(el); levels.push((e as CustomEvent).detail); };
    document.addEventListener('samrad-handover', onHandover);
    document.addEventListener('samrad-case-level', onLevel);
    try {
      expect(el.offer(ids!.participants.teacher, 'Skolen tar over.')).to.equal(true);
      await settle(el);
      expect(handovers.map((d) => d.state)).to.deep.equal(['offered']);
      expect(el.moveLevel('bti-3')).to.equal(false);
      await settle(el);
      expect(deep1(el, '#err-triedBefore').textContent).to.equal('Say which lower-level actions were tried, and for how long, before the case moves up.');
      expect(el.moveLevel('bti-3', { triedBefore: 'Morgenmøte i seks uker.' })).to.equal(true);
      await settle(el);
      expect(levels).to.deep.equal([{ from: 'bti-2', to: 'bti-3' }]);
      expect(el.raiseConcern('Mye fravær')).to.equal(true);
      expect(el.concernDecided()).to.equal(true);
      await settle(el);
      expect(el.entries.length).to.be.greaterThan(0);
      el.setFilter('levels', false);
      await settle(el);
      expect(el.entries.some((e) => e.kind === 'level-change')).to.equal(false);
      expect(kinds(el)).to.not.include('level-change');
    } finally {
      document.removeEventListener('samrad-handover', onHandover);
      document.removeEventListener('samrad-case-level', onLevel);
    }
  });

  it('shows an unreadable entry once, at the top of the case, not in each element it composes', async () => {
    const { model } = seeded('leader');
    const el = await mount(model, 'en');
    const broken = new Y.Map<unknown>();
    // eslint-disable-next-line no-restricted-syntax
    model.doc.transact(() => {
      // eslint-disable-next-line no-restricted-syntax
      model.doc.getMap('goals').set('old-goal-1', broken);
      broken.set('id', 'old-goal-1');
      broken.set('text', 'Mål fra gammel versjon');
    });
    await settle(el);
    const notices = deep(el, '[data-samrad-unreadable]').filter((n) => n.textContent!.includes('old-goal-1'));
    expect(notices).to.have.length(1);
    expect(notices[0]!.getRootNode()).to.equal(el.shadowRoot);
  });

  it('is read-only for the family and observers; edit controls follow the permission table', async () => {
    for (const role of ['parent', 'child', 'observer'] as Role[]) {
      const el = await mount(seeded(role).model, 'nb');
      expect(deep(el, 'form'), role).to.have.length(0);
      expect(deep<HTMLButtonElement>(el, 'button:not([disabled])').filter((b) => b.dataset.action), role).to.have.length(0);
      expect(deepText(el)).to.contain('Du kan lese saken, men ikke endre den.');
      expect(deepText(el)).to.contain('Sofie Lie (helsestasjon og skolehelsetjeneste) har stafettpinnen nå.');
    }
    const pro = await mount(seeded('professional').model, 'nb');
    expect(deep(pro, 'button[data-action="move-level"]')).to.have.length(1);
    expect(deep(pro, 'button[data-action="raise-concern"]')).to.have.length(1);
    // Only the holder (or a leader) hands the baton on.
    expect(deep(pro, 'button[data-action="offer"]')).to.have.length(0);
  });

  it('follows remote edits live and announces a level change', async () => {
    const { a, b } = linkedModels('parent', 'leader');
    const el = await mount(a, 'en');
    b.case.setLevel('bti-1', { reason: 'Bedre nærvær.' });
    b.goals.add({ kind: 'effect', text: 'Emma har det bra i friminuttene.' });
    await waitUntil(() => deep1(el, '.current-level').dataset.level === 'bti-1', 'the level arrives');
    await waitUntil(() => level(el).lastAnnouncement === 'The case is moved to Level 1.', 'the level change is announced');
    await settle(el);
    expect(deep1(el, '[part="goals"]').textContent).to.contain('Emma har det bra i friminuttene.');
    expect(kinds(el)).to.include('level-change');
  });

  for (const lang of LOCALES) {
    it(`has no axe violations in ${lang} (leader, offer pending, errors shown)`, async () => {
      const { model, ids } = seeded('leader');
      model.case.raiseConcern(daysAgo(16));
      model.handovers.offer(ids!.participants.teacher, 'Skolen tar over.');
      const el = await mount(model, lang);
      typeInto(deep1<HTMLSelectElement>(el, '#level-target'), 'bti-3');
      await settle(el);
      deep1<HTMLButtonElement>(el, 'button[data-action="move-level"]').click();
      await settle(el);
      expect(deep(el, '#err-triedBefore')).to.have.length(1);
      await expectNoAxeViolations(el);
      await expectNoAxeViolations(await mount(new MeetingModel(model.doc, userFor('parent')), lang));
    });
  }
});
