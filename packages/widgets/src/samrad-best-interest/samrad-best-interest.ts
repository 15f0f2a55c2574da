import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import {
  ASSESSMENT_ELEMENTS, DEFAULT_ELEMENT_SET, PROTECTIVE_FACTORS, RISK_FACTORS, findLevelModel,
  type Assessment, type AssessmentContent, type ChangeInfo, type Comment, type Labels, type Part,
} from '@samrad/model';
import { LocalizeController } from '../shared/localize.js';
import { SamradElement } from '../shared/samrad-element.js';
import { clearDraft, draftKey, loadDraft, saveDraft, setUnsaved } from '../shared/drafts.js';
import { sharedStyles } from '../shared/styles.js';
import { bindText, LONG_TEXT_MAX } from '../shared/text-binding.js';
import { messages, type BestInterestMessages } from './samrad-best-interest.messages.js';
import { bestInterestStyles } from './samrad-best-interest.styles.js';

type TopField = Exclude<keyof AssessmentContent, 'elements'>;
type Location = AssessmentContent['primaryDifficulty']['location'];
type Certainty = AssessmentContent['primaryDifficulty']['status'];
type CommentKind = Comment['kind'];

const LOCATIONS: readonly Location[] = ['child', 'family', 'surroundings', 'unclear'];
const CERTAINTIES: readonly Certainty[] = ['hypothesis', 'clarified'];
// A plain comment first: disagreement is chosen, never the default (it is listed as dissent).
const COMMENT_KINDS: readonly CommentKind[] = ['comment', 'view', 'dissent'];

const emptyContent = (): AssessmentContent => ({
  elements: {},
  protectiveFactors: { checked: [], text: '' },
  riskFactors: { checked: [], text: '' },
  primaryDifficulty: { location: 'unclear', status: 'hypothesis', text: '' },
  options: [],
  conclusion: '',
  reasons: '',
  childViewWeighing: '',
  assessedBy: [],
  status: 'draft',
});

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function newOptionId(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return `opt-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** `elements="child-views family health"` (spaces or commas) or a property array. */
const listConverter = {
  fromAttribute: (value: string | null): string[] | undefined => (value ? value.split(/[\s,]+/).filter(Boolean) : undefined),
  toAttribute: (value: string[] | undefined): string | null => (value?.length ? value.join(' ') : null),
};

/** A draft kept on the device: which fields this user changed, and the content with their changes. */
interface KeptDraft { dirty: string[]; draft: AssessmentContent }

/** Copies one changed field (`conclusion`, `elements.health`, …) of `from` into `into`. */
function applyPath(into: AssessmentContent, from: AssessmentContent, path: string): void {
  if (path === 'restored') Object.assign(into, clone(from));
  else if (path.startsWith('elements.')) {
    const key = path.slice('elements.'.length);
    into.elements[key] = from.elements[key] ?? '';
  } else if (path in into) (into as Record<string, unknown>)[path] = clone(from[path as TopField]);
}

/**
 * The best-interest assessment (barnets beste-vurdering): the configured elements, the
 * protective and risk factor checklists, the primary difficulty, options with their
 * consequences, and a conclusion with reasons and how the child's view was weighed.
 * The texts are typed live into the shared record, so several people can write in the
 * same assessment at once; the other fields are edited as a draft. "Save new version"
 * saves the draft and makes a new version; earlier versions stay readable. Parents and the child
 * read it, comment and register disagreement; only professionals change it.
 *
 * Form-associated: inside a host `<form>` it submits its content as JSON under `name`,
 * and a conclusion without the child's view weighed makes the form invalid.
 *
 * @tag samrad-best-interest
 * @summary The versioned best-interest assessment form, form-associated.
 *
 * @fires samrad-assessment-create - An assessment was started. `detail: { id: string }`
 * @fires samrad-assessment-revise - A new version was saved. `detail: { id: string, version: number }`
 * @fires samrad-assessment-comment - A comment, own view or disagreement was added. `detail: { id: string, commentId: string, kind: 'comment' | 'view' | 'dissent' }`
 *
 * @csspart base - The element's wrapper.
 * @csspart header - Heading, version and status.
 * @csspart elements - The assessment elements.
 * @csspart factors - The protective and risk factor checklists.
 * @csspart conclusion - The conclusion section.
 * @csspart save - The save button.
 * @csspart history - Earlier versions.
 * @csspart comments - Comments and disagreement.
 *
 * @cssprop --samrad-heading-size - Size of the element's heading.
 */
export class SamradBestInterest extends SamradElement {
  static formAssociated = true;

  static override properties: PropertyDeclarations = {
    assessmentId: { type: String, attribute: 'assessment-id' },
    elements: { converter: listConverter },
    elementLabels: { attribute: false },
    name: { type: String, reflect: true },
    disabled: { type: Boolean, reflect: true },
    draft: { state: true },
    dirty: { state: true },
    viewing: { state: true },
    showHistory: { state: true },
    notice: { state: true },
    errors: { state: true },
    commentKind: { state: true },
    commentText: { state: true },
  };

  static override styles = [...sharedStyles, bestInterestStyles];

  static override parts: readonly Part[] = ['assessments', 'voice', 'comments', 'participants', 'meetings', 'case'];

  /** Id of the assessment to show. Default: the latest of the meeting, else of the case. */
  declare assessmentId: string | undefined;
  /** The element keys to assess, overriding the assessment's own set (e.g. a municipality's list). */
  declare elements: string[] | undefined;
  /** Labels for element keys the model's `ASSESSMENT_ELEMENTS` does not know (or to rename them). */
  declare elementLabels: Record<string, Labels> | undefined;
  /** Name under which a host `<form>` receives the content (JSON). */
  declare name: string | undefined;
  /** Disables editing (also set by a disabled `<fieldset>` around it). */
  declare disabled: boolean;

  declare private draft: AssessmentContent | undefined;
  declare private dirty: ReadonlySet<string>;
  declare private viewing: number | undefined;
  declare private showHistory: boolean;
  declare private notice: string;
  declare private errors: Record<string, string>;
  declare private commentKind: CommentKind;
  declare private commentText: string;

  private readonly text = new LocalizeController(this, messages);
  private readonly internals: ElementInternals;
  /** Which assessment and version the draft was taken from. */
  private draftSource: { id: string; version: number } | undefined;
  private formDisabled = false;

  constructor() {
    super();
    this.internals = this.attachInternals();
    this.disabled = false;
    this.dirty = new Set();
    this.showHistory = false;
    this.notice = '';
    this.errors = {};
    this.commentKind = 'comment';
    this.commentText = '';
  }

  // ---------------------------------------------------------------- reading

  /** The assessment shown. */
  get assessment(): Assessment | undefined {
    const all = this.snapshot?.assessments ?? [];
    if (this.assessmentId) return all.find((a) => a.id === this.assessmentId);
    const meetingId = this.meetingId;
    return all.filter((a) => a.meetingId === meetingId).at(-1) ?? all.at(-1);
  }

  /** True when the assessment's meeting is finalised: locked for everyone. */
  get assessmentLocked(): boolean {
    const a = this.assessment;
    const meeting = a?.meetingId ? this.snapshot?.meetings.find((m) => m.id === a.meetingId) : this.currentMeeting;
    return meeting?.state === 'finalised';
  }

  private get editable(): boolean {
    return !!this.assessment && this.can('assessment.revise') && !this.assessmentLocked && !this.disabled && !this.formDisabled;
  }

  /**
   * The content shown: the stored texts (typed live, never a draft) with this user's
   * unsaved choices (checkboxes, level, options, …) over the rest.
   */
  private get content(): AssessmentContent {
    const stored = this.assessment?.content;
    const draft = this.draft;
    if (!draft || !stored) return draft ?? stored ?? emptyContent();
    return {
      ...draft,
      elements: stored.elements,
      protectiveFactors: { ...draft.protectiveFactors, text: stored.protectiveFactors.text },
      riskFactors: { ...draft.riskFactors, text: stored.riskFactors.text },
      primaryDifficulty: { ...draft.primaryDifficulty, text: stored.primaryDifficulty.text },
      conclusion: stored.conclusion,
      reasons: stored.reasons,
      childViewWeighing: stored.childViewWeighing,
    };
  }

  private elementKeys(content: AssessmentContent): string[] {
    const configured = this.elements?.length ? this.elements : this.assessment?.elementSet ?? [...DEFAULT_ELEMENT_SET];
    const extra = Object.keys(content.elements).filter((k) => !configured.includes(k) && content.elements[k]?.trim());
    return [...configured, ...extra];
  }

  private label(labels: Labels | undefined, fallback: string): string {
    if (!labels) return fallback;
    const lang = this.text.lang;
    return (lang === 'uk' ? labels.uk ?? labels.en : labels[lang]) ?? fallback;
  }

  private elementLabel(key: string): string {
    return this.label(this.elementLabels?.[key] ?? ASSESSMENT_ELEMENTS[key], key);
  }

  private personName(userId: string, fallback = ''): string {
    return this.snapshot?.participants.find((p) => p.userId === userId)?.name || fallback || userId;
  }

  // ---------------------------------------------------------------- form association

  /** The content as JSON (what a host form submits). Empty when there is no assessment. */
  get value(): string {
    return this.assessment ? JSON.stringify(this.content) : '';
  }
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }
  get validity(): ValidityState {
    return this.internals.validity;
  }
  get validationMessage(): string {
    return this.internals.validationMessage;
  }
  get willValidate(): boolean {
    return this.internals.willValidate;
  }
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }
  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  formResetCallback(): void {
    this.discard();
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
    this.requestUpdate();
  }

  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (typeof state !== 'string' || !state) return;
    try {
      this.draft = { ...emptyContent(), ...(JSON.parse(state) as Partial<AssessmentContent>) };
      this.dirty = new Set(['restored']);
    } catch {
      // A state we cannot read is dropped; the stored version shows instead.
    }
  }

  /** What is wrong with the content, if anything: the first problem's field and message. */
  private problem(content: AssessmentContent): { field: 'conclusion' | 'childViewWeighing'; message: string } | undefined {
    if (content.status !== 'concluded') return undefined;
    if (!content.conclusion.trim()) return { field: 'conclusion', message: this.text.t('invalidConclusion') };
    if (!content.childViewWeighing.trim()) return { field: 'childViewWeighing', message: this.text.t('invalidWeighing') };
    return undefined;
  }

  private syncFormState(): void {
    this.internals.setFormValue(this.value || null);
    const problem = this.editable ? this.problem(this.content) : undefined;
    if (problem) {
      const anchor = this.renderRoot.querySelector<HTMLElement>(`#f-${problem.field}`) ?? undefined;
      this.internals.setValidity({ customError: true }, problem.message, anchor);
    } else {
      this.internals.setValidity({});
    }
  }

  // ---------------------------------------------------------------- draft

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const a = this.assessment;
    if (!a) {
      this.draft = undefined;
      this.draftSource = undefined;
      return;
    }
    const src = this.draftSource;
    if (src && src.id === a.id && src.version === a.version) return;
    if (src && src.id === a.id && this.dirty.size > 0 && this.draft) {
      // Someone saved a new version while this user edits: take theirs, keep our edited fields.
      const next = clone(a.content);
      for (const path of this.dirty) applyPath(next, this.draft, path);
      this.draft = next;
      this.notice = this.text.t('remoteWhileEditing', a.version);
    } else {
      this.draft = clone(a.content);
      this.dirty = new Set();
      this.notice = '';
      if (src?.id !== a.id) this.viewing = undefined;
      // This user's unsaved choices from before a reload come back (texts are live and need no draft).
      const kept = src?.id !== a.id ? loadDraft<KeptDraft>(draftKey(this.model, 'best-interest', a.id)) : undefined;
      if (kept?.dirty.length && this.editable) {
        for (const path of kept.dirty) applyPath(this.draft, kept.draft, path);
        this.dirty = new Set(kept.dirty);
        this.notice = this.text.t('draftRestored');
      }
    }
    this.draftSource = { id: a.id, version: a.version };
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.syncFormState();
    if (changed.has('dirty') || changed.has('draft')) {
      const a = this.assessment;
      const key = a ? draftKey(this.model, 'best-interest', a.id) : undefined;
      if (this.dirty.size > 0 && this.draft) saveDraft(key, { dirty: [...this.dirty], draft: this.draft } satisfies KeptDraft);
      else clearDraft(key);
      setUnsaved(this, this.dirty.size > 0);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    setUnsaved(this, false);
  }

  private edit(path: string, mutate: (draft: AssessmentContent) => void): void {
    const next = clone(this.content);
    mutate(next);
    this.draft = next;
    this.dirty = new Set([...this.dirty, path]);
    this.errors = {};
  }

  private setField<F extends TopField>(field: F, value: AssessmentContent[F]): void {
    this.edit(field, (d) => {
      d[field] = value;
    });
  }

  private toggleFactor(list: 'protectiveFactors' | 'riskFactors', key: string, on: boolean): void {
    this.edit(list, (d) => {
      const checked = d[list].checked.filter((k) => k !== key);
      d[list].checked = on ? [...checked, key] : checked;
    });
  }

  /** "Discard changes" disappears once there is nothing to discard: focus goes to Save beside it. */
  private discardAndKeepFocus(): void {
    this.discard();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part~="save"]')?.focus());
  }

  /**
   * After a refused save: the first field the model named is marked invalid, described by
   * the message (which names the field), and focused; without a field, the message is.
   */
  private markInvalid(paths: string[]): void {
    const root = this.renderRoot;
    const first = paths.map((p) => p.split('.')).find((parts) => parts.length > 0);
    // `elements.health` → the element text, `protectiveFactors.checked` → the first checkbox of the list, `assessedBy.0` → the field.
    const field = first?.[0] === 'elements' ? `#el-${first[1]}` : first ? `#f-${first[0]}, [name="${first[0]}"]` : undefined;
    const target = field ? root.querySelector<HTMLElement>(field) : null;
    const message = root.querySelector<HTMLElement>('#save-error');
    if (!target) return void message?.focus();
    const label = target.id ? root.querySelector(`label[for="${target.id}"]`)?.textContent?.trim() : undefined;
    if (label && this.errors.form && !this.errors.form.includes(label)) this.errors = { ...this.errors, form: `${label}: ${this.errors.form}` };
    target.setAttribute('aria-invalid', 'true');
    target.setAttribute('aria-describedby', [target.getAttribute('aria-describedby'), 'save-error'].filter(Boolean).join(' '));
    target.focus();
  }

  /** Throws away unsaved edits and shows the stored version again. */
  discard(): void {
    const a = this.assessment;
    this.draft = a ? clone(a.content) : undefined;
    this.draftSource = a ? { id: a.id, version: a.version } : undefined;
    this.dirty = new Set();
    this.errors = {};
    this.notice = '';
  }

  /**
   * Saves the assessment as it stands (the live texts and this user's unsaved choices) as a
   * new version. Returns the new version number, or undefined when refused.
   */
  save(): number | undefined {
    const model = this.model;
    const a = this.assessment;
    if (!model || !a || !this.editable) return undefined;
    const content = this.content;
    const problem = this.problem(content);
    if (problem) {
      this.errors = { [problem.field]: problem.message };
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#f-${problem.field}`)?.focus());
      return undefined;
    }
    // The texts are already in the record. Of the rest, only what this user changed goes in, so a parallel save of other fields is not overwritten.
    const patch: Partial<AssessmentContent> = {};
    const changedElements: Record<string, string> = {};
    for (const path of this.dirty) {
      if (path === 'restored') Object.assign(patch, content);
      else if (path.startsWith('elements.')) {
        const key = path.slice('elements.'.length);
        changedElements[key] = content.elements[key] ?? '';
      } else (patch as Record<string, unknown>)[path] = content[path as TopField];
    }
    if (Object.keys(changedElements).length) patch.elements = { ...a.content.elements, ...changedElements };
    const result = this.tryCommand(() => model.assessments.revise(a.id, patch));
    if (!result.ok) {
      this.errors = { ...result.fields, form: result.message };
      void this.updateComplete.then(() => this.markInvalid(Object.keys(result.fields)));
      return undefined;
    }
    this.dirty = new Set();
    this.draftSource = undefined;
    this.notice = '';
    this.announce(this.text.t('savedVersion', result.value));
    this.emit('samrad-assessment-revise', { id: a.id, version: result.value });
    return result.value;
  }

  private create(): void {
    const model = this.model;
    if (!model) return;
    const result = this.tryCommand(() => model.assessments.create({
      meetingId: this.meetingId,
      ...(this.elements?.length ? { elementSet: [...this.elements] } : {}),
    }));
    if (!result.ok) {
      this.errors = { form: result.message };
      return;
    }
    this.emit('samrad-assessment-create', { id: result.value });
  }

  private addComment(): void {
    const model = this.model;
    const a = this.assessment;
    const text = this.commentText.trim();
    if (!model || !a) return;
    if (!text) {
      this.errors = { comment: this.sharedText.t('required') };
      return;
    }
    const kind = this.commentKind;
    const result = this.tryCommand(() => model.comments.add({ target: { type: 'assessment', id: a.id }, kind, text }));
    if (!result.ok) {
      this.errors = { comment: result.message };
      return;
    }
    this.commentText = '';
    this.errors = {};
    this.emit('samrad-assessment-comment', { id: a.id, commentId: result.value, kind });
  }

  // ---------------------------------------------------------------- remote changes

  protected override remoteChanged(info: ChangeInfo): void {
    const a = this.assessment;
    if (!a || !info.parts.has('assessments')) return;
    if (a.updatedBy === this.model?.user.id) return;
    const src = this.draftSource;
    if (src && src.id === a.id && src.version === a.version) return;
    this.announce(this.text.t('remoteVersion', this.personName(a.updatedBy, this.text.t('someone')), a.version));
  }

  // ---------------------------------------------------------------- rendering

  override render(): TemplateResult {
    const t = this.text;
    if (!this.model) return html`<p part="base">${t.t('noModel')}</p>`;
    const a = this.assessment;
    return html`
      <section part="base" aria-labelledby="heading">
        <header part="header">
          <h2 id="heading">${t.t('heading')}</h2>
          ${a
            ? html`<p class="row">
                <span>${t.t('versionInfo', t.number(a.version), t.dateTime(a.updatedAt), this.personName(a.updatedBy))}</span>
                <span class="badge ${a.content.status}">${a.content.status === 'concluded' ? t.t('statusConcluded') : t.t('statusDraft')}</span>
              </p>`
            : nothing}
        </header>
        ${a ? this.renderAssessment(a) : this.renderNone()}
      </section>
    `;
  }

  private renderNone(): TemplateResult {
    const t = this.text;
    const mayCreate = this.can('assessment.create') && !this.locked;
    return html`
      <p>${t.t('none')}</p>
      ${mayCreate
        ? html`<button type="button" class="primary" @click=${() => this.create()}>${t.t('create')}</button>`
        : html`<p class="note">${t.t('noCreate')}</p>`}
      ${this.errors.form ? html`<p class="field-error" role="alert">${this.errors.form}</p>` : nothing}
    `;
  }

  private renderAssessment(a: Assessment): TemplateResult {
    const t = this.text;
    const editable = this.editable;
    const c = this.content;
    return html`
      ${this.assessmentLocked
        ? html`<p class="note" part="note">${t.t('finalisedNote')}</p>`
        : !this.can('assessment.revise')
          ? html`<p class="note" part="note">${t.t('readOnlyNote')}</p>`
          : nothing}
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      <form novalidate @submit=${(e: Event) => { e.preventDefault(); this.save(); }}>
        <section class="block" part="elements" aria-labelledby="h-elements">
          <h3 id="h-elements">${t.t('elementsHeading')}</h3>
          ${this.elementKeys(c).map((key) => html`
            <div class="field">
              <label for="el-${key}">${this.elementLabel(key)}</label>
              ${key === 'child-views' ? this.renderVoiceSummary() : nothing}
              ${this.textArea(`el-${key}`, `elements.${key}`, c.elements[key] ?? '', editable)}
            </div>
          `)}
        </section>

        <div part="factors">
          ${this.renderFactors('protectiveFactors', PROTECTIVE_FACTORS, t.t('protectiveHeading'), editable)}
          ${this.renderFactors('riskFactors', RISK_FACTORS, t.t('riskHeading'), editable)}
        </div>

        ${this.renderPrimary(editable)}
        ${this.renderLevel(editable)}
        ${this.renderChoices(editable)}
        ${this.renderConclusion(editable)}

        ${editable
          ? html`
              ${this.errors.form ? html`<p class="field-error" id="save-error" role="alert" tabindex="-1">${this.errors.form}</p>` : nothing}
              <p class="note">${t.t('liveNote')}</p>
              <div class="actions">
                <button type="submit" class="primary" part="save">${t.t('save')}</button>
                ${this.dirty.size ? html`<button type="button" @click=${() => this.discardAndKeepFocus()}>${t.t('reset')}</button>
                  <span class="note">${t.t('unsaved')}</span>` : nothing}
              </div>`
          : nothing}
      </form>
      ${this.renderHistory(a)}
      ${this.renderComments(a)}
    `;
  }

  /**
   * A text of the assessment (`path` inside its content). Editable, it is typed live into
   * the record (`bindText`): others' typing merges and the caret stays; a text nobody has
   * written yet is created by the first input. Otherwise it shows the stored text, read-only.
   */
  private textArea(id: string, path: string, value: string, editable: boolean, extra: { invalid?: boolean; required?: boolean; describedBy?: string[] } = {}): TemplateResult {
    const a = this.assessment;
    const invalid = extra.invalid ? 'true' : 'false';
    const required = extra.required ? 'true' : 'false';
    if (a && editable) {
      const describedBy = [`${id}-msg`, ...(extra.describedBy ?? [])].filter(Boolean).join(' ');
      return html`
        <textarea id=${id} maxlength=${LONG_TEXT_MAX} aria-invalid=${invalid} aria-required=${required} aria-describedby=${describedBy}
          ${bindText(this.model, 'assessments', a.id, `content.${path}`, { ...this.textBindingOptions(), messageId: `${id}-msg`, create: true })}></textarea>
        <p class="note field-message" id="${id}-msg" aria-live="polite"></p>
      `;
    }
    const describedBy = (extra.describedBy ?? []).filter(Boolean).join(' ');
    return html`<textarea id=${id} .value=${value} readonly aria-invalid=${invalid} aria-required=${required} aria-describedby=${describedBy || nothing}></textarea>`;
  }

  private renderVoiceSummary(): TemplateResult {
    const t = this.text;
    const voices = (this.snapshot?.voice ?? []).filter((v) => !this.assessment?.meetingId || v.meetingId === this.assessment.meetingId);
    return html`
      <div class="voice-summary">
        <p class="note">${t.t('childVoiceSummary')}</p>
        ${voices.length === 0
          ? html`<p class="muted">${t.t('noChildVoice')}</p>`
          : voices.map((v) => v.participation === 'not-heard'
              ? html`<p>${t.t('notHeard', v.notHeardReason ?? '')}</p>`
              : html`${v.quotes.map((q) => html`<blockquote>«${q}»</blockquote>`)}${v.mattersMost ? html`<p>${v.mattersMost}</p>` : nothing}`)}
      </div>
    `;
  }

  private renderFactors(list: 'protectiveFactors' | 'riskFactors', catalogue: Readonly<Record<string, Labels>>, heading: string, editable: boolean): TemplateResult {
    const c = this.content[list];
    const keys = [...Object.keys(catalogue), ...c.checked.filter((k) => !(k in catalogue))];
    return html`
      <fieldset>
        <legend>${heading}</legend>
        <div class="checks">
          ${keys.map((key) => html`
            <label>
              <input type="checkbox" name="${list}" value=${key} .checked=${c.checked.includes(key)} ?disabled=${!editable}
                @change=${(e: Event) => this.toggleFactor(list, key, (e.target as HTMLInputElement).checked)} />
              ${this.label(catalogue[key], key)}
            </label>
          `)}
        </div>
        <div class="field">
          <label for="f-${list}-text">${this.text.t('factorText')}</label>
          ${this.textArea(`f-${list}-text`, `${list}.text`, c.text, editable)}
        </div>
      </fieldset>
    `;
  }

  private renderPrimary(editable: boolean): TemplateResult {
    const t = this.text;
    const p = this.content.primaryDifficulty;
    const set = (patch: Partial<AssessmentContent['primaryDifficulty']>) => this.setField('primaryDifficulty', { ...this.content.primaryDifficulty, ...patch });
    return html`
      <fieldset>
        <legend>${t.t('primaryHeading')}</legend>
        <fieldset>
          <legend>${t.t('primaryLocation')}</legend>
          <div class="radios">
            ${LOCATIONS.map((loc) => html`<label><input type="radio" name="pd-location" value=${loc} .checked=${p.location === loc} ?disabled=${!editable}
              @change=${() => set({ location: loc })} />${t.t(`location.${loc}` as keyof BestInterestMessages & `location.${string}`)}</label>`)}
          </div>
        </fieldset>
        <fieldset>
          <legend>${t.t('primaryStatus')}</legend>
          <div class="radios">
            ${CERTAINTIES.map((s) => html`<label><input type="radio" name="pd-status" value=${s} .checked=${p.status === s} ?disabled=${!editable}
              @change=${() => set({ status: s })} />${t.t(`status.${s}` as keyof BestInterestMessages & `status.${string}`)}</label>`)}
          </div>
        </fieldset>
        <div class="field">
          <label for="f-pd-text">${t.t('primaryText')}</label>
          ${this.textArea('f-pd-text', 'primaryDifficulty.text', p.text, editable)}
        </div>
      </fieldset>
    `;
  }

  private renderLevel(editable: boolean): TemplateResult | typeof nothing {
    const snapshot = this.snapshot;
    const levelModel = snapshot?.case ? findLevelModel(snapshot.case.levelModelId, this.model!.levelModels) : undefined;
    if (!levelModel) return nothing;
    const current = this.content.level ?? '';
    return html`
      <div class="field">
        <label for="f-level">${this.label(levelModel.name, this.text.t('level'))}</label>
        <select id="f-level" ?disabled=${!editable} @change=${(e: Event) => {
          const v = (e.target as HTMLSelectElement).value;
          this.setField('level', v || undefined);
        }}>
          <option value="" ?selected=${current === ''}>${this.text.t('noLevel')}</option>
          ${levelModel.levels.map((l) => html`<option value=${l.id} ?selected=${current === l.id}>${this.label(l.label, l.id)} – ${this.label(l.description, '')}</option>`)}
        </select>
      </div>
    `;
  }

  private renderChoices(editable: boolean): TemplateResult {
    const t = this.text;
    const options = this.content.options;
    const setOption = (i: number, patch: Partial<AssessmentContent['options'][number]>) =>
      this.setField('options', this.content.options.map((o, j) => (j === i ? { ...o, ...patch } : o)));
    return html`
      <section class="block" aria-labelledby="h-options">
        <h3 id="h-options">${t.t('optionsHeading')}</h3>
        ${options.length === 0 ? html`<p class="muted">${t.t('noOptions')}</p>` : nothing}
        ${options.map((o, i) => html`
          <fieldset class="option">
            <legend>${t.t('optionLabel', i + 1)}</legend>
            <div class="field">
              <label for="opt-d-${i}">${t.t('optionDescription')}</label>
              <textarea id="opt-d-${i}" .value=${o.description} ?readonly=${!editable} @input=${(e: Event) => setOption(i, { description: (e.target as HTMLTextAreaElement).value })}></textarea>
            </div>
            <div class="field">
              <label for="opt-c-${i}">${t.t('optionConsequences')}</label>
              <textarea id="opt-c-${i}" .value=${o.consequences} ?readonly=${!editable} @input=${(e: Event) => setOption(i, { consequences: (e.target as HTMLTextAreaElement).value })}></textarea>
            </div>
            ${editable ? html`<div><button type="button" class="danger" @click=${() => this.setField('options', this.content.options.filter((_, j) => j !== i))}>${t.t('removeOption', i + 1)}</button></div>` : nothing}
          </fieldset>
        `)}
        ${editable
          ? html`<button type="button" @click=${async () => {
              this.setField('options', [...this.content.options, { id: newOptionId(), description: '', consequences: '' }]);
              await this.updateComplete;
              this.renderRoot.querySelector<HTMLElement>(`#opt-d-${this.content.options.length - 1}`)?.focus();
            }}>${t.t('addOption')}</button>`
          : nothing}
      </section>
    `;
  }

  private renderConclusion(editable: boolean): TemplateResult {
    const t = this.text;
    const c = this.content;
    const err = (field: string) => this.errors[field];
    const area = (field: 'conclusion' | 'reasons' | 'childViewWeighing', label: string, hint?: string) => html`
      <div class="field">
        <label for="f-${field}">${label}</label>
        ${hint ? html`<span class="note" id="f-${field}-hint">${hint}</span>` : nothing}
        ${this.textArea(`f-${field}`, field, c[field], editable, {
          invalid: !!err(field),
          required: (field === 'childViewWeighing' || field === 'conclusion') && c.status === 'concluded',
          describedBy: [hint ? `f-${field}-hint` : '', err(field) ? `f-${field}-error` : ''],
        })}
        ${err(field) ? html`<p class="field-error" id="f-${field}-error">${err(field)}</p>` : nothing}
      </div>
    `;
    return html`
      <section class="block" part="conclusion" aria-labelledby="h-conclusion">
        <h3 id="h-conclusion">${t.t('conclusionHeading')}</h3>
        ${area('conclusion', t.t('conclusion'))}
        ${area('reasons', t.t('reasons'))}
        ${area('childViewWeighing', t.t('childViewWeighing'), t.t('childViewWeighingHint'))}
        <div class="field">
          <label for="f-assessedBy">${t.t('assessedBy')}</label>
          <input id="f-assessedBy" type="text" .value=${c.assessedBy.join(', ')} ?readonly=${!editable}
            @change=${(e: Event) => this.setField('assessedBy', (e.target as HTMLInputElement).value.split(',').map((s) => s.trim()).filter(Boolean))} />
        </div>
        <div class="checks">
          <label>
            <input id="f-concluded" type="checkbox" .checked=${c.status === 'concluded'} ?disabled=${!editable}
              @change=${(e: Event) => this.setField('status', (e.target as HTMLInputElement).checked ? 'concluded' : 'draft')} />
            ${t.t('concluded')}
          </label>
        </div>
      </section>
    `;
  }

  private renderHistory(a: Assessment): TemplateResult {
    const t = this.text;
    const history = [...a.history].sort((x, y) => y.version - x.version);
    const shown = this.viewing !== undefined ? a.history.find((h) => h.version === this.viewing) : undefined;
    return html`
      <section class="block" part="history" aria-labelledby="h-history">
        <h3 id="h-history">${t.t('historyHeading')}</h3>
        ${history.length === 0
          ? html`<p class="muted">${t.t('noHistory')}</p>`
          : html`
              <button type="button" aria-expanded=${this.showHistory ? 'true' : 'false'} aria-controls="history-list"
                @click=${() => { this.showHistory = !this.showHistory; }}>
                ${this.showHistory ? t.t('historyHide') : t.t('historyToggle', history.length)}
              </button>
              <div id="history-list" ?hidden=${!this.showHistory}>
                <ol class="history" reversed>
                  ${history.map((h) => html`<li>
                    <button type="button" aria-pressed=${this.viewing === h.version ? 'true' : 'false'} @click=${async () => {
                      this.viewing = h.version;
                      await this.updateComplete;
                      this.renderRoot.querySelector<HTMLElement>('#version-view')?.focus();
                    }}>${t.t('showVersion', h.version)}</button>
                    <span>${t.t('versionInfo', t.number(h.version), t.dateTime(h.savedAt), this.personName(h.savedBy, h.savedByName))}</span>
                  </li>`)}
                </ol>
                ${shown
                  ? html`<div class="readonly-version" id="version-view" tabindex="-1" role="region" aria-labelledby="h-version">
                      <h4 id="h-version">${t.t('viewingVersion', shown.version)}</h4>
                      ${this.renderReadOnly(shown.content)}
                      <button type="button" @click=${() => { this.viewing = undefined; }}>${t.t('closeVersion')}</button>
                    </div>`
                  : nothing}
              </div>
            `}
      </section>
    `;
  }

  /** A version's content as text, for reading only. */
  private renderReadOnly(c: AssessmentContent): TemplateResult {
    const t = this.text;
    const dash = t.t('emptyValue');
    const factors = (f: AssessmentContent['protectiveFactors'], catalogue: Readonly<Record<string, Labels>>) =>
      [t.list(f.checked.map((k) => this.label(catalogue[k], k))), f.text].filter(Boolean).join(' — ') || dash;
    const p = c.primaryDifficulty;
    return html`
      <dl class="content">
        ${this.elementKeys(c).map((key) => html`<dt>${this.elementLabel(key)}</dt><dd>${c.elements[key] || dash}</dd>`)}
        <dt>${t.t('protectiveHeading')}</dt><dd>${factors(c.protectiveFactors, PROTECTIVE_FACTORS)}</dd>
        <dt>${t.t('riskHeading')}</dt><dd>${factors(c.riskFactors, RISK_FACTORS)}</dd>
        <dt>${t.t('primaryHeading')}</dt>
        <dd>${t.t(`location.${p.location}` as 'location.child')}, ${t.t(`status.${p.status}` as 'status.hypothesis')}${p.text ? html`: ${p.text}` : nothing}</dd>
        <dt>${t.t('optionsHeading')}</dt>
        <dd>${c.options.length ? c.options.map((o) => html`<div>${o.description}${o.consequences ? html` — ${o.consequences}` : nothing}</div>`) : dash}</dd>
        <dt>${t.t('conclusion')}</dt><dd>${c.conclusion || dash}</dd>
        <dt>${t.t('reasons')}</dt><dd>${c.reasons || dash}</dd>
        <dt>${t.t('childViewWeighing')}</dt><dd>${c.childViewWeighing || dash}</dd>
        <dt>${t.t('assessedBy')}</dt><dd>${c.assessedBy.join(', ') || dash}</dd>
        <dt>${t.t('concluded')}</dt><dd>${c.status === 'concluded' ? t.t('yes') : t.t('no')}</dd>
      </dl>
    `;
  }

  private renderComments(a: Assessment): TemplateResult {
    const t = this.text;
    const comments = (this.snapshot?.comments ?? []).filter((c) => c.target.type === 'assessment' && c.target.id === a.id);
    const mayComment = this.can('comment.add') && !this.assessmentLocked;
    return html`
      <section class="block" part="comments" aria-labelledby="h-comments">
        <h3 id="h-comments">${t.t('dissentHeading')}</h3>
        ${comments.length === 0
          ? html`<p class="muted">${t.t('noComments')}</p>`
          : html`<ul class="comments">
              ${comments.map((c) => html`<li>
                <span class="comment-kind">${t.t(`kind.${c.kind}` as 'kind.comment')}:</span> ${c.text}
                <div class="note">${t.t('commentBy', c.authorName || this.personName(c.createdBy), t.t(`role.${c.authorRole}` as 'role.parent'), t.dateTime(c.createdAt))}</div>
              </li>`)}
            </ul>`}
        ${mayComment
          ? html`
              <div class="row">
                <div class="field">
                  <label for="c-kind">${t.t('commentKind')}</label>
                  <select id="c-kind" @change=${(e: Event) => { this.commentKind = (e.target as HTMLSelectElement).value as CommentKind; }}>
                    ${COMMENT_KINDS.map((k) => html`<option value=${k} ?selected=${this.commentKind === k}>${t.t(`kind.${k}` as 'kind.comment')}</option>`)}
                  </select>
                </div>
              </div>
              <div class="field">
                <label for="c-text">${t.t('commentText')}</label>
                <textarea id="c-text" .value=${this.commentText}
                  aria-invalid=${this.errors.comment ? 'true' : 'false'}
                  aria-describedby=${this.errors.comment ? 'c-text-error' : nothing}
                  @input=${(e: Event) => { this.commentText = (e.target as HTMLTextAreaElement).value; }}></textarea>
                ${this.errors.comment ? html`<p class="field-error" id="c-text-error">${this.errors.comment}</p>` : nothing}
              </div>
              <button type="button" @click=${() => this.addComment()}>${t.t('addComment')}</button>
            `
          : html`<p class="note">${t.t('noCommentRight')}</p>`}
      </section>
    `;
  }
}
