import { html, nothing, svg, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { FULL_WRITE_ROLES, type FeedbackAnswer, type FeedbackSummary, type Part, type ScaleSummary, type SuppressedCount } from '@samrad/model';
import { LocalizeController } from '../shared/localize.js';
import { SamradElement } from '../shared/samrad-element.js';
import { serverSource, type ServerSource } from '../shared/server-source.js';
import { sharedStyles, tableStyles } from '../shared/styles.js';
import { messages } from './samrad-feedback.messages.js';
import { feedbackStyles } from './samrad-feedback.styles.js';

type Scale = 1 | 2 | 3 | 4 | 5;
const SCALE: readonly Scale[] = [1, 2, 3, 4, 5];
type Question = 'feltHeard' | 'knowsWhoToContact' | 'useful';
const QUESTIONS: readonly Question[] = ['feltHeard', 'knowsWhoToContact', 'useful'];

interface Draft { feltHeard?: Scale; knowsWhoToContact?: boolean; useful?: Scale }

/** Why talking to the server failed, in the words the element shows. */
export type FeedbackFailure = 'unauthorized' | 'forbidden' | 'failed';

type Remote = 'idle' | 'loading' | 'ready' | 'error';

/**
 * Feedback after the meeting (SPEC.md: "Did you feel heard?", "Do you know who to
 * contact?", "Was the meeting useful?"), anonymous: the answers go to the server
 * (`POST /feedback/<case>/<meeting>`), which keeps only totals, never in the shared
 * document. Parents and the child answer; `mode="child"` asks in plain words with large
 * faces that say their meaning in text. After sending, a thank-you. Leaders, coordinators
 * and professionals see only the server's anonymised totals for the meeting: no names,
 * respondents counted by role, numbers under 5 and those that would give them away hidden.
 *
 * Give it `server`, `case` and `token` (as `<samrad-meeting>` takes them), or put it inside
 * a `<samrad-meeting>` and it uses that element's; the meeting shown comes from the model.
 *
 * @tag samrad-feedback
 * @summary Anonymous feedback after the meeting, and its totals from the server.
 *
 * @fires samrad-feedback-submit - The user sent their answers. `detail: { meetingId: string }` (never the answers).
 *
 * @csspart base - The element's wrapper.
 * @csspart form - The questions.
 * @csspart scale - A 1–5 answer scale.
 * @csspart thanks - The thank-you shown after sending.
 * @csspart summary - The anonymised totals (professionals).
 * @csspart refresh - The button that fetches the totals again.
 *
 * @cssprop --samrad-child-font-size - Base font size in child mode (default 1.15rem).
 * @cssprop --samrad-mood-face - Fill colour of the faces.
 * @cssprop --samrad-heading-size - Size of the element's heading.
 */
export class SamradFeedback extends SamradElement {
  static override properties: PropertyDeclarations = {
    mode: { type: String, reflect: true },
    server: { type: String },
    caseId: { type: String, attribute: 'case' },
    token: { type: String },
    getToken: { attribute: false },
    fetcher: { attribute: false },
    draft: { state: true },
    errors: { state: true },
    remote: { state: true },
    failure: { state: true },
    hasAnswered: { state: true },
    totals: { state: true },
    sending: { state: true },
  };

  static override styles = [...sharedStyles, tableStyles, feedbackStyles];

  static override parts: readonly Part[] = ['meetings', 'case'];

  /** `adult` (default) or `child`: plain words, large targets, a face scale. */
  declare mode: 'adult' | 'child';
  /** Server URL: `wss://host[:port]` as for `<samrad-meeting>`, or `https://host[:port]`. Default: the enclosing `<samrad-meeting>`'s. */
  declare server: string | undefined;
  /** Case id (attribute `case`). Default: the enclosing `<samrad-meeting>`'s. */
  declare caseId: string | undefined;
  /** Signed token from the host's login. Default: the enclosing `<samrad-meeting>`'s. */
  declare token: string | undefined;
  /** Called for a fresh token before each request; defaults to `token`. */
  declare getToken: (() => string | Promise<string>) | undefined;
  /** A `fetch` to use instead of the page's (a host's own proxy, or a fake one in stories and tests). */
  declare fetcher: typeof fetch | undefined;
  declare private draft: Draft;
  declare private errors: Partial<Record<Question | 'form', string>>;
  declare private remote: Remote;
  declare private failure: FeedbackFailure | undefined;
  declare private hasAnswered: boolean;
  declare private totals: FeedbackSummary | undefined;
  declare private sending: boolean;

  private readonly text = new LocalizeController(this, messages);
  private sourceKey = '';
  private request = 0;

  constructor() {
    super();
    this.mode = 'adult';
    this.draft = {};
    this.errors = {};
    this.remote = 'idle';
    this.hasAnswered = false;
    this.sending = false;
  }

  private get child(): boolean {
    return this.mode === 'child';
  }

  /** True when this user may answer (parents and the child). */
  get respondent(): boolean {
    return this.can('feedback.submit', {});
  }

  /** True when this user may see the totals (leaders, coordinators, professionals). */
  get reader(): boolean {
    return !!this.model && FULL_WRITE_ROLES.includes(this.model.user.role);
  }

  /** True when the server says this user already answered for the meeting shown. */
  get answered(): boolean {
    return this.hasAnswered;
  }

  /** The anonymised totals for the meeting shown, as the server gave them (readers only). */
  get summary(): FeedbackSummary | undefined {
    return this.totals;
  }

  /** `idle` (no server to ask), `loading`, `ready` or `error`. */
  get status(): Remote {
    return this.remote;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The enclosing <samrad-meeting> may set its attributes after we are connected.
    queueMicrotask(() => this.maybeReload());
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    queueMicrotask(() => this.maybeReload());
  }

  private source(): ServerSource | undefined {
    return serverSource(this, this);
  }

  private key(): string {
    const source = this.source();
    return source && this.model ? `${source.base}|${source.caseId}|${this.meetingId ?? ''}|${this.model.user.id}|${this.model.user.role}` : '';
  }

  private maybeReload(): void {
    const key = this.key();
    if (key !== this.sourceKey) void this.reload();
  }

  /** Asks the server again: whether this user answered, or the meeting's totals. */
  async reload(): Promise<void> {
    this.sourceKey = this.key();
    const source = this.source();
    const meetingId = this.meetingId;
    this.failure = undefined;
    if (!source || !meetingId || !this.model || (!this.respondent && !this.reader)) {
      this.remote = 'idle';
      return;
    }
    const request = ++this.request;
    const before = this.totals ? JSON.stringify(this.totals) : '';
    this.remote = 'loading';
    const path = `/feedback/${encodeURIComponent(source.caseId)}/${encodeURIComponent(meetingId)}`;
    const result = await this.call(source, this.respondent ? `${path}/answered` : path);
    if (request !== this.request) return;
    if (!result.ok) {
      this.remote = 'error';
      this.failure = result.failure;
      return;
    }
    if (this.respondent) {
      this.hasAnswered = (result.body as { answered?: unknown }).answered === true;
    } else {
      this.totals = result.body as FeedbackSummary;
      if (before && before !== JSON.stringify(this.totals)) this.announce(this.text.t('updated'));
    }
    this.remote = 'ready';
  }

  private async call(source: ServerSource, path: string, body?: FeedbackAnswer): Promise<{ ok: true; status: number; body: unknown } | { ok: false; status?: number; failure: FeedbackFailure }> {
    try {
      const token = await source.token();
      const response = await (this.fetcher ?? fetch)(`${source.base}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
        cache: 'no-store',
        credentials: 'omit',
      });
      const status = response.status;
      if (response.ok || status === 409) return { ok: true, status, body: await response.json().catch(() => ({})) };
      return { ok: false, status, failure: status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'failed' };
    } catch {
      return { ok: false, failure: 'failed' };
    }
  }

  private set(patch: Partial<Draft>): void {
    this.draft = { ...this.draft, ...patch };
    const errors = { ...this.errors };
    for (const k of Object.keys(patch)) delete errors[k as Question];
    delete errors.form;
    this.errors = errors;
  }

  /** Sends the answers in the form to the server. True when they were counted (or had been before). */
  async submit(): Promise<boolean> {
    const source = this.source();
    const meetingId = this.meetingId;
    if (!source || !meetingId || this.sending) return false;
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
      return false;
    }
    this.sending = true;
    const result = await this.call(source, `/feedback/${encodeURIComponent(source.caseId)}/${encodeURIComponent(meetingId)}`,
      { feltHeard: d.feltHeard!, knowsWhoToContact: d.knowsWhoToContact!, useful: d.useful! });
    this.sending = false;
    if (!result.ok) {
      this.errors = { form: t.t(result.failure) };
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#form-error')?.focus());
      return false;
    }
    const already = result.status === 409;
    this.draft = {};
    this.errors = {};
    this.hasAnswered = true;
    this.announce(already ? t.t('issue:feedback-already-given') : this.child ? t.t('thanksChild') : t.t('thanks'));
    if (!already) this.emit('samrad-feedback-submit', { meetingId });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#thanks')?.focus());
    return true;
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
        <section part="base" aria-labelledby="heading" aria-busy=${this.remote === 'loading' || this.sending ? 'true' : 'false'}>
          <h2 id="heading">${this.child ? t.t('headingChild') : t.t('heading')}</h2>
          <p class="note">${meetingLine}</p>
          ${this.renderRemote(() => (this.answered ? this.renderThanks() : this.renderForm()), this.remote === 'error' && !this.answered)}
        </section>
      `;
    }
    const reader = this.reader;
    return html`
      <section part="base" aria-labelledby="heading" aria-busy=${this.remote === 'loading' ? 'true' : 'false'}>
        <h2 id="heading">${reader ? t.t('summaryHeading') : t.t('heading')}</h2>
        <p class="note">${meetingLine}</p>
        ${reader ? this.renderRemote(() => this.renderSummary(), false) : html`<p>${t.t('notForRole')}</p>`}
      </section>
    `;
  }

  /** What the server's state allows: a note without a server, loading, a failure with a retry, or `ready`. */
  private renderRemote(ready: () => TemplateResult, formAnyway: boolean): TemplateResult {
    const t = this.text;
    if (this.remote === 'idle') return html`<p class="note" data-state="idle">${t.t('notConnected')}</p>`;
    if (this.remote === 'loading' && !this.totals) return html`<p class="note" role="status" data-state="loading">${t.t('loading')}</p>`;
    if (this.remote === 'error') {
      return html`
        <div class="field-error" role="alert" data-state="error"><p>${t.t(this.failure ?? 'failed')}</p></div>
        ${this.failure === 'forbidden' ? nothing : html`<button type="button" part="retry" @click=${() => this.reload()}>${t.t('retry')}</button>`}
        ${formAnyway ? ready() : nothing}
      `;
    }
    return ready();
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
      <form part="form" novalidate @submit=${(e: Event) => { e.preventDefault(); void this.submit(); }}>
        ${this.errors.form ? html`<p class="field-error" role="alert" id="form-error" tabindex="-1">${this.errors.form}</p>` : nothing}
        ${this.renderScale('feltHeard', child ? t.t('feltHeardChild') : t.t('feltHeard'), d.feltHeard)}
        ${this.renderYesNo()}
        ${this.renderScale('useful', child ? t.t('usefulChild') : t.t('useful'), d.useful)}
        <div class="actions">
          <button type="submit" class="primary" part="submit" ?disabled=${this.sending}>${this.sending ? t.t('sending') : child ? t.t('submitChild') : t.t('submit')}</button>
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
    const s = this.summary;
    if (!s) return html``;
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
        `;
    return html`
      <div part="summary" class="summary">
        <p class="note">${t.t('summaryNote')}</p>
        ${body}
        <button type="button" part="refresh" ?disabled=${this.remote === 'loading'} @click=${() => this.reload()}>${t.t('refresh')}</button>
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
