import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { Action, Goal, Part } from '@samrad/model';
import { CaseText } from '../shared/case-text.js';
import { blockStyles, fieldError, focusFirstInvalid, formError, formStyles, issueErrors, statusLine } from '../shared/forms.js';
import { LocalizeController } from '../shared/localize.js';
import { SamradElement } from '../shared/samrad-element.js';
import { sharedStyles } from '../shared/styles.js';
import { messages } from './samrad-goals.messages.js';
import { goalsStyles } from './samrad-goals.styles.js';

interface GoalDraft { kind: 'effect' | 'result'; text: string; indicator: string; parentGoalId: string }

/**
 * The case's goals: effect goals (what should change for the child) with the result
 * goals under them (measurable, with an indicator), each with its actions and the
 * progress recorded at evaluations. Those the permission table allows add a goal.
 *
 * @tag samrad-goals
 * @summary Goals with their actions and the progress recorded at evaluations.
 *
 * @csspart goals - The goals section.
 */
export class SamradGoals extends SamradElement {
  static override properties: PropertyDeclarations = {
    ...SamradElement.properties,
    goalDraft: { state: true },
    errors: { state: true },
    message: { state: true },
  };

  static override styles = [...sharedStyles, blockStyles, formStyles, goalsStyles];

  static override parts: readonly Part[] = ['case', 'goals', 'actions'];

  declare private goalDraft: GoalDraft;
  declare private errors: Record<string, string>;
  declare private message: string;

  private readonly text = new LocalizeController(this, messages);
  private readonly words = new CaseText(this);

  constructor() {
    super();
    this.goalDraft = { kind: 'effect', text: '', indicator: '', parentGoalId: '' };
    this.errors = {};
    this.message = '';
  }

  /** Adds the goal drafted in the form. Returns its id, or undefined when refused. */
  addGoal(): string | undefined {
    const model = this.model;
    if (!model) return undefined;
    const d = this.goalDraft;
    if (!d.text.trim()) {
      this.errors = { goalText: this.text.t('error.goalText') };
      focusFirstInvalid(this, '[part="goals"]');
      return undefined;
    }
    const result = this.tryCommand(() => model.goals.add({
      kind: d.kind, text: d.text.trim(),
      ...(d.kind === 'result' ? { indicator: d.indicator.trim() || undefined, parentGoalId: d.parentGoalId || undefined } : {}),
    }));
    if (!result.ok) {
      const errors = issueErrors(result, (key) => (key in messages.nb ? this.text.t(key as 'issue:indicator-required') : undefined));
      if (errors.indicator) errors.goalIndicator = errors.indicator;
      if (errors.form) errors.goalForm = errors.form;
      delete errors.form;
      this.errors = errors;
      focusFirstInvalid(this, '[part="goals"]');
      return undefined;
    }
    this.goalDraft = { kind: d.kind, text: '', indicator: '', parentGoalId: d.parentGoalId };
    this.errors = {};
    this.message = this.text.t('goalAdded');
    this.announce(this.message);
    return result.value;
  }

  override render(): TemplateResult {
    const w = this.words;
    if (!this.model) return html`<p>${w.t('noModel')}</p>`;
    if (!this.snapshot?.case) return html`<p>${w.t('noCase')}</p>`;
    const t = this.text;
    const goals = this.snapshot.goals;
    const effect = goals.filter((g) => g.kind === 'effect');
    const ids = new Set(effect.map((g) => g.id));
    const loose = goals.filter((g) => g.kind === 'result' && (!g.parentGoalId || !ids.has(g.parentGoalId)));
    return html`
      <section class="block" part="goals" aria-labelledby="h-goals">
        <h3 id="h-goals">${t.t('goalsHeading')}</h3>
        ${statusLine(this.message)}
        ${goals.length === 0 ? html`<p class="muted">${t.t('noGoals')}</p>` : html`
          <ul class="goals">
            ${effect.map((g) => this.renderGoal(g, goals.filter((r) => r.kind === 'result' && r.parentGoalId === g.id)))}
            ${loose.map((g) => this.renderGoal(g, []))}
          </ul>`}
        ${this.can('goal.add') ? this.renderForm(effect) : nothing}
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
          <ul class="goal-actions">${actions.map((a) => this.renderAction(a))}</ul>` : html`<p class="muted">${t.t('noGoalActions')}</p>`}
        ${children.length ? html`<ul class="goals nested">${children.map((c) => this.renderGoal(c, []))}</ul>` : nothing}
      </li>
    `;
  }

  private renderAction(a: Action): TemplateResult {
    const t = this.text;
    return html`<li data-action-id=${a.id}>
      ${t.t('actionLine', a.title, t.t('status', a.status))}
      ${a.evaluations.length ? html`
        <ul class="progress" aria-label=${t.t('progressHeading')}>
          ${a.evaluations.map((e) => html`<li>${t.t('progressLine', t.date(e.at), this.words.t('effect', e.effect), e.progress)}</li>`)}
        </ul>` : html`<span class="muted"> – ${t.t('noProgress')}</span>`}
    </li>`;
  }

  private renderForm(effect: Goal[]): TemplateResult {
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
          ${fieldError(this.errors, 'goalText')}
        </div>
        ${d.kind === 'result' ? html`
          <div class="field">
            <label for="goal-indicator">${t.t('goalIndicator')}</label>
            <input id="goal-indicator" type="text" .value=${d.indicator} aria-required="true" aria-invalid=${invalid('goalIndicator')}
              aria-describedby=${this.errors.goalIndicator ? 'err-goalIndicator' : nothing}
              @input=${(e: Event) => set({ indicator: (e.target as HTMLInputElement).value })} />
            ${fieldError(this.errors, 'goalIndicator')}
          </div>
          <div class="field">
            <label for="goal-parent">${t.t('goalParent')}</label>
            <select id="goal-parent" @change=${(e: Event) => set({ parentGoalId: (e.target as HTMLSelectElement).value })}>
              <option value="" ?selected=${!d.parentGoalId}>${t.t('goalNoParent')}</option>
              ${effect.map((g) => html`<option value=${g.id} ?selected=${d.parentGoalId === g.id}>${g.text}</option>`)}
            </select>
          </div>` : nothing}
        ${formError(this.errors.goalForm)}
        <button type="submit" class="primary" data-action="add-goal">${t.t('goalAdd')}</button>
      </form>
    `;
  }
}
