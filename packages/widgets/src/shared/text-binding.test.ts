import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import type { AgendaItem, MeetingModel } from '@samrad/model';
import { fixtureIn, linkedModels } from './test-helpers.js';
import { bindText } from './text-binding.js';

const messages = { max: 40, limitMessage: 'Feltet er fullt.', errorMessage: () => 'Avvist.' };

async function mountBound(model: MeetingModel, itemId: string, tag: 'textarea' | 'input' = 'textarea'): Promise<HTMLTextAreaElement | HTMLInputElement> {
  const wrapper = await fixtureIn<HTMLDivElement>(tag === 'textarea'
    ? html`<div><label for="n">Notater</label><textarea id="n" aria-describedby="n-msg" ${bindText(model, 'agenda', itemId, 'notes', messages)}></textarea><p id="n-msg"></p></div>`
    : html`<div><label for="n">Notater</label><input id="n" aria-describedby="n-msg" ${bindText(model, 'agenda', itemId, 'notes', messages)} /><p id="n-msg"></p></div>`);
  return wrapper.querySelector(tag)!;
}

/** Types `text` at the caret the way a browser does: the value changes, then an input event. */
function typeAtCaret(el: HTMLTextAreaElement | HTMLInputElement, text: string): void {
  const start = el.selectionStart ?? el.value.length;
  const end = el.selectionEnd ?? start;
  el.setRangeText(text, start, end, 'end');
  el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
}

function firstItem(model: MeetingModel, meetingId: string): AgendaItem {
  return model.snapshot().agenda.find((a) => a.meetingId === meetingId)!;
}

describe('bindText', () => {
  for (const tag of ['textarea', 'input'] as const) {
    it(`keeps the local caret and selection in a <${tag}> when someone else edits before it`, async () => {
      const { a, b, ids } = linkedModels('leader', 'professional');
      const item = firstItem(a, ids!.meetingId);
      a.editText('agenda', item.id, 'notes', 'Emma liker tegning.');
      const el = await mountBound(a, item.id, tag);
      expect(el.value).to.equal('Emma liker tegning.');
      el.focus();
      el.setSelectionRange(11, 18); // "tegning"
      // The other person types at the start and at the end.
      b.editText('agenda', item.id, 'notes', 'Notat: Emma liker tegning.');
      b.editText('agenda', item.id, 'notes', 'Notat: Emma liker tegning. Og lego.');
      expect(el.value).to.equal('Notat: Emma liker tegning. Og lego.');
      expect([el.selectionStart, el.selectionEnd]).to.deep.equal([18, 25]);
      expect(el.value.slice(el.selectionStart!, el.selectionEnd!)).to.equal('tegning');
      // Typing replaces the selection, and the other person's text stays.
      typeAtCaret(el, 'maling');
      expect(b.snapshot().agenda.find((x) => x.id === item.id)!.notes).to.equal('Notat: Emma liker maling. Og lego.');
      expect([el.selectionStart, el.selectionEnd]).to.deep.equal([24, 24]);
    });
  }

  it('sends nothing while an input method composes, and merges remote edits after it ends', async () => {
    const { a, b, ids } = linkedModels('leader', 'professional');
    const item = firstItem(a, ids!.meetingId);
    a.editText('agenda', item.id, 'notes', 'ab');
    const el = await mountBound(a, item.id);
    el.focus();
    el.setSelectionRange(1, 1);
    el.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
    el.setRangeText('に', 1, 1, 'end');
    el.dispatchEvent(new InputEvent('input', { inputType: 'insertCompositionText', data: 'に', isComposing: true }));
    expect(b.snapshot().agenda.find((x) => x.id === item.id)!.notes).to.equal('ab');
    b.editText('agenda', item.id, 'notes', 'Xab');
    // The composition is left alone while it runs.
    expect(el.value).to.equal('aにb');
    el.dispatchEvent(new CompositionEvent('compositionend', { data: 'に' }));
    expect(el.value).to.equal('Xaにb');
    expect(b.snapshot().agenda.find((x) => x.id === item.id)!.notes).to.equal('Xaにb');
    expect(el.selectionStart).to.equal(3);
  });

  it('keeps the length limit before sending, with a message', async () => {
    const { a, ids } = linkedModels('leader', 'professional');
    const item = firstItem(a, ids!.meetingId);
    const el = await mountBound(a, item.id);
    el.focus();
    typeAtCaret(el, 'x'.repeat(50));
    expect(a.snapshot().agenda.find((x) => x.id === item.id)!.notes).to.have.length(40);
    expect(el.value).to.have.length(40);
    expect(el.parentElement!.querySelector('#n-msg')!.textContent).to.equal('Feltet er fullt.');
  });

  it('is read-only for someone who may not edit the field', async () => {
    const { a, b, ids } = linkedModels('leader', 'parent');
    const item = firstItem(a, ids!.meetingId);
    a.editText('agenda', item.id, 'notes', 'Kun lesing.');
    const el = await mountBound(b, item.id);
    expect(el.readOnly).to.equal(true);
    expect(el.value).to.equal('Kun lesing.');
  });
});
