import { html, type PropertyDeclarations, type TemplateResult } from 'lit';
import { timeline, type Part, type TimelineEntry, type TimelineKind } from '@samrad/model';
import { CaseText } from '../shared/case-text.js';
import { blockStyles, formStyles } from '../shared/forms.js';
import { LocalizeController } from '../shared/localize.js';
import { SamradElement } from '../shared/samrad-element.js';
import { sharedStyles, tableStyles } from '../shared/styles.js';
import { messages } from './samrad-case-log.messages.js';
import { caseLogStyles } from './samrad-case-log.styles.js';

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

const KIND_ICON: Record<TimelineGroup, string> = { meetings: '▣', decisions: '✔', levels: '▲', consent: '✎', coordinator: '⇄', actions: '●' };

/**
 * The case across meetings, read-only: every decision of every meeting and forum in one
 * table, and the case log (stafettlogg) — meetings, decisions, levels and concerns,
 * consents, the coordinator baton, actions and evaluations — in time order, with a
 * filter per kind. Everyone on the case, the family included, reads it.
 *
 * @tag samrad-case-log
 * @summary Every decision across meetings, and the case log in time order with filters.
 *
 * @csspart decisions - The table of every decision.
 * @csspart timeline - The case log.
 */
export class SamradCaseLog extends SamradElement {
  static override properties: PropertyDeclarations = {
    ...SamradElement.properties,
    shown: { state: true },
  };

  static override styles = [...sharedStyles, tableStyles, blockStyles, formStyles, caseLogStyles];

  static override parts: readonly Part[] = ['case', 'participants', 'meetings', 'decisions', 'actions', 'consents', 'handovers', 'levelChanges', 'concerns'];

  /** Case-log groups shown (all by default). */
  declare private shown: ReadonlySet<TimelineGroup>;

  private readonly text = new LocalizeController(this, messages);
  private readonly words = new CaseText(this);

  constructor() {
    super();
    this.shown = new Set(GROUPS);
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

  override render(): TemplateResult {
    const w = this.words;
    if (!this.model) return html`<p>${w.t('noModel')}</p>`;
    if (!this.snapshot?.case) return html`<p>${w.t('noCase')}</p>`;
    return html`${this.renderDecisions()}${this.renderTimeline()}`;
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
                  <td data-label=${t.t('colForum')}>${d.forum || this.words.meetingName(m)}</td>
                  <td data-label=${t.t('colDecision')}>${d.text}</td>
                  <td data-label=${t.t('colBy')}>${t.t('decidedBy', d.decidedBy || this.words.t('someone'), d.authority)}</td>
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
    const w = this.words;
    const f = e.facts;
    const str = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(', ') : v ?? '');
    const meeting = () => w.meetingName(this.snapshot!.meetings.find((m) => m.id === e.ref || m.id === f.meetingId));
    switch (e.kind) {
      case 'concern-raised': return t.t('tl.concern-raised', str(f.note));
      case 'concern-decided': return t.t('tl.concern-decided', str(f.decision));
      case 'meeting-held': return t.t('tl.meeting-held', meeting(), str(f.purpose));
      case 'meeting-finalised': return t.t('tl.meeting-finalised', meeting(), str(f.by) || w.t('someone'));
      case 'decision': return t.t('tl.decision', str(f.forum) || meeting(), str(f.text));
      case 'level-change': {
        const moved = f.from ? t.t('tl.level-change', w.levelLabel(str(f.from)), w.levelLabel(str(f.to))) : t.t('tl.level-set', w.levelLabel(str(f.to)));
        return [moved, f.reason ? t.t('tl.reason', str(f.reason)) : '', f.triedBefore ? t.t('tl.tried', str(f.triedBefore)) : ''].filter(Boolean).join(' ');
      }
      case 'consent-recorded': return t.t('tl.consent-recorded', t.list(Array.isArray(f.givenBy) ? f.givenBy : [str(f.givenBy)]), w.services(f.services));
      case 'consent-withdrawn': {
        const line = t.t('tl.consent-withdrawn', str(f.by) || w.t('someone'), w.services(f.services));
        return f.reason ? `${line} ${t.t('tl.reason', str(f.reason))}` : line;
      }
      case 'handover-offered': return t.t('tl.handover-offered', w.personName(str(f.from) || undefined), w.personName(str(f.to)));
      case 'handover-accepted': return t.t('tl.handover-accepted', w.personName(str(f.from) || undefined), w.personName(str(f.to)));
      case 'handover-declined': return t.t('tl.handover-declined', w.personName(str(f.from) || undefined), w.personName(str(f.to)));
      case 'action-agreed': return t.t('tl.action-agreed', str(f.title));
      case 'action-evaluated': return t.t('tl.action-evaluated', str(f.title), w.t('effect', str(f.effect) as 'achieved'), t.t('evalDecision', str(f.decision) as 'continue'));
    }
  }
}
