import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { dueForEvaluation, type Action, type AgendaItem, type ChangeInfo, type Decision, type Meeting, type Part } from '@samrad/model';
import { ContextConsumer } from '@lit/context';
import { SamradElement } from '../shared/samrad-element.js';
import { bindText, LONG_TEXT_MAX } from '../shared/text-binding.js';
import { meetingContext } from '../shared/context.js';
import { nextQuarterHour } from '../shared/meetings.js';
import { LocalizeController } from '../shared/localize.js';
import { vocabulary } from '../shared/vocabulary.js';
import { sharedStyles } from '../shared/styles.js';
import { agendaStyles } from './samrad-agenda.styles.js';
import { messages } from './samrad-agenda.messages.js';

/** mm:ss (or h:mm:ss) of a number of seconds, sign dropped: the words say whether it is left or over. */
export function formatClock(totalSeconds: number): string {
  const s = Math.abs(Math.round(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** Today's calendar day (yyyy-mm-dd) where the reader is. */
function localDay(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The meeting's agenda: purpose and roles on top (with a notice when someone needs an
 * interpreter), the items in order with planned minutes, a shared countdown on the active
 * item, notes and decisions per item. Open actions whose evaluation date has come by the
 * meeting are listed under the item they are linked to; those not on the agenda yet show
 * in a generated "Evaluate actions" section until the leader takes them onto the agenda.
 *
 * @tag samrad-agenda
 * @summary Agenda of the current meeting with a shared countdown, reorderable by drag and keyboard.
 *
 * @csspart header - The purpose, time, place and roles above the list.
 * @csspart interpreter - The notice that a participant needs an interpreter.
 * @csspart due - The generated "Evaluate actions" section (actions due, not on the agenda yet).
 * @csspart list - The ordered list of items.
 * @csspart row - One agenda item.
 * @csspart row-active - The item everyone is on now (in addition to `row`).
 * @csspart timer - The countdown text of an item.
 * @csspart add-form - The form that adds an item.
 *
 * @cssprop --samrad-color-accent - Border of the active item and of the drop marker.
 * @cssprop --samrad-color-accent-surface - Background of the active item.
 * @cssprop --samrad-color-border - Item borders.
 * @cssprop --samrad-color-danger - Over-time countdown text (always also said in words).
 *
 * @fires samrad-agenda-change - An item was added, edited, moved, removed or completed, or a meeting was created. `detail: { action, itemId?, meetingId }`.
 * @fires samrad-agenda-item-start - This user started the countdown on an item. `detail: { itemId, meetingId, title }`.
 */
export class SamradAgenda extends SamradElement {
  static override styles = [...sharedStyles, agendaStyles];
  static override parts: readonly Part[] = ['meetings', 'agenda', 'participants', 'decisions', 'actions'];
  static override properties = {
    editingId: { state: true },
    dragId: { state: true },
    dropIndex: { state: true },
    error: { state: true },
  };

  /** Id of the item whose title and minutes are being edited. */
  declare editingId: string | undefined;
  declare dragId: string | undefined;
  declare dropIndex: number | undefined;
  declare error: string | undefined;

  private readonly l = new LocalizeController(this, messages);
  /** Service names shared with the other widgets. */
  private readonly words = new LocalizeController(this, vocabulary);
  private ticker: ReturnType<typeof setInterval> | undefined;
  /** The active item at the last render, to tell when someone else moved the meeting on. */
  private lastActiveItem: string | undefined;

  constructor() {
    super();
    this.editingId = undefined;
    this.dragId = undefined;
    this.dropIndex = undefined;
    this.error = undefined;
    // Only to learn whether a <samrad-meeting> chooses the meeting for us (see createMeeting).
    new ContextConsumer(this, { context: meetingContext, subscribe: true, callback: () => { this.meetingFromContext = true; } });
  }

  /** True when an enclosing <samrad-meeting> provides the current meeting. */
  private meetingFromContext = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTicker();
  }

  // ------------------------------------------------------------------ derived data

  private itemsOf(meetingId: string): AgendaItem[] {
    return this.snapshot?.agenda.filter((a) => a.meetingId === meetingId) ?? [];
  }

  private participantName(id: string | undefined): string | undefined {
    return id ? this.snapshot?.participants.find((p) => p.id === id)?.name : undefined;
  }

  /**
   * "polsk (for Ola Nordby)" for everyone who needs an interpreter, so the leader plans
   * time for it. People who sent word they will not come are left out.
   */
  private interpreterNeeds(): string[] {
    const people = this.snapshot?.participants.filter((p) => p.interpreterNeeded && p.attendance !== 'excused' && p.attendance !== 'absent') ?? [];
    const collator = new Intl.Collator(this.l.intlTags);
    return [...people].sort((a, b) => collator.compare(a.name, b.name)).map((p) => this.l.t('interpreterFor', p.interpreterLanguage?.trim() || this.l.t('interpreterNoLanguage'), p.name));
  }

  /**
   * The day evaluations are counted to: the meeting's day, or today when the meeting is
   * already past (what fell due since is evaluated in it too).
   */
  private dueDay(meeting: Meeting): string {
    const day = meeting.date.slice(0, 10);
    const today = localDay();
    return day > today ? day : today;
  }

  /** Open actions due for evaluation by the meeting that no item of it is about yet. */
  private dueNotOnAgenda(meeting: Meeting, items: AgendaItem[]): Action[] {
    const snapshot = this.snapshot;
    if (!snapshot) return [];
    const linked = new Set(items.flatMap((i) => i.actionIds));
    return dueForEvaluation(snapshot, this.dueDay(meeting)).filter((a) => !linked.has(a.id));
  }

  /** The item due evaluations are added under: the meeting's first evaluation item not done yet. */
  private evaluationItem(items: AgendaItem[]): AgendaItem | undefined {
    return items.find((i) => i.kind === 'evaluation' && i.state !== 'done');
  }

  private ownerName(a: Action): string {
    const o = a.owner;
    switch (o.kind) {
      case 'participant': return this.participantName(o.participantId) ?? this.l.t('notSet');
      case 'parent': return this.participantName(o.participantId) ?? this.l.t('ownerParents');
      case 'child': return this.l.t('ownerChild');
      case 'service': return this.words.t('service', o.service);
    }
  }

  private actionLine(a: Action): string {
    return this.l.t('actionLine', a.title, this.ownerName(a), this.l.date(a.evaluationDate));
  }

  // ------------------------------------------------------------------ lifecycle

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const meeting = this.currentMeeting;
    this.lastActiveItem = meeting?.activeItemId;
    const running = meeting && this.itemsOf(meeting.id).some((i) => i.timerStartedAt);
    if (running && this.isConnected) this.startTicker();
    else this.stopTicker();
  }

  /** One tick a second while a countdown runs: everyone computes the same value from the shared start time. */
  private startTicker(): void {
    this.ticker ??= setInterval(() => this.requestUpdate(), 1000);
  }

  private stopTicker(): void {
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
  }

  /** Tells screen-reader users when someone else moves the meeting on to another item. */
  protected override remoteChanged(_info: ChangeInfo): void {
    const meeting = this.currentMeeting;
    const active = meeting?.activeItemId;
    if (meeting && active && active !== this.lastActiveItem) {
      const item = this.itemsOf(meeting.id).find((i) => i.id === active);
      if (item) this.announce(this.l.t('remoteStarted', item.title));
    }
    this.lastActiveItem = active;
  }

  // ------------------------------------------------------------------ commands

  /** Runs a model command; a refusal becomes a message in the user's language. */
  private run(fn: () => void): boolean {
    try {
      fn();
      this.error = undefined;
      return true;
    } catch (err) {
      this.error = this.commandError(err);
      return false;
    }
  }

  private changed(action: string, itemId?: string): void {
    this.emit('samrad-agenda-change', { action, itemId, meetingId: this.meetingId });
  }

  private async moveTo(item: AgendaItem, toIndex: number, focusSelector?: string): Promise<void> {
    const meeting = this.currentMeeting;
    if (!meeting || !this.model) return;
    const items = this.itemsOf(meeting.id);
    const from = items.findIndex((i) => i.id === item.id);
    const to = Math.max(0, Math.min(items.length - 1, toIndex));
    if (from < 0 || from === to) return;
    if (!this.run(() => this.model!.agenda.move(item.id, to))) return;
    this.changed('move', item.id);
    this.announce(this.l.t('moved', item.title, to + 1, items.length));
    if (focusSelector) {
      await this.updateComplete;
      const row = this.renderRoot.querySelector<HTMLElement>(`li[data-id="${CSS.escape(item.id)}"]`);
      const target = row?.querySelector<HTMLElement>(focusSelector);
      // At the ends the pressed button disappears; keep focus in the row then.
      ((target && !(target as HTMLButtonElement).disabled) ? target : row?.querySelector<HTMLElement>('.handle') ?? row)?.focus();
    }
  }

  private onRowKeydown(e: KeyboardEvent, item: AgendaItem, index: number): void {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    if (!this.canMove) return;
    e.preventDefault();
    const selector = e.target instanceof HTMLElement && e.target.classList.contains('handle') ? '.handle' : '.handle';
    void this.moveTo(item, e.key === 'ArrowUp' ? index - 1 : index + 1, selector);
  }

  private onDragStart(e: DragEvent, item: AgendaItem): void {
    this.dragId = item.id;
    e.dataTransfer?.setData('text/plain', item.id);
    if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
  }

  private onDragOver(e: DragEvent, index: number): void {
    if (!this.dragId) return;
    e.preventDefault();
    const row = e.currentTarget as HTMLElement;
    const box = row.getBoundingClientRect();
    this.dropIndex = e.clientY > box.top + box.height / 2 ? index + 1 : index;
  }

  private onDrop(e: DragEvent): void {
    e.preventDefault();
    const meeting = this.currentMeeting;
    const id = this.dragId;
    const dropIndex = this.dropIndex;
    this.dragId = undefined;
    this.dropIndex = undefined;
    if (!meeting || !id || dropIndex === undefined) return;
    const items = this.itemsOf(meeting.id);
    const from = items.findIndex((i) => i.id === id);
    const item = items[from];
    if (!item) return;
    // The drop marker counts the dragged item itself; the model counts the others.
    void this.moveTo(item, dropIndex > from ? dropIndex - 1 : dropIndex);
  }

  private onDragEnd(): void {
    this.dragId = undefined;
    this.dropIndex = undefined;
  }

  private startItem(item: AgendaItem): void {
    if (this.run(() => this.model!.agenda.startTimer(item.id))) {
      this.emit('samrad-agenda-item-start', { itemId: item.id, meetingId: item.meetingId, title: item.title });
      this.focusAfterRender(item.id, ['.stop', '.complete', '.start']);
    }
  }

  private stopItem(item: AgendaItem): void {
    if (this.run(() => this.model!.agenda.stopTimer(item.id))) {
      this.changed('stop', item.id);
      this.focusAfterRender(item.id, ['.start', '.complete']);
    }
  }

  private completeItem(item: AgendaItem): void {
    if (this.run(() => this.model!.agenda.complete(item.id))) {
      this.changed('complete', item.id);
      // The meeting moves on: the next item's Start, else this item's own controls.
      const next = this.renderRoot.querySelector<HTMLElement>(`li[data-id="${CSS.escape(item.id)}"]`)?.nextElementSibling?.getAttribute('data-id');
      this.focusAfterRender(next ?? item.id, ['.start', '.complete', 'button'], item.id);
    }
  }

  /**
   * The pressed button is replaced when the row re-renders, and focus would fall to the
   * page: move it to the control that took its place (the first of `selectors` in the row),
   * else the first button in the row of `fallbackId`.
   */
  private focusAfterRender(itemId: string, selectors: string[], fallbackId = itemId): void {
    void this.updateComplete.then(() => {
      const row = (id: string) => this.renderRoot.querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"]`);
      for (const [id, sels] of [[itemId, selectors], [fallbackId, ['button']]] as const) {
        for (const sel of sels) {
          const target = row(id)?.querySelector<HTMLElement>(`:scope > .row ${sel}, :scope ${sel}`);
          if (target) { target.focus(); return; }
        }
      }
    });
  }

  private removeItem(item: AgendaItem): void {
    if (this.run(() => this.model!.agenda.remove(item.id))) {
      this.changed('remove', item.id);
      this.offerUndo(this.l.t('removed', item.title));
    }
  }

  private saveEdit(e: Event, item: AgendaItem): void {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const title = String(data.get('title') ?? '').trim();
    const plannedMinutes = Number(data.get('minutes'));
    if (this.run(() => this.model!.agenda.update(item.id, { title, plannedMinutes }))) {
      this.editingId = undefined;
      this.changed('update', item.id);
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`li[data-id="${CSS.escape(item.id)}"] .edit-button`)?.focus());
    }
  }

  /** Records a decision made under an item: a Decision of the meeting, which the minutes list and finalising requires. */
  private addDecision(e: Event, item: AgendaItem): void {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const input = form.querySelector<HTMLTextAreaElement | HTMLInputElement>('[name="decision"]')!;
    const text = input.value.trim();
    if (!text) return;
    let id = '';
    if (this.run(() => { id = this.model!.decisions.add({ meetingId: item.meetingId, agendaItemId: item.id, text }); })) {
      input.value = '';
      this.changed('decision', item.id);
      this.announce(this.l.t('decisionAdded'));
      void id;
    }
  }

  private removeDecision(d: Decision): void {
    if (this.run(() => this.model!.decisions.remove(d.id))) this.changed('decision', d.agendaItemId);
  }

  private addItem(e: Event): void {
    e.preventDefault();
    const meeting = this.currentMeeting;
    if (!meeting) return;
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const title = String(data.get('title') ?? '').trim();
    const plannedMinutes = Number(data.get('minutes') || 5);
    let id = '';
    if (this.run(() => { id = this.model!.agenda.add(meeting.id, { title, plannedMinutes }); })) {
      form.reset();
      this.changed('add', id);
      this.announce(this.l.t('added', title));
      form.querySelector<HTMLInputElement>('input[name="title"]')?.focus();
    }
  }

  private createMeeting(e: Event): void {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const when = String(data.get('date') ?? '');
    // The agenda's titles are taken from the template in the leader's language.
    const locale = this.l.lang;
    let id = '';
    const ok = this.run(() => {
      id = this.model!.meetings.create({
        templateId: String(data.get('template') ?? ''),
        purpose: String(data.get('purpose') ?? '').trim(),
        date: new Date(when || Date.now()).toISOString(),
        locale,
      });
    });
    if (ok) {
      // Standing alone, show the new meeting. Inside <samrad-meeting> the host decides which
      // meeting every widget shows; the event tells it (detail.meetingId) that one was created.
      if (!this.meetingFromContext) this.meeting = id;
      this.emit('samrad-agenda-change', { action: 'create', meetingId: id });
      this.announce(this.l.t('created'));
    }
  }

  /**
   * Takes the due actions onto the agenda: linked to the meeting's evaluation item, or as a
   * new evaluation item when the template has none. Nothing is written before this.
   */
  private acceptDue(meeting: Meeting, due: Action[], items: AgendaItem[]): void {
    const ids = due.map((a) => a.id);
    const target = this.evaluationItem(items);
    let itemId = target?.id;
    const ok = this.run(() => {
      if (target) this.model!.agenda.update(target.id, { actionIds: [...target.actionIds, ...ids.filter((id) => !target.actionIds.includes(id))] });
      else itemId = this.model!.agenda.add(meeting.id, { title: this.l.t('dueItemTitle'), kind: 'evaluation', plannedMinutes: Math.min(30, 5 * ids.length), actionIds: ids });
    });
    if (ok) {
      this.changed(target ? 'update' : 'add', itemId);
      this.announce(this.l.t('dueAccepted'));
    }
  }

  // ------------------------------------------------------------------ permissions

  private get finalised(): boolean {
    return this.locked;
  }
  private get canEdit(): boolean {
    return !this.finalised && !!this.model?.can('agenda.update');
  }
  private get canMove(): boolean {
    return !this.finalised && !!this.model?.can('agenda.move');
  }
  private get canTimer(): boolean {
    return !this.finalised && !!this.model?.can('agenda.timer');
  }

  // ------------------------------------------------------------------ rendering

  override render(): TemplateResult {
    const meeting = this.currentMeeting;
    if (!this.model || !meeting) {
      return html`<section aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">${this.l.t('heading')}</h2>
        <p>${this.l.t('noMeeting')}</p>
        ${this.model?.can('meeting.create') ? this.renderCreateForm() : nothing}
        ${this.renderError()}
      </section>`;
    }
    const items = this.itemsOf(meeting.id);
    const total = items.reduce((sum, i) => sum + i.plannedMinutes, 0);
    return html`<section aria-labelledby="agenda-heading">
      ${this.renderHeader(meeting)}
      ${this.finalised && meeting.finalisedAt
        ? html`<p class="locked" role="note">🔒 ${this.l.t('finalisedBy', meeting.finalisedByName ?? meeting.finalisedBy ?? '', this.l.dateTime(meeting.finalisedAt))}</p>`
        : nothing}
      ${!this.finalised && !this.canEdit ? html`<p class="why">${this.l.t('readOnlyWhy')}</p>` : nothing}
      ${!this.finalised && this.canEdit && !this.canTimer ? html`<p class="why">${this.l.t('timerWhy')}</p>` : nothing}
      ${this.renderDue(meeting, items)}
      <p class="summary">${this.l.t('itemsSummary', items.length, this.l.t('minutes', total))}</p>
      ${this.canMove && items.length > 1 ? html`<p class="hint" id="move-hint">${this.l.t('moveHint')}</p>` : nothing}
      ${items.length === 0
        ? html`<p>${this.l.t('noItems')}</p>`
        : html`<ol class="items" part="list" aria-labelledby="agenda-heading" @drop=${this.onDrop} @dragend=${this.onDragEnd}>
            ${repeat(items, (i) => i.id, (item, index) => this.renderItem(item, index, items.length, meeting))}
          </ol>`}
      ${this.renderError()}
      ${this.canEdit && this.model.can('agenda.add') ? this.renderAddForm() : nothing}
      ${this.finalised && this.model.can('meeting.create') ? this.renderCreateForm() : nothing}
    </section>`;
  }

  private renderError(): TemplateResult | typeof nothing {
    return this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing;
  }

  private renderHeader(meeting: Meeting): TemplateResult {
    const role = (label: string, id: string | undefined) =>
      html`<dt>${label}</dt><dd>${this.participantName(id) ?? this.l.t('notSet')}</dd>`;
    const state = meeting.state === 'finalised' ? 'stateFinalised' : meeting.state === 'running' ? 'stateRunning' : 'stateDraft';
    return html`<header part="header">
      <h2 id="agenda-heading">${this.l.t('heading')}${meeting.title ? html`: ${meeting.title}` : nothing}</h2>
      <dl class="facts">
        <dt>${this.l.t('purpose')}</dt><dd>${meeting.purpose}</dd>
        <dt>${this.l.t('when')}</dt><dd>${this.l.dateTime(meeting.date)}</dd>
        ${meeting.place ? html`<dt>${this.l.t('place')}</dt><dd>${meeting.place}</dd>` : nothing}
        <dt>${this.l.t('meetingState')}</dt><dd>${this.l.t(state)}</dd>
        ${role(this.l.t('leader'), meeting.leaderId)}
        ${role(this.l.t('minuteTaker'), meeting.minuteTakerId)}
        ${role(this.l.t('timeKeeper'), meeting.timeKeeperId)}
      </dl>
      ${this.renderInterpreterNotice()}
    </header>`;
  }

  /** Said in words (with a label), not by colour or icon alone. */
  private renderInterpreterNotice(): TemplateResult | typeof nothing {
    const needs = this.interpreterNeeds();
    if (needs.length === 0) return nothing;
    return html`<p class="interpreter" part="interpreter" role="note">
      <strong>${this.l.t('interpreterLabel')}:</strong> ${this.l.list(needs)}. ${this.l.t('interpreterPlan')}
    </p>`;
  }

  /** Actions due for evaluation that are not on the agenda: shown, not written, until the leader takes them on. */
  private renderDue(meeting: Meeting, items: AgendaItem[]): TemplateResult | typeof nothing {
    if (this.finalised) return nothing;
    const due = this.dueNotOnAgenda(meeting, items);
    if (due.length === 0) return nothing;
    const target = this.evaluationItem(items);
    const canAccept = this.canEdit && !!this.model?.can(target ? 'agenda.update' : 'agenda.add');
    return html`<section class="due" part="due" aria-labelledby="due-heading">
      <h3 id="due-heading">${this.l.t('dueHeading')}</h3>
      <p id="due-intro">${this.l.t('dueIntro')}</p>
      <ul class="due-actions">
        ${due.map((a) => html`<li data-action-id=${a.id}>${this.actionLine(a)}</li>`)}
      </ul>
      ${canAccept
        ? html`<button type="button" class="accept-due" aria-describedby="due-intro"
            @click=${() => this.acceptDue(meeting, due, items)}>${target ? this.l.t('dueAcceptInto', target.title) : this.l.t('dueAccept')}</button>`
        : html`<p class="why">${this.l.t('dueReadOnly')}</p>`}
    </section>`;
  }

  /** The actions an item is about (e.g. those carried in for evaluation). */
  private renderItemActions(item: AgendaItem): TemplateResult | typeof nothing {
    if (item.actionIds.length === 0) return nothing;
    const byId = new Map((this.snapshot?.actions ?? []).map((a) => [a.id, a]));
    const actions = item.actionIds.map((id) => byId.get(id)).filter((a): a is Action => a !== undefined);
    if (actions.length === 0) return nothing;
    const headingId = `acts-${item.id}`;
    return html`<div class="item-actions">
      <span class="item-actions-heading" id=${headingId}>${this.l.t('itemActions')}</span>
      <ul aria-labelledby=${headingId}>
        ${actions.map((a) => html`<li data-action-id=${a.id}>${this.actionLine(a)}</li>`)}
      </ul>
    </div>`;
  }

  private renderItem(item: AgendaItem, index: number, count: number, meeting: Meeting): TemplateResult {
    const active = meeting.activeItemId === item.id || item.state === 'active';
    const classes = ['item', active ? 'active' : '', item.state === 'done' ? 'done' : '',
      this.dragId === item.id ? 'dragging' : '', this.dropIndex === index && this.dragId && this.dragId !== item.id ? 'drop-before' : ''].join(' ');
    const stateLabel = active ? this.l.t('itemActive') : item.state === 'done' ? this.l.t('itemDone') : this.l.t('itemPending');
    const responsible = this.participantName(item.responsibleId);
    const editing = this.editingId === item.id;
    return html`<li
      class=${classes}
      part=${active ? 'row row-active' : 'row'}
      data-id=${item.id}
      aria-current=${active ? 'step' : nothing}
      @keydown=${(e: KeyboardEvent) => this.onRowKeydown(e, item, index)}
      @dragover=${(e: DragEvent) => this.onDragOver(e, index)}
    >
      <div class="row">
        ${this.canMove
          ? html`<button type="button" class="handle" draggable="true" aria-label=${this.l.t('dragHandle', item.title)}
              aria-describedby="move-hint" @dragstart=${(e: DragEvent) => this.onDragStart(e, item)}>⠿</button>`
          : nothing}
        <span class="position">${this.l.t('position', index + 1)}</span>
        <span class="title">${item.title}</span>
        <span class="badge ${active ? 'active' : ''}">${active ? '▶ ' : item.state === 'done' ? '✓ ' : ''}${stateLabel}</span>
        <span class="planned">${this.l.t('planned')}: ${this.l.t('minutes', item.plannedMinutes)}</span>
        ${responsible ? html`<span>${this.l.t('responsible')}: ${responsible}</span>` : nothing}
        ${this.renderTimer(item)}
      </div>
      <div class="row controls">
        ${this.renderTimerControls(item, active)}
        ${this.canMove
          ? html`<button type="button" class="move-up" ?disabled=${index === 0} aria-label=${this.l.t('moveUp', item.title)}
                @click=${() => this.moveTo(item, index - 1, '.move-up')}>↑</button>
              <button type="button" class="move-down" ?disabled=${index === count - 1} aria-label=${this.l.t('moveDown', item.title)}
                @click=${() => this.moveTo(item, index + 1, '.move-down')}>↓</button>`
          : nothing}
        ${this.canEdit && !editing
          ? html`<button type="button" class="edit-button" aria-label=${this.l.t('editItem', item.title)}
              @click=${() => { this.editingId = item.id; void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('.edit input[name="title"]')?.focus()); }}>${this.l.t('edit')}</button>`
          : nothing}
        ${this.canEdit && this.model?.can('agenda.remove')
          ? html`<button type="button" class="remove-button" aria-label=${this.l.t('removeItem', item.title)}
              @click=${() => this.removeItem(item)}>${this.l.t('remove')}</button>`
          : nothing}
      </div>
      ${this.renderItemActions(item)}
      ${editing ? this.renderEditForm(item) : nothing}
      ${this.renderNotes(item)}
    </li>`;
  }

  private renderTimer(item: AgendaItem): TemplateResult | typeof nothing {
    if (!item.timerStartedAt && item.elapsedSeconds === 0) return nothing;
    const left = this.model!.agenda.remainingSeconds(item, new Date());
    const clock = formatClock(left);
    const over = left < 0;
    const text = item.timerStartedAt
      ? (over ? this.l.t('overTime', clock) : this.l.t('remaining', clock))
      : (over ? this.l.t('pausedOver', clock) : this.l.t('paused', clock));
    // role=timer is not live by default: screen readers are not interrupted every second.
    return html`<span class="timer ${over ? 'over' : ''}" part="timer" role="timer">${over ? '⏰ ' : '⏱ '}${text}</span>`;
  }

  private renderTimerControls(item: AgendaItem, active: boolean): TemplateResult | typeof nothing {
    if (!this.canTimer) return nothing;
    if (item.timerStartedAt) {
      return html`<button type="button" class="stop" aria-label=${this.l.t('stopTimer', item.title)} @click=${() => this.stopItem(item)}>${this.l.t('stop')}</button>
        <button type="button" class="complete" aria-label=${this.l.t('completeItem', item.title)} @click=${() => this.completeItem(item)}>${this.l.t('complete')}</button>`;
    }
    return html`<button type="button" class="start" aria-label=${this.l.t('startTimer', item.title)} @click=${() => this.startItem(item)}>${this.l.t('start')}</button>
      ${active || item.elapsedSeconds > 0 && item.state !== 'done'
        ? html`<button type="button" class="complete" aria-label=${this.l.t('completeItem', item.title)} @click=${() => this.completeItem(item)}>${this.l.t('complete')}</button>`
        : nothing}`;
  }

  private renderEditForm(item: AgendaItem): TemplateResult {
    return html`<form class="edit" @submit=${(e: Event) => this.saveEdit(e, item)}
        @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape') { e.stopPropagation(); this.editingId = undefined; } }}>
      <label class="field">${this.l.t('title')}
        <input name="title" required maxlength="500" .value=${item.title} />
      </label>
      <label class="field">${this.l.t('plannedMinutes')}
        <input name="minutes" type="number" min="0" max="600" required .value=${String(item.plannedMinutes)} />
      </label>
      <button type="submit">${this.l.t('save')}</button>
      <button type="button" @click=${() => { this.editingId = undefined; }}>${this.l.t('cancel')}</button>
    </form>`;
  }

  private decisionsOf(item: AgendaItem): Decision[] {
    return this.snapshot?.decisions.filter((d) => d.agendaItemId === item.id) ?? [];
  }

  private renderNotes(item: AgendaItem): TemplateResult {
    const decisions = this.decisionsOf(item);
    // Older records may hold decisions as free text on the item; show it, read-only.
    const legacy = item.decisions.trim();
    const hasText = item.notes.trim() !== '' || decisions.length > 0 || legacy !== '';
    const idBase = `i-${item.id}`;
    const canDecide = !this.finalised && !!this.model?.can('decision.add');
    const canUndecide = !this.finalised && !!this.model?.can('decision.remove');
    if (!this.canEdit && !hasText) return html``;
    return html`<details ?open=${item.state === 'active' || hasText}>
      <summary>${this.l.t('notesAndDecisions')}</summary>
      <div class="notes">
        ${this.canEdit
          ? html`<label class="field" for="${idBase}-notes">${this.l.t('notesFor', item.title)}</label>
            <textarea id="${idBase}-notes" name="notes" maxlength=${LONG_TEXT_MAX} aria-describedby="${idBase}-notes-msg"
              ${bindText(this.model, 'agenda', item.id, 'notes', this.textBindingOptions())}
              @change=${() => this.changed('update', item.id)}></textarea>
            <p class="note field-message" id="${idBase}-notes-msg" aria-live="polite"></p>`
          : html`<h3>${this.l.t('notes')}</h3><p class="readonly-text">${item.notes || this.l.t('nothingYet')}</p>`}
        <h3 id="${idBase}-dh">${this.l.t('decisionsFor', item.title)}</h3>
        ${decisions.length === 0 && !legacy ? html`<p>${this.l.t('nothingYet')}</p>` : html`<ul class="decisions" aria-labelledby="${idBase}-dh">
          ${legacy ? html`<li class="readonly-text">${legacy}</li>` : nothing}
          ${decisions.map((d) => html`<li>
            <span class="readonly-text">${d.text}</span>${d.decidedBy ? html` <span class="note">(${d.decidedBy})</span>` : nothing}
            ${canUndecide ? html`<button type="button" class="remove-decision" aria-label=${this.l.t('removeDecision', d.text)}
              @click=${() => this.removeDecision(d)}>${this.l.t('remove')}</button>` : nothing}
          </li>`)}
        </ul>`}
        ${canDecide ? html`<form class="decide" @submit=${(e: Event) => this.addDecision(e, item)}>
          <label class="field" for="${idBase}-decision">${this.l.t('newDecision')}</label>
          <input id="${idBase}-decision" name="decision" maxlength="20000" autocomplete="off" />
          <button type="submit">${this.l.t('addDecision')}</button>
        </form>` : nothing}
      </div>
    </details>`;
  }

  private renderAddForm(): TemplateResult {
    return html`<form class="add" part="add-form" aria-labelledby="add-heading" @submit=${this.addItem}>
      <h3 id="add-heading">${this.l.t('addHeading')}</h3>
      <label class="field">${this.l.t('title')}
        <input name="title" required maxlength="500" autocomplete="off" />
      </label>
      <label class="field">${this.l.t('plannedMinutes')}
        <input name="minutes" type="number" min="0" max="600" value="5" />
      </label>
      <button type="submit">${this.l.t('add')}</button>
    </form>`;
  }

  private renderCreateForm(): TemplateResult {
    const lang = this.l.lang;
    return html`<form class="create" aria-labelledby="create-heading" @submit=${this.createMeeting}>
      <h3 id="create-heading">${this.l.t('createHeading')}</h3>
      <label class="field">${this.l.t('template')}
        <select name="template">
          ${this.model!.templates.map((t) => html`<option value=${t.id}>${t.name[lang] ?? t.name.en}</option>`)}
        </select>
      </label>
      <label class="field">${this.l.t('meetingPurpose')}
        <textarea name="purpose" required></textarea>
      </label>
      <label class="field">${this.l.t('meetingDate')}
        <input name="date" type="datetime-local" required .value=${nextQuarterHour()} />
      </label>
      <button type="submit">${this.l.t('create')}</button>
    </form>`;
  }
}
