import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { MeetingModel, type Role } from '@samrad/model';
import { $, $$, expectNoAxeViolations, fixtureIn, linkedModels, seeded, settle, textOf, typeInto, userFor, waitUntil } from '../shared/test-helpers.js';
import type { HandoverDetail, SamradCase } from './samrad-case.js';
import './define.js';

async function mount(model: MeetingModel, lang = 'nb'): Promise<SamradCase> {
  return fixtureIn<SamradCase>(html`<samrad-case .model=${model}></samrad-case>`, lang);
}

function button(el: Element, action: string): HTMLButtonElement {
  return $<HTMLButtonElement>(el, `button[data-action="${action}"]`);
}

const kinds = (el: Element) => $$(el, 'ol.timeline li').map((li) => li.dataset.kind);
const daysAgo = (n: number, hours = 0) => new Date(Date.now() - n * 86_400_000 + hours * 3_600_000).toISOString();

describe('<samrad-case>', () => {
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
    expect(kinds(el).filter((k) => k!.startsWith('concern'))).to.have.members(['concern-raised', 'concern-raised', 'concern-decided']);
    const log = $(el, '[part="timeline"]').textContent!.replace(/\s+/g, ' ');
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

  it('shows goals with their actions and the progress recorded at evaluations, and adds a result goal', async () => {
    const { model } = seeded('leader');
    const el = await mount(model, 'en');
    const goals = $(el, '[part="goals"]').textContent!.replace(/\s+/g, ' ');
    expect(goals).to.contain('Effect goal: Emma gleder seg til å gå på skolen.');
    expect(goals).to.contain('Result goal: Emma er på skolen de fleste dager.');
    expect(goals).to.contain('Indicator: Minst 4 av 5 skoledager per uke innen uke 10.');
    expect(goals).to.contain('Fast morgenmøte med kontaktlærer hver dag kl. 08.15 (in progress)');
    expect(goals).to.match(/: partly achieved – 3 av 5 dager/);
    // The result goal sits under its effect goal.
    const effect = $$(el, 'li.goal.effect')[0]!;
    expect(effect.querySelector('ul.nested li.goal.result')).to.not.equal(null);

    $$<HTMLInputElement>(el, 'input[name="goal-kind"]').find((i) => i.value === 'result')!.click();
    await settle(el);
    typeInto($<HTMLTextAreaElement>(el, '#goal-text'), 'Emma har en venn i storefri.');
    await settle(el);
    button(el, 'add-goal').click();
    await settle(el);
    expect($(el, '#err-goalIndicator').textContent).to.equal('A result goal needs an indicator.');
    expect(el.shadowRoot!.activeElement?.id).to.equal('goal-indicator');
    typeInto($<HTMLInputElement>(el, '#goal-indicator'), 'Leker med noen i minst 3 av 5 friminutt.');
    typeInto($<HTMLSelectElement>(el, '#goal-parent'), model.snapshot().goals.find((g) => g.kind === 'effect')!.id);
    await settle(el);
    button(el, 'add-goal').click();
    await settle(el);
    expect(model.snapshot().goals).to.have.length(3);
    expect(effect.querySelectorAll('ul.nested li.goal.result')).to.have.length(2);
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

  it('is read-only for the family and observers; edit controls follow the permission table', async () => {
    for (const role of ['parent', 'child', 'observer'] as Role[]) {
      const el = await mount(seeded(role).model, 'nb');
      expect($$(el, 'form'), role).to.have.length(0);
      expect($$(el, 'button:not([disabled])').filter((b) => b.dataset.action), role).to.have.length(0);
      expect(textOf(el)).to.contain('Du kan lese saken, men ikke endre den.');
      expect(textOf(el)).to.contain('Sofie Lie (helsestasjon og skolehelsetjeneste) har stafettpinnen nå.');
    }
    const pro = await mount(seeded('professional').model, 'nb');
    expect($$(pro, 'button[data-action="move-level"]')).to.have.length(1);
    expect($$(pro, 'button[data-action="raise-concern"]')).to.have.length(1);
    // Only the holder (or a leader) hands the baton on.
    expect($$(pro, 'button[data-action="offer"]')).to.have.length(0);
  });

  it('follows remote edits live and announces a level change', async () => {
    const { a, b } = linkedModels('parent', 'leader');
    const el = await mount(a, 'en');
    b.case.setLevel('bti-1', { reason: 'Bedre nærvær.' });
    b.goals.add({ kind: 'effect', text: 'Emma har det bra i friminuttene.' });
    await waitUntil(() => $(el, '.current-level').dataset.level === 'bti-1', 'the level arrives');
    await waitUntil(() => el.lastAnnouncement === 'The case is moved to Level 1.', 'the level change is announced');
    expect($(el, '[part="goals"]').textContent).to.contain('Emma har det bra i friminuttene.');
    expect(kinds(el)).to.include('level-change');
  });

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

  for (const lang of ['nb', 'nn', 'en', 'uk']) {
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
