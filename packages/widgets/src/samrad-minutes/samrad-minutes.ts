import { html, nothing, type PropertyDeclarations } from 'lit';
import { minutesView, toHtml, toIcs, toJson, toMarkdown, type Action, type ChangeInfo, type MeetingExport, type MinutesView } from '@samrad/model';
import { SamradElement } from '../shared/samrad-element.js';
import { saveFile } from '../shared/save-file.js';
import { LocalizeController } from '../shared/localize.js';
import { sharedStyles, tableStyles } from '../shared/styles.js';
import { styles } from './samrad-minutes.styles.js';
import { messages } from './samrad-minutes.messages.js';
import { vocabulary } from '../shared/vocabulary.js';

export type MinutesFormat = 'html' | 'markdown' | 'json' | 'ics';

const FILES: Record<MinutesFormat, { ext: string; type: string }> = {
  html: { ext: 'html', type: 'text/html;charset=utf-8' },
  markdown: { ext: 'md', type: 'text/markdown;charset=utf-8' },
  json: { ext: 'json', type: 'application/json' },
  ics: { ext: 'ics', type: 'text/calendar;charset=utf-8' },
};

/**
 * @tag samrad-minutes
 * @summary The minutes (referat) of the current meeting: what was decided, the action
 * plan and the child's voice. While the meeting runs they are the live record; once the
 * leader locks them, the server makes a locked version and this shows (and downloads)
 * that version, with the list of versions, whatever changes later in the case. The
 * leader or coordinator may reopen locked minutes for a correction, with a reason;
 * locking them again makes a new version. Anyone may download them as HTML, Markdown,
 * JSON or ICS.
 *
 * @csspart header - Title and the draft / finalised line.
 * @csspart state - The "draft" or "finalised by X at Y" line.
 * @csspart section - Each section of the minutes.
 * @csspart finalise - The finalise panel (leaders only).
 * @csspart notice - "The locked version is being made" and "a correction is under way".
 * @csspart versions - The list of locked versions.
 * @csspart correct - The "correct the minutes" panel (leaders and coordinators).
 * @csspart downloads - The download buttons.
 * @cssprop --samrad-color-success - Border of the finalised line.
 * @fires samrad-meeting-finalised - The user finalised the meeting. `detail`: `{ meetingId, finalisedAt, finalisedBy }`.
 * @fires samrad-minutes-correction - The user reopened locked minutes for a correction. `detail`: `{ meetingId, reason }`.
 * @fires samrad-minutes-print - Before printing the archive copy; cancel it to print it yourself. `detail`: `{ meetingId, content }` (the HTML).
 * @fires samrad-minutes-export - Before a download; cancel it (`preventDefault()`) to store the file yourself. `detail`: `{ meetingId, format, filename, content }`.
 */
export class SamradMinutes extends SamradElement {
  static override properties: PropertyDeclarations = {
    ...SamradElement.properties,
    confirming: { state: true },
    reason: { state: true },
    error: { state: true },
    correctingOpen: { state: true },
    correctReason: { state: true },
    correctError: { state: true },
  };
  static override styles = [sharedStyles, tableStyles, styles];

  declare private confirming: boolean;
  declare private reason: string;
  declare private error: string;
  declare private correctingOpen: boolean;
  declare private correctReason: string;
  declare private correctError: string;

  private readonly text = new LocalizeController(this, messages);
  private readonly words = new LocalizeController(this, vocabulary);
  private wasFinalised: boolean | undefined;

  constructor() {
    super();
    this.confirming = false;
    this.reason = '';
    this.error = '';
    this.correctingOpen = false;
    this.correctReason = '';
    this.correctError = '';
  }

  protected override remoteChanged(_info: ChangeInfo): void {
    const m = this.currentMeeting;
    if (m?.state === 'finalised' && this.wasFinalised === false) {
      this.confirming = false;
      this.announce(this.text.t('finalisedAnnouncement', m.finalisedByName ?? m.finalisedBy ?? ''));
    }
  }

  /** What the minutes are: the latest locked version (with every version), or the live record before one exists. */
  get view(): MinutesView | undefined {
    const snapshot = this.snapshot;
    const id = this.meetingId;
    if (!snapshot || !id || !snapshot.meetings.some((m) => m.id === id)) return undefined;
    return minutesView(snapshot, id);
  }

  /** The meeting's export (the same data the downloads hold), or undefined. */
  get exported(): MeetingExport | undefined {
    return this.view?.export;
  }

  /** Builds a download (no network: a Blob and an object URL). Returns false when the host cancelled it. */
  download(format: MinutesFormat): boolean {
    const exp = this.exported;
    if (!exp) return false;
    const lang = this.text.lang;
    const content = format === 'html' ? toHtml(exp, lang) : format === 'markdown' ? toMarkdown(exp, lang) : format === 'json' ? toJson(exp) : toIcs(exp, lang);
    const filename = `${this.text.t('fileStem')}-${exp.meeting.date.slice(0, 10)}.${FILES[format].ext}`;
    const event = this.emit('minutes-export', { meetingId: exp.meeting.id, format, filename, content }, { cancelable: true });
    if (event.defaultPrevented) return false;
    saveFile(this.renderRoot, filename, content, FILES[format].type);
    this.announce(this.text.t('downloaded', format.toUpperCase()));
    return true;
  }

  /**
   * Prints the minutes as their archive copy — the HTML export with its print stylesheet
   * (A4, a header with case, meeting, date and version on every page, no controls) — from
   * a hidden frame, so the browser's "Save as PDF" gives a clean PDF. Fires
   * `samrad-minutes-print` first (cancelable; `detail.content` is the HTML).
   */
  print(): boolean {
    const exp = this.exported;
    if (!exp) return false;
    const content = toHtml(exp, this.text.lang);
    const event = this.emit('minutes-print', { meetingId: exp.meeting.id, content }, { cancelable: true });
    if (event.defaultPrevented) return false;
    const frame = document.createElement('iframe');
    frame.setAttribute('aria-hidden', 'true');
    frame.setAttribute('tabindex', '-1');
    frame.style.cssText = 'position:fixed;width:0;height:0;border:0;visibility:hidden';
    frame.srcdoc = content;
    frame.addEventListener('load', () => {
      frame.contentWindow?.addEventListener('afterprint', () => frame.remove(), { once: true });
      frame.contentWindow?.print();
    }, { once: true });
    this.renderRoot.appendChild(frame);
    this.announce(this.text.t('printing'));
    return true;
  }

  private startFinalise(): void {
    this.error = '';
    this.confirming = true;
    void this.updateComplete.then(() => (this.renderRoot.querySelector('#no-decision, #confirm-finalise') as HTMLElement | null)?.focus());
  }

  private confirmFinalise(): void {
    const m = this.currentMeeting;
    if (!m || !this.model) return;
    const hasDecision = this.snapshot!.decisions.some((d) => d.meetingId === m.id);
    if (!hasDecision && !this.reason.trim()) {
      this.error = this.sharedText.t('issue:decision-or-reason-required');
      (this.renderRoot.querySelector('#no-decision') as HTMLElement | null)?.focus();
      return;
    }
    const model = this.model;
    const result = this.tryCommand(() => model.meetings.finalise(m.id, hasDecision ? undefined : this.reason.trim()));
    if (!result.ok) {
      this.error = result.message;
      return;
    }
    this.confirming = false;
    this.reason = '';
    const done = model.snapshot().meetings.find((x) => x.id === m.id);
    this.emit('meeting-finalised', { meetingId: m.id, finalisedAt: done?.finalisedAt, finalisedBy: done?.finalisedBy });
    this.announce(this.text.t('finalisedAnnouncement', done?.finalisedByName ?? model.user.name));
    // The lock step is gone with the pressed button: focus goes to the locked minutes' heading.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#minutes-title')?.focus());
  }

  private startCorrect(): void {
    this.correctError = '';
    this.correctingOpen = true;
    void this.updateComplete.then(() => (this.renderRoot.querySelector('#correct-reason') as HTMLElement | null)?.focus());
  }

  private cancelCorrect(): void {
    this.correctingOpen = false;
    this.correctError = '';
    void this.updateComplete.then(() => (this.renderRoot.querySelector('#correct') as HTMLElement | null)?.focus());
  }

  private confirmCorrect(): void {
    const m = this.currentMeeting;
    if (!m || !this.model) return;
    const reason = this.correctReason.trim();
    if (!reason) {
      this.correctError = this.text.t('correctReasonRequired');
      (this.renderRoot.querySelector('#correct-reason') as HTMLElement | null)?.focus();
      return;
    }
    const model = this.model;
    const result = this.tryCommand(() => model.meetings.correct(m.id, reason));
    if (!result.ok) {
      this.correctError = result.message;
      return;
    }
    this.correctingOpen = false;
    this.correctReason = '';
    this.emit('minutes-correction', { meetingId: m.id, reason });
    this.announce(this.text.t('correctionAnnouncement', reason));
  }

  override render() {
    const t = this.text;
    if (!this.model) return html`<p class="muted">${this.sharedText.t('noModel')}</p>`;
    const view = this.view;
    if (!view) return html`<p class="muted">${this.sharedText.t('noMeeting')}</p>`;
    const exp = view.export;
    const m = exp.meeting;
    this.wasFinalised = this.currentMeeting?.state === 'finalised';
    const latest = view.latest;
    const name = (id?: string) => exp.participants.find((p) => p.id === id)?.name ?? '';
    const itemsWithContent = exp.agenda;
    return html`
      <article aria-labelledby="minutes-title">
        <header part="header">
          <h2 id="minutes-title" tabindex="-1">${t.t('heading')}: ${m.title ?? ''} ${t.date(m.date)}</h2>
          <p class="state ${latest || m.state === 'finalised' ? 'finalised' : ''}" part="state">
            ${latest
              ? html`${t.t('finalisedBy', latest.lockedByName || latest.lockedBy, t.dateTime(latest.lockedAt))} ${t.t('lockedNote')} ${t.t('showingVersion', latest.version)}`
              : m.state === 'finalised'
                ? t.t('finalisedBy', m.finalisedByName ?? m.finalisedBy ?? t.t('unknown'), t.dateTime(m.finalisedAt))
                : t.t('draft')}
          </p>
          ${view.correcting ? html`<p class="note correcting" part="notice" role="status">${t.t('correcting', view.correcting.reason, view.correcting.byName || view.correcting.by, t.dateTime(view.correcting.at))}</p>` : nothing}
          ${view.pending ? html`<p class="note" part="notice" role="status">${t.t('pending')}</p>` : nothing}
          <dl>
            <dt>${t.t('purpose')}</dt><dd>${m.purpose}</dd>
            <dt>${t.t('time')}</dt><dd>${t.dateTime(m.date)}</dd>
            ${m.place ? html`<dt>${t.t('place')}</dt><dd>${m.place}</dd>` : nothing}
            ${m.leaderId ? html`<dt>${t.t('leader')}</dt><dd>${name(m.leaderId)}</dd>` : nothing}
            ${m.minuteTakerId ? html`<dt>${t.t('minuteTaker')}</dt><dd>${name(m.minuteTakerId)}</dd>` : nothing}
          </dl>
        </header>

        <section part="section" aria-labelledby="s-participants">
          <h3 id="s-participants">${t.t('participants')}</h3>
          <ul>
            ${exp.participants.map((p) => html`<li>${p.name} — ${this.words.t('role', p.role)}${p.service ? `, ${this.words.t('service', p.service)}` : ''} — ${this.words.t('attendance', p.attendance)}${p.interpreterNeeded ? ` — ${t.t('interpreter')}` : ''}</li>`)}
          </ul>
        </section>

        <section part="section" aria-labelledby="s-agenda">
          <h3 id="s-agenda">${t.t('agenda')}</h3>
          <ol>
            ${itemsWithContent.map((a) => html`<li>
              <strong>${a.title}</strong>
              ${a.notes ? html`<div><span class="muted">${t.t('notes')}:</span> ${a.notes}</div>` : nothing}
              ${a.decisions ? html`<div><span class="muted">${t.t('itemDecisions')}:</span> ${a.decisions}</div>` : nothing}
            </li>`)}
          </ol>
        </section>

        ${exp.childVoice.length ? html`<section part="section" aria-labelledby="s-voice">
          <h3 id="s-voice">${t.t('childVoice')}</h3>
          ${exp.childVoice.map((v) => html`${v.quotes.map((q) => html`<blockquote><span class="visually-hidden">${t.t('childSaid')}: </span>«${q}»</blockquote>`)}
            ${v.participation === 'not-heard' && v.notHeardReason ? html`<p>${v.notHeardReason}</p>` : nothing}`)}
        </section>` : nothing}

        ${exp.assessment?.content.conclusion ? html`<section part="section" aria-labelledby="s-assessment">
          <h3 id="s-assessment">${t.t('assessment')}</h3>
          <p><strong>${t.t('conclusion')}:</strong> ${exp.assessment.content.conclusion}</p>
        </section>` : nothing}

        <section part="section" aria-labelledby="s-decisions">
          <h3 id="s-decisions">${t.t('decisions')}</h3>
          ${exp.decisions.length
            ? html`<ul>${exp.decisions.map((d) => html`<li>${d.text}${d.decidedBy ? html` <span class="muted">(${d.decidedBy})</span>` : nothing}</li>`)}</ul>`
            : html`<p>${m.noDecisionReason ? t.t('noDecisionReason', m.noDecisionReason) : t.t('noDecisionYet')}</p>`}
        </section>

        ${this.renderDissent(exp)}

        <section part="section" aria-labelledby="s-actions">
          <h3 id="s-actions">${t.t('actionPlan')}</h3>
          ${exp.actions.length ? html`<div class="table-wrap"><table>
            <thead><tr>
              <th scope="col">${t.t('action')}</th><th scope="col">${t.t('owner')}</th><th scope="col">${t.t('deadline')}</th>
              <th scope="col">${t.t('evaluationDate')}</th><th scope="col">${t.t('status')}</th>
            </tr></thead>
            <tbody>${exp.actions.map((a) => html`<tr>
              <th scope="row">${a.title}</th><td data-label=${t.t('owner')}>${this.ownerText(exp, a)}</td><td data-label=${t.t('deadline')}>${this.scheduleText(a)}</td>
              <td data-label=${t.t('evaluationDate')}>${t.date(a.evaluationDate)}</td><td data-label=${t.t('status')}>${t.t('actionStatus', a.status)}</td>
            </tr>`)}</tbody>
          </table></div>` : html`<p>${t.t('noActions')}</p>`}
        </section>

        ${m.nextMeetingDate ? html`<section part="section" aria-labelledby="s-next">
          <h3 id="s-next">${t.t('nextMeeting')}</h3><p>${t.dateTime(m.nextMeetingDate)}</p>
        </section>` : nothing}
      </article>

      ${this.renderVersions(view)}
      ${this.renderCorrect()}
      ${this.renderFinalise()}

      <section part="downloads" aria-labelledby="s-downloads">
        <h3 id="s-downloads">${t.t('downloads')}</h3>
        <div class="downloads">
          ${(['html', 'markdown', 'json', 'ics'] as const).map((f) => html`<button type="button" data-format=${f}
            aria-label=${t.t('downloadLabel', this.formatName(f))} @click=${() => this.download(f)}>${this.formatName(f)}</button>`)}
          <button type="button" data-action="print" @click=${() => this.print()}>${t.t('print')}</button>
        </div>
      </section>
    `;
  }

  private renderDissent(exp: MeetingExport) {
    const dissent = exp.comments.filter((c) => c.kind === 'dissent');
    if (!dissent.length) return nothing;
    return html`<section part="section" aria-labelledby="s-dissent">
      <h3 id="s-dissent">${this.text.t('dissent')}</h3>
      <ul>${dissent.map((d) => html`<li><strong>${d.authorName}</strong> (${this.words.t('role', d.authorRole)}): ${d.text}</li>`)}</ul>
    </section>`;
  }

  private renderVersions(view: MinutesView) {
    if (view.versions.length === 0) return nothing;
    const t = this.text;
    return html`<section part="versions" aria-labelledby="s-versions">
      <h3 id="s-versions">${t.t('versionsHeading')}</h3>
      <ol class="versions">${view.versions.map((v) => html`<li>${v.reason
        ? t.t('versionCorrectionLine', v.version, v.reason, v.lockedByName || v.lockedBy, t.dateTime(v.lockedAt))
        : t.t('versionLine', v.version, v.lockedByName || v.lockedBy, t.dateTime(v.lockedAt))}
        <span class="muted hash" title="SHA-256">SHA-256 ${v.sha256.slice(0, 12)}…</span></li>`)}</ol>
    </section>`;
  }

  /** "Correct the minutes" with a required reason: leaders and coordinators, on finalised minutes. */
  private renderCorrect() {
    const t = this.text;
    if (this.currentMeeting?.state !== 'finalised' || !this.can('meeting.correct')) return nothing;
    if (!this.correctingOpen) {
      return html`<div class="finalise" part="correct"><button type="button" id="correct" @click=${this.startCorrect}>${t.t('correct')}</button></div>`;
    }
    return html`<div class="finalise" part="correct" role="group" aria-labelledby="correct-heading">
      <h3 id="correct-heading">${t.t('correct')}</h3>
      <p id="correct-intro">${t.t('correctIntro')}</p>
      <div class="field">
        <label for="correct-reason">${t.t('correctReasonLabel')}</label>
        <textarea id="correct-reason" name="correctionReason" required aria-describedby="correct-intro${this.correctError ? ' correct-error' : ''}"
          aria-invalid=${this.correctError ? 'true' : 'false'} .value=${this.correctReason}
          @input=${(e: Event) => { this.correctReason = (e.target as HTMLTextAreaElement).value; }}></textarea>
      </div>
      ${this.correctError ? html`<p class="error" id="correct-error" role="alert">${this.correctError}</p>` : nothing}
      <div class="row">
        <button type="button" class="primary" id="confirm-correct" @click=${this.confirmCorrect}>${t.t('confirmCorrect')}</button>
        <button type="button" id="cancel-correct" @click=${this.cancelCorrect}>${t.t('cancel')}</button>
      </div>
    </div>`;
  }

  private formatName(f: MinutesFormat): string {
    const t = this.text;
    return f === 'html' ? t.t('downloadHtml') : f === 'markdown' ? t.t('downloadMarkdown') : f === 'json' ? t.t('downloadJson') : t.t('downloadIcs');
  }

  private renderFinalise() {
    const t = this.text;
    if (this.locked) return nothing;
    if (!this.can('meeting.finalise')) {
      return this.model?.user.role === 'professional' ? html`<p class="note" part="finalise">${t.t('finaliseNotAllowed')}</p>` : nothing;
    }
    const m = this.currentMeeting!;
    const hasDecision = this.snapshot!.decisions.some((d) => d.meetingId === m.id);
    if (!this.confirming) {
      return html`<div class="finalise" part="finalise"><button type="button" class="primary" id="finalise" @click=${this.startFinalise}>${t.t('finalise')}</button></div>`;
    }
    return html`<div class="finalise" part="finalise" role="group" aria-labelledby="finalise-heading">
      <h3 id="finalise-heading">${t.t('finalise')}</h3>
      <p>${t.t('finaliseIntro')}</p>
      ${hasDecision ? nothing : html`<div class="field">
        <label for="no-decision">${t.t('noDecisionLabel')}</label>
        <span class="note" id="no-decision-help">${t.t('noDecisionHelp')}</span>
        <textarea id="no-decision" name="noDecisionReason" required aria-describedby="no-decision-help${this.error ? ' finalise-error' : ''}"
          aria-invalid=${this.error ? 'true' : 'false'} .value=${this.reason} @input=${(e: Event) => { this.reason = (e.target as HTMLTextAreaElement).value; }}></textarea>
      </div>`}
      ${this.error ? html`<p class="error" id="finalise-error" role="alert">${this.error}</p>` : nothing}
      <div class="row">
        <button type="button" class="primary" id="confirm-finalise" @click=${this.confirmFinalise}>${t.t('confirmFinalise')}</button>
        <button type="button" id="cancel-finalise" @click=${() => { this.confirming = false; this.error = ''; void this.updateComplete.then(() => (this.renderRoot.querySelector('#finalise') as HTMLElement | null)?.focus()); }}>${t.t('cancel')}</button>
      </div>
    </div>`;
  }

  private ownerText(exp: MeetingExport, a: Action): string {
    const t = this.text;
    const o = a.owner;
    if (o.kind === 'participant') return exp.participants.find((p) => p.id === o.participantId)?.name ?? t.t('unknown');
    if (o.kind === 'service') return this.words.t('service', o.service);
    if (o.kind === 'parent') return t.t('ownerParent');
    return t.t('ownerChild');
  }

  private scheduleText(a: Action): string {
    const t = this.text;
    if (a.schedule.kind === 'deadline') return t.date(a.schedule.date);
    if (a.schedule.kind === 'recurring') return t.t('recurring', a.schedule.rule);
    return t.t('ongoing');
  }
}
