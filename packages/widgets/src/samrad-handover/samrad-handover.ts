import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { Handover, Part } from '@samrad/model';
import { CaseText } from '../shared/case-text.js';
import { blockStyles, fieldError, focusFirstInvalid, formError, formStyles, statusLine } from '../shared/forms.js';
import { LocalizeController } from '../shared/localize.js';
import { SamradElement } from '../shared/samrad-element.js';
import { sharedStyles } from '../shared/styles.js';
import { messages } from './samrad-handover.messages.js';
import { handoverStyles } from './samrad-handover.styles.js';

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

interface OfferDraft { to: string; note: string }

/**
 * Who holds the coordinator baton (stafettholder) in the case, and handing it on: the
 * holder (or a leader) offers it to another professional, who accepts or declines; until
 * accepted, the old coordinator keeps it. Without a coordinator, the first one is appointed.
 * A change made here, in another widget or by another person reaches the host as a
 * `samrad-handover` event and screen-reader users as one announcement.
 *
 * @tag samrad-handover
 * @summary The coordinator baton: who holds it, and offering, accepting, declining or withdrawing it.
 *
 * @fires samrad-handover - The coordinator baton was offered, accepted, declined, withdrawn or appointed — also when another person did it. `detail: { handoverId?: string, from?: string, to?: string, state: 'offered' | 'accepted' | 'declined' | 'cancelled' | 'appointed' }` (participant ids).
 *
 * @csspart coordinator - The coordinator (baton) section.
 */
export class SamradHandover extends SamradElement {
  static override properties: PropertyDeclarations = {
    ...SamradElement.properties,
    offerDraft: { state: true },
    errors: { state: true },
    message: { state: true },
  };

  static override styles = [...sharedStyles, blockStyles, formStyles, handoverStyles];

  static override parts: readonly Part[] = ['case', 'participants', 'handovers'];

  declare private offerDraft: OfferDraft;
  declare private errors: Record<string, string>;
  declare private message: string;

  private readonly text = new LocalizeController(this, messages);
  private readonly words = new CaseText(this);

  // What the view last saw, to tell the host (and screen-reader users) when the baton changes.
  private seen: { model: unknown; handovers: Map<string, string>; coordinator: string | undefined } | undefined;

  constructor() {
    super();
    this.offerDraft = { to: '', note: '' };
    this.errors = {};
    this.message = '';
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.noticeChanges();
  }

  /**
   * Compares the baton with what the view last saw. Runs before each render, so a change
   * made here, in another widget or by another person reaches the host as one
   * `samrad-handover` event and screen-reader users as one announcement.
   */
  private noticeChanges(): void {
    const snap = this.snapshot;
    if (!snap) return;
    const now = {
      model: this.model,
      handovers: new Map(snap.handovers.map((h) => [h.id, h.state])),
      coordinator: snap.case?.coordinatorId,
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
      const to = this.words.personName(e.to);
      switch (e.state) {
        case 'offered': said.push(t.t('offered', to)); break;
        case 'accepted': said.push(t.t('accepted', to)); break;
        case 'declined': said.push(t.t('declined', to, this.words.personName(now.coordinator))); break;
        case 'cancelled': said.push(t.t('cancelled')); break;
        case 'appointed': said.push(t.t('appointed', to)); break;
      }
    }
    if (said.length) {
      this.message = said.join(' ');
      this.announce(this.message);
    }
  }

  /** Offers the baton to a participant (or appoints the first coordinator). Returns false when refused. */
  offer(toParticipantId: string, note = ''): boolean {
    const model = this.model;
    if (!model) return false;
    if (!toParticipantId) {
      this.errors = { offerTo: this.text.t('error.choosePerson') };
      focusFirstInvalid(this, '[part="coordinator"]');
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

  /** Withdraws a pending offer. */
  cancelOffer(handoverId: string): boolean {
    const model = this.model;
    if (!model) return false;
    const result = this.tryCommand(() => model.handovers.cancel(handoverId));
    if (!result.ok) this.errors = { answer: result.message };
    else this.errors = {};
    return result.ok;
  }

  override render(): TemplateResult {
    const w = this.words;
    if (!this.model) return html`<p>${w.t('noModel')}</p>`;
    const snap = this.snapshot;
    if (!snap?.case) return html`<p>${w.t('noCase')}</p>`;
    const t = this.text;
    const holderId = snap.case.coordinatorId;
    const holder = w.participant(holderId);
    const pending = snap.handovers.filter((h) => h.state === 'offered').at(-1);
    const mayAnswer = pending && this.can('handover.answer', pending);
    const mayCancel = pending && this.can('handover.offer', pending);
    const mayOffer = !pending && (holderId ? this.can('handover.offer', { fromParticipantId: holderId }) : this.can('case.setup'));
    return html`
      <section class="block" part="coordinator" aria-labelledby="h-coordinator">
        <h3 id="h-coordinator">${t.t('coordinatorHeading')}</h3>
        ${statusLine(this.message)}
        <p class="holder" data-holder=${holderId ?? ''}>
          <span aria-hidden="true">⇄</span>
          ${holder ? t.t('coordinatorNow', w.personLabel(holder)) : t.t('noCoordinator')}
        </p>
        ${pending ? html`
          <div class="pending" data-handover=${pending.id}>
            <p>${holderId
              ? t.t('pendingOffer', w.personName(pending.fromParticipantId ?? holderId), w.personName(pending.toParticipantId), t.date(pending.offeredAt))
              : t.t('pendingOfferNoHolder', w.personName(pending.toParticipantId), t.date(pending.offeredAt))}</p>
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
            ${formError(this.errors.answer)}
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
            ${candidates.map((p) => html`<option value=${p.id} ?selected=${d.to === p.id}>${this.words.personLabel(p)}</option>`)}
          </select>
          ${fieldError(this.errors, 'offerTo')}
        </div>
        ${holderId ? html`<div class="field">
          <label for="offer-note">${t.t('offerNoteLabel')}</label>
          <textarea id="offer-note" .value=${d.note} @input=${(e: Event) => { this.offerDraft = { ...this.offerDraft, note: (e.target as HTMLTextAreaElement).value }; }}></textarea>
        </div>` : nothing}
        ${formError(this.errors.offer)}
        <button type="submit" class="primary" data-action="offer">${holderId ? t.t('offer') : t.t('appoint')}</button>
      </form>
    `;
  }
}
