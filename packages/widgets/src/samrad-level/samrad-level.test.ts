import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { LOCALES, MeetingModel } from '@samrad/model';
import { $, $$, expectNoAxeViolations, fixtureIn, linkedModels, seeded, settle, textOf, typeInto, userFor, waitUntil } from '../shared/test-helpers.js';
import type { SamradCaseLog } from '../samrad-case-log/samrad-case-log.js';
import '../samrad-case-log/define.js';
import type { SamradLevel } from './samrad-level.js';
import './define.js';

async function mount(model: MeetingModel, lang = 'nb'): Promise<SamradLevel> {
  return fixtureIn<SamradLevel>(html`<samrad-level .model=${model}></samrad-level>`, lang);
}

function button(el: Element, action: string): HTMLButtonElement {
  return $<HTMLButtonElement>(el, `button[data-action="${action}"]`);
}

const kinds = (el: Element) => $$(el, 'ol.timeline li').map((li) => li.dataset.kind);
const daysAgo = (n: number, hours = 0) => new Date(Date.now() - n * 86_400_000 + hours * 3_600_000).toISOString();

describe('<samrad-level>', () => {
  it('moving the case up asks which lower-level actions were tried, in the reader’s language', async () => {
    for (const [lang, expected] of [
      ['en', 'Say which lower-level actions were tried, and for how long, before the case moves up.'],
      ['uk', 'Напишіть, які заходи нижчого рівня вже випробувано і як довго, перш ніж переводити справу вище.'],
      ['nn', 'Skriv kva tiltak på lågare nivå som er prøvde, og kor lenge, før saka vert flytta opp.'],
    ] as const) {
      const { model } = seeded('professional');
      const el = await mount(model, lang);
      typeInto($<HTMLSelectElement>(el, '#level-target'), 'bti-3');
      await settle(el);
      expect($(el, '#level-tried').getAttribute('aria-required')).to.equal('true');
      button(el, 'move-level').click();
      await settle(el);
      expect($(el, '#err-triedBefore').textContent).to.equal(expected);
      expect(el.shadowRoot!.activeElement?.id).to.equal('level-tried');
      expect(model.snapshot().case!.level).to.equal('bti-2');
      expect(model.snapshot().levelChanges).to.have.length(0);
    }
    const { model } = seeded('professional');
    const el = await mount(model, 'uk');
    const moved: CustomEvent[] = [];
    el.addEventListener('samrad-case-level', (e) => moved.push(e as CustomEvent));
    typeInto($<HTMLSelectElement>(el, '#level-target'), 'bti-3');
    typeInto($<HTMLTextAreaElement>(el, '#level-tried'), 'Ранкова зустріч із класним керівником протягом шести тижнів.');
    await settle(el);
    button(el, 'move-level').click();
    await settle(el);
    expect(model.snapshot().case!.level).to.equal('bti-3');
    expect(moved.map((e) => e.detail)).to.deep.equal([{ from: 'bti-2', to: 'bti-3' }]);
    expect($(el, '.current-level').textContent).to.contain('Рівень 3: Розширена співпраця, можливо служба захисту дітей');
    expect($(el, 'ol.levels li[aria-current="step"]').textContent).to.contain('справа зараз тут');
    // Moving down needs no "tried before".
    typeInto($<HTMLSelectElement>(el, '#level-target'), 'bti-1');
    await settle(el);
    expect($(el, '#level-tried').getAttribute('aria-required')).to.equal('false');
    button(el, 'move-level').click();
    await settle(el);
    expect(model.snapshot().case!.level).to.equal('bti-1');
  });

  it('shows the level model the municipality chose (zones), from data', async () => {
    const { model } = seeded('leader', { empty: true });
    model.case.setup({ child: { name: 'Emma Fjellstad' }, levelModelId: 'zones', level: 'yellow' });
    const el = await mount(model, 'nn');
    expect($(el, '[part="level"] h3').textContent).to.equal('Sone');
    expect($$(el, 'ol.levels li').map((li) => li.querySelector('.level-name')!.textContent)).to.deep.equal(['Grøn', 'Gul', 'Raud']);
    expect($(el, '.current-level').textContent!.trim()).to.equal('Gul: Selektive tiltak');
  });

  it('counts the decision deadline of each concern in words: days left, then days overdue', async () => {
    const { model } = seeded('leader');
    const first = model.case.raiseConcern(daysAgo(10, -1));
    const el = await mount(model, 'en');
    const countdown = (id: string) => $(el, `li[data-concern="${id}"] .countdown`);
    expect(countdown(first).textContent!.trim()).to.contain('4 days left');
    expect(countdown(first).classList.contains('overdue')).to.equal(false);
    const older = model.case.raiseConcern(daysAgo(16, -1));
    await settle(el);
    expect($$(el, 'li.concern').map((li) => li.dataset.concern)).to.deep.equal([older, first]);
    expect(countdown(older).textContent).to.contain('2 days overdue');
    expect(countdown(older).classList.contains('overdue')).to.equal(true);
    expect(countdown(first).textContent).to.contain('4 days left');
    el.parentElement!.setAttribute('lang', 'uk');
    await settle(el);
    expect(countdown(older).textContent).to.contain('Строк прострочено на 2 дні');
    const third = model.case.raiseConcern(daysAgo(9, -1));
    await settle(el);
    expect(countdown(third).textContent).to.contain('Залишилося 5 днів');
    el.parentElement!.setAttribute('lang', 'en');
    await settle(el);
    $<HTMLButtonElement>(el, `li[data-concern="${older}"] button[data-action="decided"]`).click();
    await settle(el);
    expect($$(el, `li[data-concern="${older}"] .countdown`)).to.have.length(0);
    expect($(el, `li[data-concern="${older}"]`).textContent).to.match(/Concern registered on .*\. Decided on /);
    expect($$(el, '.countdown')).to.have.length(2);
    button(el, 'raise-concern').click();
    await settle(el);
    expect($$(el, '.countdown').some((c) => c.textContent!.includes('14 days left'))).to.equal(true);
  });

  it('keeps every concern with its decision: a new concern never replaces the last one', async () => {
    const { model, doc } = seeded('leader');
    const el = await mount(model, 'en');
    expect($(el, '[part="deadline"]').textContent).to.contain('No concern is waiting for a decision.');
    typeInto($<HTMLTextAreaElement>(el, '#concern-note'), 'Mye fravær');
    button(el, 'raise-concern').click();
    await settle(el);
    const first = model.snapshot().concerns[0]!;
    expect(first.note).to.equal('Mye fravær');
    typeInto($<HTMLTextAreaElement>(el, `#concern-decision-${first.id}`), 'Samarbeidsmøte innkalles');
    $<HTMLButtonElement>(el, `li[data-concern="${first.id}"] button[data-action="decided"]`).click();
    await settle(el);
    await waitUntil(() => el.lastAnnouncement === 'The decision is recorded. The deadline has stopped.', 'the decision is announced');
    // Someone else raises the next concern.
    new MeetingModel(doc, userFor('professional')).case.raiseConcern(undefined, 'Lite søvn');
    await settle(el);
    const items = $$(el, 'li.concern');
    expect(items.map((li) => li.dataset.state)).to.deep.equal(['decided', 'open']);
    const decided = items[0]!.textContent!.replace(/\s+/g, ' ');
    expect(decided).to.contain('About: Mye fravær');
    expect(decided).to.contain('Decision: Samarbeidsmøte innkalles');
    expect(decided).to.contain('Decided by Sofie Lie.');
    expect(items[1]!.textContent).to.contain('About: Lite søvn');
    // The case log beside it has every concern and decision too.
    const caseLog = await fixtureIn<SamradCaseLog>(html`<samrad-case-log .model=${model}></samrad-case-log>`, 'en');
    expect(kinds(caseLog).filter((k) => k!.startsWith('concern'))).to.have.members(['concern-raised', 'concern-raised', 'concern-decided']);
    const log = $(caseLog, '[part="timeline"]').textContent!.replace(/\s+/g, ' ');
    expect(log).to.contain('A concern was registered (Mye fravær). The deadline for a decision started.');
    expect(log).to.contain('A decision was made on the concern: Samarbeidsmøte innkalles');
    for (const [lang, words] of [['nb', 'Beslutning: Samarbeidsmøte innkalles'], ['nn', 'Avgjerd: Samarbeidsmøte innkalles'], ['uk', 'Рішення: Samarbeidsmøte innkalles']] as const) {
      el.parentElement!.setAttribute('lang', lang);
      await settle(el);
      expect($(el, `li[data-concern="${first.id}"]`).textContent).to.contain(words);
    }
  });

  it('shows the concerns and decisions to a parent, with no way to write them', async () => {
    const { model, doc } = seeded('parent');
    const leader = new MeetingModel(doc, userFor('leader'));
    const id = leader.case.raiseConcern(daysAgo(3));
    leader.case.concernDecided(id, 'Kartlegging hos PPT');
    leader.case.raiseConcern(daysAgo(1));
    const el = await mount(model, 'en');
    expect($$(el, 'li.concern')).to.have.length(2);
    expect($(el, '[part="deadline"]').textContent).to.contain('Decision: Kartlegging hos PPT');
    expect($$(el, '[part="deadline"] button, [part="deadline"] textarea')).to.have.length(0);
    expect(el.concernDecided()).to.equal(false);
    expect(model.snapshot().concerns.filter((c) => c.decidedAt)).to.have.length(1);
  });

  it('follows remote level changes live and announces them', async () => {
    const { a, b } = linkedModels('parent', 'leader');
    const el = await mount(a, 'en');
    b.case.setLevel('bti-1', { reason: 'Bedre nærvær.' });
    await waitUntil(() => $(el, '.current-level').dataset.level === 'bti-1', 'the level arrives');
    await waitUntil(() => el.lastAnnouncement === 'The case is moved to Level 1.', 'the level change is announced');
    expect(textOf(el)).to.contain('The case is moved to Level 1.');
  });

  for (const lang of LOCALES) {
    it(`has no axe violations in ${lang} (leader, offer pending, errors shown)`, async () => {
      const { model, ids } = seeded('leader');
      model.case.raiseConcern(daysAgo(16));
      model.handovers.offer(ids!.participants.teacher, 'Skolen tar over.');
      const el = await mount(model, lang);
      typeInto($<HTMLSelectElement>(el, '#level-target'), 'bti-3');
      await settle(el);
      button(el, 'move-level').click();
      await settle(el);
      expect($$(el, '#err-triedBefore')).to.have.length(1);
      await expectNoAxeViolations(el);
    });
    it(`has no axe violations in ${lang} (a parent)`, async () => {
      const { model, doc } = seeded('parent');
      new MeetingModel(doc, userFor('leader')).case.raiseConcern(daysAgo(3));
      await expectNoAxeViolations(await mount(model, lang));
    });
  }
});
