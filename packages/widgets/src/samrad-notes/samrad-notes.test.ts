import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { audienceKey, LOCALES, MeetingModel, type Audience, type AuthUser } from '@samrad/model';
import { $, $$, expectNoAxeViolations, fixtureIn, newDoc, rootContent, seeded, settle, textOf, typeInto, userFor } from '../shared/test-helpers.js';
import type { SamradNotes } from './samrad-notes.js';
import './define.js';

/** A model whose audience documents are fresh docs, as a connection would open them; `opened` has them by key. */
function withAudiences(user: AuthUser) {
  const { doc, restricted, ids } = seeded('leader', { restricted: true });
  const opened = new Map<string, ReturnType<typeof newDoc>>();
  const open = (a: Audience) => { const key = audienceKey(a); if (!opened.has(key)) opened.set(key, newDoc()); return opened.get(key)!; };
  const model = new MeetingModel(doc, user, { restricted, openAudience: open });
  return { doc, restricted: restricted!, ids, model, opened };
}

async function mount(model: MeetingModel, lang = 'en'): Promise<SamradNotes> {
  return fixtureIn<SamradNotes>(html`<samrad-notes .model=${model}></samrad-notes>`, lang);
}

describe('<samrad-notes>', () => {
  it('saves a note kept from one parent in that audience\'s document only, and says who can read it', async () => {
    const { doc, restricted, model, opened } = withAudiences(userFor('leader'));
    const el = await mount(model);
    const father = model.snapshot().participants.find((p) => p.name === 'Ola Nordby')!;
    const options = $$<HTMLOptionElement>(el, '#n-audience option').map((o) => o.textContent);
    expect(options).to.include('Everyone on the case except Ola Nordby');
    expect(options).to.include('Every professional on the case (not the family)');
    // Empty: marked, described, focused.
    $<HTMLFormElement>(el, 'form').requestSubmit();
    await settle(el);
    expect($(el, '#n-text').getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement?.id).to.equal('n-text');
    typeInto($(el, '#n-text'), 'Mother has moved; the new address is not to be shared.');
    typeInto($<HTMLSelectElement>(el, '#n-audience'), `kept-from/${father.userId}`);
    $<HTMLFormElement>(el, 'form').requestSubmit();
    await settle(el);
    const key = audienceKey({ kind: 'kept-from', sub: father.userId! });
    expect(rootContent(opened.get(key)!, 'notes').json).to.contain('new address');
    expect(rootContent(doc, 'notes').size + rootContent(restricted, 'notes').size).to.equal(0);
    expect(textOf($(el, '[part="list"]'))).to.contain('Everyone on the case except Ola Nordby');
    await expectNoAxeViolations(el);
  });

  it('offers a parent no form, and shows the notes they received', async () => {
    const { model, ids } = withAudiences(userFor('leader'));
    const motherUser = userFor('parent');
    const keptFromFather = { kind: 'kept-from', sub: 'ola.nordby' } as const;
    model.notes.add({ text: 'Shared with the family except the father' }, keptFromFather);
    const mother = new MeetingModel(model.doc, motherUser, { audiences: new Map([[audienceKey(keptFromFather), model.audiences.get(audienceKey(keptFromFather))!]]) });
    const el = await mount(mother);
    expect($$(el, 'form')).to.have.length(0);
    expect(textOf(el)).to.contain('Shared with the family except the father');
    void ids;
  });

  for (const lang of LOCALES) {
    it(`has no axe violations in ${lang}`, async () => {
      const { model } = withAudiences(userFor('professional'));
      model.notes.add({ text: 'Skolens eget notat' }, { kind: 'service', service: 'skole' });
      const el = await mount(model, lang);
      await expectNoAxeViolations(el);
    });
  }
});
