import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { findTemplate, StateReport, type ReportCount, type ReportShare } from '@samrad/model';
import { LocalizeController } from '../shared/localize.js';
import { SamradElement } from '../shared/samrad-element.js';
import { saveFile } from '../shared/save-file.js';
import { sharedStyles, tableStyles } from '../shared/styles.js';
import { messages } from './samrad-report.messages.js';
import { reportStyles } from './samrad-report.styles.js';

/**
 * The figures for the yearly state report as a table: meetings, the child's voice,
 * actions evaluated on time, families and children who felt heard, level changes. The
 * host computes the report across the cases it may read (`stateReport()` in
 * `@samrad/model`) and sets it as the `report` property; this element shows it and offers
 * it as JSON. Small numbers arrive already hidden (null) and are shown as "fewer than 5".
 * A report that does not fit the schema is not shown but named unreadable.
 *
 * @tag samrad-report
 * @summary The anonymised state-report figures as a table, with a JSON download.
 *
 * @fires samrad-report-export - Before the JSON download; cancel it (`preventDefault()`) to store the file yourself. `detail`: `{ format: 'json', filename, content }`.
 *
 * @csspart base - The element's wrapper.
 * @csspart table - The table of figures.
 * @csspart download - The download button.
 *
 * @cssprop --samrad-heading-size - Size of the element's heading.
 */
export class SamradReport extends SamradElement {
  static override properties: PropertyDeclarations = {
    report: { attribute: false },
  };

  static override styles = [...sharedStyles, tableStyles, reportStyles];

  /** The report from `stateReport()`: a `StateReport`, or anything, which is then checked. */
  declare report: unknown;

  private readonly text = new LocalizeController(this, messages);

  /** The report when it fits the schema. */
  get parsed(): StateReport | undefined {
    const result = StateReport.safeParse(this.report);
    return result.success ? result.data : undefined;
  }

  /** Offers the report as a JSON file. Returns false when there is none or the host cancelled. */
  download(): boolean {
    const report = this.parsed;
    if (!report) return false;
    const content = `${JSON.stringify(report, null, 2)}\n`;
    const filename = `samrad-report-${report.period.from}-${report.period.to}.json`;
    const event = this.emit('report-export', { format: 'json', filename, content }, { cancelable: true });
    if (event.defaultPrevented) return false;
    saveFile(this.renderRoot, filename, content, 'application/json');
    this.announce(this.text.t('downloaded'));
    return true;
  }

  override render(): TemplateResult {
    const t = this.text;
    const report = this.parsed;
    return html`
      <section part="base" class="base" aria-labelledby="heading">
        <h2 id="heading">${t.t('heading')}</h2>
        ${this.report === undefined
          ? html`<p>${t.t('noReport')}</p>`
          : report
            ? this.renderReport(report)
            : html`<p class="unreadable" role="alert">${t.t('unreadable')}</p>`}
      </section>
    `;
  }

  private renderReport(r: StateReport): TemplateResult {
    const t = this.text;
    const day = (iso: string) => t.date(`${iso}T12:00:00Z`, { dateStyle: 'long', timeZone: 'UTC' });
    const templates = Object.entries(r.meetingsByTemplate);
    return html`
      <p class="period">${t.t('period', day(r.period.from), day(r.period.to))}</p>
      <p class="note">${t.t('note', r.suppressBelow)}</p>
      <div class="table-wrap">
        <table part="table">
          <caption id="caption">${t.t('caption')}</caption>
          <thead><tr>
            <th scope="col">${t.t('figure')}</th>
            <th scope="col">${t.t('count')}</th>
            <th scope="col">${t.t('share')}</th>
          </tr></thead>
          <tbody>
            ${this.countRow('cases', t.t('cases'), r.cases, r.suppressBelow)}
            ${this.countRow('meetings', t.t('meetings'), r.meetings, r.suppressBelow)}
            ${templates.map(([id, n]) => this.countRow(`template-${id}`, t.t('byTemplate', this.templateName(id)), n, r.suppressBelow, true))}
            ${this.shareRow('childVoice', t.t('childVoice'), r.childVoiceDocumented, r.suppressBelow)}
            ${this.shareRow('evaluatedOnTime', t.t('evaluatedOnTime'), r.actionsEvaluatedOnTime, r.suppressBelow)}
            ${this.shareRow('familiesHeard', t.t('familiesHeard'), r.familiesFeltHeard, r.suppressBelow)}
            ${this.shareRow('childrenHeard', t.t('childrenHeard'), r.childrenFeltHeard, r.suppressBelow)}
            <tr class="group" data-figure="levels"><th scope="row" colspan="3">${t.t('levels')}</th></tr>
            ${this.countRow('levelUp', t.t('levelUp'), r.levelChanges.up, r.suppressBelow, true)}
            ${this.countRow('levelDown', t.t('levelDown'), r.levelChanges.down, r.suppressBelow, true)}
            ${this.countRow('levelFirst', t.t('levelFirst'), r.levelChanges.firstPlacement, r.suppressBelow, true)}
          </tbody>
        </table>
      </div>
      <button type="button" part="download" @click=${() => this.download()}>${t.t('downloadJson')}</button>
    `;
  }

  private templateName(id: string): string {
    const name = findTemplate(id)?.name;
    return name ? (name[this.text.lang] ?? name.en) : id;
  }

  private count(n: ReportCount, k: number): TemplateResult {
    return n === null ? html`<span class="hidden-figure">${this.text.t('hidden', k)}</span>` : html`${this.text.number(n)}`;
  }

  private countRow(key: string, label: string, n: ReportCount, k: number, sub = false): TemplateResult {
    return html`<tr data-figure=${key}>
      <th scope="row" class=${sub ? 'sub' : nothing}>${label}</th>
      <td class="num" data-label=${this.text.t('count')}>${this.count(n, k)}</td>
      <td></td>
    </tr>`;
  }

  private shareRow(key: string, label: string, s: ReportShare, k: number): TemplateResult {
    const t = this.text;
    const share = s.of === 0
      ? t.t('noBase')
      : s.percent === null ? html`<span class="hidden-figure">${t.t('hiddenShare')}</span>` : t.t('percent', t.number(s.percent));
    // A hidden count may be large (hidden because the rest is small), so it is "hidden", not "fewer than 5".
    const count = s.of === null
      ? this.count(null, k)
      : html`${t.t('of', s.count === null ? t.t('hiddenShare') : t.number(s.count), t.number(s.of))}`;
    return html`<tr data-figure=${key}>
      <th scope="row">${label}</th>
      <td class="num" data-label=${t.t('count')}>${count}</td>
      <td class="num" data-label=${t.t('share')}>${share}</td>
    </tr>`;
  }
}
