import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { allWelfareReports, concernDeadlines, type Part, type WelfareReport } from '@samrad/model';
import { CaseText } from '../shared/case-text.js';
import { blockStyles, fieldError, focusFirstInvalid, formError, formStyles, statusLine } from '../shared/forms.js';
import { LocalizeController } from '../shared/localize.js';
import { SamradElement } from '../shared/samrad-element.js';
import { sharedStyles } from '../shared/styles.js';
import { messages } from './samrad-welfare-report.messages.js';
import { welfareReportStyles } from './samrad-welfare-report.styles.js';

interface WelfareDraft { grounds: string; homeTold: '' | 'yes' | 'no'; reason: string; safety: boolean }
interface AnswerDraft { date: string; text: string }

/**
 * Reports of concern sent to the child-welfare service (opplysningsplikt) and their
 * answers. Leaders, coordinators and professionals record that a report was sent — the
 * grounds, and whether the home was told beforehand — and later the service's answer.
 * Under the safety exception (violence or abuse suspected) the home is not told and the
 * record is stored where the guardians never receive it. When the case is at the top
 * level or a concern waits for a decision, the form suggests considering a report.
 * The family sees the reports they may read, and nothing at all when there is none.
 *
 * @tag samrad-welfare-report
 * @summary Reports to the child-welfare service: the sent ones, their answers, and the form to record one.
 *
 * @csspart welfare - Reports to the child-welfare service: the sent ones and the form to record one.
 */
export class SamradWelfareReport extends SamradElement {
  static override properties: PropertyDeclarations = {
    ...SamradElement.properties,
    welfareDraft: { state: true },
    answerDrafts: { state: true },
    errors: { state: true },
    message: { state: true },
  };

  static override styles = [...sharedStyles, blockStyles, formStyles, welfareReportStyles];

  static override parts: readonly Part[] = ['case', 'concerns', 'welfareReports', 'restrictedWelfareReports'];

  declare private welfareDraft: WelfareDraft;
  declare private answerDrafts: Readonly<Record<string, AnswerDraft>>;
  declare private errors: Record<string, string>;
  declare private message: string;

  private readonly text = new LocalizeController(this, messages);
  private readonly words = new CaseText(this);

  constructor() {
    super();
    this.welfareDraft = { grounds: '', homeTold: '', reason: '', safety: false };
    this.answerDrafts = {};
    this.errors = {};
    this.message = '';
  }

  private done(message: string): void {
    this.errors = {};
    this.message = message;
    this.announce(message);
  }

  /**
   * Records the report of concern drafted in the form as sent to the child-welfare service.
   * Under the safety exception the home is not told and the record is kept from the
   * guardians (stored in the professionals-only document). Returns its id, or undefined when refused.
   */
  sendWelfareReport(): string | undefined {
    const model = this.model;
    if (!model) return undefined;
    const d = this.welfareDraft;
    const errors: Record<string, string> = {};
    if (!d.grounds.trim()) errors.welfareGrounds = this.text.t('error.welfareGrounds');
    if (!d.safety && !d.homeTold) errors.welfareHomeTold = this.text.t('error.welfareHomeTold');
    if (Object.keys(errors).length) {
      this.errors = errors;
      focusFirstInvalid(this, '[part="welfare"] form.welfare-form');
      return undefined;
    }
    const result = this.tryCommand(() => model.welfareReports.send({
      grounds: d.grounds.trim(),
      safetyException: d.safety,
      homeToldBeforehand: !d.safety && d.homeTold === 'yes',
      ...(!d.safety && d.homeTold === 'no' && d.reason.trim() ? { homeNotToldReason: d.reason.trim() } : {}),
    }));
    if (!result.ok) {
      this.errors = { welfare: result.message };
      return undefined;
    }
    this.welfareDraft = { grounds: '', homeTold: '', reason: '', safety: false };
    this.done(this.text.t(d.safety ? 'welfareSentDoneSafety' : 'welfareSentDone'));
    return result.value;
  }

  /** Adds the child-welfare service's answer (date and text) to a sent report, once. */
  answerWelfareReport(reportId: string): boolean {
    const model = this.model;
    if (!model) return false;
    const d = this.answerDrafts[reportId] ?? { date: '', text: '' };
    if (!d.date || !d.text.trim()) {
      this.errors = { [`answer-${reportId}`]: this.text.t('error.welfareAnswer') };
      focusFirstInvalid(this, `li[data-report="${reportId}"]`);
      return false;
    }
    const result = this.tryCommand(() => model.welfareReports.answer(reportId, { answeredOn: d.date, answer: d.text.trim() }));
    if (!result.ok) {
      this.errors = { [`answer-${reportId}`]: result.message };
      return false;
    }
    const { [reportId]: _done, ...rest } = this.answerDrafts;
    this.answerDrafts = rest;
    this.done(this.text.t('welfareAnswerDone'));
    return true;
  }

  /**
   * The reports this user may read (the guardians never receive one under the safety
   * exception), and for leaders, coordinators and professionals the form to record one.
   * Nothing for the family when there is no report.
   */
  override render(): TemplateResult | typeof nothing {
    const w = this.words;
    if (!this.model) return html`<p>${w.t('noModel')}</p>`;
    const snap = this.snapshot;
    if (!snap?.case) return html`<p>${w.t('noCase')}</p>`;
    const t = this.text;
    const reports = allWelfareReports(snap);
    const maySend = this.can('welfareReport.send');
    if (!maySend && reports.length === 0) return nothing;
    const levels = w.levelModel?.levels ?? [];
    const top = levels.length ? levels.reduce((a, b) => (b.rank > a.rank ? b : a)) : undefined;
    const atTop = !!top && snap.case.level === top.id;
    const openConcern = concernDeadlines(snap, new Date(), this.model.levelModels).length > 0;
    return html`
      <section class="block" part="welfare" aria-labelledby="h-welfare">
        <h3 id="h-welfare">${t.t('welfareHeading')}</h3>
        ${statusLine(this.message)}
        ${maySend ? html`<p class="note">${t.t('welfareIntro')}</p>` : nothing}
        ${maySend && (atTop || openConcern) ? html`<p class="hint welfare-step">${atTop ? t.t('welfareTopLevel', w.label(top!.label)) : t.t('welfareOpenConcern')}</p>` : nothing}
        ${reports.length === 0 ? html`<p class="muted">${t.t('welfareNone')}</p>` : html`
          <ol class="welfare-reports" aria-label=${t.t('welfareListLabel')}>
            ${reports.map((r) => this.renderReport(r))}
          </ol>`}
        ${maySend ? this.renderForm() : nothing}
        ${formError(this.errors.welfare)}
      </section>
    `;
  }

  private renderReport(r: WelfareReport): TemplateResult {
    const t = this.text;
    const w = this.words;
    const mayAnswer = this.can('welfareReport.answer') && r.answeredOn === undefined && r.answer === undefined;
    const d = this.answerDrafts[r.id] ?? { date: '', text: '' };
    const set = (patch: Partial<AnswerDraft>) => {
      this.answerDrafts = { ...this.answerDrafts, [r.id]: { ...(this.answerDrafts[r.id] ?? { date: '', text: '' }), ...patch } };
      this.errors = {};
    };
    const errKey = `answer-${r.id}`;
    const invalid = !!this.errors[errKey];
    const sender = r.senderService ? w.t('personWithService', r.senderName, w.t('service', r.senderService)) : r.senderName;
    return html`<li class="welfare-report ${r.safetyException ? 'safety' : ''}" data-report=${r.id} data-safety=${r.safetyException ? 'true' : 'false'}>
      <p>${t.t('welfareSent', t.date(r.sentAt), sender)}</p>
      <p class="about">${t.t('welfareGrounds', r.grounds)}</p>
      ${r.safetyException
        ? html`<p class="safety-note"><span aria-hidden="true">🔒 </span>${t.t('welfareSafety')}</p>`
        : html`<p>${r.homeToldBeforehand ? t.t('welfareHomeTold') : t.t('welfareHomeNotTold')}
            ${r.homeNotToldReason ? t.t('welfareWhy', r.homeNotToldReason) : nothing}</p>`}
      ${r.answeredOn || r.answer ? html`<p class="answer">${t.t('welfareAnswer', t.date(r.answeredOn ?? ''), r.answer ?? '')}</p>` : nothing}
      ${mayAnswer ? html`
        <form class="welfare-answer" novalidate aria-label=${`${t.t('welfareAnswerHeading')}: ${t.t('welfareSent', t.date(r.sentAt), sender)} ${t.t('welfareGrounds', r.grounds)}`} @submit=${(e: Event) => { e.preventDefault(); this.answerWelfareReport(r.id); }}>
          <div class="field">
            <label for="answer-date-${r.id}">${t.t('welfareAnswerDate')}</label>
            <input id="answer-date-${r.id}" type="date" .value=${d.date} aria-invalid=${invalid && !d.date ? 'true' : 'false'}
              @input=${(e: Event) => set({ date: (e.target as HTMLInputElement).value })} />
          </div>
          <div class="field">
            <label for="answer-text-${r.id}">${t.t('welfareAnswerText')}</label>
            <textarea id="answer-text-${r.id}" .value=${d.text} aria-invalid=${invalid && d.date ? 'true' : 'false'} aria-describedby=${invalid ? `err-${errKey}` : nothing}
              @input=${(e: Event) => set({ text: (e.target as HTMLTextAreaElement).value })}></textarea>
          </div>
          ${fieldError(this.errors, errKey)}
          <div class="actions"><button type="submit" data-action="answer-report">${t.t('welfareAnswerSave')}</button></div>
        </form>` : nothing}
    </li>`;
  }

  private renderForm(): TemplateResult {
    const t = this.text;
    const d = this.welfareDraft;
    const set = (patch: Partial<WelfareDraft>) => { this.welfareDraft = { ...this.welfareDraft, ...patch }; this.errors = {}; };
    const invalid = (k: string) => (this.errors[k] ? 'true' : 'false');
    const restricted = !!this.model?.restricted;
    return html`
      <form class="welfare-form" novalidate aria-labelledby="h-welfare-form" @submit=${(e: Event) => { e.preventDefault(); this.sendWelfareReport(); }}>
        <h4 id="h-welfare-form">${t.t('welfareFormHeading')}</h4>
        <div class="field">
          <label for="welfare-grounds">${t.t('welfareGroundsLabel')}</label>
          <p class="hint" id="welfare-grounds-hint">${t.t('welfareGroundsHint')}</p>
          <textarea id="welfare-grounds" .value=${d.grounds} aria-required="true" aria-invalid=${invalid('welfareGrounds')}
            aria-describedby=${this.errors.welfareGrounds ? 'welfare-grounds-hint err-welfareGrounds' : 'welfare-grounds-hint'}
            @input=${(e: Event) => set({ grounds: (e.target as HTMLTextAreaElement).value })}></textarea>
          ${fieldError(this.errors, 'welfareGrounds')}
        </div>
        <div class="field">
          <label class="plain">
            <input type="checkbox" id="welfare-safety" name="welfare-safety" .checked=${d.safety} ?disabled=${!restricted}
              aria-describedby="welfare-safety-hint" @change=${(e: Event) => set({ safety: (e.target as HTMLInputElement).checked })} />
            ${t.t('welfareSafetyLabel')}
          </label>
          <p class="hint" id="welfare-safety-hint">${restricted ? t.t('welfareSafetyHint') : t.t('welfareSafetyUnavailable')}</p>
        </div>
        <fieldset aria-describedby=${this.errors.welfareHomeTold ? 'err-welfareHomeTold' : nothing} ?disabled=${d.safety}>
          <legend>${t.t('welfareHomeToldLegend')}</legend>
          ${(['yes', 'no'] as const).map((v) => html`<label class="plain">
            <input type="radio" name="welfare-home-told" value=${v} .checked=${d.safety ? v === 'no' : d.homeTold === v}
              aria-invalid=${invalid('welfareHomeTold')} @change=${() => set({ homeTold: v })} />
            ${v === 'yes' ? t.t('welfareHomeToldYes') : t.t('welfareHomeToldNo')}
          </label>`)}
          ${fieldError(this.errors, 'welfareHomeTold')}
        </fieldset>
        ${!d.safety && d.homeTold === 'no' ? html`<div class="field">
          <label for="welfare-reason">${t.t('welfareReasonLabel')}</label>
          <textarea id="welfare-reason" .value=${d.reason} @input=${(e: Event) => set({ reason: (e.target as HTMLTextAreaElement).value })}></textarea>
        </div>` : nothing}
        <button type="submit" class="primary" data-action="send-report">${t.t('welfareSend')}</button>
      </form>
    `;
  }
}
