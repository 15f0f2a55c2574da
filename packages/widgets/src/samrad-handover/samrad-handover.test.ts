import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { LOCALES, MeetingModel } from '@samrad/model';
import { $, $$, expectNoAxeViolations, fixtureIn, linkedModels, seeded, settle, textOf, typeInto, userFor, waitUntil } from '../shared/test-helpers.js';
import type { SamradHandover, HandoverDetail } from './samrad-handover.js';
import './define.js';

async function mount(model: MeetingModel, lang = 'nb'): Promise<SamradHandover> {
  return fixtureIn<SamradHandover>(html`<samrad-handover .model=${model}></samrad-handover>`, lang);
}

function button(el: Element, action: string): HTMLButtonElement {
  return $<HTMLButtonElement>(el, `button[data-action="${action}"]`);
}

describe('<samrad-handover>', () => {
  it('keeps the baton with the old coordinator until accepted; the change reaches both sides as a samrad-handover event', async () => {
    const { a: leader, b: teacher, ids } = linkedModels('leader', 'professional');
    const elA = await mount(leader, 'en');
    const elB = await mount(teacher, 'en');
    const seenA: HandoverDetail[] = [];
    const seenB: HandoverDetail[] = [];
    // Listen on the document: the event bubbles out of the shadow root and the container.
    const onDoc = (e: Event) => ((e.composedPath()[0] === elA ? seenA : seenB).push((e as CustomEvent<HandoverDetail>).detail));
    document.addEventListener('samrad-handover', onDoc);
    try {
      expect($(elA, '.holder').textContent).to.contain('Sofie Lie (health clinic and school health service) holds the coordinator baton now.');
      // The teacher is not the holder: no form to hand it over.
      expect($$(elB, 'button[data-action="offer"]')).to.have.length(0);

      typeInto($<HTMLSelectElement>(elA, '#offer-to'), ids!.participants.teacher);
      typeInto($<HTMLTextAreaElement>(elA, '#offer-note'), 'Skolen følger opp fra nå.');
      await settle(elA);
      button(elA, 'offer').click();
      await settle(elA);
      await waitUntil(() => $$(elB, 'button[data-action="accept"]').length === 1, 'the offer reaches the teacher');
      for (const el of [elA, elB]) {
        expect($(el, '.holder').dataset.holder).to.equal(ids!.participants.leader);
        expect($(el, '.pending').textContent).to.contain('Sofie Lie keeps it until Ingrid Haugen has accepted.');
      }
      expect($(elB, '.pending').textContent).to.contain('Message: Skolen følger opp fra nå.');
      expect(seenA.map((d) => d.state)).to.deep.equal(['offered']);
      expect(seenB.map((d) => d.state)).to.deep.equal(['offered']);

      button(elB, 'accept').click();
      await waitUntil(() => $(elA, '.holder').dataset.holder === ids!.participants.teacher, 'the baton moves on the leader side');
      await settle(elB);
      const accepted = { from: ids!.participants.leader, to: ids!.participants.teacher, state: 'accepted' };
      expect(seenA.at(-1)).to.include(accepted);
      expect(seenB.at(-1)).to.include(accepted);
      expect(seenA).to.have.length(2);
      expect($(elA, '.holder').textContent).to.contain('Ingrid Haugen (school) holds the coordinator baton now.');
      await waitUntil(() => elA.lastAnnouncement === 'Ingrid Haugen now holds the coordinator baton.', 'announced on the leader side');
      // Now the teacher holds it and may hand it on; the leader still may (the table gives leaders the right).
      expect($$(elB, 'button[data-action="offer"]')).to.have.length(1);
    } finally {
      document.removeEventListener('samrad-handover', onDoc);
    }
  });

  it('a declined offer leaves the baton where it was; the one who offered may withdraw an offer', async () => {
    const { model, ids, doc } = seeded('leader');
    const el = await mount(model, 'nb');
    const teacher = new MeetingModel(doc, userFor('professional'));
    const offer = model.handovers.offer(ids!.participants.teacher);
    teacher.handovers.answer(offer, false);
    await settle(el);
    expect($(el, '.holder').dataset.holder).to.equal(ids!.participants.leader);
    expect(el.lastAnnouncement || textOf(el)).to.contain('Ingrid Haugen takket nei. Sofie Lie beholder stafettpinnen.');
    model.handovers.offer(ids!.participants.ppt);
    await settle(el);
    button(el, 'cancel-offer').click();
    await settle(el);
    expect($$(el, '.pending')).to.have.length(0);
    expect(textOf(el)).to.contain('Tilbudet er trukket tilbake.');
    // Choosing nobody is refused in words.
    button(el, 'offer').click();
    await settle(el);
    expect($(el, '#err-offerTo').textContent).to.equal('Velg hvem som skal få tilbudet.');
    expect(el.shadowRoot!.activeElement?.id).to.equal('offer-to');
    teacher.destroy();
  });

  for (const lang of LOCALES) {
    it(`has no axe violations in ${lang} (leader, offer pending; nobody chosen)`, async () => {
      const { model, ids } = seeded('leader');
      model.handovers.offer(ids!.participants.teacher, 'Skolen tar over.');
      const el = await mount(model, lang);
      expect($$(el, '.pending')).to.have.length(1);
      await expectNoAxeViolations(el);
      const fresh = await mount(seeded('leader').model, lang);
      button(fresh, 'offer').click();
      await settle(fresh);
      expect($$(fresh, '#err-offerTo')).to.have.length(1);
      await expectNoAxeViolations(fresh);
    });
    it(`has no axe violations in ${lang} (the offered professional, and a parent)`, async () => {
      const { model, ids, doc } = seeded('professional');
      new MeetingModel(doc, userFor('leader')).handovers.offer(ids!.participants.teacher);
      const el = await mount(model, lang);
      expect($$(el, 'button[data-action="accept"]')).to.have.length(1);
      await expectNoAxeViolations(el);
      await expectNoAxeViolations(await mount(seeded('parent').model, lang));
    });
  }
});
