import { html, nothing, svg, type PropertyDeclarations, type TemplateResult } from 'lit';
import { FULL_WRITE_ROLES, feedbackSummary, type ChangeInfo, type FeedbackSummary, type Part, type ScaleSummary, type SuppressedCount } from '@samrad/model';
import { LocalizeController } from '../shared/localize.js';
import { isCommandError, SamradElement } from '../shared/samrad-element.js';
import { sharedStyles, tableStyles } from '../shared/styles.js';
import { messages } from './samrad-feedback.messages.js';
import { feedbackStyles } from './samrad-feedback.styles.js';

type Scale = 1 | 2 | 3 | 4 | 5;
const SCALE: readonly Scale[] = [1, 2, 3, 4, 5];
type Question = 'feltHeard' | 'knowsWhoToContact' | 'useful';
const QUESTIONS: readonly Question[] = ['feltHeard', 'knowsWhoToContact', 'useful'];

interface Draft { feltHeard?: Scale; knowsWhoToContact?: boolean; useful?: Scale; comment: string }

/**
 * Feedback after the meeting (SPEC.md: "Did you feel heard?", "Do you know who to
 * contact?", "Was the meeting useful?", and an optional comment). Parents and the child
 * answer; `mode="child"` asks in plain words with large faces that say their meaning in
 * text. After sending, a thank-you. Leaders and professionals see only anonymised totals
 * for the meeting: no names, respondents counted by role, numbers under 5 hidden.
 *
 * @tag samrad-feedback
 * @summary Feedback after the meeting, and its anonymised totals.
 *
 * @fires samrad-feedback-submit - The user sent their answers. `detail: { meetingId: string }` (never the answers).
 *
 * @csspart base - The element's wrapper.
 * @csspart form - The questions.
 * @csspart scale - A 1–5 answer scale.
 * @csspart thanks - The thank-you shown after sending.
 * @csspart summary - The anonymised totals (professionals).
 *
 * @cssprop --samrad-child-font-size - Base font size in child mode (default 1.15rem).
 * @cssprop --samrad-mood-face - Fill colour of the faces.
 * @cssprop --samrad-heading-size - Size of the element's heading.
 */
export class SamradFeedback extends SamradElement {
  static override properties: PropertyDeclarations = {
    mode: { type: String, reflect: true },
    draft: { state: true },
    errors: { state: true },
  };

  static override styles = [...sharedStyles, tableStyles, feedbackStyles];

  static override parts: readonly Part[] = ['feedback', 'meetings', 'case'];

  /** `adult` (default) or `child`: plain words, large targets, a face scale. */
  declare mode: 'adult' | 'child';
  declare private draft: Draft;
  declare private errors: Partial<Record<Question | 'form', string>>;

  private readonly text = new LocalizeController(this, messages);
  private lastSummary = '';

  constructor() {
    super();
    this.mode = 'adult';
    this.draft = { comment: '' };
    this.errors = {};
  }

  private get child(): boolean {
    return this.mode === 'child';
  }

  /** True when this user may answer (parents and the child). */
  get respondent(): boolean {
    return this.can('feedback.submit', {});
  }

  /** True when this user already answered for the meeting shown. */
  get answered(): boolean {
    const id = this.meetingId;
    return !!id && !!this.model?.feedback.given(id);
  }

  /** The anonymised totals for the meeting shown (what professionals see). */
  get summary(): FeedbackSummary | undefined {
    const snap = this.snapshot;
    const id = this.meetingId;
    return snap && id ? feedbackSummary(snap, id) : undefined;
  }

  private set(patch: Partial<Draft>): void {
    this.draft = { ...this.draft, ...patch };
    const errors = { ...this.errors };
    for (const k of Object.keys(patch)) delete errors[k as Question];
    delete errors.form;
    this.errors = errors;
  }

  /** Sends the answers in the form. Returns the stored id, or undefined when something is missing or refused. */
  submit(): string | undefined {
    const model = this.model;
    const meetingId = this.meetingId;
    if (!model || !meetingId) return undefined;
    const t = this.text;
    const d = this.draft;
    const errors: Partial<Record<Question | 'form', string>> = {};
    const scaleError = this.child ? t.t('error.scaleChild') : t.t('error.scale');
    if (d.feltHeard === undefined) errors.feltHeard = scaleError;
    if (d.knowsWhoToContact === undefined) errors.knowsWhoToContact = this.child ? t.t('error.yesNoChild') : t.t('error.yesNo');
    if (d.useful === undefined) errors.useful = scaleError;
    const missing = QUESTIONS.filter((q) => errors[q]);
    if (missing.length) {
      errors.form = t.t('error.summary', missing.length);
      this.errors = errors;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`fieldset[data-question="${missing[0]}"] input`)?.focus());
      return undefined;
    }
    const result = this.tryCommand(() => model.feedback.submit({
      meetingId, feltHeard: d.feltHeard!, knowsWhoToContact: d.knowsWhoToContact!, useful: d.useful!, comment: d.comment.trim(),
    }));
    if (!result.ok) {
      const known = isCommandError(result.error) && result.error.issues.some((i) => i.message === 'feedback-already-given');
      this.errors = { form: known ? t.t('issue:feedback-already-given') : result.message };
      return undefined;
    }
    this.draft = { comment: '' };
    this.errors = {};
    this.announce(this.child ? t.t('thanksChild') : t.t('thanks'));
    this.emit('samrad-feedback-submit', { meetingId });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#thanks')?.focus());
    return result.value;
  }

  protected override remoteChanged(info: ChangeInfo): void {
    if (!info.parts.has('feedback') || this.respondent) return;
    // Say so only when the figures a professional sees change, not on every hidden answer.
    const now = JSON.stringify(this.summary);
    if (this.lastSummary && now !== this.lastSummary) this.announce(this.text.t('updated'));
  }

  // ---------------------------------------------------------------- rendering

  override render(): TemplateResult {
    const t = this.text;
    if (!this.model) return html`<p part="base">${t.t('noModel')}</p>`;
    const meeting = this.currentMeeting;
    if (!meeting) return html`<p part="base">${t.t('noMeeting')}</p>`;
    const meetingLine = t.t('meetingLine', `${meeting.title ?? ''} ${t.date(meeting.date)}`.trim());
    if (this.respondent) {
      return html`
        <section part="base" aria-labelledby="heading">
          <h2 id="heading">${this.child ? t.t('headingChild') : t.t('heading')}</h2>
          <p class="note">${meetingLine}</p>
          ${this.answered ? this.renderThanks() : this.renderForm()}
        </section>
      `;
    }
    const professional = FULL_WRITE_ROLES.includes(this.model.user.role);
    return html`
      <section part="base" aria-labelledby="heading">
        <h2 id="heading">${professional ? t.t('summaryHeading') : t.t('heading')}</h2>
        <p class="note">${meetingLine}</p>
        ${professional ? this.renderSummary() : html`<p>${t.t('notForRole')}</p>`}
      </section>
    `;
  }

  private renderThanks(): TemplateResult {
    const t = this.text;
    return html`
      <div class="thanks" part="thanks">
        <p class="thanks-title" id="thanks" tabindex="-1"><span aria-hidden="true">✓ </span>${this.child ? t.t('thanksChild') : t.t('thanks')}</p>
        <p>${this.child ? t.t('thanksBodyChild') : t.t('thanksBody')}</p>
      </div>
    `;
  }

  private renderForm(): TemplateResult {
    const t = this.text;
    const child = this.child;
    const d = this.draft;
    return html`
      <p>${child ? t.t('introChild') : t.t('intro')}</p>
      <p class="note">${child ? t.t('anonymousChild') : t.t('anonymous')}</p>
      <form part="form" novalidate @submit=${(e: Event) => { e.preventDefault(); this.submit(); }}>
        ${this.errors.form ? html`<p class="field-error" role="alert" id="form-error">${this.errors.form}</p>` : nothing}
        ${this.renderScale('feltHeard', child ? t.t('feltHeardChild') : t.t('feltHeard'), d.feltHeard)}
        ${this.renderYesNo()}
        ${this.renderScale('useful', child ? t.t('usefulChild') : t.t('useful'), d.useful)}
        <div class="field">
          <label for="comment">${child ? t.t('commentChild') : t.t('comment')}</label>
          <textarea id="comment" .value=${d.comment} @input=${(e: Event) => { this.draft = { ...this.draft, comment: (e.target as HTMLTextAreaElement).value }; }}></textarea>
        </div>
        <div class="actions">
          <button type="submit" class="primary" part="submit">${child ? t.t('submitChild') : t.t('submit')}</button>
        </div>
      </form>
    `;
  }

  private renderScale(q: 'feltHeard' | 'useful', legend: string, value: Scale | undefined): TemplateResult {
    const t = this.text;
    const error = this.errors[q];
    return html`
      <fieldset part="scale" class="scale" data-question=${q} aria-describedby=${error ? `${q}-error` : nothing}>
        <legend>${legend}</legend>
        <div class="options">
          ${SCALE.map((n) => html`
            <label class="option">
              <input type="radio" name=${q} value=${n} .checked=${value === n} aria-invalid=${error ? 'true' : 'false'}
                @change=${() => this.set({ [q]: n })} />
              ${this.child ? face(n) : html`<span class="num" aria-hidden="true">${n}</span>`}
              <span class="word">${this.child ? t.t('scaleChild', n) : t.t('scale', n)}</span>
            </label>`)}
        </div>
        ${error ? html`<p class="field-error" id="${q}-error">${error}</p>` : nothing}
      </fieldset>
    `;
  }

  private renderYesNo(): TemplateResult {
    const t = this.text;
    const error = this.errors.knowsWhoToContact;
    const value = this.draft.knowsWhoToContact;
    return html`
      <fieldset class="scale yes-no" data-question="knowsWhoToContact" aria-describedby=${error ? 'knowsWhoToContact-error' : nothing}>
        <legend>${this.child ? t.t('knowsWhoToContactChild') : t.t('knowsWhoToContact')}</legend>
        <div class="options">
          ${([true, false] as const).map((yes) => html`
            <label class="option">
              <input type="radio" name="knowsWhoToContact" value=${yes ? 'yes' : 'no'} .checked=${value === yes} aria-invalid=${error ? 'true' : 'false'}
                @change=${() => this.set({ knowsWhoToContact: yes })} />
              <span class="icon" aria-hidden="true">${yes ? '✓' : '✕'}</span>
              <span class="word">${yes ? t.t('yes') : t.t('no')}</span>
            </label>`)}
        </div>
        ${error ? html`<p class="field-error" id="knowsWhoToContact-error">${error}</p>` : nothing}
      </fieldset>
    `;
  }

  private count(n: SuppressedCount): string {
    return n === null ? this.text.t('fewerThan') : this.text.number(n);
  }

  private renderSummary(): TemplateResult {
    const t = this.text;
    const s = this.summary!;
    this.lastSummary = JSON.stringify(s);
    const body = s.answers === 0
      ? html`<p>${t.t('noAnswers')}</p>`
      : s.suppressed
        ? html`<p class="suppressed"><span aria-hidden="true">🔒 </span>${t.t('suppressed')}</p>`
        : html`
          <p class="total"><strong>${t.t('answers', s.answers ?? 0)}</strong></p>
          <p>${t.t('byRole')}: ${t.t('role', 'parent')} ${this.count(s.byRole.parent)} · ${t.t('role', 'child')} ${this.count(s.byRole.child)}</p>
          <div class="table-wrap">
            <table>
              <caption id="caption-scale">${t.t('tableCaption')}</caption>
              <thead><tr>
                <th scope="col">${t.t('question')}</th>
                <th scope="col">${t.t('averageCol')}</th>
                ${SCALE.map((n) => html`<th scope="col">${t.t('scaleCol', n, t.t('scale', n))}</th>`)}
              </tr></thead>
              <tbody>
                ${this.scaleRow('feltHeard', t.t('feltHeard'), s.feltHeard)}
                ${this.scaleRow('useful', t.t('useful'), s.useful)}
              </tbody>
            </table>
          </div>
          <table class="contact">
            <caption>${t.t('contactCaption')}</caption>
            <tbody>
              <tr data-answer="yes"><th scope="row">${t.t('yes')}</th><td>${this.count(s.knowsWhoToContact.yes)}</td></tr>
              <tr data-answer="no"><th scope="row">${t.t('no')}</th><td>${this.count(s.knowsWhoToContact.no)}</td></tr>
            </tbody>
          </table>
          <h3>${t.t('comments')}</h3>
          ${s.comments.length === 0 ? html`<p class="muted">${t.t('noComments')}</p>` : html`
            <ul class="comments">
              ${s.comments.map((c) => html`<li><span class="by">${t.t('commentBy', t.t('role', c.role))}</span> ${c.text}</li>`)}
            </ul>`}
        `;
    return html`
      <div part="summary" class="summary">
        <p class="note">${t.t('summaryNote')}</p>
        ${body}
      </div>
    `;
  }

  private scaleRow(q: string, label: string, s: ScaleSummary): TemplateResult {
    const t = this.text;
    return html`<tr data-question=${q}>
      <th scope="row">${label}</th>
      <td class="avg" data-label=${t.t('averageCol')}>${s.average === null ? t.t('fewerThan') : t.t('average', t.number(s.average, { maximumFractionDigits: 1 }))}</td>
      ${s.counts.map((c, i) => html`<td data-label=${t.t('scaleCol', SCALE[i]!, t.t('scale', SCALE[i]!))}>${this.count(c)}</td>`)}
    </tr>`;
  }
}

/** A face whose mouth curves from very sad (1) to very happy (5). Decorative: the word beside it carries the meaning. */
function face(n: Scale): TemplateResult {
  const mouth: Record<Scale, string> = {
    1: 'M12 29 Q20 21 28 29',
    2: 'M13 28 Q20 24 27 28',
    3: 'M13 26 L27 26',
    4: 'M13 24 Q20 29 27 24',
    5: 'M12 23 Q20 33 28 23',
  };
  return html`<svg class="face" viewBox="0 0 40 40" aria-hidden="true" focusable="false">
    ${svg`<circle cx="20" cy="20" r="18" fill="var(--samrad-mood-face, #ffd966)" stroke="currentColor" stroke-width="2"></circle>
    <circle cx="14" cy="15" r="2.2" fill="currentColor"></circle>
    <circle cx="26" cy="15" r="2.2" fill="currentColor"></circle>
    <path d=${mouth[n]} fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"></path>`}
  </svg>`;
}
