import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import {
  allWelfareReports, concernDeadlines, findLevelModel, findTemplate, timeline,
  type Action, type Concern, type WelfareReport, type Goal, type Handover, type LevelModel, type Meeting, type Part, type Participant, type Service, type TimelineEntry, type TimelineKind,
} from '@samrad/model';
import { LocalizeController } from '../shared/localize.js';
import { isCommandError, SamradElement, type CommandResult } from '../shared/samrad-element.js';
import { sharedStyles, tableStyles } from '../shared/styles.js';
import { messages } from './samrad-case.messages.js';
import { caseStyles } from './samrad-case.styles.js';

/** Filter groups of the case log, each a set of timeline kinds. */
export const TIMELINE_GROUPS = {
  meetings: ['meeting-held', 'meeting-finalised'],
  decisions: ['decision'],
  levels: ['level-change', 'concern-raised', 'concern-decided'],
  consent: ['consent-recorded', 'consent-withdrawn'],
  coordinator: ['handover-offered', 'handover-accepted', 'handover-declined'],
  actions: ['action-agreed', 'action-evaluated'],
} as const satisfies Record<string, readonly TimelineKind[]>;
export type TimelineGroup = keyof typeof TIMELINE_GROUPS;
const GROUPS = Object.keys(TIMELINE_GROUPS) as TimelineGroup[];

/**
 * `detail` of `samrad-handover`. `state` is what happened: `offered`, `declined` and
 * `cancelled` leave the baton where it is; `accepted` and `appointed` move it to `to`.
 * `from` and `to` are participant ids.
 */
export interface HandoverDetail {
  handoverId?: string;
  from?: string;
  to?: string;
  state: Handover['state'] | 'appointed';
}

const KIND_ICON: Record<TimelineGroup, string> = { meetings: '▣', decisions: '✔', levels: '▲', consent: '✎', coordinator: '⇄', actions: '●' };

interface LevelDraft { level: string; reason: string; triedBefore: string }
interface OfferDraft { to: string; note: string }
interface GoalDraft { kind: 'effect' | 'result'; text: string; indicator: string; parentGoalId: string }
interface WelfareDraft { grounds: string; homeTold: '' | 'yes' | 'no'; reason: string; safety: boolean }
interface AnswerDraft { date: string; text: string }

/**
 * The case across meetings — the digital stafettlogg the family can read. Shows who
 * holds the coordinator baton (and lets it be offered, accepted or declined: until
 * accepted, the old coordinator keeps it), the case's level in the municipality's level
 * model with a form to move it (moving up asks what was tried at lower levels, and for
 * how long), the decision deadline after a concern counted in days, the goals with
 * their actions and the progress recorded at evaluations, every decision of every
 * meeting and forum in one list, and the case log in time order with filters.
 * Leaders, coordinators and professionals record a report of concern sent to the
 * child-welfare service (opplysningsplikt) and its answer; under the safety exception
 * (violence or abuse suspected) the record is stored where the guardians never receive it.
 * Parents, the child and observers read; edit controls follow the permission table.
 *
 * @tag samrad-case
 * @summary The case across meetings: coordinator baton, level, deadline, goals, decisions and case log.
 *
 * @fires samrad-handover - The coordinator baton was offered, accepted, declined, withdrawn or appointed — also when another person did it. `detail: { handoverId?: string, from?: string, to?: string, state: 'offered' | 'accepted' | 'declined' | 'cancelled' | 'appointed' }` (participant ids).
 * @fires samrad-case-level - The case was moved to another level. `detail: { from?: string, to: string }`
 *
 * @csspart base - The element's wrapper.
 * @csspart coordinator - The coordinator (baton) section.
 * @csspart level - The level section.
 * @csspart deadline - The concerns: each one raised, its decision deadline or its decision.
 * @csspart welfare - Reports to the child-welfare service: the sent ones and the form to record one.
 * @csspart goals - The goals section.
 * @csspart decisions - The table of every decision.
 * @csspart timeline - The case log.
 *
 * @cssprop --samrad-case-overdue-color - Text colour of an overdue deadline (the words say it too).
 * @cssprop --samrad-heading-size - Size of the element's heading.
 */
export class SamradCase extends SamradElement {
  static override properties: PropertyDeclarations = {
    shown: { state: true },
    levelDraft: { state: true },
    offerDraft: { state: true },
    goalDraft: { state: true },
    concernNote: { state: true },
    welfareDraft: { state: true },
    answerDrafts: { state: true },
    decisionDrafts: { state: true },
    errors: { state: true },
    message: { state: true },
  };

  static override styles = [...sharedStyles, tableStyles, caseStyles];

  static override parts: readonly Part[] = ['case', 'participants', 'meetings', 'decisions', 'goals', 'actions', 'consents', 'handovers', 'levelChanges', 'concerns', 'welfareReports', 'restrictedWelfareReports'];

  /** Case-log groups shown (all by default). */
  declare private shown: ReadonlySet<TimelineGroup>;
  declare private levelDraft: LevelDraft;
  declare private offerDraft: OfferDraft;
  declare private goalDraft: GoalDraft;
  declare private concernNote: string;
  declare private welfareDraft: WelfareDraft;
  declare private answerDrafts: Readonly<Record<string, AnswerDraft>>;
  declare private decisionDrafts: Readonly<Record<string, string>>;
  declare private errors: Record<string, string>;
  declare private message: string;

  private readonly text = new LocalizeController(this, messages);

  // What the view last saw, to tell the host (and screen-reader users) when the baton or the level changes.
  private seen: { model: unknown; handovers: Map<string, string>; coordinator: string | undefined; level: string | undefined } | undefined;

  constructor() {
    super();
    this.shown = new Set(GROUPS);
    this.levelDraft = { level: '', reason: '', triedBefore: '' };
    this.offerDraft = { to: '', note: '' };
    this.goalDraft = { kind: 'effect', text: '', indicator: '', parentGoalId: '' };
    this.concernNote = '';
    this.welfareDraft = { grounds: '', homeTold: '', reason: '', safety: false };
    this.answerDrafts = {};
    this.decisionDrafts = {};
    this.errors = {};
    this.message = '';
  }

  // ---------------------------------------------------------------- reading

  private get levelModel(): LevelModel | undefined {
    const c = this.snapshot?.case;
    return c && this.model ? findLevelModel(c.levelModelId, this.model.levelModels) : undefined;
  }

  /** A level model label in the reader's language (Ukrainian falls back to English). */
  private label(labels: { nb: string; nn: string; en: string; uk?: string } | undefined): string {
    if (!labels) return '';
    const lang = this.text.lang;
    return (lang === 'uk' ? labels.uk : labels[lang]) ?? labels.en;
  }

  private levelLabel(id: string | undefined): string {
    if (!id) return '';
    return this.label(this.levelModel?.levels.find((l) => l.id === id)?.label) || id;
  }

  private participant(id: string | undefined): Participant | undefined {
    return id ? this.snapshot?.participants.find((p) => p.id === id) : undefined;
  }

  private personName(participantId: string | undefined): string {
    return this.participant(participantId)?.name ?? this.text.t('someone');
  }

  private personLabel(p: Participant): string {
    const t = this.text;
    return t.t('personWithService', p.name, p.service ? t.t('service', p.service) : t.t('role', p.role));
  }

  private meetingName(m: Meeting | undefined): string {
    const t = this.text;
    if (!m) return t.t('meetingFallback');
    const template = this.model ? findTemplate(m.templateId, this.model.templates) : undefined;
    return t.t('meetingName', m.title ?? (this.label(template?.name) || t.t('meetingFallback')), t.date(m.date));
  }

  private services(list: readonly string[] | string | undefined): string {
    const items = Array.isArray(list) ? list : list ? [list] : [];
    return this.text.list(items.map((s) => this.text.t('service', s as Service)));
  }

  /** The case log entries of the groups shown. */
  get entries(): TimelineEntry[] {
    const snap = this.snapshot;
    if (!snap) return [];
    const kinds = new Set<TimelineKind>(GROUPS.filter((g) => this.shown.has(g)).flatMap((g) => TIMELINE_GROUPS[g]));
    return timeline(snap).filter((e) => kinds.has(e.kind));
  }

  /** Shows or hides a group of the case log. */
  setFilter(group: TimelineGroup, on: boolean): void {
    const next = new Set(this.shown);
    if (on) next.add(group);
    else next.delete(group);
    this.shown = next;
  }

  // ---------------------------------------------------------------- what changed (local or remote)

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.noticeChanges();
  }

  /**
   * Compares the baton and the level with what the view last saw. Runs before each
   * render, so a change made here, in another widget or by another person reaches the
   * host as one `samrad-handover` event and screen-reader users as one announcement.
   */
  private noticeChanges(): void {
    const snap = this.snapshot;
    if (!snap) return;
    const now = {
      model: this.model,
      handovers: new Map(snap.handovers.map((h) => [h.id, h.state])),
      coordinator: snap.case?.coordinatorId,
      level: snap.case?.level,
    };
    const before = this.seen;
    this.seen = now;
    if (!before || before.model !== now.model) return;
    const t = this.text;
    const events: HandoverDetail[] = [];
    for (const h of snap.handovers) {
      if (before.handovers.get(h.id) === h.state) continue;
      events.push({ handoverId: h.id, from: h.fromParticipantId, to: h.toParticipantId, state: h.state });
    }
    if (now.coordinator !== before.coordinator && !events.some((e) => e.state === 'accepted' && e.to === now.coordinator)) {
      events.push({ from: before.coordinator, to: now.coordinator, state: 'appointed' });
    }
    const said: string[] = [];
    for (const e of events) {
      this.emit<HandoverDetail>('samrad-handover', e);
      const to = this.personName(e.to);
      switch (e.state) {
        case 'offered': said.push(t.t('offered', to)); break;
        case 'accepted': said.push(t.t('accepted', to)); break;
        case 'declined': said.push(t.t('declined', to, this.personName(now.coordinator))); break;
        case 'cancelled': said.push(t.t('cancelled')); break;
        case 'appointed': said.push(t.t('appointed', to)); break;
      }
    }
    if (now.level !== before.level && now.level) {
      this.emit('samrad-case-level', { from: before.level, to: now.level });
      said.push(t.t('remoteLevel', this.levelLabel(now.level)));
    }
    if (said.length) {
      this.message = said.join(' ');
      this.announce(this.message);
    }
  }

  // ---------------------------------------------------------------- commands

  /** Field → message from a refused command, in this element's language where it knows the issue. */
  private failure(result: Extract<CommandResult<unknown>, { ok: false }>): Record<string, string> {
    const out: Record<string, string> = {};
    if (isCommandError(result.error)) {
      for (const issue of result.error.issues) {
        const key = `issue:${issue.message}`;
        if (key in messages.nb) out[issue.path || 'form'] ??= this.text.t(key as 'issue:tried-before-required');
      }
    }
    if (Object.keys(out).length === 0) out.form = result.message;
    return out;
  }

  private done(message: string): void {
    this.errors = {};
    this.message = message;
    this.announce(message);
  }

  private focusInvalid(scope: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`${scope} [aria-invalid="true"]`)?.focus());
  }

  /** Offers the baton to a participant (or appoints the first coordinator). Returns false when refused. */
  offer(toParticipantId: string, note = ''): boolean {
    const model = this.model;
    if (!model) return false;
    if (!toParticipantId) {
      this.errors = { offerTo: this.text.t('error.choosePerson') };
      this.focusInvalid('[part="coordinator"]');
      return false;
    }
    const appoint = !this.snapshot?.case?.coordinatorId;
    const result = this.tryCommand(() => (appoint ? model.handovers.appoint(toParticipantId) : model.handovers.offer(toParticipantId, note)));
    if (!result.ok) {
      this.errors = { offer: result.message };
      return false;
    }
    this.offerDraft = { to: '', note: '' };
    this.errors = {};
    return true;
  }

  /** Accepts or declines the pending offer made to this user. */
  answer(handoverId: string, accept: boolean): boolean {
    const model = this.model;
    if (!model) return false;
    const result = this.tryCommand(() => model.handovers.answer(handoverId, accept));
    if (!result.ok) this.errors = { answer: result.message };
    else this.errors = {};
    return result.ok;
  }

  cancelOffer(handoverId: string): boolean {
    const model = this.model;
    if (!model) return false;
    const result = this.tryCommand(() => model.handovers.cancel(handoverId));
    if (!result.ok) this.errors = { answer: result.message };
    else this.errors = {};
    return result.ok;
  }

  /** Moves the case to `level`. Moving up needs `triedBefore`; the model says so and we show it in the reader's language. */
  moveLevel(level: string, details: { reason?: string; triedBefore?: string } = {}): boolean {
    const model = this.model;
    if (!model) return false;
    if (!level) {
      this.errors = { level: this.text.t('error.chooseLevel') };
      this.focusInvalid('[part="level"]');
      return false;
    }
    if (level === this.snapshot?.case?.level) {
      this.errors = { level: this.text.t('levelSame') };
      this.focusInvalid('[part="level"]');
      return false;
    }
    const result = this.tryCommand(() => model.case.setLevel(level, { reason: details.reason?.trim(), triedBefore: details.triedBefore?.trim() || undefined }));
    if (!result.ok) {
      this.errors = this.failure(result);
      this.focusInvalid('[part="level"]');
      return false;
    }
    this.levelDraft = { level: '', reason: '', triedBefore: '' };
    this.errors = {};
    return true;
  }

  /** Registers a new concern (earlier ones and their decisions stay). Returns false when refused. */
  raiseConcern(note = ''): boolean {
    const model = this.model;
    if (!model) return false;
    const result = this.tryCommand(() => model.case.raiseConcern(undefined, note.trim()));
    if (!result.ok) this.errors = { concern: result.message };
    else {
      this.concernNote = '';
      this.done(this.text.t('concernRaisedDone'));
    }
    return result.ok;
  }

  /** Records the decision on a concern (the one due soonest when `concernId` is omitted). */
  concernDecided(concernId?: string, decision?: string): boolean {
    const model = this.model;
    const id = concernId ?? (this.snapshot ? concernDeadlines(this.snapshot, new Date(), model?.levelModels)[0]?.concern.id : undefined);
    if (!model || !id) return false;
    const text = (decision ?? this.decisionDrafts[id] ?? '').trim();
    const result = this.tryCommand(() => model.case.concernDecided(id, text || undefined));
    if (!result.ok) this.errors = { concern: result.message };
    else {
      const { [id]: _done, ...rest } = this.decisionDrafts;
      this.decisionDrafts = rest;
      this.done(this.text.t('concernDecidedDone'));
    }
    return result.ok;
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
      this.focusInvalid('[part="welfare"] form.welfare-form');
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
      this.focusInvalid(`li[data-report="${reportId}"]`);
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

  addGoal(): string | undefined {
    const model = this.model;
    if (!model) return undefined;
    const d = this.goalDraft;
    if (!d.text.trim()) {
      this.errors = { goalText: this.text.t('error.goalText') };
      this.focusInvalid('[part="goals"]');
      return undefined;
    }
    const result = this.tryCommand(() => model.goals.add({
      kind: d.kind, text: d.text.trim(),
      ...(d.kind === 'result' ? { indicator: d.indicator.trim() || undefined, parentGoalId: d.parentGoalId || undefined } : {}),
    }));
    if (!result.ok) {
      const errors = this.failure(result);
      if (errors.indicator) errors.goalIndicator = errors.indicator;
      if (errors.form) errors.goalForm = errors.form;
      delete errors.form;
      this.errors = errors;
      this.focusInvalid('[part="goals"]');
      return undefined;
    }
    this.goalDraft = { kind: d.kind, text: '', indicator: '', parentGoalId: d.parentGoalId };
    this.done(this.text.t('goalAdded'));
    return result.value;
  }

  // ---------------------------------------------------------------- rendering

  override render(): TemplateResult {
    const t = this.text;
    if (!this.model) return html`<p part="base">${t.t('noModel')}</p>`;
    const c = this.snapshot?.case;
    if (!c) return html`<p part="base">${t.t('noCase')}</p>`;
    const family = ['parent', 'child', 'observer'].includes(this.model.user.role);
    return html`
      <section part="base" aria-labelledby="heading">
        <h2 id="heading">${c.anonymous ? t.t('heading') : t.t('headingChild', c.child.name)}</h2>
        <p class="note">${t.t('familyNote')}</p>
        ${family ? html`<p class="note">${t.t('readOnlyNote')}</p>` : nothing}
        ${this.message ? html`<p class="message">${this.message}</p>` : nothing}
        <div class="overview">
          ${this.renderCoordinator()}
          ${this.renderLevel()}
          ${this.renderDeadline()}
        </div>
        ${this.renderWelfare()}
        ${this.renderGoals()}
        ${this.renderDecisions()}
        ${this.renderTimeline()}
      </section>
    `;
  }

  private errorText(key: string): TemplateResult | typeof nothing {
    const e = this.errors[key];
    return e ? html`<p class="field-error" id="err-${key}">${e}</p>` : nothing;
  }

  private renderCoordinator(): TemplateResult {
    const t = this.text;
    const snap = this.snapshot!;
    const holderId = snap.case?.coordinatorId;
    const holder = this.participant(holderId);
    const pending = snap.handovers.filter((h) => h.state === 'offered').at(-1);
    const mayAnswer = pending && this.can('handover.answer', pending);
    const mayCancel = pending && this.can('handover.offer', pending);
    const mayOffer = !pending && (holderId ? this.can('handover.offer', { fromParticipantId: holderId }) : this.can('case.setup'));
    return html`
      <section class="block" part="coordinator" aria-labelledby="h-coordinator">
        <h3 id="h-coordinator">${t.t('coordinatorHeading')}</h3>
        <p class="holder" data-holder=${holderId ?? ''}>
          <span aria-hidden="true">⇄</span>
          ${holder ? t.t('coordinatorNow', this.personLabel(holder)) : t.t('noCoordinator')}
        </p>
        ${pending ? html`
          <div class="pending" data-handover=${pending.id}>
            <p>${holderId
              ? t.t('pendingOffer', this.personName(pending.fromParticipantId ?? holderId), this.personName(pending.toParticipantId), t.date(pending.offeredAt))
              : t.t('pendingOfferNoHolder', this.personName(pending.toParticipantId), t.date(pending.offeredAt))}</p>
            ${pending.note ? html`<p class="note">${t.t('offerNote', pending.note)}</p>` : nothing}
            ${mayAnswer ? html`
              <p><strong>${t.t('youAreOffered')}</strong></p>
              <div class="actions">
                <button type="button" class="primary" data-action="accept" @click=${() => this.answer(pending.id, true)}>${t.t('accept')}</button>
                <button type="button" data-action="decline" @click=${() => this.answer(pending.id, false)}>${t.t('decline')}</button>
              </div>` : nothing}
            ${mayCancel ? html`<div class="actions">
              <button type="button" data-action="cancel-offer" @click=${() => this.cancelOffer(pending.id)}>${t.t('cancelOffer')}</button>
            </div>` : nothing}
            ${this.errors.answer ? html`<p class="field-error" role="alert">${this.errors.answer}</p>` : nothing}
          </div>` : nothing}
        ${mayOffer ? this.renderOfferForm(holderId) : nothing}
      </section>
    `;
  }

  private renderOfferForm(holderId: string | undefined): TemplateResult {
    const t = this.text;
    const candidates = this.snapshot!.participants.filter((p) => p.id !== holderId && (p.role === 'leader' || p.role === 'coordinator' || p.role === 'professional'));
    const d = this.offerDraft;
    const invalid = !!this.errors.offerTo;
    return html`
      <form class="offer" novalidate aria-labelledby="h-offer" @submit=${(e: Event) => { e.preventDefault(); this.offer(this.offerDraft.to, this.offerDraft.note.trim()); }}>
        <h4 id="h-offer">${holderId ? t.t('offerHeading') : t.t('appointHeading')}</h4>
        <div class="field">
          <label for="offer-to">${t.t('offerTo')}</label>
          <select id="offer-to" aria-required="true" aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${invalid ? 'err-offerTo' : nothing}
            @change=${(e: Event) => { this.offerDraft = { ...this.offerDraft, to: (e.target as HTMLSelectElement).value }; this.errors = {}; }}>
            <option value="" ?selected=${!d.to}>${t.t('choosePerson')}</option>
            ${candidates.map((p) => html`<option value=${p.id} ?selected=${d.to === p.id}>${this.personLabel(p)}</option>`)}
          </select>
          ${this.errorText('offerTo')}
        </div>
        ${holderId ? html`<div class="field">
          <label for="offer-note">${t.t('offerNoteLabel')}</label>
          <textarea id="offer-note" .value=${d.note} @input=${(e: Event) => { this.offerDraft = { ...this.offerDraft, note: (e.target as HTMLTextAreaElement).value }; }}></textarea>
        </div>` : nothing}
        ${this.errors.offer ? html`<p class="field-error" role="alert">${this.errors.offer}</p>` : nothing}
        <button type="submit" class="primary" data-action="offer">${holderId ? t.t('offer') : t.t('appoint')}</button>
      </form>
    `;
  }

  private renderLevel(): TemplateResult {
    const t = this.text;
    const c = this.snapshot!.case!;
    const lm = this.levelModel;
    const levels = [...(lm?.levels ?? [])].sort((a, b) => a.rank - b.rank);
    const current = levels.find((l) => l.id === c.level);
    const target = levels.find((l) => l.id === this.levelDraft.level);
    const movingUp = !!target && !!current && target.rank > current.rank;
    const mayMove = this.can('case.setLevel') && levels.length > 0;
    const d = this.levelDraft;
    const err = (k: string) => !!this.errors[k];
    return html`
      <section class="block" part="level" aria-labelledby="h-level">
        <h3 id="h-level">${this.label(lm?.name) || c.levelModelId}</h3>
        <p class="current-level" data-level=${c.level ?? ''}>
          ${current ? t.t('levelNow', this.label(current.label), this.label(current.description)) : t.t('levelNone')}
        </p>
        <ol class="levels" aria-label=${t.t('levelListLabel', this.label(lm?.name) || c.levelModelId)}>
          ${levels.map((l) => html`<li class=${l.id === c.level ? 'is-current' : ''} aria-current=${l.id === c.level ? 'step' : nothing}>
            <span class="level-name">${this.label(l.label)}</span>
            ${l.id === c.level ? html`<span class="current-mark"><span aria-hidden="true">◀ </span>${t.t('levelCurrent')}</span>` : nothing}
          </li>`)}
        </ol>
        ${mayMove ? html`
          <form novalidate aria-labelledby="h-move" @submit=${(e: Event) => { e.preventDefault(); this.moveLevel(d.level, { reason: d.reason, triedBefore: d.triedBefore }); }}>
            <h4 id="h-move">${t.t('levelMoveHeading')}</h4>
            <div class="field">
              <label for="level-target">${t.t('levelTarget')}</label>
              <select id="level-target" aria-required="true" aria-invalid=${err('level') ? 'true' : 'false'} aria-describedby=${err('level') ? 'err-level' : nothing}
                @change=${(e: Event) => { this.levelDraft = { ...this.levelDraft, level: (e.target as HTMLSelectElement).value }; this.errors = {}; }}>
                <option value="" ?selected=${!d.level}>${t.t('chooseLevel')}</option>
                ${levels.map((l) => html`<option value=${l.id} ?selected=${d.level === l.id}>${this.label(l.label)}: ${this.label(l.description)}</option>`)}
              </select>
              ${this.errorText('level')}
            </div>
            <div class="field">
              <label for="level-reason">${t.t('levelReason')}</label>
              <textarea id="level-reason" .value=${d.reason} @input=${(e: Event) => { this.levelDraft = { ...this.levelDraft, reason: (e.target as HTMLTextAreaElement).value }; }}></textarea>
            </div>
            <div class="field">
              <label for="level-tried">${t.t('levelTried')}</label>
              <p class="hint" id="level-tried-hint">${t.t('levelTriedHint')}</p>
              <textarea id="level-tried" .value=${d.triedBefore} aria-required=${movingUp ? 'true' : 'false'}
                aria-invalid=${err('triedBefore') ? 'true' : 'false'} aria-describedby=${err('triedBefore') ? 'level-tried-hint err-triedBefore' : 'level-tried-hint'}
                @input=${(e: Event) => { this.levelDraft = { ...this.levelDraft, triedBefore: (e.target as HTMLTextAreaElement).value }; }}></textarea>
              ${this.errorText('triedBefore')}
            </div>
            ${this.errors.form ? html`<p class="field-error" role="alert">${this.errors.form}</p>` : nothing}
            <button type="submit" class="primary" data-action="move-level">${t.t('levelMove')}</button>
          </form>` : nothing}
      </section>
    `;
  }

  private renderDeadline(): TemplateResult {
    const t = this.text;
    const snap = this.snapshot!;
    const days = this.levelModel?.decisionDeadlineDays ?? 14;
    const open = new Map(concernDeadlines(snap, new Date(), this.model!.levelModels).map((d) => [d.concern.id, d]));
    const mayEdit = this.can('case.raiseConcern');
    return html`
      <section class="block" part="deadline" aria-labelledby="h-deadline">
        <h3 id="h-deadline">${t.t('concernHeading')}</h3>
        ${open.size === 0 ? html`<p>${t.t('concernNone')}</p>` : nothing}
        ${snap.concerns.length > 0 ? html`
          <ol class="concerns" aria-label=${t.t('concernsLabel')}>
            ${snap.concerns.map((c) => this.renderConcern(c, open.get(c.id), mayEdit))}
          </ol>` : nothing}
        <p class="note">${t.t('deadlineRule', days)}</p>
        ${mayEdit ? html`
          <form class="raise-concern" novalidate @submit=${(e: Event) => { e.preventDefault(); this.raiseConcern(this.concernNote); }}>
            <div class="field">
              <label for="concern-note">${t.t('concernNoteLabel')}</label>
              <textarea id="concern-note" .value=${this.concernNote} @input=${(e: Event) => { this.concernNote = (e.target as HTMLTextAreaElement).value; }}></textarea>
            </div>
            <div class="actions"><button type="submit" data-action="raise-concern">${t.t('raiseConcern')}</button></div>
          </form>` : nothing}
        ${this.errors.concern ? html`<p class="field-error" role="alert">${this.errors.concern}</p>` : nothing}
      </section>
    `;
  }

  /** One concern: when it was raised and what about; its countdown while open, its decision once made. */
  private renderConcern(c: Concern, deadline: { due: string; daysLeft: number } | undefined, mayEdit: boolean): TemplateResult {
    const t = this.text;
    const state = deadline ? (deadline.daysLeft < 0 ? 'overdue' : 'open') : 'decided';
    const count = !deadline ? '' : deadline.daysLeft > 0 ? t.t('daysLeft', deadline.daysLeft) : deadline.daysLeft === 0 ? t.t('dueToday') : t.t('daysOverdue', -deadline.daysLeft);
    const field = `concern-decision-${c.id}`;
    return html`<li class="concern ${state}" data-concern=${c.id} data-state=${state}>
      ${deadline ? html`
        <p>${t.t('concernOpen', t.date(c.raisedAt), t.date(deadline.due))}</p>
        ${c.note ? html`<p class="about">${t.t('concernAbout', c.note)}</p>` : nothing}
        <p class="countdown ${state}" data-days-left=${deadline.daysLeft}>
          <span aria-hidden="true">${state === 'overdue' ? '⚠ ' : '⏳ '}</span><strong>${count}</strong>
        </p>
        ${mayEdit ? html`
          <form class="decide" novalidate @submit=${(e: Event) => { e.preventDefault(); this.concernDecided(c.id); }}>
            <div class="field">
              <label for=${field}>${t.t('concernDecisionLabel')}</label>
              <textarea id=${field} .value=${this.decisionDrafts[c.id] ?? ''}
                @input=${(e: Event) => { this.decisionDrafts = { ...this.decisionDrafts, [c.id]: (e.target as HTMLTextAreaElement).value }; }}></textarea>
            </div>
            <div class="actions"><button type="submit" data-action="decided">${t.t('markDecided')}</button></div>
          </form>` : nothing}` : html`
        <p>${t.t('concernDecided', t.date(c.raisedAt), t.date(c.decidedAt))}</p>
        ${c.note ? html`<p class="about">${t.t('concernAbout', c.note)}</p>` : nothing}
        <p class="decision">${c.decision ? t.t('concernDecision', c.decision) : t.t('concernNoDecisionText')}
          ${c.decidedByName ? t.t('concernDecidedBy', c.decidedByName) : nothing}</p>`}
    </li>`;
  }

  /**
   * Reports to the child-welfare service: those this user may read (the guardians never
   * receive one under the safety exception), and for leaders, coordinators and
   * professionals the form to record one. Shown to the family only when there is one.
   */
  private renderWelfare(): TemplateResult | typeof nothing {
    const t = this.text;
    const snap = this.snapshot!;
    const reports = allWelfareReports(snap);
    const maySend = this.can('welfareReport.send');
    if (!maySend && reports.length === 0) return nothing;
    const levels = this.levelModel?.levels ?? [];
    const top = levels.length ? levels.reduce((a, b) => (b.rank > a.rank ? b : a)) : undefined;
    const atTop = !!top && snap.case?.level === top.id;
    const openConcern = concernDeadlines(snap, new Date(), this.model!.levelModels).length > 0;
    return html`
      <section class="block" part="welfare" aria-labelledby="h-welfare">
        <h3 id="h-welfare">${t.t('welfareHeading')}</h3>
        ${maySend ? html`<p class="note">${t.t('welfareIntro')}</p>` : nothing}
        ${maySend && (atTop || openConcern) ? html`<p class="hint welfare-step">${atTop ? t.t('welfareTopLevel', this.label(top!.label)) : t.t('welfareOpenConcern')}</p>` : nothing}
        ${reports.length === 0 ? html`<p class="muted">${t.t('welfareNone')}</p>` : html`
          <ol class="welfare-reports" aria-label=${t.t('welfareListLabel')}>
            ${reports.map((r) => this.renderWelfareReport(r))}
          </ol>`}
        ${maySend ? this.renderWelfareForm() : nothing}
        ${this.errors.welfare ? html`<p class="field-error" role="alert">${this.errors.welfare}</p>` : nothing}
      </section>
    `;
  }

  private renderWelfareReport(r: WelfareReport): TemplateResult {
    const t = this.text;
    const mayAnswer = this.can('welfareReport.answer') && r.answeredOn === undefined && r.answer === undefined;
    const d = this.answerDrafts[r.id] ?? { date: '', text: '' };
    const set = (patch: Partial<AnswerDraft>) => {
      this.answerDrafts = { ...this.answerDrafts, [r.id]: { ...(this.answerDrafts[r.id] ?? { date: '', text: '' }), ...patch } };
      this.errors = {};
    };
    const errKey = `answer-${r.id}`;
    const invalid = !!this.errors[errKey];
    const sender = r.senderService ? t.t('personWithService', r.senderName, t.t('service', r.senderService)) : r.senderName;
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
          ${this.errorText(errKey)}
          <div class="actions"><button type="submit" data-action="answer-report">${t.t('welfareAnswerSave')}</button></div>
        </form>` : nothing}
    </li>`;
  }

  private renderWelfareForm(): TemplateResult {
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
          ${this.errorText('welfareGrounds')}
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
          ${this.errorText('welfareHomeTold')}
        </fieldset>
        ${!d.safety && d.homeTold === 'no' ? html`<div class="field">
          <label for="welfare-reason">${t.t('welfareReasonLabel')}</label>
          <textarea id="welfare-reason" .value=${d.reason} @input=${(e: Event) => set({ reason: (e.target as HTMLTextAreaElement).value })}></textarea>
        </div>` : nothing}
        <button type="submit" class="primary" data-action="send-report">${t.t('welfareSend')}</button>
      </form>
    `;
  }

  private renderGoals(): TemplateResult {
    const t = this.text;
    const goals = this.snapshot!.goals;
    const effect = goals.filter((g) => g.kind === 'effect');
    const ids = new Set(effect.map((g) => g.id));
    const loose = goals.filter((g) => g.kind === 'result' && (!g.parentGoalId || !ids.has(g.parentGoalId)));
    return html`
      <section class="block" part="goals" aria-labelledby="h-goals">
        <h3 id="h-goals">${t.t('goalsHeading')}</h3>
        ${goals.length === 0 ? html`<p class="muted">${t.t('noGoals')}</p>` : html`
          <ul class="goals">
            ${effect.map((g) => this.renderGoal(g, goals.filter((r) => r.kind === 'result' && r.parentGoalId === g.id)))}
            ${loose.map((g) => this.renderGoal(g, []))}
          </ul>`}
        ${this.can('goal.add') ? this.renderGoalForm(effect) : nothing}
      </section>
    `;
  }

  private renderGoal(goal: Goal, children: Goal[]): TemplateResult {
    const t = this.text;
    const actions = this.snapshot!.actions.filter((a) => a.goalId === goal.id);
    return html`
      <li class="goal ${goal.kind}" data-goal=${goal.id}>
        <p class="goal-text"><span class="goal-kind">${goal.kind === 'effect' ? t.t('effectGoal') : t.t('resultGoal')}:</span> ${goal.text}</p>
        ${goal.indicator ? html`<p class="indicator">${t.t('indicator', goal.indicator)}</p>` : nothing}
        ${actions.length ? html`
          <p class="sub">${t.t('goalActions')}</p>
          <ul class="goal-actions">${actions.map((a) => this.renderGoalAction(a))}</ul>` : html`<p class="muted">${t.t('noGoalActions')}</p>`}
        ${children.length ? html`<ul class="goals nested">${children.map((c) => this.renderGoal(c, []))}</ul>` : nothing}
      </li>
    `;
  }

  private renderGoalAction(a: Action): TemplateResult {
    const t = this.text;
    return html`<li data-action-id=${a.id}>
      ${t.t('actionLine', a.title, t.t('status', a.status))}
      ${a.evaluations.length ? html`
        <ul class="progress" aria-label=${t.t('progressHeading')}>
          ${a.evaluations.map((e) => html`<li>${t.t('progressLine', t.date(e.at), t.t('effect', e.effect), e.progress)}</li>`)}
        </ul>` : html`<span class="muted"> – ${t.t('noProgress')}</span>`}
    </li>`;
  }

  private renderGoalForm(effect: Goal[]): TemplateResult {
    const t = this.text;
    const d = this.goalDraft;
    const set = (patch: Partial<GoalDraft>) => { this.goalDraft = { ...this.goalDraft, ...patch }; this.errors = {}; };
    const invalid = (k: string) => (this.errors[k] ? 'true' : 'false');
    return html`
      <form class="goal-form" novalidate aria-labelledby="h-goal-add" @submit=${(e: Event) => { e.preventDefault(); this.addGoal(); }}>
        <h4 id="h-goal-add">${t.t('goalAddHeading')}</h4>
        <fieldset>
          <legend>${t.t('goalKind')}</legend>
          ${(['effect', 'result'] as const).map((k) => html`<label class="plain">
            <input type="radio" name="goal-kind" value=${k} .checked=${d.kind === k} @change=${() => set({ kind: k })} />
            ${k === 'effect' ? t.t('goalKindEffect') : t.t('goalKindResult')}
          </label>`)}
        </fieldset>
        <div class="field">
          <label for="goal-text">${t.t('goalText')}</label>
          <textarea id="goal-text" .value=${d.text} aria-required="true" aria-invalid=${invalid('goalText')} aria-describedby=${this.errors.goalText ? 'err-goalText' : nothing}
            @input=${(e: Event) => set({ text: (e.target as HTMLTextAreaElement).value })}></textarea>
          ${this.errorText('goalText')}
        </div>
        ${d.kind === 'result' ? html`
          <div class="field">
            <label for="goal-indicator">${t.t('goalIndicator')}</label>
            <input id="goal-indicator" type="text" .value=${d.indicator} aria-required="true" aria-invalid=${invalid('goalIndicator')}
              aria-describedby=${this.errors.goalIndicator ? 'err-goalIndicator' : nothing}
              @input=${(e: Event) => set({ indicator: (e.target as HTMLInputElement).value })} />
            ${this.errorText('goalIndicator')}
          </div>
          <div class="field">
            <label for="goal-parent">${t.t('goalParent')}</label>
            <select id="goal-parent" @change=${(e: Event) => set({ parentGoalId: (e.target as HTMLSelectElement).value })}>
              <option value="" ?selected=${!d.parentGoalId}>${t.t('goalNoParent')}</option>
              ${effect.map((g) => html`<option value=${g.id} ?selected=${d.parentGoalId === g.id}>${g.text}</option>`)}
            </select>
          </div>` : nothing}
        ${this.errors.goalForm ? html`<p class="field-error" role="alert">${this.errors.goalForm}</p>` : nothing}
        <button type="submit" class="primary" data-action="add-goal">${t.t('goalAdd')}</button>
      </form>
    `;
  }

  private renderDecisions(): TemplateResult {
    const t = this.text;
    const snap = this.snapshot!;
    const meetings = new Map(snap.meetings.map((m) => [m.id, m]));
    const rows = snap.decisions
      .map((d) => ({ d, m: meetings.get(d.meetingId) }))
      .sort((a, b) => ((a.m?.date ?? a.d.createdAt) + a.d.createdAt).localeCompare((b.m?.date ?? b.d.createdAt) + b.d.createdAt));
    return html`
      <section class="block" part="decisions" aria-labelledby="h-decisions">
        <h3 id="h-decisions">${t.t('decisionsHeading')}</h3>
        ${rows.length === 0 ? html`<p class="muted">${t.t('noDecisions')}</p>` : html`
          <div class="table-wrap">
            <table>
              <caption>${t.t('decisionsCaption')}</caption>
              <thead><tr>
                <th scope="col">${t.t('colDate')}</th>
                <th scope="col">${t.t('colForum')}</th>
                <th scope="col">${t.t('colDecision')}</th>
                <th scope="col">${t.t('colBy')}</th>
              </tr></thead>
              <tbody>
                ${rows.map(({ d, m }) => html`<tr data-decision=${d.id}>
                  <td data-label=${t.t('colDate')}>${t.date(m?.date ?? d.createdAt)}</td>
                  <td data-label=${t.t('colForum')}>${d.forum || this.meetingName(m)}</td>
                  <td data-label=${t.t('colDecision')}>${d.text}</td>
                  <td data-label=${t.t('colBy')}>${t.t('decidedBy', d.decidedBy || this.text.t('someone'), d.authority)}</td>
                </tr>`)}
              </tbody>
            </table>
          </div>`}
      </section>
    `;
  }

  private renderTimeline(): TemplateResult {
    const t = this.text;
    const all = timeline(this.snapshot!);
    const entries = this.entries;
    return html`
      <section class="block" part="timeline" aria-labelledby="h-timeline">
        <h3 id="h-timeline">${t.t('timelineHeading')}</h3>
        <fieldset class="filters">
          <legend>${t.t('filterLegend')}</legend>
          ${GROUPS.map((g) => html`<label class="plain">
            <input type="checkbox" name="filter" value=${g} .checked=${this.shown.has(g)}
              @change=${(e: Event) => this.setFilter(g, (e.target as HTMLInputElement).checked)} />
            ${t.t(`filter.${g}`)}
          </label>`)}
        </fieldset>
        <p class="note" aria-live="polite">${t.t('showing', entries.length, all.length)}</p>
        ${entries.length === 0 ? html`<p class="muted">${t.t('noEntries')}</p>` : html`
          <ol class="timeline">
            ${entries.map((e) => this.renderEntry(e))}
          </ol>`}
      </section>
    `;
  }

  private renderEntry(e: TimelineEntry): TemplateResult {
    const t = this.text;
    const group = GROUPS.find((g) => (TIMELINE_GROUPS[g] as readonly string[]).includes(e.kind))!;
    return html`<li class="entry ${group}" data-kind=${e.kind}>
      <time datetime=${e.at}>${t.date(e.at)}</time>
      <span class="kind"><span aria-hidden="true">${KIND_ICON[group]} </span>${t.t(`kind.${e.kind}`)}</span>
      <span class="what">${this.sentence(e)}</span>
    </li>`;
  }

  /** One case-log line in words. */
  private sentence(e: TimelineEntry): string {
    const t = this.text;
    const f = e.facts;
    const str = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(', ') : v ?? '');
    const meeting = () => this.meetingName(this.snapshot!.meetings.find((m) => m.id === e.ref || m.id === f.meetingId));
    switch (e.kind) {
      case 'concern-raised': return t.t('tl.concern-raised', str(f.note));
      case 'concern-decided': return t.t('tl.concern-decided', str(f.decision));
      case 'meeting-held': return t.t('tl.meeting-held', meeting(), str(f.purpose));
      case 'meeting-finalised': return t.t('tl.meeting-finalised', meeting(), str(f.by) || t.t('someone'));
      case 'decision': return t.t('tl.decision', str(f.forum) || meeting(), str(f.text));
      case 'level-change': {
        const moved = f.from ? t.t('tl.level-change', this.levelLabel(str(f.from)), this.levelLabel(str(f.to))) : t.t('tl.level-set', this.levelLabel(str(f.to)));
        return [moved, f.reason ? t.t('tl.reason', str(f.reason)) : '', f.triedBefore ? t.t('tl.tried', str(f.triedBefore)) : ''].filter(Boolean).join(' ');
      }
      case 'consent-recorded': return t.t('tl.consent-recorded', t.list(Array.isArray(f.givenBy) ? f.givenBy : [str(f.givenBy)]), this.services(f.services));
      case 'consent-withdrawn': {
        const line = t.t('tl.consent-withdrawn', str(f.by) || t.t('someone'), this.services(f.services));
        return f.reason ? `${line} ${t.t('tl.reason', str(f.reason))}` : line;
      }
      case 'handover-offered': return t.t('tl.handover-offered', this.personName(str(f.from) || undefined), this.personName(str(f.to)));
      case 'handover-accepted': return t.t('tl.handover-accepted', this.personName(str(f.from) || undefined), this.personName(str(f.to)));
      case 'handover-declined': return t.t('tl.handover-declined', this.personName(str(f.from) || undefined), this.personName(str(f.to)));
      case 'action-agreed': return t.t('tl.action-agreed', str(f.title));
      case 'action-evaluated': return t.t('tl.action-evaluated', str(f.title), t.t('effect', str(f.effect) as 'achieved'), t.t('evalDecision', str(f.decision) as 'continue'));
    }
  }
}
