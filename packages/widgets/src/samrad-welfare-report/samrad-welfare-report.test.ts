import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { LOCALES, MeetingModel } from '@samrad/model';
import { $, $$, expectNoAxeViolations, fixtureIn, seeded, settle, typeInto, userFor, waitUntil } from '../shared/test-helpers.js';
import type { SamradWelfareReport } from './samrad-welfare-report.js';
import './define.js';

async function mount(model: MeetingModel, lang = 'nb'): Promise<SamradWelfareReport> {
  return fixtureIn<SamradWelfareReport>(html`<samrad-welfare-report .model=${model}></samrad-welfare-report>`, lang);
}

function button(el: Element, action: string): HTMLButtonElement {
  return $<HTMLButtonElement>(el, `button[data-action="${action}"]`);
}

describe('<samrad-welfare-report>', () => {
  it('lets the leader record a report to child welfare; under the safety exception it is kept from the guardians', async () => {
    const { model, doc } = seeded('leader', { restricted: true });
    model.case.setLevel('bti-3', { reason: 'Alvorlig bekymring.', triedBefore: 'Samtaler og morgenmøte i åtte uker.' });
    const el = await mount(model, 'en');
    const part = () => $(el, '[part="welfare"]');
    expect(part().textContent).to.contain('The case is at Level 3. Consider whether to send a report to the child welfare service.');
    expect(part().textContent).to.contain('No report to the child welfare service has been recorded.');

    // Nothing filled in: both missing answers are said, and focus goes to the first.
    button(el, 'send-report').click();
    await settle(el);
    expect($(el, '#err-welfareGrounds').textContent).to.contain('Write the grounds for the report.');
    expect($(el, '#err-welfareHomeTold').textContent).to.contain('Say whether the home was told beforehand.');
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'welfare-grounds', 'focus on the grounds');

    // A report the family may read: the home was not told, with the reason.
    typeInto($<HTMLTextAreaElement>(el, '#welfare-grounds'), 'Vedvarende høyt fravær og bekymring for omsorgen.');
    $$<HTMLInputElement>(el, 'input[name="welfare-home-told"]').find((r) => r.value === 'no')!.click();
    await settle(el);
    typeInto($<HTMLTextAreaElement>(el, '#welfare-reason'), 'Foreldrene var ikke til å nå.');
    button(el, 'send-report').click();
    await settle(el);
    await waitUntil(() => el.lastAnnouncement === 'The report has been recorded. The family can see it in the case.', 'announced');
    expect(model.snapshot().welfareReports).to.have.length(1);
    expect(model.snapshot().welfareReports[0]).to.include({ homeToldBeforehand: false, homeNotToldReason: 'Foreldrene var ikke til å nå.', safetyException: false });

    // By keyboard: the safety exception, then Enter on the button.
    typeInto($<HTMLTextAreaElement>(el, '#welfare-grounds'), 'Emma har fortalt om slag hjemme.');
    $<HTMLInputElement>(el, '#welfare-safety').focus();
    await sendKeys({ press: 'Space' });
    await settle(el);
    expect($<HTMLInputElement>(el, '#welfare-safety').checked).to.equal(true);
    expect($<HTMLFieldSetElement>(el, '[part="welfare"] fieldset').disabled).to.equal(true);
    expect($(el, '#welfare-safety-hint').textContent).to.contain('the guardians and the child cannot see it');
    button(el, 'send-report').focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    await waitUntil(() => model.snapshot().restrictedWelfareReports.length === 1, 'the report is stored');
    // Stored in the professionals-only document: a parent's model (without it) never has it.
    expect(new MeetingModel(doc, userFor('parent')).snapshot().restrictedWelfareReports).to.have.length(0);
    expect(JSON.stringify(doc.toJSON())).not.to.contain('slag hjemme');
    const items = $$(el, 'li.welfare-report');
    expect(items.map((li) => li.dataset.safety)).to.deep.equal(['false', 'true']);
    expect(items[0]!.textContent!.replace(/\s+/g, ' ')).to.contain('The home was not told before the report was sent. Why: Foreldrene var ikke til å nå.');
    expect(items[1]!.textContent).to.contain('The home has not been told, and the guardians cannot see this report.');

    // The answer from the child welfare service, once.
    const id = model.snapshot().welfareReports[0]!.id;
    typeInto($<HTMLInputElement>(el, `#answer-date-${id}`), '2026-11-27');
    typeInto($<HTMLTextAreaElement>(el, `#answer-text-${id}`), 'Meldingen er tatt til undersøkelse.');
    $<HTMLButtonElement>(el, `li[data-report="${id}"] button[data-action="answer-report"]`).click();
    await settle(el);
    expect($(el, `li[data-report="${id}"] .answer`).textContent).to.contain('Meldingen er tatt til undersøkelse.');
    expect($$(el, `li[data-report="${id}"] form`)).to.have.length(0);

    // A parent on the same case reads the first report only, with no form.
    const parent = await mount(new MeetingModel(doc, userFor('parent')), 'nb');
    expect($$(parent, 'li.welfare-report').map((li) => li.dataset.report)).to.deep.equal([id]);
    expect($(parent, '[part="welfare"]').textContent).to.contain('Hjemmet ble ikke informert før meldingen ble sendt.');
    expect($(parent, '[part="welfare"]').textContent).not.to.contain('slag hjemme');
    expect($$(parent, '[part="welfare"] form')).to.have.length(0);
  });

  it('offers the safety exception only with the professionals-only document, and shows the family nothing when there is no report', async () => {
    const pro = await mount(seeded('professional').model, 'en');
    expect($<HTMLInputElement>(pro, '#welfare-safety').disabled).to.equal(true);
    expect($(pro, '#welfare-safety-hint').textContent).to.contain('you cannot record a report with this exception here');
    expect($$(await mount(seeded('parent').model, 'en'), '[part="welfare"]')).to.have.length(0);
  });

  for (const lang of LOCALES) {
    it(`has no axe violations in ${lang} (report to child welfare: errors shown, sent reports, the answer form)`, async () => {
      const { model, doc } = seeded('leader', { restricted: true });
      model.welfareReports.send({ grounds: 'Bekymring for omsorgen.', homeToldBeforehand: true });
      model.welfareReports.send({ grounds: 'Mistanke om vold.', homeToldBeforehand: false, safetyException: true });
      const el = await mount(model, lang);
      button(el, 'send-report').click();
      await settle(el);
      expect($$(el, '#err-welfareGrounds')).to.have.length(1);
      await expectNoAxeViolations(el);
      await expectNoAxeViolations(await mount(new MeetingModel(doc, userFor('parent')), lang));
    });
  }
});
