import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { SERVICES, type ActionOwner, type ChangeInfo, type Meeting, type Part, type Participant, type Service, type SilentNote } from '@samrad/model';
import { LocalizeController } from '../shared/localize.js';
import { isCommandError, SamradElement, type CommandResult } from '../shared/samrad-element.js';
import { sharedStyles } from '../shared/styles.js';
import { messages } from './samrad-facilitation.messages.js';
import { facilitationStyles } from './samrad-facilitation.styles.js';

type Phase = 'individual' | 'group' | 'plenary';
const PHASES: readonly Phase[] = ['individual', 'group', 'plenary'];

/** `detail` of `samrad-note-use`: a silent note became an agenda note or an action. */
export interface NoteUseDetail { noteId: string; kind: 'agenda' | 'action'; id: string }

/** YYYY-MM-DD of the reader's day `days` from today (dates of a new action are calendar days). */
function dayFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Facilitation aids for the meeting leader. A speaking round ("everyone is heard"): the
 * order, a tick per participant in words and icon, the current speaker said through a
 * polite live region. And IGP silent notes: in the individual phase each person writes
 * notes only they see; the leader moves on to grouping, where they label the notes, and
 * to plenary, where everyone sees every note and the leader turns a note into an agenda
 * note or an action with the model's own commands. Others follow along read-only.
 *
 * @tag samrad-facilitation
 * @summary Speaking round and IGP silent notes for the meeting leader.
 *
 * @fires samrad-note-use - A silent note became an agenda note or an action. `detail: { noteId: string, kind: 'agenda' | 'action', id: string }`
 *
 * @csspart base - The element's wrapper.
 * @csspart round - The speaking round.
 * @csspart speaker - The line naming the current speaker.
 * @csspart igp - The silent-notes section.
 * @csspart note - One silent note.
 *
 * @cssprop --samrad-facilitation-current-color - Border colour marking the current speaker (the words say it too).
 * @cssprop --samrad-heading-size - Size of the element's heading.
 */
export class SamradFacilitation extends SamradElement {
  static override properties: PropertyDeclarations = {
    noteDraft: { state: true },
    groupDrafts: { state: true },
    agendaTarget: { state: true },
    errors: { state: true },
    message: { state: true },
  };

  static override styles = [...sharedStyles, facilitationStyles];

  static override parts: readonly Part[] = ['meetings', 'participants', 'silentNotes', 'agenda', 'actions'];

  declare private noteDraft: string;
  /** Group labels being typed, by note id (a remote label does not overwrite what the leader is typing). */
  declare private groupDrafts: Readonly<Record<string, string>>;
  declare private agendaTarget: string;
  declare private errors: Record<string, string>;
  declare private message: string;

  private readonly text = new LocalizeController(this, messages);
  private seen: { meeting: string | undefined; speaker: string | undefined; done: boolean; phase: Phase | undefined } | undefined;

  constructor() {
    super();
    this.noteDraft = '';
    this.groupDrafts = {};
    this.agendaTarget = '';
    this.errors = {};
    this.message = '';
  }

  /** Whether this user runs the aids (the permission table's `facilitation.run`) in an open meeting. */
  get runs(): boolean {
    return !this.locked && this.can('facilitation.run');
  }

  /** The current speaker: the first in the order not yet heard. */
  get currentSpeaker(): Participant | undefined {
    const m = this.currentMeeting;
    if (!m) return undefined;
    const id = m.speakingOrder.find((p) => !m.heard.includes(p));
    return id ? this.participant(id) : undefined;
  }

  private participant(id: string): Participant | undefined {
    return this.snapshot?.participants.find((p) => p.id === id);
  }

  private personLabel(id: string): string {
    const p = this.participant(id);
    return p ? this.text.t('person', p.name, this.text.t('role', p.role)) : this.text.t('unknownPerson');
  }

  private phaseName(p: Phase): string {
    return this.text.t('phase', p);
  }

  /** Notes this user may see now (the model decides: own notes, all from plenary, the leader's view while grouping). */
  get notes(): Array<SilentNote & { private?: true }> {
    const id = this.meetingId;
    return id && this.model ? this.model.silentNotes.visible(id) : [];
  }

  // ---------------------------------------------------------------- what changed (local or remote)

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const m = this.currentMeeting;
    const now = {
      meeting: m?.id,
      speaker: this.currentSpeaker?.id,
      done: !!m && m.speakingOrder.length > 0 && m.speakingOrder.every((p) => m.heard.includes(p)),
      phase: m?.igpPhase,
    };
    const before = this.seen;
    this.seen = now;
    if (!before || before.meeting !== now.meeting) return;
    const t = this.text;
    const said: string[] = [];
    if (now.speaker && now.speaker !== before.speaker) said.push(t.t('nowSpeaking', this.personLabel(now.speaker)));
    else if (now.done && !before.done) said.push(t.t('everyoneHeard'));
    if (now.phase !== before.phase) said.push(now.phase ? t.t('phaseIs', this.phaseName(now.phase)) : t.t('igpEnded'));
    if (said.length) this.announce(said.join(' '));
  }

  /**
   * Silent notes stay in the author's private document through the individual phase; once
   * the leader moves on, the author's own page shares them (an author who is away shares
   * theirs when they come back).
   */
  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const model = this.model;
    const m = this.currentMeeting;
    if (!model || !m || !m.igpPhase || m.igpPhase === 'individual' || this.locked) return;
    // After this update, not inside it: sharing changes the notes and renders again.
    if (this.notes.some((n) => n.private)) void Promise.resolve().then(() => this.tryCommand(() => model.silentNotes.shareMine(m.id)));
  }

  protected override remoteChanged(info: ChangeInfo): void {
    if (info.parts.has('silentNotes') && !info.parts.has('meetings')) this.announce(this.text.t('remoteNotes'));
  }

  // ---------------------------------------------------------------- commands

  private run<T>(key: string, fn: () => T): CommandResult<T> {
    const result = this.tryCommand(fn);
    if (!result.ok) {
      const known = isCommandError(result.error) ? result.error.issues.find((i) => `issue:${i.message}` in messages.nb) : undefined;
      this.errors = { [key]: known ? this.text.t(`issue:${known.message}` as 'issue:note-already-used') : result.message };
    } else {
      this.errors = {};
    }
    return result;
  }

  /** Starts a round with everyone present or invited (ticks cleared). */
  startRound(): boolean {
    const model = this.model;
    const id = this.meetingId;
    if (!model || !id) return false;
    const ok = this.run('round', () => model.facilitation.startRound(id)).ok;
    if (ok) this.message = '';
    return ok;
  }

  /** Ticks (or unticks) a participant as heard. */
  markHeard(participantId: string, heard = true): boolean {
    const model = this.model;
    const id = this.meetingId;
    if (!model || !id) return false;
    return this.run('round', () => model.facilitation.markHeard(id, participantId, heard)).ok;
  }

  /** Ticks the current speaker, so the next one has the floor. */
  next(): boolean {
    const speaker = this.currentSpeaker;
    return speaker ? this.markHeard(speaker.id) : false;
  }

  setPhase(phase: Phase | undefined): boolean {
    const model = this.model;
    const id = this.meetingId;
    if (!model || !id) return false;
    return this.run('igp', () => model.facilitation.setIgpPhase(id, phase)).ok;
  }

  /** Adds the user's silent note. Returns its id, or undefined when empty or refused. */
  addNote(text: string = this.noteDraft): string | undefined {
    const model = this.model;
    const id = this.meetingId;
    if (!model || !id) return undefined;
    if (!text.trim()) {
      this.errors = { note: this.text.t('error.noteEmpty') };
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#note-text')?.focus());
      return undefined;
    }
    const result = this.run('note', () => model.silentNotes.add(id, text.trim()));
    if (!result.ok) return undefined;
    this.noteDraft = '';
    this.message = this.text.t('noteAdded');
    this.announce(this.message);
    return result.value;
  }

  setGroup(noteId: string, group: string): boolean {
    const model = this.model;
    if (!model) return false;
    const ok = this.run(`group-${noteId}`, () => model.silentNotes.setGroup(noteId, group)).ok;
    if (ok) {
      const drafts = { ...this.groupDrafts };
      delete drafts[noteId];
      this.groupDrafts = drafts;
      this.message = this.text.t('groupSaved', group.trim());
      this.announce(this.message);
    }
    return ok;
  }

  private get agendaItems() {
    const id = this.meetingId;
    return (this.snapshot?.agenda ?? []).filter((a) => a.meetingId === id);
  }

  /** The agenda item plenary notes go to: the one chosen, else the active item, else the first. */
  private get targetItem() {
    const items = this.agendaItems;
    return items.find((a) => a.id === this.agendaTarget) ?? items.find((a) => a.id === this.currentMeeting?.activeItemId) ?? items[0];
  }

  /** Plenary: appends a note to an agenda item's notes. */
  toAgenda(noteId: string, agendaItemId: string | undefined = this.targetItem?.id): boolean {
    const model = this.model;
    if (!model || !agendaItemId) return false;
    const ok = this.run(`use-${noteId}`, () => model.silentNotes.toAgendaNote(noteId, agendaItemId)).ok;
    if (ok) {
      this.message = this.text.t('movedToAgenda', this.agendaItems.find((a) => a.id === agendaItemId)?.title ?? '');
      this.announce(this.message);
      this.emit<NoteUseDetail>('samrad-note-use', { noteId, kind: 'agenda', id: agendaItemId });
    }
    return ok;
  }

  /**
   * Plenary: turns a note into an action owned by the leader (or their service), due in two
   * weeks and evaluated in six; the action list is where the details are then adjusted.
   */
  toAction(noteId: string): string | undefined {
    const model = this.model;
    if (!model) return undefined;
    const me = model.me();
    const service = SERVICES.find((s): s is Service => s === model.user.service) ?? 'other';
    const owner: ActionOwner = me ? { kind: 'participant', participantId: me.id } : { kind: 'service', service };
    const result = this.run(`use-${noteId}`, () => model.silentNotes.toAction(noteId, {
      owner, schedule: { kind: 'deadline', date: dayFromToday(14) }, evaluationDate: dayFromToday(42),
    }));
    if (!result.ok) return undefined;
    this.message = this.text.t('movedToAction');
    this.announce(this.message);
    this.emit<NoteUseDetail>('samrad-note-use', { noteId, kind: 'action', id: result.value });
    return result.value;
  }

  // ---------------------------------------------------------------- rendering

  override render(): TemplateResult {
    const t = this.text;
    if (!this.model) return html`<p part="base">${t.t('noModel')}</p>`;
    const m = this.currentMeeting;
    if (!m) return html`<p part="base">${t.t('noMeeting')}</p>`;
    return html`
      <section part="base" aria-labelledby="heading">
        <h2 id="heading">${t.t('heading')}</h2>
        ${this.locked ? html`<p class="note">${t.t('locked')}</p>` : this.can('facilitation.run') ? nothing : html`<p class="note">${t.t('readOnly')}</p>`}
        ${this.message ? html`<p class="message">${this.message}</p>` : nothing}
        ${this.renderRound(m)}
        ${this.renderIgp(m)}
      </section>
    `;
  }

  private renderRound(m: Meeting): TemplateResult {
    const t = this.text;
    const runs = this.runs;
    const order = m.speakingOrder;
    const heard = new Set(m.heard);
    const current = this.currentSpeaker;
    const done = order.length > 0 && !current;
    return html`
      <section class="block" part="round" aria-labelledby="h-round">
        <h3 id="h-round">${t.t('roundHeading')}</h3>
        <p class="note">${t.t('roundIntro')}</p>
        ${order.length === 0 ? html`<p>${t.t('noRound')}</p>` : html`
          <p class="speaker" part="speaker">
            ${done
              ? html`<span aria-hidden="true">✓ </span><strong>${t.t('everyoneHeard')}</strong>`
              : html`<span aria-hidden="true">▶ </span><strong>${t.t('nowSpeaking', this.personLabel(current!.id))}</strong>`}
          </p>
          <p class="note">${t.t('heardCount', order.filter((p) => heard.has(p)).length, order.length)}</p>
          <ol class="order" aria-label=${t.t('orderLabel')}>
            ${order.map((id) => {
              const isHeard = heard.has(id);
              const isCurrent = current?.id === id;
              return html`<li class=${`${isHeard ? 'heard' : ''} ${isCurrent ? 'current' : ''}`} data-participant=${id} aria-current=${isCurrent ? 'true' : nothing}>
                <span class="who">${this.personLabel(id)}</span>
                <span class="status">${isHeard
                  ? html`<span aria-hidden="true">✓ </span>${t.t('heard')}`
                  : html`<span aria-hidden="true">○ </span>${t.t('notYet')}`}</span>
                ${isCurrent ? html`<span class="now"><span aria-hidden="true">▶ </span>${t.t('nowSpeakingMark')}</span>` : nothing}
                ${runs ? html`<label class="tick">
                  <input type="checkbox" name="heard" value=${id} .checked=${isHeard} @change=${(e: Event) => this.markHeard(id, (e.target as HTMLInputElement).checked)} />
                  ${t.t('markHeard', this.participant(id)?.name ?? t.t('unknownPerson'))}
                </label>` : nothing}
              </li>`;
            })}
          </ol>`}
        ${runs ? html`<div class="actions">
          ${current ? html`<button type="button" class="primary" data-action="next" @click=${() => this.next()}>${t.t('nextSpeaker')}</button>` : nothing}
          <button type="button" data-action="start-round" @click=${() => this.startRound()}>${order.length ? t.t('restartRound') : t.t('startRound')}</button>
        </div>` : nothing}
        ${this.errors.round ? html`<p class="field-error" role="alert">${this.errors.round}</p>` : nothing}
      </section>
    `;
  }

  private renderIgp(m: Meeting): TemplateResult {
    const t = this.text;
    const runs = this.runs;
    const phase = m.igpPhase;
    const nextPhase = phase ? PHASES[PHASES.indexOf(phase) + 1] : undefined;
    return html`
      <section class="block" part="igp" aria-labelledby="h-igp">
        <h3 id="h-igp">${t.t('igpHeading')}</h3>
        <p class="note">${t.t('igpIntro')}</p>
        ${phase ? html`
          <ol class="phases" aria-label=${t.t('phasesLabel')}>
            ${PHASES.map((p) => html`<li class=${p === phase ? 'is-current' : ''} aria-current=${p === phase ? 'step' : nothing} data-phase=${p}>
              ${this.phaseName(p)}${p === phase ? html` <span class="now">(${t.t('phaseNow')})</span>` : nothing}
            </li>`)}
          </ol>` : html`<p>${t.t('igpOff')}</p>`}
        ${runs ? html`<div class="actions">
          ${!phase ? html`<button type="button" class="primary" data-action="start-igp" @click=${() => this.setPhase('individual')}>${t.t('startIgp')}</button>` : nothing}
          ${nextPhase ? html`<button type="button" class="primary" data-action="next-phase" @click=${() => this.setPhase(nextPhase)}>${t.t('nextPhase', this.phaseName(nextPhase))}</button>` : nothing}
          ${phase ? html`<button type="button" data-action="end-igp" @click=${() => this.setPhase(undefined)}>${t.t('endIgp')}</button>` : nothing}
        </div>` : nothing}
        ${this.errors.igp ? html`<p class="field-error" role="alert">${this.errors.igp}</p>` : nothing}
        ${phase === 'individual' ? this.renderIndividual() : nothing}
        ${phase === 'group' ? this.renderGroup() : nothing}
        ${phase === 'plenary' ? this.renderPlenary() : nothing}
      </section>
    `;
  }

  private renderIndividual(): TemplateResult {
    const t = this.text;
    const mayWrite = !this.locked && this.can('silentNote.add', {});
    return html`
      ${mayWrite ? html`
        <form class="note-form" novalidate @submit=${(e: Event) => { e.preventDefault(); this.addNote(); }}>
          <div class="field">
            <label for="note-text">${t.t('noteLabel')}</label>
            <p class="hint" id="note-hint">${t.t('noteHint')}</p>
            <textarea id="note-text" .value=${this.noteDraft} aria-invalid=${this.errors.note ? 'true' : 'false'}
              aria-describedby=${this.errors.note ? 'note-hint note-error' : 'note-hint'}
              @input=${(e: Event) => { this.noteDraft = (e.target as HTMLTextAreaElement).value; this.errors = {}; }}></textarea>
            ${this.errors.note ? html`<p class="field-error" id="note-error">${this.errors.note}</p>` : nothing}
          </div>
          <button type="submit" class="primary" data-action="add-note">${t.t('addNote')}</button>
        </form>` : nothing}
      ${this.renderNoteList(this.notes, t.t('myNotes'))}
    `;
  }

  private renderGroup(): TemplateResult {
    const t = this.text;
    const notes = this.notes;
    if (!this.runs) {
      return html`<p>${t.t('groupingNote')}</p>${this.renderNoteList(notes, t.t('myNotes'))}`;
    }
    return html`
      <h4 id="h-notes">${t.t('allNotes')}</h4>
      ${notes.length === 0 ? html`<p class="muted">${t.t('noNotes')}</p>` : html`
        <ul class="notes" aria-labelledby="h-notes">
          ${notes.map((n, i) => {
            const value = this.groupDrafts[n.id] ?? n.group ?? '';
            const error = this.errors[`group-${n.id}`];
            return html`<li class="note-item" part="note" data-note=${n.id}>
              <p class="note-text"><span class="num">${t.t('noteNumber', i + 1)}:</span> ${n.text}</p>
              <form class="group-form" novalidate @submit=${(e: Event) => { e.preventDefault(); this.setGroup(n.id, this.groupDrafts[n.id] ?? n.group ?? ''); }}>
                <label for="group-${n.id}">${t.t('groupFor', i + 1)}</label>
                <input id="group-${n.id}" type="text" list="group-names" .value=${value} autocomplete="off"
                  aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `group-error-${n.id}` : nothing}
                  @input=${(e: Event) => { this.groupDrafts = { ...this.groupDrafts, [n.id]: (e.target as HTMLInputElement).value }; }} />
                <button type="submit" data-action="save-group">${t.t('saveGroup', i + 1)}</button>
                ${error ? html`<p class="field-error" id="group-error-${n.id}">${error}</p>` : nothing}
              </form>
            </li>`;
          })}
        </ul>
        <datalist id="group-names">${[...new Set(notes.map((n) => n.group).filter(Boolean))].map((g) => html`<option value=${g!}></option>`)}</datalist>`}
    `;
  }

  private renderPlenary(): TemplateResult {
    const t = this.text;
    const notes = this.notes;
    const runs = this.runs;
    const items = this.agendaItems;
    const target = this.targetItem;
    const groups = new Map<string, Array<{ note: SilentNote; n: number }>>();
    notes.forEach((note, i) => {
      const key = note.group ?? '';
      groups.set(key, [...(groups.get(key) ?? []), { note, n: i + 1 }]);
    });
    const keys = [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
    return html`
      ${runs ? html`<div class="field">
        <label for="agenda-target">${t.t('agendaTarget')}</label>
        ${items.length ? html`<select id="agenda-target" @change=${(e: Event) => { this.agendaTarget = (e.target as HTMLSelectElement).value; }}>
          ${items.map((a) => html`<option value=${a.id} ?selected=${a.id === target?.id}>${a.title}</option>`)}
        </select>` : html`<p class="muted" id="agenda-target">${t.t('noAgenda')}</p>`}
      </div>` : nothing}
      <h4 id="h-notes">${t.t('allNotes')}</h4>
      ${notes.length === 0 ? html`<p class="muted">${t.t('noNotes')}</p>` : keys.map((key, gi) => html`
        <section class="group" aria-labelledby="h-group-${gi}">
          <h5 id="h-group-${gi}">${t.t('groupHeading', key || t.t('noGroup'), groups.get(key)!.length)}</h5>
          <ul class="notes">
            ${groups.get(key)!.map(({ note, n }) => this.renderPlenaryNote(note, n, runs && !!target))}
          </ul>
        </section>`)}
    `;
  }

  private renderPlenaryNote(note: SilentNote, n: number, mayUse: boolean): TemplateResult {
    const t = this.text;
    const mine = note.createdBy === this.model?.user.id;
    const used = note.usedAs;
    const error = this.errors[`use-${note.id}`];
    let usedText = '';
    if (used?.kind === 'agenda') usedText = t.t('usedAgenda', this.snapshot?.agenda.find((a) => a.id === used.id)?.title ?? '');
    if (used?.kind === 'action') usedText = t.t('usedAction', this.snapshot?.actions.find((a) => a.id === used.id)?.title ?? note.text);
    return html`<li class="note-item" part="note" data-note=${note.id}>
      <p class="note-text"><span class="num">${t.t('noteNumber', n)}:</span> ${note.text} ${mine ? html`<span class="muted">${t.t('yours')}</span>` : nothing}</p>
      ${used ? html`<p class="used"><span aria-hidden="true">✓ </span>${usedText}</p>` : mayUse ? html`<div class="actions">
        <button type="button" data-action="to-agenda" @click=${() => this.toAgenda(note.id)}>${t.t('toAgenda', n)}</button>
        <button type="button" data-action="to-action" @click=${() => this.toAction(note.id)}>${t.t('toAction', n)}</button>
      </div>` : nothing}
      ${error ? html`<p class="field-error" role="alert">${error}</p>` : nothing}
    </li>`;
  }

  private renderNoteList(notes: SilentNote[], heading: string): TemplateResult {
    const t = this.text;
    return html`
      <h4 id="h-notes">${heading}</h4>
      ${notes.length === 0 ? html`<p class="muted">${t.t('noNotes')}</p>` : html`
        <ul class="notes" aria-labelledby="h-notes">
          ${notes.map((n, i) => html`<li class="note-item" part="note" data-note=${n.id}>
            <p class="note-text"><span class="num">${t.t('noteNumber', i + 1)}:</span> ${n.text}</p>
          </li>`)}
        </ul>`}
    `;
  }
}
