import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  EVALUATION_DECISIONS, SERVICES, carriedInto, dueForEvaluation, findLevelModel,
  type Action, type ActionOwner, type ActionSchedule, type ActionStatus, type CaseSnapshot, type ChangeInfo, type Part, type Service,
} from '@samrad/model';
import { SamradElement } from '../shared/samrad-element.js';
import { bindText, LONG_TEXT_MAX } from '../shared/text-binding.js';
import { LocalizeController } from '../shared/localize.js';
import { vocabulary } from '../shared/vocabulary.js';
import { sharedStyles } from '../shared/styles.js';
import { actionsStyles } from './samrad-actions.styles.js';
import { messages } from './samrad-actions.messages.js';

// ------------------------------------------------------------------ dates (calendar days, ISO yyyy-mm-dd)

/** Today's calendar day where the reader is. */
export function localDay(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** How many days "due soon" looks ahead. */
export const DUE_SOON_DAYS = 7;

export type Urgency =
  | { kind: 'overdue'; what: 'deadline' | 'evaluation'; date: string }
  | { kind: 'soon'; what: 'deadline' | 'evaluation'; date: string }
  | undefined;

export function isOpen(action: Pick<Action, 'status'>): boolean {
  return action.status === 'planned' || action.status === 'in-progress';
}

/**
 * Whether an open action is late or close to a date: its deadline, or its evaluation date
 * when no evaluation has been recorded since that date.
 */
export function urgencyOf(action: Action, today: string): Urgency {
  if (!isOpen(action)) return undefined;
  const deadline = action.schedule.kind === 'deadline' ? action.schedule.date : undefined;
  const lastEvaluation = action.evaluations.at(-1)?.at.slice(0, 10);
  const evaluationDue = !lastEvaluation || lastEvaluation < action.evaluationDate ? action.evaluationDate : undefined;
  if (deadline && deadline < today) return { kind: 'overdue', what: 'deadline', date: deadline };
  if (evaluationDue && evaluationDue < today) return { kind: 'overdue', what: 'evaluation', date: evaluationDue };
  const horizon = addDays(today, DUE_SOON_DAYS);
  if (deadline && deadline <= horizon) return { kind: 'soon', what: 'deadline', date: deadline };
  if (evaluationDue && evaluationDue <= horizon) return { kind: 'soon', what: 'evaluation', date: evaluationDue };
  return undefined;
}

// ------------------------------------------------------------------ owner choices (encoded for <select>)

/** `participant:<id>`, `parent`, `parent:<id>`, `child` or `service:<name>`. */
export function ownerKey(owner: ActionOwner): string {
  switch (owner.kind) {
    case 'participant': return `participant:${owner.participantId}`;
    case 'parent': return owner.participantId ? `parent:${owner.participantId}` : 'parent';
    case 'child': return 'child';
    case 'service': return `service:${owner.service}`;
  }
}

export function ownerFromKey(key: string): ActionOwner {
  if (key === 'parent') return { kind: 'parent' };
  if (key === 'child') return { kind: 'child' };
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  const rest = key.slice(colon + 1);
  if (kind === 'parent') return { kind: 'parent', participantId: rest };
  if (kind === 'service') return { kind: 'service', service: rest as Service };
  return { kind: 'participant', participantId: rest };
}

type Filters = { mine: boolean; overdue: boolean; dueSoon: boolean; service: Service | ''; status: 'open' | 'closed' | 'all' };

interface Row {
  action: Action;
  owner: string;
  ownerService: Service | undefined;
  urgency: Urgency;
  /** Date of the earlier meeting an open action was carried from. */
  carriedFrom: string | undefined;
  mine: boolean;
}

interface View { snapshot: CaseSnapshot; key: string; rows: Row[]; shown: Row[] }

/** Detail of `samrad-action-due`. */
export interface ActionDueDetail {
  actionId: string;
  title: string;
  /** yyyy-mm-dd */
  evaluationDate: string;
  /** The owner as the widget names it: a person, "the parents", "the child" or a service. */
  ownerName: string;
}

/**
 * Actions `samrad-action-due` was sent for on this page. Module-level on purpose: the event
 * goes out once per action per page load, however many action lists the page shows.
 */
const dueSent = new Set<string>();

const warningIcon = svg`<svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path fill="currentColor" d="M8 1 15.5 14.5H.5zM7.2 6v4.5h1.6V6zm0 5.7v1.6h1.6v-1.6z"/></svg>`;
const clockIcon = svg`<svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path fill="currentColor" d="M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm0 1.6a5.4 5.4 0 1 1 0 10.8A5.4 5.4 0 0 1 8 2.6zM7.2 4v4.4l3.3 2 .8-1.3-2.5-1.5V4z"/></svg>`;

/**
 * The action plan: what is to be done, by whom, by when and when it is evaluated, with
 * each action's evaluation history. Open actions from earlier meetings carry into the
 * current one.
 *
 * @tag samrad-actions
 * @summary Action/owner/deadline tracker with filters, evaluations and carry-over.
 *
 * @csspart add-form - The quick-add form.
 * @csspart filters - The filter fieldset.
 * @csspart list - The list of actions.
 * @csspart row - One action.
 * @csspart flag - The overdue / due-soon flag (text and icon).
 *
 * @cssprop --samrad-color-danger - Overdue flag and row border (the flag always says it in words).
 * @cssprop --samrad-color-warning - Due-soon flag and row border.
 * @cssprop --samrad-color-border - Row borders.
 *
 * @fires samrad-action-add - This user added an action. `detail: { id, title }`.
 * @fires samrad-action-change - This user changed an action's status or fields, or deleted it. `detail: { id, change, status? }`.
 * @fires samrad-action-evaluate - This user recorded an evaluation. `detail: { id, evaluationId, decision }`.
 * @fires samrad-action-due - An open action's evaluation date is today or past; once per action per page load, so a host can send reminders. `detail: { actionId, title, evaluationDate, ownerName }`.
 */
export class SamradActions extends SamradElement {
  static override styles = [...sharedStyles, actionsStyles];
  static override parts: readonly Part[] = ['actions', 'participants', 'meetings', 'case', 'comments'];
  static override properties = {
    filters: { state: true },
    expanded: { state: true },
    editingId: { state: true },
    addSchedule: { state: true },
    evalDecision: { state: true },
    error: { state: true },
    rowError: { state: true },
    today: { type: String },
  };

  /** Calendar day counted as today (yyyy-mm-dd); defaults to the reader's today. For stories and tests. */
  declare today: string | undefined;
  declare filters: Filters;
  declare expanded: ReadonlySet<string>;
  declare editingId: string | undefined;
  declare addSchedule: ActionSchedule['kind'];
  /** The decision picked in an open evaluation form, keyed by action id ("tried before" depends on it). */
  declare evalDecision: Readonly<Record<string, string>>;
  declare error: string | undefined;
  declare rowError: { id: string; message: string } | undefined;

  private readonly l = new LocalizeController(this, messages);
  /** Service names shared with the other widgets, so a service is called the same everywhere. */
  private readonly words = new LocalizeController(this, vocabulary);
  private view: View | undefined;
  /** What each action looked like at the last render, to describe others' changes. */
  private known = new Map<string, { evaluations: number; status: ActionStatus }>();

  constructor() {
    super();
    this.today = undefined;
    this.filters = { mine: false, overdue: false, dueSoon: false, service: '', status: 'open' };
    this.expanded = new Set();
    this.editingId = undefined;
    this.addSchedule = 'deadline';
    this.evalDecision = {};
    this.error = undefined;
    this.rowError = undefined;
  }

  /** Formatted calendar days: Intl formatters are costly to build, and a long list repeats the same few dates. */
  private dates = new Map<string, string>();
  private datesLang = '';
  private dateText(iso: string): string {
    if (this.datesLang !== this.l.lang) {
      this.dates.clear();
      this.datesLang = this.l.lang;
    }
    let text = this.dates.get(iso);
    if (text === undefined) {
      text = this.l.date(iso);
      this.dates.set(iso, text);
    }
    return text;
  }

  private get day(): string {
    return this.today ?? localDay();
  }

  // ------------------------------------------------------------------ derived data

  /**
   * Rows with their derived labels, computed once per snapshot and filter setting, not
   * per render or per row: a case with a thousand actions stays fast.
   */
  private computeView(): View | undefined {
    const snapshot = this.snapshot;
    const model = this.model;
    if (!snapshot || !model) return undefined;
    const key = `${JSON.stringify(this.filters)}|${this.day}|${this.meetingId ?? ''}|${this.l.lang}`;
    if (this.view && this.view.snapshot === snapshot && this.view.key === key) return this.view;

    const participants = new Map(snapshot.participants.map((p) => [p.id, p]));
    const meetings = new Map(snapshot.meetings.map((m) => [m.id, m]));
    const current = this.meetingId;
    // The model decides what carries over: open actions agreed in meetings before this one.
    const carried = new Set(current ? carriedInto(snapshot, current).actions.map((a) => a.id) : []);
    const today = this.day;
    const rows: Row[] = snapshot.actions.map((action) => {
      const o = action.owner;
      const person = o.kind === 'participant' || o.kind === 'parent' ? (o.participantId ? participants.get(o.participantId) : undefined) : undefined;
      const owner = o.kind === 'participant' ? (person?.name ?? this.l.t('ownerPeople'))
        : o.kind === 'parent' ? (person ? this.l.t('ownerParent', person.name) : model.user.role === 'parent' ? this.l.t('ownerParentsYou') : this.l.t('ownerParents'))
        : o.kind === 'child' ? this.l.t('ownerChild')
        : this.words.t('service', o.service);
      const ownerService = o.kind === 'service' ? o.service : person?.service;
      const from = carried.has(action.id) && action.meetingId ? meetings.get(action.meetingId) : undefined;
      return {
        action, owner, ownerService,
        urgency: urgencyOf(action, today),
        carriedFrom: from?.date,
        mine: model.ownsAction(action),
      };
    });
    const f = this.filters;
    const shown = rows.filter((r) => {
      const open = isOpen(r.action);
      if (f.status === 'open' && !open) return false;
      if (f.status === 'closed' && open) return false;
      if (f.mine && !r.mine) return false;
      if (f.service && r.ownerService !== f.service) return false;
      if (f.overdue || f.dueSoon) {
        const k = r.urgency?.kind;
        if (!((f.overdue && k === 'overdue') || (f.dueSoon && k === 'soon'))) return false;
      }
      return true;
    });
    this.view = { snapshot, key, rows, shown };
    return this.view;
  }

  private levelLabel(id: string | undefined): string | undefined {
    if (!id) return undefined;
    const snap = this.snapshot;
    const levels = findLevelModel(snap?.case?.levelModelId ?? 'bti', this.model?.levelModels)?.levels ?? [];
    const level = levels.find((l) => l.id === id);
    const lang = this.l.lang;
    return level ? (lang === 'uk' ? level.label.uk ?? level.label.en : level.label[lang]) : id;
  }

  // ------------------------------------------------------------------ others' changes, announced

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.remember();
    this.sendDue();
  }

  /** Tells the host about actions whose evaluation date has come (see `samrad-action-due`). */
  private sendDue(): void {
    const snapshot = this.snapshot;
    if (!snapshot || !this.isConnected) return;
    const due = dueForEvaluation(snapshot, this.day).filter((a) => !dueSent.has(a.id));
    if (due.length === 0) return;
    const owners = new Map(this.computeView()?.rows.map((r) => [r.action.id, r.owner]));
    for (const a of due) {
      dueSent.add(a.id);
      this.emit<ActionDueDetail>('action-due', { actionId: a.id, title: a.title, evaluationDate: a.evaluationDate, ownerName: owners.get(a.id) ?? '' });
    }
  }

  private remember(): void {
    const actions = this.snapshot?.actions ?? [];
    this.known = new Map(actions.map((a) => [a.id, { evaluations: a.evaluations.length, status: a.status }]));
  }

  protected override remoteChanged(info: ChangeInfo): void {
    if (!info.parts.has('actions')) return;
    const snap = this.snapshot;
    if (!snap) return;
    const nameOf = (userId: string, fallback?: string) =>
      snap.participants.find((p) => p.userId === userId)?.name ?? (fallback || this.l.t('someone'));
    const said: string[] = [];
    for (const a of snap.actions) {
      const before = this.known.get(a.id);
      if (!before) said.push(this.l.t('remoteAdded', nameOf(a.createdBy), a.title));
      else if (a.evaluations.length > before.evaluations) {
        const e = a.evaluations.at(-1)!;
        said.push(this.l.t('remoteEvaluated', nameOf(e.by, e.byName), a.title));
      } else if (a.status !== before.status) said.push(this.l.t('remoteStatus', nameOf(a.updatedBy), a.title, this.l.t(a.status)));
    }
    this.remember();
    if (said.length) this.announce(said.slice(0, 3).join(' '));
  }

  // ------------------------------------------------------------------ owner choices

  /** The owners this user may give an action, grouped for the select. */
  private ownerChoices(): Array<{ group: string; options: Array<{ key: string; label: string }> }> {
    const snap = this.snapshot;
    const model = this.model;
    if (!snap || !model) return [];
    const meId = model.me()?.id;
    const people: Array<{ key: string; label: string }> = [];
    const family: Array<{ key: string; label: string }> = [{ key: 'parent', label: this.l.t('ownerParents') }];
    for (const p of snap.participants) {
      const label = p.id === meId ? this.l.t('me', p.name) : p.name;
      if (p.role === 'parent') family.push({ key: `parent:${p.id}`, label: p.id === meId ? label : this.l.t('ownerParent', p.name) });
      else if (p.role !== 'child' && p.role !== 'observer') people.push({ key: `participant:${p.id}`, label });
    }
    family.push({ key: 'child', label: this.l.t('ownerChild') });
    const services = SERVICES.map((s) => ({ key: `service:${s}`, label: this.words.t('service', s) }));
    const allowed = (o: { key: string }) => model.can('action.add', { owner: ownerFromKey(o.key) });
    return [
      { group: this.l.t('ownerPeople'), options: people.filter(allowed) },
      { group: this.l.t('ownerFamily'), options: family.filter(allowed) },
      { group: this.l.t('ownerServices'), options: services.filter(allowed) },
    ].filter((g) => g.options.length > 0);
  }

  /** This user if they may own actions, else the first choice. */
  private defaultOwner(choices: ReturnType<SamradActions['ownerChoices']>): string | undefined {
    const me = this.model?.me();
    const all = choices.flatMap((g) => g.options.map((o) => o.key));
    const mine = me ? all.find((k) => k === `participant:${me.id}` || k === `parent:${me.id}`) : undefined;
    return mine ?? all[0];
  }

  // ------------------------------------------------------------------ commands

  private readSchedule(data: FormData): ActionSchedule {
    const kind = String(data.get('scheduleKind') ?? 'deadline');
    if (kind === 'ongoing') return { kind: 'ongoing' };
    if (kind === 'recurring') return { kind: 'recurring', rule: String(data.get('rule') ?? '').trim() };
    return { kind: 'deadline', date: String(data.get('deadline') ?? '') };
  }

  private addAction(e: Event): void {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const title = String(data.get('title') ?? '').trim();
    const level = String(data.get('level') ?? '');
    const result = this.tryCommand(() => this.model!.actions.add({
      title,
      owner: ownerFromKey(String(data.get('owner') ?? '')),
      schedule: this.readSchedule(data),
      evaluationDate: String(data.get('evaluationDate') ?? ''),
      ...(level ? { level } : {}),
      ...(this.meetingId ? { meetingId: this.meetingId } : {}),
    }));
    if (!result.ok) {
      this.error = result.message;
      return;
    }
    this.error = undefined;
    this.emit('samrad-action-add', { id: result.value, title });
    this.announce(this.l.t('added', title));
    // Keep owner and dates as chosen: the next action often shares them.
    const input = form.querySelector<HTMLInputElement>('input[name="title"]');
    if (input) {
      input.value = '';
      input.focus();
    }
  }

  private setStatus(action: Action, status: ActionStatus, select: HTMLSelectElement): void {
    const result = this.tryCommand(() => this.model!.actions.setStatus(action.id, status));
    if (!result.ok) {
      select.value = action.status;
      this.rowError = { id: action.id, message: result.message };
      return;
    }
    this.rowError = undefined;
    this.emit('samrad-action-change', { id: action.id, change: 'status', status });
    this.announce(this.l.t('statusChanged', action.title, this.l.t(status)));
  }

  private proposeDone(e: Event, action: Action): void {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const note = String(new FormData(form).get('note') ?? '').trim();
    const field = form.querySelector<HTMLTextAreaElement>('textarea')!;
    if (!note) {
      this.rowError = { id: action.id, message: this.l.t('proposeNoteMissing') };
      field.setAttribute('aria-invalid', 'true');
      field.focus();
      return;
    }
    const result = this.tryCommand(() => this.model!.actions.proposeDone(action.id, note));
    if (!result.ok) {
      this.rowError = { id: action.id, message: result.message };
      return;
    }
    this.rowError = undefined;
    this.emit('samrad-action-change', { id: action.id, fields: ['doneProposal'] });
    this.announce(this.l.t('proposed', action.title));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`li[data-id="${action.id}"] button.toggle`)?.focus());
  }

  private confirmDone(action: Action): void {
    const result = this.tryCommand(() => this.model!.actions.confirmDone(action.id));
    if (!result.ok) {
      this.rowError = { id: action.id, message: result.message };
      return;
    }
    this.rowError = undefined;
    this.emit('samrad-action-evaluate', { id: action.id, evaluationId: result.value, decision: 'close' });
    this.announce(this.l.t('evaluated', action.title));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`li[data-id="${action.id}"] button.toggle`)?.focus());
  }

  private addComment(e: Event, action: Action): void {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const field = form.querySelector<HTMLTextAreaElement>('textarea')!;
    const text = field.value.trim();
    if (!text) {
      this.rowError = { id: action.id, message: this.l.t('commentMissing') };
      field.setAttribute('aria-invalid', 'true');
      field.focus();
      return;
    }
    const result = this.tryCommand(() => this.model!.comments.add({ target: { type: 'action', id: action.id }, kind: 'comment', text }));
    if (!result.ok) {
      this.rowError = { id: action.id, message: result.message };
      return;
    }
    this.rowError = undefined;
    form.reset();
    field.removeAttribute('aria-invalid');
    this.announce(this.l.t('commentAdded'));
    field.focus();
  }

  private evaluate(e: Event, action: Action): void {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const decision = String(data.get('decision')) as (typeof EVALUATION_DECISIONS)[number];
    const triedBefore = String(data.get('triedBefore') ?? '').trim();
    const result = this.tryCommand(() => this.model!.actions.evaluate(action.id, {
      effect: String(data.get('effect')) as 'achieved' | 'partly' | 'not',
      evidence: String(data.get('evidence') ?? ''),
      progress: String(data.get('progress') ?? ''),
      decision,
      ...(triedBefore ? { triedBefore } : {}),
      ...(this.meetingId ? { meetingId: this.meetingId } : {}),
    }));
    if (!result.ok) {
      this.rowError = { id: action.id, message: result.message };
      return;
    }
    this.rowError = undefined;
    form.reset();
    const { [action.id]: _dropped, ...rest } = this.evalDecision;
    this.evalDecision = rest;
    this.emit('samrad-action-evaluate', { id: action.id, evaluationId: result.value, decision });
    this.announce(this.l.t('evaluated', action.title));
  }

  private saveEdit(e: Event, action: Action): void {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const level = String(data.get('level') ?? '');
    const result = this.tryCommand(() => this.model!.actions.update(action.id, {
      // The success criterion is not here: it is a live text field, stored as it is typed.
      title: String(data.get('title') ?? '').trim(),
      owner: ownerFromKey(String(data.get('owner') ?? '')),
      schedule: this.readSchedule(data),
      evaluationDate: String(data.get('evaluationDate') ?? ''),
      level: level || undefined,
    }));
    if (!result.ok) {
      this.rowError = { id: action.id, message: result.message };
      return;
    }
    this.rowError = undefined;
    this.editingId = undefined;
    this.emit('samrad-action-change', { id: action.id, change: 'update' });
    void this.updateComplete.then(() => this.rowElement(action.id)?.querySelector<HTMLElement>('.edit-button')?.focus());
  }

  private removeAction(action: Action): void {
    const result = this.tryCommand(() => this.model!.actions.remove(action.id));
    if (!result.ok) {
      this.rowError = { id: action.id, message: result.message };
      return;
    }
    this.emit('samrad-action-change', { id: action.id, change: 'remove' });
    this.announce(this.l.t('removed', action.title));
  }

  private toggle(id: string): void {
    const next = new Set(this.expanded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.expanded = next;
  }

  private setFilter<K extends keyof Filters>(key: K, value: Filters[K]): void {
    this.filters = { ...this.filters, [key]: value };
  }

  private rowElement(id: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"]`);
  }

  // ------------------------------------------------------------------ rendering

  override render(): TemplateResult {
    const model = this.model;
    const view = this.computeView();
    if (!model || !view) {
      return html`<section aria-labelledby="actions-heading"><h2 id="actions-heading">${this.l.t('heading')}</h2>
        <p>${this.sharedText.t('noModel')}</p></section>`;
    }
    const canAdd = model.can('action.add');
    const fullAdd = canAdd && model.can('action.update');
    return html`<section aria-labelledby="actions-heading">
      <h2 id="actions-heading">${this.l.t('heading')}</h2>
      ${model.user.role === 'parent' ? html`<p class="note">${this.l.t('parentNote')}</p>`
        : !canAdd ? html`<p class="note">${this.l.t('readOnlyNote')}</p>` : nothing}
      ${canAdd ? this.renderAddForm(fullAdd) : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.renderFilters()}
      <p class="count" id="actions-count">${this.l.t('showing', view.shown.length, view.rows.length)}</p>
      ${view.rows.length === 0 ? html`<p>${this.l.t('noActions')}</p>`
        : view.shown.length === 0 ? html`<p>${this.l.t('noMatches')}</p>`
        : html`<ul class="actions" part="list" aria-label=${this.l.t('listLabel')} aria-describedby="actions-count">
            ${repeat(view.shown, (r) => r.action.id, (r) => this.renderRow(r))}
          </ul>`}
    </section>`;
  }

  private renderLevelSelect(current: string | undefined, id: string): TemplateResult | typeof nothing {
    const levels = findLevelModel(this.snapshot?.case?.levelModelId ?? 'bti', this.model?.levelModels)?.levels ?? [];
    if (levels.length === 0) return nothing;
    return html`<label class="field" for=${id}>${this.l.t('level')}</label>
      <select id=${id} name="level">
        <option value="" ?selected=${!current}>${this.l.t('levelNone')}</option>
        ${levels.map((lv) => html`<option value=${lv.id} ?selected=${lv.id === current}>${this.levelLabel(lv.id)}</option>`)}
      </select>`;
  }

  private renderOwnerSelect(current: string | undefined, id: string): TemplateResult {
    const choices = this.ownerChoices();
    const selected = current ?? this.defaultOwner(choices);
    return html`<label for=${id}>${this.l.t('owner')}</label>
      <select id=${id} name="owner" required>
        ${choices.map((g) => html`<optgroup label=${g.group}>
          ${g.options.map((o) => html`<option value=${o.key} ?selected=${o.key === selected}>${o.label}</option>`)}
        </optgroup>`)}
      </select>`;
  }

  private renderScheduleFields(schedule: ActionSchedule | undefined, kind: ActionSchedule['kind'], prefix: string, onKind: (k: ActionSchedule['kind']) => void): TemplateResult {
    const deadline = schedule?.kind === 'deadline' ? schedule.date : addDays(this.day, 14);
    const rule = schedule?.kind === 'recurring' ? schedule.rule : this.l.t('recurrenceDefault');
    return html`<div class="field">
        <label for="${prefix}-kind">${this.l.t('schedule')}</label>
        <select id="${prefix}-kind" name="scheduleKind" @change=${(e: Event) => onKind((e.target as HTMLSelectElement).value as ActionSchedule['kind'])}>
          <option value="deadline" ?selected=${kind === 'deadline'}>${this.l.t('kindDeadline')}</option>
          <option value="recurring" ?selected=${kind === 'recurring'}>${this.l.t('kindRecurring')}</option>
          <option value="ongoing" ?selected=${kind === 'ongoing'}>${this.l.t('kindOngoing')}</option>
        </select>
      </div>
      ${kind === 'deadline' ? html`<div class="field"><label for="${prefix}-deadline">${this.l.t('deadline')}</label>
          <input id="${prefix}-deadline" name="deadline" type="date" required value=${deadline} /></div>` : nothing}
      ${kind === 'recurring' ? html`<div class="field"><label for="${prefix}-rule">${this.l.t('recurrence')}</label>
          <input id="${prefix}-rule" name="rule" required maxlength="500" value=${rule} /></div>` : nothing}`;
  }

  private renderAddForm(full: boolean): TemplateResult {
    return html`<form class="add" part="add-form" aria-labelledby="add-heading" @submit=${this.addAction}>
      <h3 id="add-heading">${this.l.t('addHeading')}</h3>
      <p id="add-hint" class="note">${this.l.t('addHint')}</p>
      <div class="field title-field">
        <label for="add-title">${this.l.t('title')}</label>
        <input id="add-title" name="title" required maxlength="500" autocomplete="off" aria-describedby="add-hint" />
      </div>
      <div class="field">${this.renderOwnerSelect(undefined, 'add-owner')}</div>
      ${this.renderScheduleFields(undefined, this.addSchedule, 'add', (k) => { this.addSchedule = k; })}
      <div class="field">
        <label for="add-evaluation">${this.l.t('evaluationDate')}</label>
        <input id="add-evaluation" name="evaluationDate" type="date" required value=${addDays(this.day, 42)} />
      </div>
      ${full ? html`<div class="field">${this.renderLevelSelect(this.snapshot?.case?.level, 'add-level')}</div>` : nothing}
      <button type="submit" class="primary">${this.l.t('add')}</button>
    </form>`;
  }

  private renderFilters(): TemplateResult {
    const f = this.filters;
    const check = (key: 'mine' | 'overdue' | 'dueSoon', label: string) => html`<label class="check">
      <input type="checkbox" name=${key} .checked=${f[key]} @change=${(e: Event) => this.setFilter(key, (e.target as HTMLInputElement).checked)} />
      ${label}</label>`;
    return html`<fieldset class="filters" part="filters">
      <legend>${this.l.t('filters')}</legend>
      ${check('mine', this.l.t('filterMine'))}
      ${check('overdue', this.l.t('filterOverdue'))}
      ${check('dueSoon', this.l.t('filterDueSoon'))}
      <div class="field">
        <label for="filter-service">${this.l.t('filterService')}</label>
        <select id="filter-service" name="service" @change=${(e: Event) => this.setFilter('service', (e.target as HTMLSelectElement).value as Service | '')}>
          <option value="" ?selected=${f.service === ''}>${this.l.t('allServices')}</option>
          ${SERVICES.map((s) => html`<option value=${s} ?selected=${f.service === s}>${this.words.t('service', s)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="filter-status">${this.l.t('filterStatus')}</label>
        <select id="filter-status" name="status" @change=${(e: Event) => this.setFilter('status', (e.target as HTMLSelectElement).value as Filters['status'])}>
          <option value="open" ?selected=${f.status === 'open'}>${this.l.t('statusOpen')}</option>
          <option value="closed" ?selected=${f.status === 'closed'}>${this.l.t('statusClosed')}</option>
          <option value="all" ?selected=${f.status === 'all'}>${this.l.t('statusAll')}</option>
        </select>
      </div>
    </fieldset>`;
  }

  private renderFlag(u: Urgency): TemplateResult | typeof nothing {
    if (!u) return nothing;
    const date = this.dateText(u.date);
    const text = u.kind === 'overdue'
      ? (u.what === 'deadline' ? this.l.t('overdueDeadline', date) : this.l.t('overdueEvaluation', date))
      : (u.what === 'deadline' ? this.l.t('dueSoonDeadline', date) : this.l.t('dueSoonEvaluation', date));
    // The words carry the meaning; the icon repeats it for sighted readers, so it is hidden from screen readers.
    return html`<span class="flag ${u.kind}" part="flag">${u.kind === 'overdue' ? warningIcon : clockIcon}${text}</span>`;
  }

  private dueText(a: Action): string {
    const s = a.schedule;
    return s.kind === 'deadline' ? this.l.t('dueOn', this.dateText(s.date)) : s.kind === 'recurring' ? this.l.t('dueRecurring', s.rule) : this.l.t('dueOngoing');
  }

  private renderRow(r: Row): TemplateResult {
    const a = r.action;
    const model = this.model!;
    const open = isOpen(a);
    const expanded = this.expanded.has(a.id);
    const canStatus = model.can('action.setStatus', a);
    const detailsId = `details-${a.id}`;
    const classes = `action ${r.urgency?.kind ?? ''} ${open ? '' : 'closed'}`;
    return html`<li class=${classes} part="row" data-id=${a.id}>
      <div class="row">
        <span class="what">${a.title}</span>
        ${canStatus
          ? html`<select class="status" aria-label=${this.l.t('statusFor', a.title)}
              @change=${(e: Event) => this.setStatus(a, (e.target as HTMLSelectElement).value as ActionStatus, e.target as HTMLSelectElement)}>
              ${(['planned', 'in-progress', 'done', 'stopped'] as const).map((s) => html`<option value=${s} ?selected=${a.status === s}>${this.l.t(s)}</option>`)}
            </select>`
          : html`<span class="status">${this.l.t('status')}: ${this.l.t(a.status)}</span>`}
        <button type="button" class="toggle" aria-expanded=${expanded ? 'true' : 'false'} aria-controls=${detailsId}
          aria-label=${this.l.t('details', a.title)} @click=${() => this.toggle(a.id)}>${this.l.t('showDetails')}</button>
      </div>
      <div class="meta">
        <span class="owner">${this.l.t('owner')}: ${r.owner}</span>
        <span class="due">${this.dueText(a)}</span>
        <span class="evaluate-on">${this.l.t('evaluateOn', this.dateText(a.evaluationDate))}</span>
        ${this.renderFlag(r.urgency)}
        ${r.carriedFrom ? html`<span class="carried">${this.l.t('carried', this.dateText(r.carriedFrom))}</span>` : nothing}
      </div>
      ${this.rowError?.id === a.id ? html`<p class="error" role="alert">${this.rowError.message}</p>` : nothing}
      ${expanded ? this.renderDetails(a, detailsId) : nothing}
    </li>`;
  }

  private renderDetails(a: Action, id: string): TemplateResult {
    const model = this.model!;
    const level = this.levelLabel(a.level);
    return html`<div class="details" id=${id}>
      ${a.successCriterion ? html`<p><strong>${this.l.t('successCriterion')}:</strong> ${a.successCriterion}</p>` : nothing}
      ${level ? html`<p>${this.l.t('levelIs', level)}</p>` : nothing}
      <h4>${this.l.t('evaluations')}</h4>
      ${a.evaluations.length === 0 ? html`<p>${this.l.t('noEvaluations')}</p>` : html`<ol class="evaluations">
        ${a.evaluations.map((e) => html`<li>
          <strong>${this.l.t('evaluationBy', this.l.date(e.at), e.byName || this.l.t('someone'))}</strong>:
          ${this.l.t('effect')} ${this.l.t(e.effect).toLowerCase()}, ${this.l.t('decision').toLowerCase()}: ${this.l.t(e.decision).toLowerCase()}.
          ${e.evidence ? html`<br />${this.l.t('evidence')}: ${e.evidence}` : nothing}
          ${e.progress ? html`<br />${this.l.t('progress')}: ${e.progress}` : nothing}
          ${e.triedBefore ? html`<br />${this.l.t('triedBefore')}: ${e.triedBefore}` : nothing}
        </li>`)}
      </ol>`}
      ${a.doneProposal ? this.renderProposal(a) : nothing}
      ${isOpen(a) && model.can('action.evaluate') ? this.renderEvaluateForm(a) : nothing}
      ${isOpen(a) && !model.can('action.evaluate') && !a.doneProposal && model.can('action.setStatus', a) ? this.renderProposeForm(a) : nothing}
      ${isOpen(a) && !model.can('action.evaluate') && !model.can('action.setStatus', a) ? html`<p class="note">${this.l.t('closeHint')}</p>` : nothing}
      ${this.renderComments(a)}
      ${model.can('action.update')
        ? (this.editingId === a.id ? this.renderEditForm(a)
          : html`<button type="button" class="edit-button" aria-label=${this.l.t('editHeading', a.title)}
              @click=${() => { this.editingId = a.id; this.editSchedule = undefined; }}>${this.l.t('edit')}</button>`)
        : nothing}
      ${model.can('action.remove') ? html`<button type="button" class="danger remove-button" aria-label=${this.l.t('remove', a.title)}
          @click=${() => this.removeAction(a)}>${this.l.t('removeLabel')}</button>` : nothing}
    </div>`;
  }

  /** The owner's word that the action is done, and (for those who evaluate) confirming it. */
  private renderProposal(a: Action): TemplateResult {
    const p = a.doneProposal!;
    return html`<div class="proposal" part="proposal">
      <p><strong>${this.l.t('proposedBy', p.byName || this.l.t('someone'), this.l.date(p.at))}</strong> ${p.note}</p>
      ${isOpen(a) && this.model!.can('action.evaluate')
        ? html`<button type="button" class="primary" data-action="confirm-done" @click=${() => this.confirmDone(a)}>${this.l.t('confirmDone')}</button>`
        : html`<p class="note">${this.l.t('proposalWaits')}</p>`}
    </div>`;
  }

  private renderProposeForm(a: Action): TemplateResult {
    const p = `pd-${a.id}`;
    return html`<form class="propose" aria-labelledby="${p}-h" novalidate @submit=${(e: Event) => this.proposeDone(e, a)}>
      <h4 id="${p}-h">${this.l.t('proposeHeading')}</h4>
      <p class="note" id="${p}-hint">${this.l.t('proposeHint')}</p>
      <div class="field wide">
        <label for="${p}-note">${this.l.t('proposeNote')}</label>
        <textarea id="${p}-note" name="note" aria-describedby="${p}-hint"></textarea>
      </div>
      <button type="submit">${this.l.t('proposeDone')}</button>
    </form>`;
  }

  private renderComments(a: Action): TemplateResult {
    const model = this.model!;
    const comments = (this.snapshot?.comments ?? []).filter((c) => c.target.type === 'action' && c.target.id === a.id);
    const target = { target: { type: 'action', id: a.id } };
    const p = `cm-${a.id}`;
    return html`<div class="comments" part="comments">
      <h4 id="${p}-h">${this.l.t('comments')}</h4>
      ${comments.length === 0 ? html`<p class="muted">${this.l.t('noComments')}</p>` : html`<ul aria-labelledby="${p}-h">
        ${comments.map((c) => html`<li><strong>${c.authorName || this.l.t('someone')}</strong> (${this.l.date(c.createdAt)}): ${c.text}</li>`)}
      </ul>`}
      ${model.can('comment.add', target) ? html`<form class="comment" novalidate @submit=${(e: Event) => this.addComment(e, a)}>
        <div class="field wide">
          <label for="${p}-text">${this.l.t('commentLabel')}</label>
          <textarea id="${p}-text" name="text"></textarea>
        </div>
        <button type="submit">${this.l.t('addComment')}</button>
      </form>` : nothing}
    </div>`;
  }

  private renderEvaluateForm(a: Action): TemplateResult {
    const p = `ev-${a.id}`;
    const decision = this.evalDecision[a.id] ?? 'continue';
    const needsTried = decision === 'step-up' || decision === 'escalate';
    return html`<form class="evaluate" aria-labelledby="${p}-h" @submit=${(e: Event) => this.evaluate(e, a)}>
      <h4 id="${p}-h">${this.l.t('evaluateHeading', a.title)}</h4>
      <div class="field">
        <label for="${p}-effect">${this.l.t('effect')}</label>
        <select id="${p}-effect" name="effect">
          ${(['achieved', 'partly', 'not'] as const).map((x) => html`<option value=${x} ?selected=${x === 'partly'}>${this.l.t(x)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="${p}-decision">${this.l.t('decision')}</label>
        <select id="${p}-decision" name="decision"
          @change=${(e: Event) => { this.evalDecision = { ...this.evalDecision, [a.id]: (e.target as HTMLSelectElement).value }; }}>
          ${EVALUATION_DECISIONS.map((x) => html`<option value=${x} ?selected=${x === decision}>${this.l.t(x)}</option>`)}
        </select>
      </div>
      <div class="field wide">
        <label for="${p}-evidence">${this.l.t('evidence')}</label>
        <textarea id="${p}-evidence" name="evidence"></textarea>
      </div>
      <div class="field wide">
        <label for="${p}-tried">${this.l.t('triedBefore')}${needsTried ? ` (${this.l.t('required')})` : ''}</label>
        <textarea id="${p}-tried" name="triedBefore" ?required=${needsTried} aria-describedby="${p}-tried-hint"></textarea>
        <span class="note" id="${p}-tried-hint">${this.l.t('triedBeforeHint')}</span>
      </div>
      <button type="submit" class="primary">${this.l.t('evaluate')}</button>
    </form>`;
  }

  private renderEditForm(a: Action): TemplateResult {
    const p = `ed-${a.id}`;
    return html`<form class="edit" aria-labelledby="${p}-h" @submit=${(e: Event) => this.saveEdit(e, a)}
      @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape') this.editingId = undefined; }}>
      <h4 id="${p}-h">${this.l.t('editHeading', a.title)}</h4>
      <div class="field wide">
        <label for="${p}-title">${this.l.t('title')}</label>
        <input id="${p}-title" name="title" required maxlength="500" value=${a.title} />
      </div>
      <div class="field wide">
        <label for="${p}-criterion">${this.l.t('successCriterion')}</label>
        <textarea id="${p}-criterion" name="successCriterion" maxlength=${LONG_TEXT_MAX} aria-describedby="${p}-criterion-msg"
          ${bindText(this.model, 'actions', a.id, 'successCriterion', this.textBindingOptions())}></textarea>
        <p class="note field-message" id="${p}-criterion-msg" aria-live="polite"></p>
      </div>
      <div class="field">${this.renderOwnerSelectFor(a, `${p}-owner`)}</div>
      ${this.renderScheduleFields(a.schedule, this.editSchedule ?? a.schedule.kind, p, (k) => { this.editSchedule = k; this.requestUpdate(); })}
      <div class="field">
        <label for="${p}-evaluation">${this.l.t('evaluationDate')}</label>
        <input id="${p}-evaluation" name="evaluationDate" type="date" required value=${a.evaluationDate} />
      </div>
      <div class="field">${this.renderLevelSelect(a.level, `${p}-level`)}</div>
      <button type="submit" class="primary">${this.l.t('save')}</button>
      <button type="button" @click=${() => { this.editingId = undefined; this.editSchedule = undefined; }}>${this.l.t('cancel')}</button>
    </form>`;
  }

  /** Schedule kind picked in the open edit form, before it is saved. */
  private editSchedule: ActionSchedule['kind'] | undefined;

  /** In the edit form every owner is offered (editing is for roles that may assign anyone), including the current one. */
  private renderOwnerSelectFor(a: Action, id: string): TemplateResult {
    return this.renderOwnerSelect(ownerKey(a.owner), id);
  }
}
