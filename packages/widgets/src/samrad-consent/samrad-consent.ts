import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { SERVICES, type ChangeInfo, type Consent, type Part, type Service } from '@samrad/model';
import { LocalizeController } from '../shared/localize.js';
import { isCommandError, SamradElement } from '../shared/samrad-element.js';
import { sharedStyles, tableStyles } from '../shared/styles.js';
import { messages, type ConsentMessages } from './samrad-consent.messages.js';
import { consentStyles } from './samrad-consent.styles.js';

export type ConsentStatus = 'active' | 'withdrawn' | 'expired' | 'pending';
type Relation = 'guardian' | 'young-person';
interface GiverDraft { name: string; relation: Relation }
interface RecordDraft {
  givers: GiverDraft[];
  services: Service[];
  scope: string;
  purpose: string;
  validFrom: string;
  validTo: string;
}

const STATUS_ICON: Record<ConsentStatus, string> = { active: '✓', withdrawn: '✕', expired: '⌛', pending: '…' };
const today = (): string => new Date().toISOString().slice(0, 10);

/** A service's status under one consent on `day` (YYYY-MM-DD). */
export function serviceStatus(consent: Consent, service: Service, day: string): ConsentStatus {
  if (consent.withdrawals.some((w) => w.services.includes(service))) return 'withdrawn';
  if (consent.validTo && day > consent.validTo) return 'expired';
  if (day < consent.validFrom) return 'pending';
  return 'active';
}

/** Model issue paths → the form field whose message to show. */
function fieldOfIssue(path: string): keyof RecordDraft | 'anonymous' | 'form' {
  if (path.startsWith('givenBy')) return 'givers';
  if (path.startsWith('services')) return 'services';
  if (path === 'scope' || path === 'purpose' || path === 'validFrom' || path === 'validTo') return path;
  return 'form';
}

/**
 * Consent (samtykke): who consented, which services may cooperate and share what, for
 * what purpose and how long. Shows at a glance what may be shared with whom — a table
 * of services and their status in words (active, withdrawn, expired), never colour
 * alone — and the history of withdrawals. Professionals record consent; guardians may
 * withdraw it for some services or wholly. Consent never blocks a report of concern.
 *
 * @tag samrad-consent
 * @summary Record, view and withdraw consent per service.
 *
 * @fires samrad-consent-record - A consent was recorded. `detail: { id: string }`
 * @fires samrad-consent-withdraw - A consent was withdrawn for some or all services. `detail: { id: string, services: string[] }`
 *
 * @csspart base - The element's wrapper.
 * @csspart glance - The table of what may be shared with whom.
 * @csspart consent - One recorded consent.
 * @csspart history - The table of withdrawals.
 * @csspart record-form - The form to record a consent.
 *
 * @cssprop --samrad-consent-active-color - Text colour of "active" (repeats the word).
 * @cssprop --samrad-consent-withdrawn-color - Text colour of "withdrawn".
 * @cssprop --samrad-consent-expired-color - Text colour of "expired" and "not valid yet".
 * @cssprop --samrad-heading-size - Size of the element's heading.
 */
export class SamradConsent extends SamradElement {
  static override properties: PropertyDeclarations = {
    withdrawing: { state: true },
    withdrawSelection: { state: true },
    withdrawReason: { state: true },
    recordDraft: { state: true },
    errors: { state: true },
    message: { state: true },
  };

  static override styles = [...sharedStyles, tableStyles, consentStyles];

  static override parts: readonly Part[] = ['consents', 'participants', 'case'];

  /** Id of the consent whose withdrawal panel is open. */
  declare private withdrawing: string | undefined;
  declare private withdrawSelection: ReadonlySet<Service>;
  declare private withdrawReason: string;
  declare private recordDraft: RecordDraft;
  declare private errors: Record<string, string>;
  declare private message: string;

  private readonly text = new LocalizeController(this, messages);

  constructor() {
    super();
    this.withdrawSelection = new Set();
    this.withdrawReason = '';
    this.recordDraft = this.emptyDraft();
    this.errors = {};
    this.message = '';
  }

  private emptyDraft(): RecordDraft {
    return { givers: [{ name: '', relation: 'guardian' }], services: [], scope: '', purpose: '', validFrom: today(), validTo: '' };
  }

  get consents(): Consent[] {
    return this.snapshot?.consents ?? [];
  }

  private serviceName(s: Service): string {
    return this.text.t(`service.${s}` as keyof ConsentMessages & `service.${string}`);
  }

  private givers(c: Consent): string {
    return this.text.list(c.givenBy.map((g) => this.text.t('giverLabel', g.name, this.text.t(`relation.${g.relation}` as 'relation.guardian'))));
  }

  private personName(userId: string, fallback = ''): string {
    return fallback || this.snapshot?.participants.find((p) => p.userId === userId)?.name || userId;
  }

  // ---------------------------------------------------------------- withdraw

  private openWithdraw(id: string): void {
    this.withdrawing = id;
    this.withdrawSelection = new Set();
    this.withdrawReason = '';
    this.errors = {};
    this.message = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#wd-${id} input`)?.focus());
  }

  private closeWithdraw(): void {
    const id = this.withdrawing;
    this.withdrawing = undefined;
    this.errors = {};
    if (id) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#wd-open-${id}`)?.focus());
  }

  /** Withdraws `services` (all remaining when omitted) from consent `id`. */
  withdraw(id: string, services?: Service[], reason = ''): boolean {
    const model = this.model;
    if (!model) return false;
    const consent = this.consents.find((c) => c.id === id);
    if (!consent) return false;
    if (services && services.length === 0) {
      this.errors = { withdraw: this.text.t('withdrawNone') };
      return false;
    }
    const remaining = consent.services.filter((s) => !consent.withdrawals.some((w) => w.services.includes(s)));
    const target = services ?? remaining;
    const result = this.tryCommand(() => model.consents.withdraw(id, services, reason));
    if (!result.ok) {
      this.errors = { withdraw: result.message };
      return false;
    }
    this.withdrawing = undefined;
    this.errors = {};
    this.message = this.text.t('withdrawn', this.text.list(target.map((s) => this.serviceName(s))));
    this.announce(this.message);
    this.emit('samrad-consent-withdraw', { id, services: target });
    return true;
  }

  // ---------------------------------------------------------------- record

  private patchDraft(patch: Partial<RecordDraft>): void {
    this.recordDraft = { ...this.recordDraft, ...patch };
    const errors = { ...this.errors };
    for (const key of Object.keys(patch)) delete errors[key];
    this.errors = errors;
    this.message = '';
  }

  /** Records the consent in the form. Returns its id, or undefined when refused. */
  record(): string | undefined {
    const model = this.model;
    if (!model) return undefined;
    const d = this.recordDraft;
    const result = this.tryCommand(() => model.consents.record({
      givenBy: d.givers.map((g) => ({ name: g.name.trim(), relation: g.relation })).filter((g) => g.name),
      services: d.services,
      scope: d.scope.trim(),
      purpose: d.purpose.trim(),
      validFrom: d.validFrom,
      ...(d.validTo ? { validTo: d.validTo } : {}),
    }));
    if (!result.ok) {
      const errors: Record<string, string> = {};
      if (isCommandError(result.error)) {
        for (const issue of result.error.issues) {
          const field = issue.message === 'anonymous-no-consent' ? 'anonymous' : fieldOfIssue(issue.path);
          const key = field === 'form' ? undefined : (`error.${field}` as keyof ConsentMessages);
          errors[field] ??= key && key in messages.nb ? (this.text.t(key as 'error.scope') as string) : result.message;
        }
      }
      if (Object.keys(errors).length === 0) errors.form = result.message;
      if (errors.anonymous) {
        errors.form = errors.anonymous;
        delete errors.anonymous;
      }
      this.errors = errors;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="record-form"] [aria-invalid="true"]')?.focus());
      return undefined;
    }
    this.recordDraft = this.emptyDraft();
    this.errors = {};
    this.message = this.text.t('recorded');
    this.announce(this.message);
    this.emit('samrad-consent-record', { id: result.value });
    return result.value;
  }

  // ---------------------------------------------------------------- remote changes

  protected override remoteChanged(info: ChangeInfo): void {
    if (!info.parts.has('consents')) return;
    const latest = [...this.consents].sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : 1)).at(-1);
    if (!latest || latest.updatedBy === this.model?.user.id) return;
    this.announce(this.text.t('remoteChange', this.personName(latest.updatedBy) || this.text.t('someone')));
  }

  // ---------------------------------------------------------------- rendering

  override render(): TemplateResult {
    const t = this.text;
    if (!this.model) return html`<p part="base">${t.t('noModel')}</p>`;
    const anonymous = !!this.snapshot?.case?.anonymous;
    return html`
      <section part="base" aria-labelledby="heading">
        <h2 id="heading">${t.t('heading')}</h2>
        <p class="concern">${t.t('concernNote')}</p>
        ${anonymous ? html`<p class="note">${t.t('anonymousNote')}</p>` : nothing}
        ${this.message ? html`<p class="note">${this.message}</p>` : nothing}
        ${this.renderGlance()}
        ${this.renderRecords()}
        ${this.renderHistory()}
        ${anonymous ? nothing : this.renderRecordForm()}
      </section>
    `;
  }

  private status(s: ConsentStatus): TemplateResult {
    return html`<span class="status ${s}"><span aria-hidden="true">${STATUS_ICON[s]}</span>${this.text.t(`status.${s}` as 'status.active')}</span>`;
  }

  private renderGlance(): TemplateResult {
    const t = this.text;
    const day = today();
    const rows = SERVICES.flatMap((service) =>
      this.consents.filter((c) => c.services.includes(service)).map((c) => ({ service, consent: c, status: serviceStatus(c, service, day) })));
    return html`
      <section class="block" part="glance" aria-labelledby="h-glance">
        <h3 id="h-glance">${t.t('glanceHeading')}</h3>
        ${rows.length === 0
          ? html`<p class="muted">${t.t('noConsents')}</p>`
          : html`<div class="table-wrap">
              <table>
                <caption>${t.t('glanceCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">${t.t('colService')}</th>
                    <th scope="col">${t.t('colStatus')}</th>
                    <th scope="col">${t.t('colScope')}</th>
                    <th scope="col">${t.t('colGivenBy')}</th>
                    <th scope="col">${t.t('colValid')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map((r) => html`<tr data-service=${r.service} data-status=${r.status}>
                    <th scope="row">${this.serviceName(r.service)}</th>
                    <td data-label=${t.t('colStatus')}>${this.status(r.status)}</td>
                    <td data-label=${t.t('colScope')}>${r.consent.scope}</td>
                    <td data-label=${t.t('colGivenBy')}>${this.givers(r.consent)}</td>
                    <td data-label=${t.t('colValid')}>${t.t('validRange', t.date(r.consent.validFrom), r.consent.validTo ? t.date(r.consent.validTo) : '')}</td>
                  </tr>`)}
                </tbody>
              </table>
            </div>`}
      </section>
    `;
  }

  /** A guardian may withdraw any consent; a young person only one they gave themselves. */
  private get mayWithdrawAny(): boolean {
    return this.consents.some((c) => this.can('consent.withdraw', c));
  }

  private renderRecords(): TemplateResult | typeof nothing {
    const t = this.text;
    const consents = this.consents;
    if (consents.length === 0) return nothing;
    const mayWithdrawAny = this.mayWithdrawAny;
    const day = today();
    return html`
      <section class="block" aria-labelledby="h-records">
        <h3 id="h-records">${t.t('recordsHeading')}</h3>
        ${mayWithdrawAny ? nothing : html`<p class="note">${t.t('noWithdrawRight')}</p>`}
        ${consents.map((c, i) => {
          const mayWithdraw = this.can('consent.withdraw', c);
          const remaining = c.services.filter((s) => serviceStatus(c, s, day) !== 'withdrawn');
          return html`
            <article class="consent" part="consent" aria-labelledby="h-consent-${c.id}">
              <h4 id="h-consent-${c.id}">${t.t('consentTitle', i + 1, this.givers(c))}</h4>
              <dl class="facts">
                <dt>${t.t('colScope')}</dt><dd>${c.scope}</dd>
                <dt>${t.t('colPurpose')}</dt><dd>${c.purpose}</dd>
                <dt>${t.t('colValid')}</dt><dd>${t.t('validRange', t.date(c.validFrom), c.validTo ? t.date(c.validTo) : '')}</dd>
                <dt>${t.t('colService')}</dt>
                <dd><ul class="services">${c.services.map((s) => html`<li>${this.serviceName(s)}: ${this.status(serviceStatus(c, s, day))}</li>`)}</ul></dd>
              </dl>
              ${mayWithdraw
                ? remaining.length === 0
                  ? html`<p class="note">${t.t('nothingLeft')}</p>`
                  : this.withdrawing === c.id
                    ? this.renderWithdrawPanel(c, remaining)
                    : html`<button type="button" id="wd-open-${c.id}" aria-expanded="false" @click=${() => this.openWithdraw(c.id)}>${t.t('withdrawStart')}</button>`
                : nothing}
            </article>
          `;
        })}
      </section>
    `;
  }

  private renderWithdrawPanel(c: Consent, remaining: Service[]): TemplateResult {
    const t = this.text;
    const selection = this.withdrawSelection;
    return html`
      <div id="wd-${c.id}">
        <fieldset>
          <legend>${t.t('withdrawLegend')}</legend>
          <div class="checks">
            ${remaining.map((s) => html`<label>
              <input type="checkbox" name="withdraw-service" value=${s} .checked=${selection.has(s)}
                @change=${(e: Event) => {
                  const next = new Set(this.withdrawSelection);
                  if ((e.target as HTMLInputElement).checked) next.add(s);
                  else next.delete(s);
                  this.withdrawSelection = next;
                }} />
              ${this.serviceName(s)}
            </label>`)}
          </div>
        </fieldset>
        <div class="field">
          <label for="wd-reason-${c.id}">${t.t('withdrawReason')}</label>
          <textarea id="wd-reason-${c.id}" .value=${this.withdrawReason} @input=${(e: Event) => { this.withdrawReason = (e.target as HTMLTextAreaElement).value; }}></textarea>
        </div>
        ${this.errors.withdraw ? html`<p class="field-error" role="alert">${this.errors.withdraw}</p>` : nothing}
        <div class="actions">
          <button type="button" class="danger" data-action="withdraw-selected"
            @click=${() => this.withdraw(c.id, remaining.filter((s) => this.withdrawSelection.has(s)), this.withdrawReason.trim())}>${t.t('withdrawConfirm')}</button>
          <button type="button" class="danger" data-action="withdraw-all"
            @click=${() => this.withdraw(c.id, undefined, this.withdrawReason.trim())}>${t.t('withdrawAll')}</button>
          <button type="button" @click=${() => this.closeWithdraw()}>${t.t('withdrawCancel')}</button>
        </div>
      </div>
    `;
  }

  private renderHistory(): TemplateResult | typeof nothing {
    const t = this.text;
    if (this.consents.length === 0) return nothing;
    const rows = this.consents.flatMap((c, i) => c.withdrawals.map((w) => ({ n: i + 1, w })))
      .sort((a, b) => (a.w.at < b.w.at ? -1 : a.w.at > b.w.at ? 1 : 0));
    return html`
      <section class="block" part="history" aria-labelledby="h-history">
        <h3 id="h-history">${t.t('historyHeading')}</h3>
        ${rows.length === 0
          ? html`<p class="muted">${t.t('noHistory')}</p>`
          : html`<div class="table-wrap"><table>
              <thead><tr>
                <th scope="col">${t.t('colWhat')}</th>
                <th scope="col">${t.t('colWhen')}</th>
                <th scope="col">${t.t('colBy')}</th>
                <th scope="col">${t.t('colReason')}</th>
              </tr></thead>
              <tbody>
                ${rows.map(({ n, w }) => html`<tr>
                  <td data-label=${t.t('colWhat')}>${t.t('consentTitle', n, t.list(w.services.map((s) => this.serviceName(s))))}</td>
                  <td data-label=${t.t('colWhen')}>${t.dateTime(w.at)}</td>
                  <td data-label=${t.t('colBy')}>${this.personName(w.by, w.byName)}</td>
                  <td data-label=${t.t('colReason')}>${w.reason || '–'}</td>
                </tr>`)}
              </tbody>
            </table></div>`}
      </section>
    `;
  }

  private renderRecordForm(): TemplateResult | typeof nothing {
    const t = this.text;
    if (!this.can('consent.record')) {
      if (!this.mayWithdrawAny) return nothing;
      return html`<p class="note">${t.t(this.model?.user.role === 'child' ? 'noRecordRightYoung' : 'noRecordRight')}</p>`;
    }
    const d = this.recordDraft;
    const err = (k: string) => this.errors[k];
    const described = (k: string) => (err(k) ? `r-${k}-error` : nothing);
    const errorText = (k: string) => (err(k) ? html`<p class="field-error" id="r-${k}-error">${err(k)}</p>` : nothing);
    return html`
      <section class="block" aria-labelledby="h-record">
        <h3 id="h-record">${t.t('recordHeading')}</h3>
        <form part="record-form" novalidate @submit=${(e: Event) => { e.preventDefault(); this.record(); }}>
          <fieldset>
            <legend>${t.t('givers')}</legend>
            ${d.givers.map((g, i) => html`<div class="giver">
              <div class="field">
                <label for="r-giver-${i}">${t.t('giverName', i + 1)}</label>
                <input id="r-giver-${i}" type="text" .value=${g.name} autocomplete="off"
                  aria-invalid=${err('givers') && i === 0 ? 'true' : 'false'} aria-describedby=${i === 0 ? described('givers') : nothing}
                  @input=${(e: Event) => this.patchDraft({ givers: this.recordDraft.givers.map((x, j) => (j === i ? { ...x, name: (e.target as HTMLInputElement).value } : x)) })} />
              </div>
              <div class="field">
                <label for="r-relation-${i}">${t.t('giverRelation', i + 1)}</label>
                <select id="r-relation-${i}" @change=${(e: Event) => this.patchDraft({ givers: this.recordDraft.givers.map((x, j) => (j === i ? { ...x, relation: (e.target as HTMLSelectElement).value as Relation } : x)) })}>
                  ${(['guardian', 'young-person'] as const).map((r) => html`<option value=${r} ?selected=${g.relation === r}>${t.t(`relation.${r}`)}</option>`)}
                </select>
              </div>
              ${d.givers.length > 1
                ? html`<button type="button" @click=${() => this.patchDraft({ givers: this.recordDraft.givers.filter((_, j) => j !== i) })}>${t.t('removeGiver', i + 1)}</button>`
                : html`<span></span>`}
            </div>`)}
            ${errorText('givers')}
            <button type="button" @click=${() => this.patchDraft({ givers: [...this.recordDraft.givers, { name: '', relation: 'guardian' }] })}>${t.t('addGiver')}</button>
          </fieldset>
          <fieldset aria-describedby=${described('services')}>
            <legend>${t.t('services')}</legend>
            <div class="checks">
              ${SERVICES.map((s) => html`<label>
                <input type="checkbox" name="services" value=${s} .checked=${d.services.includes(s)}
                  aria-invalid=${err('services') ? 'true' : 'false'}
                  @change=${(e: Event) => this.patchDraft({ services: (e.target as HTMLInputElement).checked ? [...this.recordDraft.services, s] : this.recordDraft.services.filter((x) => x !== s) })} />
                ${this.serviceName(s)}
              </label>`)}
            </div>
            ${errorText('services')}
          </fieldset>
          ${(['scope', 'purpose'] as const).map((k) => html`<div class="field">
            <label for="r-${k}">${t.t(k)}</label>
            <textarea id="r-${k}" .value=${d[k]} aria-required="true" aria-invalid=${err(k) ? 'true' : 'false'} aria-describedby=${described(k)}
              @input=${(e: Event) => this.patchDraft({ [k]: (e.target as HTMLTextAreaElement).value })}></textarea>
            ${errorText(k)}
          </div>`)}
          <div class="row">
            ${(['validFrom', 'validTo'] as const).map((k) => html`<div class="field">
              <label for="r-${k}">${t.t(k)}</label>
              <input id="r-${k}" type="date" .value=${d[k]} aria-required=${k === 'validFrom' ? 'true' : 'false'}
                aria-invalid=${err(k) ? 'true' : 'false'} aria-describedby=${described(k)}
                @input=${(e: Event) => this.patchDraft({ [k]: (e.target as HTMLInputElement).value })} />
              ${errorText(k)}
            </div>`)}
          </div>
          ${err('form') ? html`<p class="field-error" role="alert">${err('form')}</p>` : nothing}
          <div class="actions">
            <button type="submit" class="primary" part="record">${t.t('record')}</button>
          </div>
        </form>
      </section>
    `;
  }
}
