import { html, nothing, svg, type PropertyDeclarations, type TemplateResult } from 'lit';
import { PARTICIPATION, SERVICES, type ChangeInfo, type ChildVoiceEntry, type Part, type Reservation, type Service, type VoicePrivate } from '@samrad/model';
import { LocalizeController } from '../shared/localize.js';
import { vocabulary } from '../shared/vocabulary.js';
import { isCommandError, SamradElement } from '../shared/samrad-element.js';
import { sharedStyles } from '../shared/styles.js';
import { bindText, LONG_TEXT_MAX } from '../shared/text-binding.js';
import { messages, type ChildVoiceMessages } from './samrad-child-voice.messages.js';
import { childVoiceStyles } from './samrad-child-voice.styles.js';

type Participation = (typeof PARTICIPATION)[number];

/** The editable fields of an entry, as the form holds them. */
interface VoiceFields {
  participation: Participation;
  notHeardReason: string;
  quotes: string[];
  adultNotes: string;
  mattersMost: string;
  goesWell: string;
  wantsChanged: string;
  childGoals: string[];
  mood: number | undefined;
  heardBy: string;
  date: string;
  childAge: number | undefined;
  maturityNote: string;
  weighing: string;
  weighingAssessmentId: string | undefined;
  weighingActionIds: string[];
  feedbackHow: string;
  feedbackDate: string | undefined;
  feedbackBy: string;
}
type FieldName = keyof VoiceFields;
type Draft = Partial<VoiceFields>;
type NotShared = VoicePrivate['notShared'];

/** Collaborative text fields (`TEXT_FIELDS.voice`), bound live once the entry exists. */
const LIVE_FIELDS = ['adultNotes', 'maturityNote', 'weighing'] as const;
type TextField = 'adultNotes' | 'mattersMost' | 'goesWell' | 'wantsChanged' | 'heardBy' | 'maturityNote' | 'weighing' | 'feedbackHow' | 'feedbackBy';
const MOODS = [1, 2, 3, 4, 5] as const;
/** Model issue codes → this element's messages, shown next to the field they concern. */
const ISSUE_TEXT: Record<string, keyof ChildVoiceMessages> = {
  'not-heard-reason-required': 'notHeardRequired',
  'view-or-not-heard-required': 'viewOrNotHeard',
};

const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * The child's voice: how the child took part, the child's own words kept apart from the
 * adults' interpretation, what matters, goes well and should change, the child's own
 * goals, mood, who heard the child, how the view was weighed and how the child got
 * feedback. What the child does not want shared is kept in the professionals-only
 * document. `mode="child"` shows a child-friendly view with plain words, large targets
 * and a mood scale of faces with text.
 *
 * @tag samrad-child-voice
 * @summary Record and show the child's voice, with an adult view and a child-friendly view.
 *
 * @fires samrad-voice-record - A new entry was recorded. `detail: { id: string }`
 * @fires samrad-voice-change - An entry was changed. `detail: { id: string, fields: string[] }`
 *
 * @csspart base - The element's wrapper.
 * @csspart header - Heading and entry chooser.
 * @csspart child-words - The section with the child's own words.
 * @csspart adult-notes - The section with the adults' notes and interpretation.
 * @csspart mood - The mood scale.
 * @csspart private - What the child does not want shared (professionals only).
 * @csspart save - The save button.
 *
 * @cssprop --samrad-child-words-accent - Edge colour of the child's-words section.
 * @cssprop --samrad-child-words-background - Background of the child's-words section.
 * @cssprop --samrad-child-font-size - Base font size in child mode (default 1.15rem).
 * @cssprop --samrad-heading-size - Size of the element's heading.
 */
export class SamradChildVoice extends SamradElement {
  static override properties: PropertyDeclarations = {
    mode: { type: String, reflect: true },
    voiceId: { type: String, attribute: 'voice-id' },
    selected: { state: true },
    draft: { state: true },
    pendingQuote: { state: true },
    pendingGoal: { state: true },
    errors: { state: true },
    message: { state: true },
    privateDraft: { state: true },
    reservationWhat: { state: true },
    reservationFrom: { state: true },
  };

  static override styles = [...sharedStyles, childVoiceStyles];

  static override parts: readonly Part[] = ['voice', 'voicePrivate', 'reservations', 'participants', 'meetings', 'assessments', 'actions'];

  /** `adult` (default): every field. `child`: the child-friendly view. */
  declare mode: 'adult' | 'child';
  /** Id of the entry to show. Default: the latest entry of the meeting (in child mode for a child: their own). */
  declare voiceId: string | undefined;

  declare private selected: string | undefined;
  declare private draft: Draft;
  declare private pendingQuote: string;
  declare private pendingGoal: string;
  declare private errors: Record<string, string>;
  declare private message: string;
  declare private privateDraft: NotShared | undefined;
  declare private reservationWhat: string;
  declare private reservationFrom: Service[];

  private readonly text = new LocalizeController(this, messages);
  private readonly words = new LocalizeController(this, vocabulary);

  constructor() {
    super();
    this.mode = 'adult';
    this.draft = {};
    this.pendingQuote = '';
    this.pendingGoal = '';
    this.errors = {};
    this.message = '';
    this.reservationWhat = '';
    this.reservationFrom = [];
  }

  // ---------------------------------------------------------------- reading

  /** Entries of the current meeting (all entries when there is no meeting). */
  get entries(): ChildVoiceEntry[] {
    const all = this.snapshot?.voice ?? [];
    const meetingId = this.meetingId;
    return meetingId ? all.filter((v) => v.meetingId === meetingId) : all;
  }

  /** The entry shown, or undefined when a new one is being written. */
  get entry(): ChildVoiceEntry | undefined {
    const all = this.snapshot?.voice ?? [];
    if (this.voiceId) return all.find((v) => v.id === this.voiceId);
    if (this.selected === 'new') return undefined;
    if (this.selected) {
      const chosen = all.find((v) => v.id === this.selected);
      if (chosen) return chosen;
    }
    const model = this.model;
    const entries = this.entries;
    if (model && (model.user.role === 'child' || model.user.role === 'parent') && this.mode === 'child') {
      return entries.filter((v) => v.createdBy === model.user.id).at(-1);
    }
    return entries.at(-1);
  }

  private defaults(): VoiceFields {
    const role = this.model?.user.role;
    return {
      participation: role === 'parent' ? 'relayed-by-parent' : role === 'child' ? 'written-input' : 'conversation-before',
      notHeardReason: '', quotes: [], adultNotes: '', mattersMost: '', goesWell: '', wantsChanged: '', childGoals: [],
      mood: undefined, heardBy: role === 'child' || role === 'parent' ? '' : this.model?.user.name ?? '',
      date: today(), childAge: undefined, maturityNote: '', weighing: '', weighingAssessmentId: undefined, weighingActionIds: [], feedbackHow: '', feedbackDate: undefined, feedbackBy: '',
    };
  }

  /** A field as the form shows it: the unsaved edit, else the stored value, else the default. */
  private value<F extends FieldName>(field: F): VoiceFields[F] {
    if (field in this.draft) return this.draft[field] as VoiceFields[F];
    const entry = this.entry;
    if (entry) return (entry[field] ?? (field === 'notHeardReason' ? '' : undefined)) as VoiceFields[F];
    return this.defaults()[field];
  }

  private get editable(): boolean {
    if (!this.model || this.locked) return false;
    const entry = this.entry;
    if (!entry) return this.can('voice.record', { participation: this.value('participation') });
    return this.can('voice.update', entry as unknown as Record<string, unknown>);
  }

  private get canSeePrivate(): boolean {
    return !!this.model?.restricted && this.can('voice.setPrivate');
  }

  private get dirty(): boolean {
    return Object.keys(this.draft).length > 0 || this.pendingQuote.trim() !== '' || this.pendingGoal.trim() !== '';
  }

  // ---------------------------------------------------------------- editing

  private set<F extends FieldName>(field: F, value: VoiceFields[F]): void {
    this.draft = { ...this.draft, [field]: value };
    this.message = '';
    if (this.errors[field]) {
      const { [field]: _, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  private addQuote(): void {
    const text = this.pendingQuote.trim();
    if (!text) return;
    this.set('quotes', [...this.value('quotes'), text]);
    this.pendingQuote = '';
  }

  private addGoal(): void {
    const text = this.pendingGoal.trim();
    if (!text) return;
    this.set('childGoals', [...this.value('childGoals'), text]);
    this.pendingGoal = '';
  }

  private removeAt(field: 'quotes' | 'childGoals', index: number): void {
    this.set(field, this.value(field).filter((_, i) => i !== index));
  }

  /** Saves the form: records a new entry, or writes the changed fields of the shown one. */
  save(): boolean {
    const model = this.model;
    if (!model || !this.editable) return false;
    this.addQuote();
    this.addGoal();
    const entry = this.entry;
    const result = this.tryCommand(() => {
      if (entry) {
        const patch = normalise(this.draft);
        if (Object.keys(patch).length === 0) return entry.id;
        model.voice.update(entry.id, patch);
        return entry.id;
      }
      const fields = { ...this.defaults(), ...this.draft };
      return model.voice.record({ meetingId: this.meetingId, ...normalise(fields) } as Parameters<typeof model.voice.record>[0]);
    });
    if (!result.ok) {
      this.errors = this.issueMessages(result.error, result.message);
      this.message = '';
      void this.updateComplete.then(() => this.focusFirstError());
      return false;
    }
    const fields = Object.keys(this.draft);
    this.draft = {};
    this.errors = {};
    this.message = this.mode === 'child' ? this.text.t('childSaved') : this.text.t('saved');
    this.announce(this.message);
    if (entry) {
      this.emit('samrad-voice-change', { id: entry.id, fields });
    } else {
      this.selected = result.value;
      this.emit('samrad-voice-record', { id: result.value });
    }
    return true;
  }

  /** Throws away unsaved edits. */
  discard(): void {
    this.draft = {};
    this.pendingQuote = '';
    this.pendingGoal = '';
    this.errors = {};
    this.message = '';
  }

  private issueMessages(error: unknown, fallback: string): Record<string, string> {
    const out: Record<string, string> = {};
    if (isCommandError(error)) {
      for (const issue of error.issues) {
        const key = ISSUE_TEXT[issue.message];
        const childFriendly = this.mode === 'child' && issue.message === 'view-or-not-heard-required';
        out[issue.path || 'form'] ??= childFriendly ? this.text.t('childNeedsSomething') : key ? (this.text.t(key) as string) : fallback;
      }
    }
    if (Object.keys(out).length === 0) out.form = fallback;
    // Errors about fields the current view does not show go to the form-level message.
    const shown = this.mode === 'child' ? ['form'] : ['form', 'participation', 'notHeardReason', 'date', 'childAge', 'feedbackDate'];
    for (const key of Object.keys(out)) {
      if (!shown.includes(key)) {
        out.form = out.form ? `${out.form} ${out[key]}` : out[key]!;
        delete out[key];
      }
    }
    return out;
  }

  private focusFirstError(): void {
    const el = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]');
    el?.focus();
  }

  private choose(id: string | 'new'): void {
    this.discard();
    this.privateDraft = undefined;
    this.selected = id;
  }

  // ---- what the child asked to keep from named services (a withheld document each)

  /** Reservations of the shown entry this user receives (never those withheld from their own service). */
  private get reservations(): Reservation[] {
    const entry = this.entry;
    return entry ? (this.snapshot?.reservations ?? []).filter((r) => r.voiceId === entry.id) : [];
  }

  private saveReservation(): void {
    const model = this.model;
    const entry = this.entry;
    if (!model || !entry) return;
    const t = this.text;
    if (!this.reservationWhat.trim() || this.reservationFrom.length === 0) {
      this.errors = { ...this.errors, reservation: t.t(!this.reservationWhat.trim() ? 'reservationWhatMissing' : 'reservationFromMissing') };
      const target = !this.reservationWhat.trim() ? '#r-what' : '#r-from input';
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(target)?.focus());
      return;
    }
    const result = this.tryCommand(() => model.voice.reserve(entry.id, this.reservationWhat.trim(), this.reservationFrom));
    if (!result.ok) {
      this.errors = { ...this.errors, reservation: result.message };
      return;
    }
    const { reservation: _, ...rest } = this.errors;
    this.errors = rest;
    this.reservationWhat = '';
    this.reservationFrom = [];
    this.announce(t.t('reservationSaved'));
    this.emit('samrad-voice-change', { id: entry.id, fields: ['reservations'] });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#r-what')?.focus());
  }

  private removeReservation(id: string): void {
    const model = this.model;
    const entry = this.entry;
    if (!model || !entry) return;
    const result = this.tryCommand(() => model.voice.removeReservation(id));
    if (!result.ok) {
      this.errors = { ...this.errors, reservation: result.message };
      return;
    }
    this.announce(this.text.t('reservationRemoved'));
    this.emit('samrad-voice-change', { id: entry.id, fields: ['reservations'] });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#r-what')?.focus());
  }

  // ---- what the child does not want shared (restricted document)

  private get storedPrivate(): NotShared {
    const entry = this.entry;
    if (!entry) return [];
    return this.snapshot?.voicePrivate.find((p) => p.voiceId === entry.id)?.notShared ?? [];
  }

  private get privateRows(): NotShared {
    return this.privateDraft ?? this.storedPrivate;
  }

  private setPrivateRow(index: number, key: 'what' | 'withWhom', value: string): void {
    this.privateDraft = this.privateRows.map((row, i) => (i === index ? { ...row, [key]: value } : row));
  }

  private savePrivate(): void {
    const model = this.model;
    const entry = this.entry;
    if (!model || !entry) return;
    const rows = this.privateRows.filter((r) => r.what.trim() || r.withWhom.trim());
    const result = this.tryCommand(() => model.voice.setPrivate(entry.id, rows));
    if (!result.ok) {
      this.errors = { ...this.errors, private: result.message };
      return;
    }
    this.privateDraft = undefined;
    const { private: _, ...rest } = this.errors;
    this.errors = rest;
    this.announce(this.text.t('privateSaved'));
    this.emit('samrad-voice-change', { id: entry.id, fields: ['notShared'] });
  }

  // ---------------------------------------------------------------- remote changes

  protected override remoteChanged(info: ChangeInfo): void {
    if (!info.parts.has('voice')) return;
    const latest = [...this.entries].sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : 1)).at(-1);
    if (!latest || latest.updatedBy === this.model?.user.id) return;
    const name = this.snapshot?.participants.find((p) => p.userId === latest.updatedBy)?.name ?? this.text.t('someone');
    this.announce(latest.createdAt === latest.updatedAt ? this.text.t('remoteRecord', name) : this.text.t('remoteChange', name));
  }

  // ---------------------------------------------------------------- rendering

  override render(): TemplateResult {
    if (!this.model) return html`<p part="base">${this.text.t('noModel')}</p>`;
    return this.mode === 'child' ? this.renderChild() : this.renderAdult();
  }

  private participationLabel(p: Participation): string {
    return this.text.t(`participation.${p}` as keyof ChildVoiceMessages & `participation.${string}`);
  }

  private renderEntryChooser(): TemplateResult | typeof nothing {
    const entries = this.entries;
    const model = this.model!;
    const canNew = !this.locked && model.can('voice.record');
    if (this.voiceId || (entries.length <= 1 && !canNew)) return nothing;
    const current = this.entry;
    return html`
      <div class="row entries" role="group" aria-label=${this.text.t('entries')}>
        ${entries.map((v) => {
          const who = v.heardBy || this.snapshot?.participants.find((p) => p.userId === v.createdBy)?.name || '';
          return html`<button type="button" aria-pressed=${current?.id === v.id ? 'true' : 'false'} @click=${() => this.choose(v.id)}>
            ${this.text.t('entryLabel', this.participationLabel(v.participation), who, this.text.date(v.date))}
          </button>`;
        })}
        ${canNew
          ? html`<button type="button" aria-pressed=${current ? 'false' : 'true'} @click=${() => this.choose('new')}>
              ${model.user.role === 'parent' ? this.text.t('newRelayed') : this.text.t('newEntry')}
            </button>`
          : nothing}
      </div>
    `;
  }

  private renderNotes(editable: boolean): TemplateResult | typeof nothing {
    if (this.locked) return html`<p class="note" part="note">${this.text.t('finalisedNote')}</p>`;
    if (editable) return nothing;
    const role = this.model?.user.role;
    if (this.mode === 'child') return html`<p class="note" part="note">${this.text.t('childReadOnly')}</p>`;
    return html`
      <p class="note" part="note">${this.text.t('readOnlyNote')}</p>
      ${role === 'parent' ? html`<p class="note">${this.text.t('parentNote')}</p>` : nothing}
    `;
  }

  private textarea(field: TextField | 'notHeardReason', label: string, editable: boolean, extra: { required?: boolean; hint?: string } = {}): TemplateResult {
    const id = `f-${field}`;
    const error = this.errors[field];
    const describedBy = [extra.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    // Adults' notes, the maturity note and the weighing of a recorded entry are typed live,
    // together: no draft and no Save for them. Everything else keeps the form's save flow.
    const entry = this.entry;
    if (entry && editable && (LIVE_FIELDS as readonly string[]).includes(field) && this.model?.textField('voice', entry.id, field)) {
      return html`
        <div class="field">
          <label for=${id}>${label}</label>
          <textarea id=${id} name=${field} maxlength=${LONG_TEXT_MAX} aria-describedby="${id}-msg"
            ${bindText(this.model, 'voice', entry.id, field, this.textBindingOptions())}
            @change=${() => this.emit('samrad-voice-change', { id: entry.id, fields: [field] })}></textarea>
          <p class="note field-message" id="${id}-msg" aria-live="polite"></p>
        </div>
      `;
    }
    return html`
      <div class="field">
        <label for=${id}>${label}</label>
        ${extra.hint ? html`<span class="note" id="${id}-hint">${extra.hint}</span>` : nothing}
        <textarea
          id=${id}
          name=${field}
          .value=${(this.value(field) as string) ?? ''}
          ?readonly=${!editable}
          aria-required=${extra.required ? 'true' : 'false'}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${describedBy || nothing}
          @input=${(e: Event) => this.set(field, (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing}
      </div>
    `;
  }

  private input(field: 'heardBy' | 'feedbackBy' | 'date' | 'feedbackDate' | 'childAge', label: string, editable: boolean): TemplateResult {
    const id = `f-${field}`;
    const error = this.errors[field];
    const type = field === 'date' || field === 'feedbackDate' ? 'date' : field === 'childAge' ? 'number' : 'text';
    const raw = this.value(field);
    return html`
      <div class="field">
        <label for=${id}>${label}</label>
        <input
          id=${id}
          name=${field}
          type=${type}
          min=${type === 'number' ? '0' : nothing}
          max=${type === 'number' ? '25' : nothing}
          .value=${raw === undefined ? '' : String(raw)}
          ?readonly=${!editable}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? `${id}-error` : nothing}
          @input=${(e: Event) => {
            const v = (e.target as HTMLInputElement).value;
            if (field === 'childAge') this.set('childAge', v === '' ? undefined : Number(v));
            else if (field === 'feedbackDate') this.set('feedbackDate', v === '' ? undefined : v);
            else this.set(field, v);
          }}
        />
        ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing}
      </div>
    `;
  }

  private renderList(field: 'quotes' | 'childGoals', editable: boolean, child = false): TemplateResult {
    const items = this.value(field);
    const t = this.text;
    const isQuote = field === 'quotes';
    if (items.length === 0) {
      return child ? html`` : html`<p class="muted">${isQuote ? t.t('noQuotes') : t.t('noGoals')}</p>`;
    }
    return html`
      <ol class=${isQuote ? 'quotes' : 'goals'} aria-label=${child ? (isQuote ? t.t('childSaid') : t.t('childMyGoals')) : isQuote ? t.t('childWordsHeading') : t.t('childGoals')}>
        ${items.map((item, i) => html`
          <li>
            ${isQuote ? html`<blockquote>${item}</blockquote>` : html`<span>${item}</span>`}
            ${editable
              ? html`<button type="button" class="danger" @click=${() => this.removeAt(field, i)}>
                  <span aria-hidden="true">✕</span>
                  <span class="visually-hidden">${child && isQuote ? t.t('childRemove', i + 1) : isQuote ? t.t('removeQuote', i + 1) : t.t('removeGoal', i + 1)}</span>
                </button>`
              : nothing}
          </li>
        `)}
      </ol>
    `;
  }

  private renderAdder(kind: 'quote' | 'goal', editable: boolean, child = false): TemplateResult | typeof nothing {
    if (!editable) return nothing;
    const t = this.text;
    const id = `add-${kind}`;
    const label = kind === 'quote' ? (child ? t.t('childTellAdults') : t.t('addQuote')) : child ? t.t('childGoalAdd') : t.t('addGoal');
    const value = kind === 'quote' ? this.pendingQuote : this.pendingGoal;
    const add = () => (kind === 'quote' ? this.addQuote() : this.addGoal());
    return html`
      <div class="field">
        <label for=${id}>${label}</label>
        ${kind === 'quote' && child
          ? html`<textarea id=${id} .value=${value} @input=${(e: Event) => { this.pendingQuote = (e.target as HTMLTextAreaElement).value; }}></textarea>`
          : html`<div class="row">
              <input
                id=${id}
                type="text"
                .value=${value}
                @input=${(e: Event) => {
                  const v = (e.target as HTMLInputElement).value;
                  if (kind === 'quote') this.pendingQuote = v;
                  else this.pendingGoal = v;
                }}
                @keydown=${(e: KeyboardEvent) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    add();
                  }
                }}
              />
              <button type="button" @click=${add}>${kind === 'quote' ? t.t('addQuoteButton') : child ? t.t('childAdd') : t.t('addGoalButton')}</button>
            </div>`}
      </div>
    `;
  }

  private renderMood(editable: boolean, child: boolean): TemplateResult {
    const t = this.text;
    const current = this.value('mood');
    const options: Array<number | undefined> = child ? [...MOODS] : [undefined, ...MOODS];
    return html`
      <fieldset part="mood" class="mood-scale">
        <legend>${child ? t.t('childMood') : t.t('mood')}</legend>
        <div class="moods">
          ${options.map((n) => {
            const label = n === undefined ? t.t('noMood') : t.t(`mood.${n}` as 'mood.1');
            return html`
              <label class="mood">
                <input
                  type="radio"
                  name="mood"
                  value=${n ?? ''}
                  .checked=${current === n}
                  ?disabled=${!editable}
                  @change=${() => this.set('mood', n)}
                />
                ${n === undefined ? nothing : face(n)}
                <span>${label}</span>
              </label>
            `;
          })}
        </div>
      </fieldset>
    `;
  }

  private renderSaveBar(editable: boolean, child: boolean): TemplateResult | typeof nothing {
    if (!editable) return nothing;
    const t = this.text;
    const entry = this.entry;
    const formError = this.errors.form;
    return html`
      ${formError ? html`<p class="field-error" id="form-error" role="alert">${formError}</p>` : nothing}
      <div class="actions">
        <button type="submit" class="primary" part="save">${child ? t.t('childSave') : entry ? t.t('save') : t.t('record')}</button>
        ${!child && this.dirty ? html`<button type="button" @click=${() => this.discard()}>${t.t('cancel')}</button>` : nothing}
        ${this.dirty && !child ? html`<span class="note">${t.t('unsaved')}</span>` : nothing}
        ${this.message ? html`<span class="note">${this.message}</span>` : nothing}
      </div>
    `;
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    this.save();
  }

  private renderAdult(): TemplateResult {
    const t = this.text;
    const entry = this.entry;
    const editable = this.editable;
    const participation = this.value('participation');
    const role = this.model!.user.role;
    const participationOptions: readonly Participation[] = role === 'parent' ? ['relayed-by-parent'] : PARTICIPATION;
    const participationError = this.errors.participation;
    return html`
      <section part="base" aria-labelledby="heading">
        <header part="header">
          <h2 id="heading">${t.t('heading')}</h2>
          ${this.renderEntryChooser()}
        </header>
        ${!entry && !editable ? html`<p>${t.t('noEntry')}</p>` : nothing}
        ${this.renderNotes(editable)}
        ${!entry && !editable
          ? nothing
          : html`
              <form novalidate @submit=${this.onSubmit}>
                ${editable ? html`<div class="field">
                  <label for="f-participation">${t.t('participation')}</label>
                  <select
                    id="f-participation"
                    name="participation"
                    aria-invalid=${participationError ? 'true' : 'false'}
                    aria-describedby=${participationError ? 'f-participation-error' : nothing}
                    @change=${(e: Event) => this.set('participation', (e.target as HTMLSelectElement).value as Participation)}
                  >
                    ${participationOptions.map((p) => html`<option value=${p} ?selected=${p === participation}>${this.participationLabel(p)}</option>`)}
                  </select>
                  ${participationError ? html`<p class="field-error" id="f-participation-error">${participationError}</p>` : nothing}
                </div>`
                  // Read-only: what was recorded, not the options this viewer would have.
                  : html`<p class="recorded" id="f-participation"><strong>${t.t('participation')}:</strong> ${participation ? this.participationLabel(participation) : t.t('notRecorded')}</p>`}
                ${participation === 'not-heard' || this.value('notHeardReason')
                  ? this.textarea('notHeardReason', t.t('notHeardReason'), editable, { required: participation === 'not-heard', hint: t.t('notHeardReasonHint') })
                  : nothing}

                <section class="block child-words" part="child-words" aria-labelledby="h-child-words">
                  <h3 id="h-child-words">${t.t('childWordsHeading')}</h3>
                  <p class="note">${t.t('childWordsHint')}</p>
                  ${this.renderList('quotes', editable)}
                  ${this.renderAdder('quote', editable)}
                  ${this.textarea('mattersMost', t.t('mattersMost'), editable)}
                  ${this.textarea('goesWell', t.t('goesWell'), editable)}
                  ${this.textarea('wantsChanged', t.t('wantsChanged'), editable)}
                  <h4 id="h-goals">${t.t('childGoals')}</h4>
                  ${this.renderList('childGoals', editable)}
                  ${this.renderAdder('goal', editable)}
                  ${this.renderMood(editable, false)}
                </section>

                <section class="block adult-notes" part="adult-notes" aria-labelledby="h-adult">
                  <h3 id="h-adult">${t.t('adultHeading')}</h3>
                  ${this.textarea('adultNotes', t.t('adultNotes'), editable)}
                </section>

                <section class="block" aria-labelledby="h-context">
                  <h3 id="h-context">${t.t('contextHeading')}</h3>
                  <div class="grid">
                    ${this.input('heardBy', t.t('heardBy'), editable)}
                    ${this.input('date', t.t('date'), editable)}
                    ${this.input('childAge', t.t('childAge'), editable)}
                  </div>
                  ${this.textarea('maturityNote', t.t('maturityNote'), editable)}
                </section>

                <section class="block" aria-labelledby="h-weighing">
                  <h3 id="h-weighing">${t.t('weighingHeading')}</h3>
                  ${this.textarea('weighing', t.t('weighing'), editable)}
                  ${this.renderWeighingLinks(editable)}
                  ${this.textarea('feedbackHow', t.t('feedbackHow'), editable)}
                  <div class="grid">
                    ${this.input('feedbackDate', t.t('feedbackDate'), editable)}
                    ${this.input('feedbackBy', t.t('feedbackBy'), editable)}
                  </div>
                </section>
                ${this.renderSaveBar(editable, false)}
              </form>
            `}
        ${this.canSeePrivate ? this.renderPrivate(entry) : nothing}
      </section>
    `;
  }

  /** Links from the weighing to the assessment and the actions it shaped. */
  private renderWeighingLinks(editable: boolean): TemplateResult {
    const t = this.text;
    const snapshot = this.snapshot!;
    const meetingId = this.meetingId;
    const assessments = snapshot.assessments;
    const linked = this.value('weighingAssessmentId');
    const actions = snapshot.actions.filter((a) => !meetingId || a.meetingId === meetingId || this.value('weighingActionIds').includes(a.id));
    const linkedActions = this.value('weighingActionIds');
    return html`
      ${assessments.length
        ? html`<div class="field">
            <label for="f-weighingAssessmentId">${t.t('weighingAssessment')}</label>
            <select id="f-weighingAssessmentId" ?disabled=${!editable}
              @change=${(e: Event) => this.set('weighingAssessmentId', (e.target as HTMLSelectElement).value || undefined)}>
              <option value="" ?selected=${!linked}>${t.t('noLink')}</option>
              ${assessments.map((a) => html`<option value=${a.id} ?selected=${linked === a.id}>${t.t('assessmentOption', a.version, t.date(a.createdAt))}</option>`)}
            </select>
          </div>`
        : nothing}
      ${actions.length
        ? html`<fieldset>
            <legend>${t.t('weighingActions')}</legend>
            ${actions.map((a) => html`<div><label class="plain">
              <input type="checkbox" name="weighingActionIds" value=${a.id} .checked=${linkedActions.includes(a.id)} ?disabled=${!editable}
                @change=${(e: Event) => {
                  const on = (e.target as HTMLInputElement).checked;
                  const current = this.value('weighingActionIds').filter((id) => id !== a.id);
                  this.set('weighingActionIds', on ? [...current, a.id] : current);
                }} />
              ${a.title}
            </label></div>`)}
          </fieldset>`
        : nothing}
    `;
  }

  private renderPrivate(entry: ChildVoiceEntry | undefined): TemplateResult {
    const t = this.text;
    const rows = this.privateRows;
    const editable = !this.locked && !!entry;
    return html`
      <section class="block" part="private" aria-labelledby="h-private">
        <h3 id="h-private">${t.t('privateHeading')}</h3>
        <p class="note">${t.t('privateHint')}</p>
        ${!entry
          ? html`<p class="muted">${t.t('privateNeedsEntry')}</p>`
          : html`
              ${rows.length === 0 ? html`<p class="muted">${t.t('noPrivate')}</p>` : nothing}
              ${rows.map((row, i) => html`
                <fieldset class="private-row">
                  <legend>${t.t('privateRow', i + 1)}</legend>
                  <div class="field">
                    <label for="p-what-${i}">${t.t('privateWhat')}</label>
                    <input id="p-what-${i}" type="text" .value=${row.what} ?readonly=${!editable}
                      @input=${(e: Event) => this.setPrivateRow(i, 'what', (e.target as HTMLInputElement).value)} />
                  </div>
                  <div class="field">
                    <label for="p-who-${i}">${t.t('privateWithWhom')}</label>
                    <input id="p-who-${i}" type="text" .value=${row.withWhom} ?readonly=${!editable}
                      @input=${(e: Event) => this.setPrivateRow(i, 'withWhom', (e.target as HTMLInputElement).value)} />
                  </div>
                  ${editable
                    ? html`<button type="button" class="danger" @click=${() => { this.privateDraft = this.privateRows.filter((_, j) => j !== i); }}>${t.t('removePrivate', i + 1)}</button>`
                    : nothing}
                </fieldset>
              `)}
              ${this.errors.private ? html`<p class="field-error" role="alert">${this.errors.private}</p>` : nothing}
              ${editable
                ? html`<div class="actions">
                    <button type="button" @click=${() => { this.privateDraft = [...this.privateRows, { what: '', withWhom: '' }]; }}>${t.t('addPrivate')}</button>
                    ${this.privateDraft ? html`<button type="button" class="primary" @click=${() => this.savePrivate()}>${t.t('savePrivate')}</button>` : nothing}
                  </div>`
                : nothing}
              ${this.renderReservations(entry, editable)}
            `}
      </section>
    `;
  }

  /** Kept from named services: each in the document those services never receive. */
  private renderReservations(entry: ChildVoiceEntry, editable: boolean): TemplateResult {
    const t = this.text;
    const own = this.model?.user.service;
    const list = this.reservations;
    return html`
      <div class="reservations" part="reservations">
        <h4 id="h-reservations">${t.t('reservationHeading')}</h4>
        <p class="note">${t.t('reservationHint')}</p>
        ${list.length === 0 ? html`<p class="muted">${t.t('noReservations')}</p>` : html`
          <ul class="reservation-list" aria-labelledby="h-reservations">
            ${list.map((r, i) => html`<li data-reservation=${r.id}>
              <p>${r.what}</p>
              <p class="muted">${t.t('reservationKeptFrom', r.withheldFrom.map((s) => this.words.t('service', s)).join(', '))}</p>
              ${editable ? html`<button type="button" class="danger" @click=${() => this.removeReservation(r.id)}>${t.t('removeReservation', i + 1)}</button>` : nothing}
            </li>`)}
          </ul>`}
        ${editable && entry ? html`
          <div class="field">
            <label for="r-what">${t.t('reservationWhat')}</label>
            <textarea id="r-what" rows="2" .value=${this.reservationWhat} aria-invalid=${this.errors.reservation && !this.reservationWhat.trim() ? 'true' : 'false'}
              aria-describedby=${this.errors.reservation ? 'r-error' : nothing}
              @input=${(e: Event) => { this.reservationWhat = (e.target as HTMLTextAreaElement).value; }}></textarea>
          </div>
          <fieldset id="r-from" class="service-checks">
            <legend>${t.t('reservationFrom')}</legend>
            ${SERVICES.filter((s) => s !== own).map((s) => html`<label class="plain">
              <input type="checkbox" .checked=${this.reservationFrom.includes(s)}
                @change=${(e: Event) => { this.reservationFrom = (e.target as HTMLInputElement).checked ? [...this.reservationFrom, s] : this.reservationFrom.filter((x) => x !== s); }} />
              ${this.words.t('service', s)}
            </label>`)}
          </fieldset>
          ${this.errors.reservation ? html`<p class="field-error" id="r-error" role="alert">${this.errors.reservation}</p>` : nothing}
          <div class="actions"><button type="button" class="primary" @click=${() => this.saveReservation()}>${t.t('saveReservation')}</button></div>
        ` : nothing}
      </div>
    `;
  }

  private renderChild(): TemplateResult {
    const t = this.text;
    const editable = this.editable;
    return html`
      <section part="base" class="child" aria-labelledby="heading">
        <header part="header">
          <h2 id="heading">${t.t('childHeading')}</h2>
          <p>${t.t('childIntro')}</p>
        </header>
        ${this.renderNotes(editable)}
        <form novalidate @submit=${this.onSubmit}>
          ${this.renderMood(editable, true)}
          <section class="block child-words" part="child-words">
            ${this.value('quotes').length ? html`<h3 id="h-said">${t.t('childSaid')}</h3>` : nothing}
            ${this.renderList('quotes', editable, true)}
            ${this.renderAdder('quote', editable, true)}
          </section>
          <div class="field">
            <label for="c-good">${t.t('childGood')}</label>
            <textarea id="c-good" name="goesWell" .value=${this.value('goesWell')} ?readonly=${!editable}
              @input=${(e: Event) => this.set('goesWell', (e.target as HTMLTextAreaElement).value)}></textarea>
          </div>
          <div class="field">
            <label for="c-change">${t.t('childChange')}</label>
            <textarea id="c-change" name="wantsChanged" .value=${this.value('wantsChanged')} ?readonly=${!editable}
              @input=${(e: Event) => this.set('wantsChanged', (e.target as HTMLTextAreaElement).value)}></textarea>
          </div>
          <section class="block" aria-labelledby="h-my-goals">
            <h3 id="h-my-goals">${t.t('childMyGoals')}</h3>
            ${this.renderList('childGoals', editable, true)}
            ${this.renderAdder('goal', editable, true)}
          </section>
          ${this.renderSaveBar(editable, true)}
        </form>
      </section>
    `;
  }
}

/** Drops empty optional values the schema would refuse ('' is not a date). */
function normalise(fields: Draft): Draft {
  const out: Draft = { ...fields };
  if ('feedbackDate' in out && !out.feedbackDate) out.feedbackDate = undefined;
  if ('childAge' in out && (out.childAge === undefined || Number.isNaN(out.childAge))) out.childAge = undefined;
  return out;
}

/** A simple face: the mouth curves from very sad (1) to very happy (5). Decorative; the text says it. */
function face(mood: number): TemplateResult {
  const mouth: Record<number, string> = {
    1: 'M12 29 Q20 21 28 29',
    2: 'M13 28 Q20 24 27 28',
    3: 'M13 26 L27 26',
    4: 'M13 24 Q20 29 27 24',
    5: 'M12 23 Q20 33 28 23',
  };
  return html`<svg viewBox="0 0 40 40" aria-hidden="true" focusable="false">
    ${svg`<circle cx="20" cy="20" r="18" fill="var(--samrad-mood-face, #ffd966)" stroke="currentColor" stroke-width="2"></circle>
    <circle cx="14" cy="15" r="2.2" fill="currentColor"></circle>
    <circle cx="26" cy="15" r="2.2" fill="currentColor"></circle>
    <path d=${mouth[mood] ?? mouth[3]!} fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"></path>`}
  </svg>`;
}
