import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { LOCALES, MeetingModel } from '@samrad/model';
import { $, $$, expectNoAxeViolations, fixtureIn, seeded, settle, textOf, userFor } from '../shared/test-helpers.js';
import type { SamradCaseLog } from './samrad-case-log.js';
import './define.js';

async function mount(model: MeetingModel, lang = 'nb'): Promise<SamradCaseLog> {
  return fixtureIn<SamradCaseLog>(html`<samrad-case-log .model=${model}></samrad-case-log>`, lang);
}

const kinds = (el: Element) => $$(el, 'ol.timeline li').map((li) => li.dataset.kind);

describe('<samrad-case-log>', () => {
  it('shows the case log in time order with every kind of event, and filters it by kind', async () => {
    const { model, ids } = seeded('leader');
    model.case.setLevel('bti-3', { reason: 'Fraværet øker.', triedBefore: 'Morgenmøte i seks uker.' });
    model.consents.withdraw(model.snapshot().consents[0]!.id, ['ppt'], 'PPT er ferdig.');
    const offer = model.handovers.offer(ids!.participants.teacher);
    new MeetingModel(model.doc, userFor('professional')).handovers.answer(offer, true);
    const el = await mount(model, 'en');
    const times = $$<HTMLTimeElement>(el, 'ol.timeline time').map((t) => t.dateTime);
    expect(times).to.deep.equal([...times].sort());
    expect(kinds(el)).to.include.members(['meeting-held', 'meeting-finalised', 'decision', 'level-change', 'consent-recorded', 'consent-withdrawn',
      'handover-offered', 'handover-accepted', 'action-agreed', 'action-evaluated']);
    const log = $(el, '[part="timeline"]').textContent!.replace(/\s+/g, ' ');
    expect(log).to.contain('The case moved from Level 2 to Level 3. Reason: Fraværet øker. Tried before: Morgenmøte i seks uker.');
    expect(log).to.contain('Sofie Lie withdrew the consent for educational-psychological service (PPT). Reason: PPT er ferdig.');
    expect(log).to.contain('Ingrid Haugen accepted the coordinator baton from Sofie Lie.');
    expect(log).to.contain('was evaluated: partly achieved. Next: continue.');

    const all = kinds(el).length;
    const filter = (value: string) => $$<HTMLInputElement>(el, 'fieldset.filters input').find((i) => i.value === value)!;
    for (const g of ['meetings', 'decisions', 'levels', 'coordinator', 'actions']) filter(g).click();
    await settle(el);
    expect(new Set(kinds(el))).to.deep.equal(new Set(['consent-recorded', 'consent-withdrawn']));
    expect(textOf(el)).to.contain(`Showing 2 of ${all} events.`);
    filter('consent').click();
    await settle(el);
    expect(textOf(el)).to.contain('No events match this selection.');
    // Keyboard: the filters are plain checkboxes, Space toggles.
    filter('decisions').focus();
    await sendKeys({ press: 'Space' });
    await settle(el);
    expect(kinds(el)).to.deep.equal(['decision']);
  });

  it('lists every decision of every meeting and forum in one table', async () => {
    const { model, ids } = seeded('leader');
    model.decisions.add({ meetingId: ids!.meetingId, text: 'Saken meldes til ressursteamet.', forum: 'Ressursteam', authority: 'Enhetsleder' });
    model.decisions.add({ meetingId: ids!.meetingId, text: 'Ny evaluering om seks uker.' });
    const el = await mount(model, 'nb');
    const rows = $$(el, '[part="decisions"] tbody tr').map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent!.trim()));
    expect(rows).to.have.length(3);
    // The earlier meeting's decision comes first; today's two follow (their order is the model's).
    expect(rows[0]![2]).to.contain('Skolen starter med fast morgenmøte');
    const forum = rows.find((r) => r[2] === 'Saken meldes til ressursteamet.')!;
    expect(forum[1]).to.equal('Ressursteam');
    expect(forum[3]).to.equal('Sofie Lie (Enhetsleder)');
    expect(rows.find((r) => r[2] === 'Ny evaluering om seks uker.')![1]).to.match(/^Samarbeidsmøte om Emma /);
  });

  for (const lang of LOCALES) {
    it(`has no axe violations in ${lang} (leader with every kind of event, and a parent with some hidden)`, async () => {
      const { model, ids } = seeded('leader');
      model.case.raiseConcern();
      model.case.setLevel('bti-3', { reason: 'Fraværet øker.', triedBefore: 'Morgenmøte i seks uker.' });
      model.handovers.offer(ids!.participants.teacher);
      await expectNoAxeViolations(await mount(model, lang));
      const parent = await mount(new MeetingModel(model.doc, userFor('parent')), lang);
      parent.setFilter('meetings', false);
      await settle(parent);
      await expectNoAxeViolations(parent);
    });
  }
});
