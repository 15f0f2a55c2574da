import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { findTemplate, isFinalised, type Meeting, type Part } from '@samrad/model';
import { LocalizeController } from '../shared/localize.js';
import { localInputValue, nextQuarterHour } from '../shared/meetings.js';
import { SamradElement } from '../shared/samrad-element.js';
import { sharedStyles } from '../shared/styles.js';
import { messages } from './samrad-meetings.messages.js';
import { meetingsStyles } from './samrad-meetings.styles.js';

/** The fields of the details form, in the order they are checked and focused. */
const DETAIL_FIELDS = ['title', 'purpose', 'date', 'place', 'leaderId', 'minuteTakerId', 'timeKeeperId'] as const;
type DetailField = (typeof DETAIL_FIELDS)[number];

/**
 * @tag samrad-meetings
 * @summary The case's meetings: choose which one every widget shows (an earlier meeting's
 * locked minutes included), start a new one from a template or as a follow-up, and change
 * the shown meeting's title, purpose, time, place and roles until its minutes are locked.
 *
 * Inside `<samrad-meeting>` choosing a meeting fires `samrad-meeting-select`, and the
 * enclosing element shows that meeting in every widget; standing alone, it shows it itself.
 *
 * @csspart base - The element's section.
 * @csspart picker - The meeting chooser.
 * @csspart details - The shown meeting's details, and the form that edits them.
 * @csspart create - The new-meeting form.
 * @fires samrad-meeting-select - The user chose a meeting to show, or created one. `detail: { meetingId }`.
 * @fires samrad-meeting-update - The user saved the shown meeting's details. `detail: { meetingId, fields }`.
 */
export class SamradMeetings extends SamradElement {
  static override styles = [...sharedStyles, meetingsStyles];
  static override parts: readonly Part[] = ['meetings', 'participants'];
  static override properties: PropertyDeclarations = {
    ...SamradElement.properties,
    editing: { state: true },
    errors: { state: true },
  };

  declare private editing: boolean;
  declare private errors: Partial<Record<DetailField | 'form' | 'create', string>>;
  private readonly l = new LocalizeController(this, messages);

  constructor() {
    super();
    this.editing = false;
    this.errors = {};
  }

  private titleOf(m: Meeting): string {
    const template = findTemplate(m.templateId, this.model?.templates);
    return m.title?.trim() || (template ? template.name[this.l.lang] ?? template.name.en : '') || this.l.t('untitled');
  }

  /** Shows `meetingId` in every widget (through the enclosing `<samrad-meeting>`), or here when standing alone. */
  select(meetingId: string): void {
    const event = this.emit('meeting-select', { meetingId }, { cancelable: true });
    // An enclosing <samrad-meeting> takes the choice (it cancels the event); else show it here.
    if (!event.defaultPrevented) this.meeting = meetingId;
    const m = this.snapshot?.meetings.find((x) => x.id === meetingId);
    if (m) this.announce(this.l.t('shown', this.titleOf(m)));
  }

  // ---------------------------------------------------------------- editing the shown meeting

  private get mayEdit(): boolean {
    const m = this.currentMeeting;
    return !!m && !isFinalised(m) && !!this.model?.can('meeting.update');
  }

  private startEditing(): void {
    this.editing = true;
    this.errors = {};
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#m-title')?.focus());
  }

  private stopEditing(): void {
    this.editing = false;
    this.errors = {};
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('button[data-action="edit"]')?.focus());
  }

  private saveDetails(e: Event): void {
    e.preventDefault();
    const m = this.currentMeeting;
    const model = this.model;
    if (!m || !model) return;
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    const errors: typeof this.errors = {};
    if (!text('purpose')) errors.purpose = this.l.t('error.purpose');
    const when = text('date') ? new Date(text('date')) : undefined;
    if (!when || Number.isNaN(when.getTime())) errors.date = this.l.t('error.date');
    if (Object.keys(errors).length === 0) {
      const patch = {
        title: text('title') || undefined, purpose: text('purpose'), date: when!.toISOString(), place: text('place') || undefined,
        leaderId: text('leaderId') || undefined, minuteTakerId: text('minuteTakerId') || undefined, timeKeeperId: text('timeKeeperId') || undefined,
      };
      const result = this.tryCommand(() => model.meetings.update(m.id, patch));
      if (result.ok) {
        this.announce(this.l.t('saved'));
        this.emit('meeting-update', { meetingId: m.id, fields: Object.keys(patch) });
        return this.stopEditing();
      }
      for (const [path, message] of Object.entries(result.fields)) if ((DETAIL_FIELDS as readonly string[]).includes(path)) errors[path as DetailField] = message;
      if (Object.keys(errors).length === 0) errors.form = result.message;
    }
    this.errors = { ...errors, form: errors.form ?? this.l.t('fix') };
    // The first field in error gets focus, described by its message.
    const first = DETAIL_FIELDS.find((f) => errors[f]);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(first ? `#m-${first}` : '#m-form-error')?.focus());
  }

  // ---------------------------------------------------------------- a new meeting

  private create(e: Event): void {
    e.preventDefault();
    const model = this.model;
    if (!model) return;
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const templateId = String(data.get('template') ?? '');
    const template = findTemplate(templateId, model.templates);
    const title = String(data.get('title') ?? '').trim() || (template ? template.name[this.l.lang] ?? template.name.en : '');
    const purpose = String(data.get('purpose') ?? '').trim();
    const when = new Date(String(data.get('date') ?? ''));
    if (!purpose || Number.isNaN(when.getTime())) {
      this.errors = { create: !purpose ? this.l.t('error.purpose') : this.l.t('error.date') };
      void this.updateComplete.then(() => form.querySelector<HTMLElement>(!purpose ? '[name="purpose"]' : '[name="date"]')?.focus());
      return;
    }
    const result = this.tryCommand(() => model.meetings.create({
      templateId, title, purpose, date: when.toISOString(), locale: this.l.lang, carryOver: data.get('followUp') === 'on',
    }));
    if (!result.ok) {
      this.errors = { create: result.message };
      return;
    }
    this.errors = {};
    form.reset();
    (form.closest('details') as HTMLDetailsElement | null)?.removeAttribute('open');
    this.select(result.value);
    this.announce(this.l.t('created', title));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#m-pick')?.focus());
  }

  // ---------------------------------------------------------------- rendering

  override render(): TemplateResult {
    const t = this.l;
    const meetings = [...(this.snapshot?.meetings ?? [])].reverse();
    const shown = this.currentMeeting;
    return html`<section part="base" aria-labelledby="m-heading">
      <h2 id="m-heading">${t.t('heading')}</h2>
      ${meetings.length === 0 ? html`<p>${t.t('noMeetings')}</p>` : html`
        <div class="pick" part="picker">
          <label for="m-pick">${t.t('show')}</label>
          <select id="m-pick" @change=${(e: Event) => this.select((e.target as HTMLSelectElement).value)}>
            ${meetings.map((m) => html`<option value=${m.id} ?selected=${m.id === shown?.id}>${t.t('option', t.date(m.date, { dateStyle: 'medium' }), this.titleOf(m), t.t('state', m.state))}</option>`)}
          </select>
        </div>`}
      ${shown ? this.renderDetails(shown) : nothing}
      ${this.model?.can('meeting.create') ? this.renderCreate(meetings.length === 0) : nothing}
    </section>`;
  }

  private renderDetails(m: Meeting): TemplateResult {
    const t = this.l;
    const name = (id: string | undefined) => (id ? this.snapshot?.participants.find((p) => p.id === id)?.name : undefined) ?? t.t('none');
    if (this.editing && this.mayEdit) return this.renderEditForm(m);
    return html`<div part="details">
      <h3 id="m-details">${this.titleOf(m)}</h3>
      <dl class="facts" aria-labelledby="m-details">
        <dt>${t.t('purpose')}</dt><dd>${m.purpose}</dd>
        <dt>${t.t('date')}</dt><dd>${t.dateTime(m.date)}</dd>
        <dt>${t.t('place')}</dt><dd>${m.place || t.t('none')}</dd>
        <dt>${t.t('leader')}</dt><dd>${name(m.leaderId)}</dd>
        <dt>${t.t('minuteTaker')}</dt><dd>${name(m.minuteTakerId)}</dd>
        <dt>${t.t('timeKeeper')}</dt><dd>${name(m.timeKeeperId)}</dd>
      </dl>
      ${isFinalised(m) ? html`<p class="note">🔒 ${t.t('lockedNote')}</p>` : nothing}
      ${this.mayEdit ? html`<button type="button" data-action="edit" @click=${() => this.startEditing()}>${t.t('edit')}</button>` : nothing}
    </div>`;
  }

  private renderEditForm(m: Meeting): TemplateResult {
    const t = this.l;
    const people = this.snapshot?.participants ?? [];
    const err = (f: DetailField) => this.errors[f];
    const described = (f: DetailField) => (err(f) ? `m-${f}-error` : nothing);
    const invalid = (f: DetailField) => (err(f) ? 'true' : 'false');
    const message = (f: DetailField) => (err(f) ? html`<p class="error" id="m-${f}-error">${err(f)}</p>` : nothing);
    const roleSelect = (f: 'leaderId' | 'minuteTakerId' | 'timeKeeperId', label: string) => html`<div class="field">
      <label for="m-${f}">${label}</label>
      <select id="m-${f}" name=${f} aria-invalid=${invalid(f)} aria-describedby=${described(f)}>
        <option value="" ?selected=${!m[f]}>${t.t('none')}</option>
        ${people.map((p) => html`<option value=${p.id} ?selected=${m[f] === p.id}>${p.name}</option>`)}
      </select>${message(f)}</div>`;
    return html`<form part="details" novalidate aria-labelledby="m-edit-heading" @submit=${this.saveDetails}>
      <h3 id="m-edit-heading">${t.t('editHeading')}</h3>
      <div class="field"><label for="m-title">${t.t('title')}</label>
        <input id="m-title" name="title" .value=${m.title ?? ''} maxlength="500" aria-invalid=${invalid('title')} aria-describedby=${described('title')} />${message('title')}</div>
      <div class="field"><label for="m-purpose">${t.t('purpose')}</label>
        <textarea id="m-purpose" name="purpose" rows="2" .value=${m.purpose} aria-invalid=${invalid('purpose')} aria-describedby=${described('purpose')}></textarea>${message('purpose')}</div>
      <div class="field"><label for="m-date">${t.t('date')}</label>
        <input id="m-date" name="date" type="datetime-local" .value=${localInputValue(m.date)} aria-invalid=${invalid('date')} aria-describedby=${described('date')} />${message('date')}</div>
      <div class="field"><label for="m-place">${t.t('place')}</label>
        <input id="m-place" name="place" .value=${m.place ?? ''} maxlength="500" aria-invalid=${invalid('place')} aria-describedby=${described('place')} />${message('place')}</div>
      ${roleSelect('leaderId', t.t('leader'))}
      ${roleSelect('minuteTakerId', t.t('minuteTaker'))}
      ${roleSelect('timeKeeperId', t.t('timeKeeper'))}
      ${this.errors.form ? html`<p class="error" id="m-form-error" role="alert" tabindex="-1">${this.errors.form}</p>` : nothing}
      <div class="row">
        <button type="submit" class="primary">${t.t('save')}</button>
        <button type="button" @click=${() => this.stopEditing()}>${t.t('cancel')}</button>
      </div>
    </form>`;
  }

  private renderCreate(open: boolean): TemplateResult {
    const t = this.l;
    const lang = t.lang;
    return html`<details part="create" ?open=${open}>
      <summary>${t.t('newHeading')}</summary>
      <form novalidate aria-label=${t.t('newHeading')} @submit=${this.create}>
        <div class="field"><label for="n-template">${t.t('template')}</label>
          <select id="n-template" name="template">
            ${this.model!.templates.map((tpl) => html`<option value=${tpl.id}>${tpl.name[lang] ?? tpl.name.en}</option>`)}
          </select></div>
        <div class="field"><label for="n-title">${t.t('title')}</label>
          <input id="n-title" name="title" maxlength="500" aria-describedby="n-title-hint" />
          <p class="note" id="n-title-hint">${t.t('titleHint')}</p></div>
        <div class="field"><label for="n-purpose">${t.t('purpose')}</label>
          <textarea id="n-purpose" name="purpose" rows="2" aria-describedby=${this.errors.create ? 'n-error' : nothing}></textarea></div>
        <div class="field"><label for="n-date">${t.t('date')}</label>
          <input id="n-date" name="date" type="datetime-local" .value=${nextQuarterHour()} /></div>
        <label class="check"><input type="checkbox" name="followUp" checked /> ${t.t('followUp')}</label>
        ${this.errors.create ? html`<p class="error" id="n-error" role="alert">${this.errors.create}</p>` : nothing}
        <div class="row"><button type="submit" class="primary">${t.t('create')}</button></div>
      </form>
    </details>`;
  }
}
