import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { MeetingModel } from '@samrad/model';
import { $, $$, expectNoAxeViolations, fixtureIn, linkedModels, seeded, settle, textOf, typeInto, waitUntil } from '../shared/test-helpers.js';
import './define.js';
import type { SamradAgenda } from './samrad-agenda.js';
import { formatClock } from './samrad-agenda.js';

async function mount(model: MeetingModel, meeting?: string, lang = 'nb'): Promise<SamradAgenda> {
  return fixtureIn<SamradAgenda>(html`<samrad-agenda .model=${model} meeting=${meeting ?? ''}></samrad-agenda>`, lang);
}

function titles(el: SamradAgenda): string[] {
  return $$(el, 'li.item .title').map((t) => t.textContent ?? '');
}

/** A calendar day `offset` days from today, where the test runs. */
function dayFrom(offset: number): string {
  const d = new Date(Date.now() + offset * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** An open action whose evaluation date has passed, added after the meeting was planned. */
function addDueAction(model: MeetingModel, title = 'Samtale med Emma om friminuttene'): string {
  return model.actions.add({ title, owner: { kind: 'child' }, schedule: { kind: 'ongoing' }, evaluationDate: dayFrom(-1) });
}

function rowOf(el: SamradAgenda, title: string): HTMLElement {
  const row = $$(el, 'li.item').find((li) => li.querySelector('.title')?.textContent === title);
  if (!row) throw new Error(`no row ${title}`);
  return row;
}

describe('<samrad-agenda>', () => {
  it('renders purpose, roles and the template items of the current meeting', async () => {
    const { model, ids } = seeded('leader');
    const el = await mount(model, ids!.meetingId);
    const text = textOf(el);
    expect(text).to.contain('Evaluere tiltakene for skolenærvær');
    expect(text).to.contain('Møteleder');
    expect(text).to.contain('Sofie Lie');
    expect(text).to.contain('Referent');
    expect(text).to.contain('Ingrid Haugen');
    expect(text).to.contain('Tidtaker');
    expect(text).to.contain('Morten Dahl');
    expect(titles(el)).to.have.length(11);
    expect(titles(el)[0]).to.equal('Formål og roller');
  });

  it('adds, edits and removes an item', async () => {
    const { model, ids } = seeded('leader');
    const el = await mount(model, ids!.meetingId);
    let changes = 0;
    el.addEventListener('samrad-agenda-change', () => changes++);
    const form = $<HTMLFormElement>(el, 'form.add');
    typeInto(form.querySelector<HTMLInputElement>('input[name="title"]')!, 'Skoleskyss');
    typeInto(form.querySelector<HTMLInputElement>('input[name="minutes"]')!, '7');
    form.requestSubmit();
    await settle(el);
    expect(titles(el).at(-1)).to.equal('Skoleskyss');
    expect(model.snapshot().agenda.find((a) => a.title === 'Skoleskyss')?.plannedMinutes).to.equal(7);

    rowOf(el, 'Skoleskyss').querySelector<HTMLButtonElement>('.edit-button')!.click();
    await settle(el);
    const edit = $<HTMLFormElement>(el, 'form.edit');
    typeInto(edit.querySelector<HTMLInputElement>('input[name="title"]')!, 'Skoleskyss og SFO');
    edit.requestSubmit();
    await settle(el);
    expect(titles(el)).to.include('Skoleskyss og SFO');

    rowOf(el, 'Skoleskyss og SFO').querySelector<HTMLButtonElement>('.remove-button')!.click();
    await settle(el);
    expect(titles(el)).not.to.include('Skoleskyss og SFO');
    expect(changes).to.equal(3);
  });

  it('offers "Angre" after a removal, with focus on it, and Ctrl+Z takes back the last removal too', async () => {
    const { model, ids } = seeded('leader');
    const el = await mount(model, ids!.meetingId);
    const before = titles(el);
    const first = before[1]!;
    rowOf(el, first).querySelector<HTMLButtonElement>('.remove-button')!.click();
    await settle(el);
    expect(titles(el)).not.to.include(first);
    const undo = $<HTMLButtonElement>(el, '[part="undo"] button');
    expect(undo.textContent).to.equal('Angre');
    expect(el.shadowRoot!.activeElement).to.equal(undo);
    expect($(el, '[part="undo"]').textContent).to.contain(`«${first}» er fjernet.`);
    undo.click();
    await settle(el);
    expect(titles(el)).to.deep.equal(before);
    expect($$(el, '[part="undo"]')).to.have.length(0);

    // The keyboard way: remove, then Ctrl+Z on a button (not in a text field).
    rowOf(el, first).querySelector<HTMLButtonElement>('.remove-button')!.click();
    await settle(el);
    const focused = el.shadowRoot!.activeElement as HTMLElement;
    focused.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, composed: true }));
    await settle(el);
    expect(titles(el)).to.deep.equal(before);
    await waitUntil(() => el.lastAnnouncement === 'Angret.', 'the undo is announced');
  });

  it('reorders with Alt+Arrow keys and the move buttons, announcing the new position', async () => {
    const { model, ids } = seeded('leader');
    const el = await mount(model, ids!.meetingId);
    const [first, second] = titles(el);
    const handle = rowOf(el, second!).querySelector<HTMLButtonElement>('.handle')!;
    handle.focus();
    handle.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', altKey: true, bubbles: true, composed: true }));
    await settle(el);
    expect(titles(el).slice(0, 2)).to.deep.equal([second, first]);
    // Focus stays on the moved item so the user can keep moving it.
    expect(el.shadowRoot!.activeElement?.closest('li')?.querySelector('.title')?.textContent).to.equal(second);
    await waitUntil(() => el.lastAnnouncement.includes('plass 1 av 11'), 'move announcement');

    rowOf(el, second!).querySelector<HTMLButtonElement>('.move-down')!.click();
    await settle(el);
    expect(titles(el).slice(0, 2)).to.deep.equal([first, second]);
    // The order is the model's, so every participant sees it.
    expect(model.snapshot().agenda.filter((a) => a.meetingId === ids!.meetingId).map((a) => a.title).slice(0, 2)).to.deep.equal([first, second]);
  });

  it('types notes live: another person\'s edit arrives without moving the caret, and the limit is said in the page\'s language', async () => {
    const { a, b, ids } = linkedModels('leader', 'professional');
    const el = await mount(a, ids!.meetingId, 'en');
    const row = rowOf(el, 'Barnets stemme');
    row.querySelector('details')!.open = true;
    const notes = row.querySelector<HTMLTextAreaElement>('textarea[name="notes"]')!;
    expect(notes.maxLength).to.equal(20000);
    notes.focus();
    notes.setRangeText('Emma var med.', 0, 0, 'end');
    notes.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText' }));
    const item = b.snapshot().agenda.find((x) => x.meetingId === ids!.meetingId && x.title === 'Barnets stemme')!;
    expect(item.notes).to.equal('Emma var med.');
    notes.setSelectionRange(5, 5);
    // The other person types in two places, one edit at a time as typing goes.
    b.editText('agenda', item.id, 'notes', 'PPT: Emma var med.');
    b.editText('agenda', item.id, 'notes', 'PPT: Emma var med. Bra.');
    await settle(el);
    expect(notes.value).to.equal('PPT: Emma var med. Bra.');
    expect([notes.selectionStart, notes.selectionEnd]).to.deep.equal([10, 10]);
    expect(rowOf(el, 'Barnets stemme').querySelector('textarea[name="notes"]')).to.equal(notes);
    notes.value = 'x'.repeat(20000);
    notes.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText' }));
    expect(row.querySelector(`#${CSS.escape(notes.getAttribute('aria-describedby')!)}`)!.textContent).to.contain('at most 20,000 characters');
    await expectNoAxeViolations(el);
  });

  it('keeps notes bound after the host moves the element elsewhere in the page', async () => {
    const { a, b, ids } = linkedModels('leader', 'professional');
    const el = await mount(a, ids!.meetingId);
    const item = b.snapshot().agenda.find((x) => x.meetingId === ids!.meetingId && x.title === 'Barnets stemme')!;
    const parent = el.parentElement!;
    el.remove();
    b.editText('agenda', item.id, 'notes', 'Mens den var borte.');
    parent.appendChild(el);
    await settle(el);
    const notes = rowOf(el, 'Barnets stemme').querySelector<HTMLTextAreaElement>('textarea[name="notes"]')!;
    expect(notes.value).to.equal('Mens den var borte.');
    b.editText('agenda', item.id, 'notes', 'Mens den var borte. Og etterpå.');
    expect(notes.value).to.equal('Mens den var borte. Og etterpå.');
  });

  it('edits notes and records decisions per item', async () => {
    const { model, ids } = seeded('leader');
    const el = await mount(model, ids!.meetingId);
    const row = rowOf(el, 'Barnets stemme');
    row.querySelector('details')!.open = true;
    typeInto(row.querySelector<HTMLTextAreaElement>('textarea[name="notes"]')!, 'Emma var med de første ti minuttene.');
    const decide = row.querySelector<HTMLFormElement>('form.decide')!;
    typeInto(decide.querySelector<HTMLInputElement>('input[name="decision"]')!, 'Emma får være med i leseklubben.');
    decide.requestSubmit();
    await settle(el);
    expect(el.error).to.equal(undefined);
    const item = model.snapshot().agenda.find((a) => a.meetingId === ids!.meetingId && a.title === 'Barnets stemme')!;
    expect(item.notes).to.equal('Emma var med de første ti minuttene.');
    // A decision is a decision of the meeting (the minutes list it; finalising needs one).
    expect(model.snapshot().decisions.filter((d) => d.agendaItemId === item.id).map((d) => [d.meetingId, d.text]))
      .to.deep.equal([[ids!.meetingId, 'Emma får være med i leseklubben.']]);
    expect(rowOf(el, 'Barnets stemme').querySelector('ul.decisions')!.textContent).to.contain('Emma får være med i leseklubben.');
    rowOf(el, 'Barnets stemme').querySelector<HTMLButtonElement>('.remove-decision')!.click();
    await settle(el);
    expect(model.snapshot().decisions.filter((d) => d.agendaItemId === item.id)).to.have.length(0);
  });

  it('keeps focus on the controls after Start and Ferdig, never on the page', async () => {
    const { model, ids } = seeded('leader');
    const el = await mount(model, ids!.meetingId);
    const start = rowOf(el, 'Barnets stemme').querySelector<HTMLButtonElement>('button.start')!;
    start.focus();
    start.click();
    await settle(el);
    await el.updateComplete;
    expect(document.activeElement).to.equal(el);
    expect(el.shadowRoot!.activeElement).to.equal(rowOf(el, 'Barnets stemme').querySelector('button.stop'));
    const done = rowOf(el, 'Barnets stemme').querySelector<HTMLButtonElement>('button.complete')!;
    done.click();
    await settle(el);
    await el.updateComplete;
    expect(document.activeElement).to.equal(el);
    const row = rowOf(el, 'Barnets stemme');
    const focused = el.shadowRoot!.activeElement as HTMLElement | null;
    expect(focused?.tagName).to.equal('BUTTON');
    expect(focused?.closest('li.item')).to.equal(row.nextElementSibling ?? row);
  });

  it('a started countdown shows as the active item on a second, linked instance and ticks', async () => {
    const { a, b, ids } = linkedModels('leader', 'parent');
    const leaderView = await mount(a, ids!.meetingId);
    const parentView = await mount(b, ids!.meetingId);
    let started: unknown;
    leaderView.addEventListener('samrad-agenda-item-start', (e) => { started = (e as CustomEvent).detail; });
    rowOf(leaderView, 'Barnets stemme').querySelector<HTMLButtonElement>('button.start')!.click();
    await settle(leaderView);
    expect(started).to.include({ title: 'Barnets stemme' });
    await waitUntil(() => parentView.shadowRoot!.querySelector('li[aria-current="step"] .title')?.textContent === 'Barnets stemme', 'active item on the other instance');
    const row = $(parentView, 'li[aria-current="step"]');
    expect(row.textContent).to.contain('Pågår nå');
    const timer = row.querySelector('[role="timer"]')!;
    expect(timer.textContent).to.match(/igjen/);
    const before = timer.textContent;
    await waitUntil(() => row.querySelector('[role="timer"]')?.textContent !== before, 'the countdown ticks', 2500);
    // The parent sees the countdown but gets no controls for it.
    expect(row.querySelector('button.start, button.stop')).to.equal(null);
    expect(textOf(parentView)).to.contain('Bare møteleder, koordinator og fagpersoner kan endre sakslisten.');
    await waitUntil(() => parentView.lastAnnouncement.includes('Barnets stemme'), 'remote start announced');
  });

  it('shows over-time in words, not colour alone', async () => {
    const { model, doc, ids } = seeded('leader');
    // A leader whose clock says the countdown began ten minutes ago (a 3-minute item).
    const earlier = new MeetingModel(doc, model.user, { now: () => new Date(Date.now() - 10 * 60_000) });
    const item = model.snapshot().agenda.find((x) => x.meetingId === ids!.meetingId && x.plannedMinutes === 3)!;
    earlier.agenda.startTimer(item.id);
    const el = await mount(model, ids!.meetingId, 'en');
    const timer = $(el, 'li[aria-current="step"] [role="timer"]');
    expect(timer.textContent).to.match(/7:0\d over time/);
    expect(formatClock(-427)).to.equal('7:07');
    expect(formatClock(3725)).to.equal('1:02:05');
  });

  it('is read-only and says so when the meeting is finalised', async () => {
    const { model, ids } = seeded('leader');
    model.meetings.finalise(ids!.meetingId, 'Ingen nye beslutninger i dag.');
    const el = await mount(model, ids!.meetingId);
    expect(textOf(el)).to.contain('Ferdigstilt av Sofie Lie');
    expect($$(el, 'form.add, button.start, button.handle, .edit-button, .remove-button, li textarea')).to.have.length(0);
    // The next meeting can be planned from here.
    expect($$(el, 'form.create')).to.have.length(1);
  });

  it('creates a meeting with its agenda from a template', async () => {
    const { model } = seeded('leader', { empty: true });
    const el = await mount(model, undefined, 'en');
    const form = $<HTMLFormElement>(el, 'form.create');
    typeInto(form.querySelector<HTMLSelectElement>('select[name="template"]')!, 'evalueringsmote');
    typeInto(form.querySelector<HTMLTextAreaElement>('textarea[name="purpose"]')!, 'Follow up the actions.');
    form.requestSubmit();
    await settle(el);
    expect(titles(el)).to.deep.equal(['Purpose and roles', "The child's voice", 'Evaluation of existing actions', 'New actions (owner, deadline, evaluation date)', 'Next meeting, coordinator and short meeting evaluation']);
  });

  it('two instances on linked documents converge after edits on both sides', async () => {
    const { a, b, ids } = linkedModels('leader', 'professional');
    const one = await mount(a, ids!.meetingId);
    const two = await mount(b, ids!.meetingId);
    const addOn = async (el: SamradAgenda, title: string) => {
      const form = $<HTMLFormElement>(el, 'form.add');
      typeInto(form.querySelector<HTMLInputElement>('input[name="title"]')!, title);
      form.requestSubmit();
      await settle(el);
    };
    await addOn(one, 'Fra leder');
    await addOn(two, 'Fra lærer');
    rowOf(two, 'Fra leder').querySelector<HTMLButtonElement>('.move-up')!.click();
    await settle(two);
    await settle(one);
    expect(titles(one)).to.deep.equal(titles(two));
    expect(titles(one).slice(-3)).to.deep.equal(['Fra leder', 'Neste møte, koordinator og kort evaluering av møtet', 'Fra lærer']);
  });

  describe('interpreter notice', () => {
    const expected: Record<string, string> = {
      nb: 'Tolk trengs: polsk (for Ola Nordby). Sett av tid til tolking.',
      nn: 'Tolk trengst: polsk (for Ola Nordby). Set av tid til tolking.',
      en: 'Interpreter needed: polsk (for Ola Nordby). Plan time for interpreting.',
      uk: 'Потрібен перекладач: polsk (для Ola Nordby). Заплануйте час на переклад.',
    };
    for (const [lang, text] of Object.entries(expected)) {
      it(`says in words, with purpose and roles, who needs an interpreter (${lang})`, async () => {
        const { model, ids } = seeded('leader');
        const el = await mount(model, ids!.meetingId, lang);
        const notice = $(el, 'header [part="interpreter"]');
        expect(notice.getAttribute('role')).to.equal('note');
        expect(notice.textContent!.replace(/\s+/g, ' ').trim()).to.equal(text);
      });
    }

    it('lists everyone who needs one, leaves out those who sent word, and goes when nobody does', async () => {
      const { model, ids } = seeded('leader');
      model.participants.update(ids!.participants.mother, { interpreterNeeded: true, interpreterLanguage: 'arabisk' });
      model.participants.update(ids!.participants.ppt, { interpreterNeeded: true });
      const el = await mount(model, ids!.meetingId);
      expect($(el, '[part="interpreter"]').textContent!.replace(/\s+/g, ' ')).to.contain('arabisk (for Kari Fjellstad), språk ikke oppgitt (for Morten Dahl) og polsk (for Ola Nordby)');
      model.participants.update(ids!.participants.father, { attendance: 'excused' });
      model.participants.update(ids!.participants.mother, { interpreterNeeded: false });
      model.participants.update(ids!.participants.ppt, { interpreterNeeded: false });
      await settle(el);
      expect($$(el, '[part="interpreter"]')).to.have.length(0);
    });
  });

  describe('evaluation cycle', () => {
    it('lists the actions carried in for evaluation under the evaluation item', async () => {
      const { model, ids } = seeded('leader');
      const el = await mount(model, ids!.meetingId);
      const row = rowOf(el, 'Evaluering av tiltak');
      expect(row.querySelector('.item-actions')!.textContent!.replace(/\s+/g, ' ')).to.match(/Tiltak til evaluering .*Fast morgenmøte med kontaktlærer hver dag kl\. 08\.15 \(ansvarlig: Ingrid Haugen, evalueres /);
      // Everything due is on the agenda already: no generated section.
      expect($$(el, 'section.due')).to.have.length(0);
    });

    it('shows actions that fell due since as a generated section, and writes nothing until the leader accepts', async () => {
      const { model, ids } = seeded('leader');
      const id = addDueAction(model);
      const agendaBefore = JSON.stringify(model.snapshot().agenda);
      const el = await mount(model, ids!.meetingId);
      const section = $(el, 'section.due');
      expect(section.querySelector('h3')!.textContent).to.equal('Evaluere tiltak');
      expect(section.querySelector(`li[data-action-id="${id}"]`)!.textContent).to.contain('Samtale med Emma om friminuttene (ansvarlig: Barnet selv');
      // Showing it changed nothing in the document.
      expect(JSON.stringify(model.snapshot().agenda)).to.equal(agendaBefore);

      let change: unknown;
      el.addEventListener('samrad-agenda-change', (e) => { change = (e as CustomEvent).detail; });
      const accept = section.querySelector<HTMLButtonElement>('button.accept-due')!;
      expect(accept.textContent).to.equal('Ta med under «Evaluering av tiltak»');
      accept.click();
      await settle(el);
      const item = model.snapshot().agenda.find((a) => a.meetingId === ids!.meetingId && a.kind === 'evaluation')!;
      expect(item.actionIds).to.include(id);
      expect(item.actionIds).to.include(ids!.actionIds[0]);
      expect(change).to.deep.include({ action: 'update', itemId: item.id });
      expect($$(el, 'section.due')).to.have.length(0);
      expect(rowOf(el, 'Evaluering av tiltak').querySelector(`.item-actions li[data-action-id="${id}"]`)).to.not.equal(null);
      await waitUntil(() => el.lastAnnouncement === 'Tiltakene til evaluering er tatt med på sakslisten.', 'accept announced');
    });

    it('adds an evaluation item when the template has none (uk)', async () => {
      const { model } = seeded('leader', { empty: true });
      const meetingId = model.meetings.create({ templateId: 'naervaersmote', purpose: 'Відвідування школи', date: new Date().toISOString(), locale: 'uk' });
      const id = addDueAction(model, 'Щоранкова зустріч');
      const el = await mount(model, meetingId, 'uk');
      expect(titles(el)[0]).to.equal('Мета і ролі');
      expect($(el, 'section.due h3').textContent).to.equal('Оцінити заходи');
      $<HTMLButtonElement>(el, 'button.accept-due').click();
      await settle(el);
      expect(titles(el).at(-1)).to.equal('Оцінювання чинних заходів');
      const added = model.snapshot().agenda.find((a) => a.meetingId === meetingId && a.kind === 'evaluation')!;
      expect(added.actionIds).to.deep.equal([id]);
      expect($$(el, 'section.due')).to.have.length(0);
    });

    it('parents see what is due but cannot take it on; finalised meetings show nothing generated', async () => {
      const { model, doc, ids } = seeded('leader');
      addDueAction(model);
      const parent = new MeetingModel(doc, { id: 'kari.fjellstad', name: 'Kari Fjellstad', role: 'parent' });
      const el = await mount(parent, ids!.meetingId, 'en');
      expect($(el, 'section.due').textContent).to.contain('The meeting leader can add them to the agenda.');
      expect($$(el, 'button.accept-due')).to.have.length(0);
      model.meetings.finalise(ids!.meetingId, 'Ingen beslutninger.');
      await settle(el);
      expect($$(el, 'section.due')).to.have.length(0);
    });
  });

  for (const lang of ['nb', 'nn', 'en', 'uk']) {
    it(`has no axe violations (${lang})`, async () => {
      const { model, ids } = seeded('leader');
      addDueAction(model);
      const item = model.snapshot().agenda.find((a) => a.meetingId === ids!.meetingId)!;
      model.agenda.startTimer(item.id);
      const el = await mount(model, ids!.meetingId, lang);
      $$(el, 'details').forEach((d) => { (d as HTMLDetailsElement).open = true; });
      await expectNoAxeViolations(el);
      const parent = await mount(seeded('parent').model, undefined, lang);
      await expectNoAxeViolations(parent);
      const empty = await mount(seeded('leader', { empty: true }).model, undefined, lang);
      await expectNoAxeViolations(empty);
    });
  }
});
