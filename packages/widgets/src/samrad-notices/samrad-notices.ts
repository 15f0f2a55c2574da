import { css, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { NOTICE_KINDS, type NoticeKind, type Part } from '@samrad/model';
import { LocalizeController } from '../shared/localize.js';
import { SamradElement } from '../shared/samrad-element.js';
import { serverSource, type ServerSource } from '../shared/server-source.js';
import { sharedStyles, tableStyles } from '../shared/styles.js';
import { messages } from './samrad-notices.messages.js';

/** One notice as `GET /notices/<case>` reports it (never the text sent). */
export interface NoticeEntry {
  id: string;
  kind: string;
  recipient: { participantId: string; name: string | null };
  date: string;
  state: 'pending' | 'delivered' | 'undeliverable';
  attempts: number;
  createdAt: string;
  deliveredAt: string | null;
}

type State = 'idle' | 'loading' | 'ready' | 'error' | 'forbidden';

/**
 * @tag samrad-notices
 * @summary The notices the server has sent the case's people through the host's channels
 * (invitations, reminders, baton changes, consent running out, locked minutes), and what
 * became of each — delivered, retrying, or undeliverable because the person has no
 * channel, so the leader can reach them another way. For the meeting leader and the
 * coordinator (`GET /notices/<case>`); finds the server like `<samrad-access-log>`.
 *
 * @csspart base - The element's section.
 * @csspart undeliverable - The warning about notices that did not arrive.
 * @csspart table - The notices.
 */
export class SamradNotices extends SamradElement {
  static override styles = [...sharedStyles, tableStyles, css`
    .warning { border-inline-start: 4px solid var(--_danger); padding-inline-start: 0.75rem; font-weight: 600; }
    td.undeliverable { color: var(--_danger); font-weight: 600; }
  `];
  static override parts: readonly Part[] = ['participants'];
  static override properties: PropertyDeclarations = {
    ...SamradElement.properties,
    server: { type: String },
    caseId: { type: String, attribute: 'case' },
    token: { type: String },
    getToken: { attribute: false },
    fetcher: { attribute: false },
    state: { state: true },
    entries: { state: true },
  };

  declare server: string | undefined;
  declare caseId: string | undefined;
  declare token: string | undefined;
  declare getToken: (() => string | Promise<string>) | undefined;
  /** The `fetch` to use (tests); default the page's. */
  declare fetcher: typeof fetch | undefined;
  declare private state: State;
  declare private entries: NoticeEntry[];
  private readonly l = new LocalizeController(this, messages);
  private sourceKey = '';

  constructor() {
    super();
    this.state = 'idle';
    this.entries = [];
  }

  get status(): State {
    return this.state;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    queueMicrotask(() => this.maybeReload());
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('server') || changed.has('caseId') || changed.has('token') || changed.has('getToken')) queueMicrotask(() => this.maybeReload());
  }

  private source(): ServerSource | undefined {
    return serverSource(this, this);
  }

  private maybeReload(): void {
    const source = this.source();
    const key = source ? `${source.base}|${source.caseId}` : '';
    if (key !== this.sourceKey) void this.reload();
  }

  /** Fetches the notices again. */
  async reload(): Promise<void> {
    const source = this.source();
    this.sourceKey = source ? `${source.base}|${source.caseId}` : '';
    if (!source) {
      this.state = 'idle';
      return;
    }
    this.state = 'loading';
    try {
      const response = await (this.fetcher ?? fetch)(`${source.base}/notices/${encodeURIComponent(source.caseId)}`, {
        headers: { authorization: `Bearer ${await source.token()}` }, cache: 'no-store', credentials: 'omit',
      });
      if (response.status === 403) {
        this.state = 'forbidden';
        return;
      }
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as { notices?: NoticeEntry[] };
      this.entries = [...(body.notices ?? [])].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
      this.state = 'ready';
      const missing = this.entries.filter((e) => e.state === 'undeliverable').length;
      if (missing) this.announce(this.l.t('undeliverable', missing));
    } catch {
      this.state = 'error';
    }
  }

  private kindLabel(kind: string): string {
    return (NOTICE_KINDS as readonly string[]).includes(kind) ? this.l.t('kind', kind as NoticeKind) : kind;
  }

  private stateLabel(e: NoticeEntry): string {
    if (e.state === 'delivered') return this.l.t('delivered', e.deliveredAt ? this.l.dateTime(e.deliveredAt) : '');
    if (e.state === 'undeliverable') return this.l.t('noChannel');
    return this.l.t('pending', e.attempts);
  }

  override render(): TemplateResult {
    const t = this.l;
    // Only the leader and the coordinator are shown anything; the server refuses everyone else too.
    const role = this.model?.user.role;
    if (role && role !== 'leader' && role !== 'coordinator') return html``;
    const missing = this.entries.filter((e) => e.state === 'undeliverable').length;
    const names = new Map((this.snapshot?.participants ?? []).map((p) => [p.id, p.name]));
    return html`<section part="base" aria-labelledby="nt-heading" aria-busy=${this.state === 'loading' ? 'true' : 'false'}>
      <h2 id="nt-heading">${t.t('heading')}</h2>
      <p class="note">${t.t('intro')}</p>
      ${this.state === 'idle' ? html`<p class="muted">${t.t('needsServer')}</p>` : nothing}
      ${this.state === 'loading' ? html`<p class="muted">${t.t('loading')}</p>` : nothing}
      ${this.state === 'error' ? html`<p class="error" role="alert">${t.t('failed')}</p>` : nothing}
      ${this.state === 'forbidden' ? html`<p class="note">${t.t('forbidden')}</p>` : nothing}
      ${missing ? html`<p class="warning" part="undeliverable" role="note">${t.t('undeliverable', missing)}</p>` : nothing}
      ${this.state === 'ready' && this.entries.length === 0 ? html`<p class="muted">${t.t('none')}</p>` : nothing}
      ${this.entries.length ? html`<div class="table-wrap"><table part="table">
        <caption>${t.t('caption')}</caption>
        <thead><tr><th scope="col">${t.t('colWho')}</th><th scope="col">${t.t('colKind')}</th><th scope="col">${t.t('colDate')}</th><th scope="col">${t.t('colState')}</th></tr></thead>
        <tbody>${this.entries.map((e) => html`<tr data-notice=${e.id}>
          <td data-label=${t.t('colWho')}>${e.recipient.name ?? names.get(e.recipient.participantId) ?? e.recipient.participantId}</td>
          <td data-label=${t.t('colKind')}>${this.kindLabel(e.kind)}</td>
          <td data-label=${t.t('colDate')}>${t.date(e.date)}</td>
          <td data-label=${t.t('colState')} class=${e.state}>${this.stateLabel(e)}</td>
        </tr>`)}</tbody>
      </table></div>` : nothing}
      ${this.state !== 'idle' ? html`<button type="button" data-action="refresh" @click=${() => this.reload()}>${t.t('refresh')}</button>` : nothing}
    </section>`;
  }
}
