import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { decodeSub, FULL_WRITE_ROLES, type Audience, type NoteAudience, type Part, type Service } from '@samrad/model';
import { LocalizeController } from '../shared/localize.js';
import { SamradElement } from '../shared/samrad-element.js';
import { sharedStyles } from '../shared/styles.js';
import { vocabulary } from '../shared/vocabulary.js';
import { messages } from './samrad-notes.messages.js';

/**
 * @tag samrad-notes
 * @summary Notes for exactly the people who may read them: every professional, one
 * service only, or everyone on the case but one person (a guardian with a protected
 * address). Each note is stored in the document of its audience, so the server never
 * sends it to anyone else; this element lists the notes this user has received.
 *
 * @csspart base - The element's section.
 * @csspart list - The notes.
 * @csspart form - The new note's form (leader, coordinator, professionals).
 * @fires samrad-note-add - A note was saved. `detail: { id, audience }` (never the text).
 */
export class SamradNotes extends SamradElement {
  static override styles = [...sharedStyles, css`
    ul.notes { list-style: none; padding: 0; display: grid; gap: 0.75rem; }
    ul.notes li { border-inline-start: 3px solid var(--_border); padding-inline-start: 0.75rem; overflow-wrap: anywhere; }
    form { display: grid; gap: 0.5rem; max-width: 40rem; }
    select, textarea { max-width: 100%; min-width: 0; }
    [aria-invalid='true'] { outline: 2px solid var(--_danger); }
  `];
  static override parts: readonly Part[] = ['notes', 'participants'];
  static override properties: PropertyDeclarations = {
    ...SamradElement.properties,
    error: { state: true },
  };

  declare private error: string | undefined;
  private readonly l = new LocalizeController(this, messages);
  private readonly words = new LocalizeController(this, vocabulary);

  /** Who can read a note of this audience, in words. */
  private audienceLabel(key: string): string {
    const [kind, rest = ''] = key.split(/\/(.*)/s);
    if (kind === 'service') return this.l.t('service', this.serviceName(rest));
    if (kind === 'withheld') return this.l.t('withheld', this.l.list(rest.split('+').map((s) => this.serviceName(s))));
    if (kind === 'kept-from') return this.l.t('keptFrom', this.personName(decodeSub(rest) ?? ''));
    return this.l.t('restricted');
  }

  private serviceName(s: string): string {
    return this.words.t('service', s as Service);
  }

  private personName(userId: string): string {
    return this.snapshot?.participants.find((p) => p.userId === userId)?.name ?? userId;
  }

  /** The audiences this user may write a note for. */
  private choices(): Array<{ value: string; label: string; audience: NoteAudience }> {
    const model = this.model;
    if (!model || !FULL_WRITE_ROLES.includes(model.user.role)) return [];
    const out: Array<{ value: string; label: string; audience: NoteAudience }> = [{ value: 'restricted', label: this.l.t('restricted'), audience: { kind: 'restricted' } }];
    const own = model.user.service;
    if (own) out.push({ value: `service/${own}`, label: this.l.t('service', this.serviceName(own)), audience: { kind: 'service', service: own } });
    for (const p of this.snapshot?.participants ?? []) {
      if ((p.role === 'parent' || p.role === 'child') && p.userId) {
        const audience: Audience = { kind: 'kept-from', sub: p.userId };
        out.push({ value: `kept-from/${p.userId}`, label: this.l.t('keptFrom', p.name), audience });
      }
    }
    return out.filter((c) => c.audience.kind === 'restricted' ? !!model.restricted : model.mayWriteAudience(c.audience));
  }

  private save(e: Event): void {
    e.preventDefault();
    const model = this.model;
    if (!model) return;
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = String(data.get('text') ?? '').trim();
    const field = form.querySelector<HTMLTextAreaElement>('textarea')!;
    if (!text) {
      this.error = this.l.t('missing');
      field.focus();
      return;
    }
    const choice = this.choices().find((c) => c.value === data.get('audience'));
    if (!choice) return;
    const result = this.tryCommand(() => model.notes.add({ text }, choice.audience));
    if (!result.ok) {
      this.error = result.message;
      return;
    }
    this.error = undefined;
    form.reset();
    this.announce(this.l.t('saved'));
    this.emit('note-add', { id: result.value, audience: choice.value.split('/')[0] });
    field.focus();
  }

  override render(): TemplateResult {
    const t = this.l;
    const notes = [...(this.snapshot?.notes ?? [])].reverse();
    const choices = this.choices();
    return html`<section part="base" aria-labelledby="n-heading">
      <h2 id="n-heading">${t.t('heading')}</h2>
      ${choices.length ? html`<p class="note">${t.t('intro')}</p>` : nothing}
      ${notes.length === 0 ? html`<p class="muted">${t.t('none')}</p>` : html`<ul class="notes" part="list" aria-labelledby="n-heading">
        ${notes.map((n) => html`<li data-audience=${n.audience}>
          <p>${n.text}</p>
          <p class="note">${t.t('by', n.authorName || this.personName(n.createdBy), t.dateTime(n.createdAt))} · ${this.audienceLabel(n.audience)}</p>
        </li>`)}
      </ul>`}
      ${choices.length ? html`<form part="form" novalidate aria-label=${t.t('heading')} @submit=${this.save}>
        <div class="field"><label for="n-text">${t.t('text')}</label>
          <textarea id="n-text" name="text" rows="3" aria-invalid=${this.error ? 'true' : 'false'} aria-describedby=${this.error ? 'n-error' : nothing}></textarea></div>
        <div class="field"><label for="n-audience">${t.t('audience')}</label>
          <select id="n-audience" name="audience" aria-describedby="n-audience-hint">
            ${choices.map((c) => html`<option value=${c.value}>${c.label}</option>`)}
          </select>
          <p class="note" id="n-audience-hint">${t.t('keptFromHint')}</p></div>
        ${this.error ? html`<p class="error" id="n-error" role="alert">${this.error}</p>` : nothing}
        <div class="row"><button type="submit" class="primary">${t.t('save')}</button></div>
      </form>` : nothing}
    </section>`;
  }
}
