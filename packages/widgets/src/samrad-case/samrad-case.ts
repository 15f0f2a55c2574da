import { html, nothing, type TemplateResult } from 'lit';
import type { Part, TimelineEntry } from '@samrad/model';
import { CaseText } from '../shared/case-text.js';
import { LocalizeController } from '../shared/localize.js';
import { SamradElement } from '../shared/samrad-element.js';
import { sharedStyles } from '../shared/styles.js';
import type { SamradCaseLog, TimelineGroup } from '../samrad-case-log/samrad-case-log.js';
import type { SamradGoals } from '../samrad-goals/samrad-goals.js';
import type { SamradHandover } from '../samrad-handover/samrad-handover.js';
import type { SamradLevel } from '../samrad-level/samrad-level.js';
import type { SamradWelfareReport } from '../samrad-welfare-report/samrad-welfare-report.js';
import { messages } from './samrad-case.messages.js';
import { caseStyles } from './samrad-case.styles.js';

export { TIMELINE_GROUPS, type TimelineGroup } from '../samrad-case-log/samrad-case-log.js';
export type { HandoverDetail } from '../samrad-handover/samrad-handover.js';

/**
 * The case across meetings — the digital stafettlogg the family can read. Composes the
 * focused case elements in its shadow root and hands them its model:
 * `<samrad-handover>` (who holds the coordinator baton, and offering, accepting or
 * declining it: until accepted, the old coordinator keeps it), `<samrad-level>` (the
 * case's level in the municipality's level model, with a form to move it — moving up
 * asks what was tried at lower levels, and for how long — and the decision deadline
 * after each concern counted in days), `<samrad-welfare-report>` (reports of concern sent
 * to the child-welfare service and their answers; under the safety exception the record
 * is stored where the guardians never receive it), `<samrad-goals>` (the goals with
 * their actions and the progress recorded at evaluations) and `<samrad-case-log>` (every
 * decision of every meeting and forum in one list, and the case log in time order with
 * filters). Parents, the child and observers read; edit controls follow the permission
 * table. Use the focused elements on their own to show one part of the case.
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
  static override styles = [...sharedStyles, caseStyles];

  // Every part the composed elements show: the case shows the notice of unreadable entries
  // for all of them (the inner elements leave it to the case).
  static override parts: readonly Part[] = ['case', 'participants', 'meetings', 'decisions', 'goals', 'actions', 'consents', 'handovers', 'levelChanges', 'concerns', 'welfareReports', 'restrictedWelfareReports'];

  private readonly text = new LocalizeController(this, messages);
  private readonly words = new CaseText(this);

  private inner<E extends Element>(tag: string): E | undefined {
    return this.renderRoot.querySelector<E>(tag) ?? undefined;
  }

  /** The case log entries of the groups shown. */
  get entries(): TimelineEntry[] {
    return this.inner<SamradCaseLog>('samrad-case-log')?.entries ?? [];
  }

  /** Shows or hides a group of the case log. */
  setFilter(group: TimelineGroup, on: boolean): void {
    this.inner<SamradCaseLog>('samrad-case-log')?.setFilter(group, on);
  }

  /** Offers the baton to a participant (or appoints the first coordinator). Returns false when refused. */
  offer(toParticipantId: string, note = ''): boolean {
    return this.inner<SamradHandover>('samrad-handover')?.offer(toParticipantId, note) ?? false;
  }

  /** Accepts or declines the pending offer made to this user. */
  answer(handoverId: string, accept: boolean): boolean {
    return this.inner<SamradHandover>('samrad-handover')?.answer(handoverId, accept) ?? false;
  }

  /** Withdraws a pending offer. */
  cancelOffer(handoverId: string): boolean {
    return this.inner<SamradHandover>('samrad-handover')?.cancelOffer(handoverId) ?? false;
  }

  /** Moves the case to `level`. Moving up needs `triedBefore`. */
  moveLevel(level: string, details: { reason?: string; triedBefore?: string } = {}): boolean {
    return this.inner<SamradLevel>('samrad-level')?.moveLevel(level, details) ?? false;
  }

  /** Registers a new concern (earlier ones and their decisions stay). Returns false when refused. */
  raiseConcern(note = ''): boolean {
    return this.inner<SamradLevel>('samrad-level')?.raiseConcern(note) ?? false;
  }

  /** Records the decision on a concern (the one due soonest when `concernId` is omitted). */
  concernDecided(concernId?: string, decision?: string): boolean {
    return this.inner<SamradLevel>('samrad-level')?.concernDecided(concernId, decision) ?? false;
  }

  /** Records the report of concern drafted in the form as sent to the child-welfare service. Returns its id, or undefined when refused. */
  sendWelfareReport(): string | undefined {
    return this.inner<SamradWelfareReport>('samrad-welfare-report')?.sendWelfareReport();
  }

  /** Adds the child-welfare service's answer (date and text) to a sent report, once. */
  answerWelfareReport(reportId: string): boolean {
    return this.inner<SamradWelfareReport>('samrad-welfare-report')?.answerWelfareReport(reportId) ?? false;
  }

  /** Adds the goal drafted in the form. Returns its id, or undefined when refused. */
  addGoal(): string | undefined {
    return this.inner<SamradGoals>('samrad-goals')?.addGoal();
  }

  override render(): TemplateResult {
    const t = this.text;
    const model = this.model;
    if (!model) return html`<p part="base">${this.words.t('noModel')}</p>`;
    const c = this.snapshot?.case;
    if (!c) return html`<p part="base">${this.words.t('noCase')}</p>`;
    const family = ['parent', 'child', 'observer'].includes(model.user.role);
    return html`
      <section part="base" aria-labelledby="heading">
        <h2 id="heading">${c.anonymous ? t.t('heading') : t.t('headingChild', c.child.name)}</h2>
        <p class="note">${t.t('familyNote')}</p>
        ${family ? html`<p class="note">${t.t('readOnlyNote')}</p>` : nothing}
        <div class="overview">
          <samrad-handover exportparts="coordinator" .model=${model}></samrad-handover>
          <samrad-level exportparts="level, deadline" .model=${model}></samrad-level>
        </div>
        <samrad-welfare-report exportparts="welfare" .model=${model}></samrad-welfare-report>
        <samrad-goals exportparts="goals" .model=${model}></samrad-goals>
        <samrad-case-log exportparts="decisions, timeline" .model=${model}></samrad-case-log>
      </section>
    `;
  }
}
