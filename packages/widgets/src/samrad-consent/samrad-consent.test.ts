import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { MeetingModel } from '@samrad/model';
import { $, $$, expectNoAxeViolations, fixtureIn, linkedModels, seeded, settle, textOf, typeInto, userFor, waitUntil } from '../shared/test-helpers.js';
import type { SamradConsent } from './samrad-consent.js';
import './define.js';

async function mount(model: MeetingModel, lang = 'nb'): Promise<SamradConsent> {
  return fixtureIn<SamradConsent>(html`<samrad-consent .model=${model}></samrad-consent>`, lang);
}

function button(el: Element, text: string): HTMLButtonElement {
  const found = $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.replace(/\s+/g, ' ').includes(text));
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}

/** The at-a-glance table as service → status text. */
function glance(el: Element): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of $$(el, '[part="glance"] tbody tr')) {
    out[row.dataset.service!] = row.querySelector('.status')!.textContent!.replace(/\s+/g, ' ').trim();
  }
  return out;
}

describe('<samrad-consent>', () => {
  it('shows what may be shared with whom, in words', async () => {
    const el = await mount(seeded('leader').model, 'en');
    expect(glance(el)).to.deep.equal({ skole: '✓Active', helsestasjon: '✓Active', ppt: '✓Active', barnevern: '✓Active' });
    const row = $(el, '[part="glance"] tbody tr[data-service="skole"]');
    expect(row.querySelector('th')!.textContent).to.equal('School');
    expect(row.textContent).to.contain('Kari Fjellstad (guardian) and Ola Nordby (guardian)');
    expect(textOf(el)).to.contain('Consent never blocks a report of concern');
    expect(textOf(el)).to.contain('No withdrawals.');
  });

  it('records a consent, then a partial withdrawal updates the table and the history', async () => {
    const { model } = seeded('leader', { empty: true });
    model.case.setup({ child: { name: 'Emma Fjellstad' } });
    const el = await mount(model, 'en');
    const recorded: CustomEvent[] = [];
    const withdrawn: CustomEvent[] = [];
    el.addEventListener('samrad-consent-record', (e) => recorded.push(e as CustomEvent));
    el.addEventListener('samrad-consent-withdraw', (e) => withdrawn.push(e as CustomEvent));

    // Missing fields: messages next to each, nothing stored.
    $<HTMLButtonElement>(el, 'button[part="record"]').click();
    await settle(el);
    expect($(el, '#r-givers-error').textContent).to.contain('Write the name of at least one person');
    expect($(el, '#r-services-error').textContent).to.contain('Choose at least one service');
    expect($(el, '#r-scope-error').textContent).to.contain('Write what may be shared');
    expect(model.snapshot().consents).to.have.length(0);

    typeInto($(el, '#r-giver-0'), 'Kari Fjellstad');
    button(el, 'Add person').click();
    await settle(el);
    typeInto($(el, '#r-giver-1'), 'Emma Fjellstad');
    typeInto($(el, '#r-relation-1'), 'young-person');
    for (const s of ['skole', 'ppt', 'bup']) $$<HTMLInputElement>(el, 'input[name="services"]').find((c) => c.value === s)!.click();
    typeInto($(el, '#r-scope'), 'Attendance and well-being at school.');
    typeInto($(el, '#r-purpose'), 'Cooperation on actions for Emma.');
    typeInto($(el, '#r-validFrom'), '2024-01-01');
    typeInto($(el, '#r-validTo'), '2023-12-01');
    await settle(el);
    $<HTMLButtonElement>(el, 'button[part="record"]').click();
    await settle(el);
    expect($(el, '#r-validTo-error').textContent).to.contain('cannot be before the start date');
    typeInto($(el, '#r-validTo'), '2099-12-31');
    await settle(el);
    $<HTMLButtonElement>(el, 'button[part="record"]').click();
    await settle(el);
    expect(recorded).to.have.length(1);
    const consent = model.snapshot().consents[0]!;
    expect(consent.givenBy).to.deep.equal([{ name: 'Kari Fjellstad', relation: 'guardian' }, { name: 'Emma Fjellstad', relation: 'young-person' }]);
    expect(glance(el)).to.deep.equal({ skole: '✓Active', ppt: '✓Active', bup: '✓Active' });

    button(el, 'Withdraw …').click();
    await settle(el);
    expect(el.shadowRoot!.activeElement?.getAttribute('value')).to.equal('skole');
    $$<HTMLInputElement>(el, 'input[name="withdraw-service"]').find((c) => c.value === 'bup')!.click();
    typeInto($(el, `#wd-reason-${consent.id}`), 'BUP is no longer involved.');
    await settle(el);
    button(el, 'Withdraw selected').click();
    await settle(el);
    expect(withdrawn.map((e) => e.detail)).to.deep.equal([{ id: consent.id, services: ['bup'] }]);
    expect(glance(el)).to.deep.equal({ skole: '✓Active', ppt: '✓Active', bup: '✕Withdrawn' });
    const history = $(el, '[part="history"] tbody').textContent!;
    expect(history).to.contain('Child and adolescent psychiatry (BUP)');
    expect(history).to.contain('Sofie Lie');
    expect(history).to.contain('BUP is no longer involved.');

    // Then the whole consent.
    button(el, 'Withdraw …').click();
    await settle(el);
    button(el, 'Withdraw the whole consent').click();
    await settle(el);
    expect(glance(el)).to.deep.equal({ skole: '✕Withdrawn', ppt: '✕Withdrawn', bup: '✕Withdrawn' });
    expect(withdrawn[1]!.detail.services).to.deep.equal(['skole', 'ppt']);
    expect(textOf(el)).to.contain('The consent is already withdrawn for every service.');
    expect($$(el, '[part="history"] tbody tr')).to.have.length(2);
  });

  it('shows expired consent as expired, in words', async () => {
    const { model } = seeded('leader', { empty: true });
    model.case.setup({ child: { name: 'Emma Fjellstad' } });
    model.consents.record({ givenBy: [{ name: 'Kari', relation: 'guardian' }], services: ['nav'], scope: 'x', purpose: 'y', validFrom: '2020-01-01', validTo: '2020-12-31' });
    const el = await mount(model, 'nn');
    expect(glance(el)).to.deep.equal({ nav: '⌛Gått ut' });
  });

  it('a parent may withdraw but not record; a child may do neither', async () => {
    const { model } = seeded('parent');
    const el = await mount(model, 'en');
    expect($$(el, '[part="record-form"]')).to.have.length(0);
    expect(textOf(el)).to.contain('Only professionals record consent. As a parent you can withdraw consent.');
    button(el, 'Withdraw …').click();
    await settle(el);
    $$<HTMLInputElement>(el, 'input[name="withdraw-service"]').find((c) => c.value === 'barnevern')!.click();
    await settle(el);
    button(el, 'Withdraw selected').click();
    await settle(el);
    expect(glance(el).barnevern).to.equal('✕Withdrawn');
    expect($(el, '[part="history"] tbody').textContent).to.contain('Kari Fjellstad');

    const child = await mount(seeded('child').model, 'en');
    expect($$(child, '[part="record-form"]')).to.have.length(0);
    expect(() => button(child, 'Withdraw …')).to.throw();
    expect(textOf(child)).to.contain('You can see the consents but not change them.');
  });

  it('a young person may withdraw a consent they gave themselves, and only that one', async () => {
    const { doc, model: child } = seeded('child');
    const leader = new MeetingModel(doc, userFor('leader'));
    leader.consents.record({
      givenBy: [{ name: 'Emma Fjellstad', relation: 'young-person' }],
      services: ['helsestasjon'], scope: 'What I tell the health nurse.', purpose: 'Follow-up at school.',
      validFrom: '2026-01-01',
    });
    const el = await mount(child, 'en');
    expect(textOf(el)).to.contain('You can withdraw a consent you gave yourself.');
    expect(textOf(el)).not.to.contain('You can see the consents but not change them.');
    const openButtons = $$<HTMLButtonElement>(el, 'button').filter((b) => b.textContent!.includes('Withdraw …'));
    expect(openButtons).to.have.length(1);
    expect(openButtons[0]!.closest('article')!.textContent).to.contain('Emma Fjellstad');
    leader.destroy();
  });

  it('withdrawing nothing says so', async () => {
    const el = await mount(seeded('leader').model, 'en');
    button(el, 'Withdraw …').click();
    await settle(el);
    button(el, 'Withdraw selected').click();
    await settle(el);
    expect(textOf(el)).to.contain('Choose at least one service.');
  });

  it('two instances on two linked documents converge after edits on both sides', async () => {
    const { a, b } = linkedModels('leader', 'parent');
    const elA = await mount(a, 'en');
    const elB = await mount(b, 'en');
    // A (leader) records a second consent; B (parent) withdraws part of the first one.
    typeInto($(elA, '#r-giver-0'), 'Ola Nordby');
    $$<HTMLInputElement>(elA, 'input[name="services"]').find((c) => c.value === 'fastlege')!.click();
    typeInto($(elA, '#r-scope'), 'Health information.');
    typeInto($(elA, '#r-purpose'), 'Follow-up by the GP.');
    await settle(elA);
    $<HTMLButtonElement>(elA, 'button[part="record"]').click();
    button(elB, 'Withdraw …').click();
    await settle(elB);
    $$<HTMLInputElement>(elB, 'input[name="withdraw-service"]').find((c) => c.value === 'ppt')!.click();
    await settle(elB);
    button(elB, 'Withdraw selected').click();
    const expected = { skole: '✓Active', helsestasjon: '✓Active', ppt: '✕Withdrawn', barnevern: '✓Active', fastlege: '✓Active' };
    for (const el of [elA, elB]) {
      await waitUntil(() => Object.keys(glance(el)).length === 5 && glance(el).ppt === '✕Withdrawn', 'both edits visible');
      expect(glance(el)).to.deep.equal(expected);
    }
    expect(a.snapshot().consents).to.deep.equal(b.snapshot().consents);
    await waitUntil(() => elA.lastAnnouncement.includes('Kari Fjellstad'), 'announcement on the leader side');
  });

  it('stores nothing in an anonymous consultation and says why', async () => {
    const { model } = seeded('leader', { empty: true });
    model.case.setup({ child: { name: 'Barn A', pseudonym: true }, anonymous: true });
    const el = await mount(model, 'en');
    expect(textOf(el)).to.contain('This is an anonymous consultation.');
    expect($$(el, '[part="record-form"]')).to.have.length(0);
  });

  for (const lang of ['nb', 'nn', 'en', 'uk']) {
    it(`has no axe violations in ${lang} (professional, withdrawal open)`, async () => {
      const { model } = seeded('leader');
      const c = model.snapshot().consents[0]!;
      model.consents.withdraw(c.id, ['ppt'], 'PPT er ferdig med utredningen.');
      const el = await mount(model, lang);
      $<HTMLButtonElement>(el, `#wd-open-${c.id}`).click();
      await expectNoAxeViolations(el);
    });
    it(`has no axe violations in ${lang} (parent)`, async () => {
      const el = await mount(seeded('parent').model, lang);
      await expectNoAxeViolations(el);
    });
  }
});
