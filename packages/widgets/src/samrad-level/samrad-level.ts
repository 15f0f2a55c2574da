import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { concernDeadlines, type Concern, type Part } from '@samrad/model';
import { CaseText } from '../shared/case-text.js';
import { blockStyles, fieldError, focusFirstInvalid, formError, formStyles, issueErrors, statusLine } from '../shared/forms.js';
import { LocalizeController } from '../shared/localize.js';
import { SamradElement } from '../shared/samrad-element.js';
import { sharedStyles } from '../shared/styles.js';
import { messages } from './samrad-level.messages.js';
import { levelStyles } from './samrad-level.styles.js';

interface LevelDraft { level: string; reason: string; triedBefore: string }

/**
 * The case's level in the municipality's level model (BTI levels, zones: from data), with
 * a form to move it — moving up asks what was tried at lower levels, and for how long —
 * and the concerns raised in the case, each with its decision deadline counted in days
 * until a decision is recorded. Earlier concerns and their decisions stay. Leaders,
 * coordinators and professionals edit; the family reads.
 *
 * Renders two sections (level, concerns); inside `<samrad-case>` they sit side by side
 * with the coordinator.
 *
 * @tag samrad-level
 * @summary The case's level, its concerns and the decision deadline.
 *
 * @fires samrad-case-level - The case was moved to another level — also when another person did it. `detail: { from?: string, to: string }`
 *
 * @csspart level - The level section.
 * @csspart deadline - The concerns: each one raised, its decision deadline or its decision.
 *
 * @cssprop --samrad-case-overdue-color - Text colour of an overdue deadline (the words say it too).
 */
export class SamradLevel extends SamradElement {
  static override properties: PropertyDeclarations = {
    ...SamradElement.properties,
    levelDraft: { state: true },
    concernNote: { state: true },
    decisionDrafts: { state: true },
    errors: { state: true },
    levelMessage: { state: true },
    concernMessage: { state: true },
  };

  static override styles = [...sharedStyles, blockStyles, formStyles, levelStyles];

  static override parts: readonly Part[] = ['case', 'levelChanges', 'concerns'];

  declare private levelDraft: LevelDraft;
  declare private concernNote: string;
  declare private decisionDrafts: Readonly<Record<string, string>>;
  declare private errors: Record<string, string>;
  declare private levelMessage: string;
  declare private concernMessage: string;

  private readonly text = new LocalizeController(this, messages);
  private readonly words = new CaseText(this);

  // What the view last saw, to tell the host (and screen-reader users) when the level changes.
  private seen: { model: unknown; level: string | undefined } | undefined;

  constructor() {
    super();
    this.levelDraft = { level: '', reason: '', triedBefore: '' };
    this.concernNote = '';
    this.decisionDrafts = {};
    this.errors = {};
    this.levelMessage = '';
    this.concernMessage = '';
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.noticeChanges();
  }

  /** Compares the level with what the view last saw, before each render: one event and one announcement per move, whoever made it. */
  private noticeChanges(): void {
    const snap = this.snapshot;
    if (!snap) return;
    const now = { model: this.model, level: snap.case?.level };
    const before = this.seen;
    this.seen = now;
    if (!before || before.model !== now.model) return;
    if (now.level !== before.level && now.level) {
      this.emit('samrad-case-level', { from: before.level, to: now.level });
      this.levelMessage = this.text.t('remoteLevel', this.words.levelLabel(now.level));
      this.announce(this.levelMessage);
    }
  }

  private concernDone(message: string): void {
    this.errors = {};
    this.concernMessage = message;
    this.announce(message);
  }

  /** Moves the case to `level`. Moving up needs `triedBefore`; the model says so and we show it in the reader's language. */
  moveLevel(level: string, details: { reason?: string; triedBefore?: string } = {}): boolean {
    const model = this.model;
    if (!model) return false;
    if (!level) {
      this.errors = { level: this.text.t('error.chooseLevel') };
      focusFirstInvalid(this, '[part="level"]');
      return false;
    }
    if (level === this.snapshot?.case?.level) {
      this.errors = { level: this.text.t('levelSame') };
      focusFirstInvalid(this, '[part="level"]');
      return false;
    }
    const result = this.tryCommand(() => model.case.setLevel(level, { reason: details.reason?.trim(), triedBefore: details.triedBefore?.trim() || undefined }));
    if (!result.ok) {
      this.errors = issueErrors(result, (key) => (key in messages.nb ? this.text.t(key as 'issue:tried-before-required') : undefined));
      focusFirstInvalid(this, '[part="level"]');
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
      this.concernDone(this.text.t('concernRaisedDone'));
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
      this.concernDone(this.text.t('concernDecidedDone'));
    }
    return result.ok;
  }

  override render(): TemplateResult {
    const w = this.words;
    if (!this.model) return html`<p>${w.t('noModel')}</p>`;
    if (!this.snapshot?.case) return html`<p>${w.t('noCase')}</p>`;
    return html`${this.renderLevel()}${this.renderDeadline()}`;
  }

  private renderLevel(): TemplateResult {
    const t = this.text;
    const w = this.words;
    const c = this.snapshot!.case!;
    const lm = w.levelModel;
    const levels = [...(lm?.levels ?? [])].sort((a, b) => a.rank - b.rank);
    const current = levels.find((l) => l.id === c.level);
    const target = levels.find((l) => l.id === this.levelDraft.level);
    const movingUp = !!target && !!current && target.rank > current.rank;
    const mayMove = this.can('case.setLevel') && levels.length > 0;
    const d = this.levelDraft;
    const err = (k: string) => !!this.errors[k];
    return html`
      <section class="block" part="level" aria-labelledby="h-level">
        <h3 id="h-level">${w.label(lm?.name) || c.levelModelId}</h3>
        ${statusLine(this.levelMessage)}
        <p class="current-level" data-level=${c.level ?? ''}>
          ${current ? t.t('levelNow', w.label(current.label), w.label(current.description)) : t.t('levelNone')}
        </p>
        <ol class="levels" aria-label=${t.t('levelListLabel', w.label(lm?.name) || c.levelModelId)}>
          ${levels.map((l) => html`<li class=${l.id === c.level ? 'is-current' : ''} aria-current=${l.id === c.level ? 'step' : nothing}>
            <span class="level-name">${w.label(l.label)}</span>
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
                ${levels.map((l) => html`<option value=${l.id} ?selected=${d.level === l.id}>${w.label(l.label)}: ${w.label(l.description)}</option>`)}
              </select>
              ${fieldError(this.errors, 'level')}
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
              ${fieldError(this.errors, 'triedBefore')}
            </div>
            ${formError(this.errors.form)}
            <button type="submit" class="primary" data-action="move-level">${t.t('levelMove')}</button>
          </form>` : nothing}
      </section>
    `;
  }

  private renderDeadline(): TemplateResult {
    const t = this.text;
    const snap = this.snapshot!;
    const days = this.words.levelModel?.decisionDeadlineDays ?? 14;
    const open = new Map(concernDeadlines(snap, new Date(), this.model!.levelModels).map((d) => [d.concern.id, d]));
    const mayEdit = this.can('case.raiseConcern');
    return html`
      <section class="block" part="deadline" aria-labelledby="h-deadline">
        <h3 id="h-deadline">${t.t('concernHeading')}</h3>
        ${statusLine(this.concernMessage)}
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
        ${formError(this.errors.concern)}
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
}
