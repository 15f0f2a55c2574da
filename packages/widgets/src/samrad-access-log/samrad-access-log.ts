import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { AccessLogEntry, Role, Service } from '@samrad/model';
import { LocalizeController } from '../shared/localize.js';
import { SamradElement } from '../shared/samrad-element.js';
import { httpBase, serverSource, type ServerSource } from '../shared/server-source.js';
import { sharedStyles, tableStyles } from '../shared/styles.js';
import { vocabulary } from '../shared/vocabulary.js';
import { messages } from './samrad-access-log.messages.js';
import { accessLogStyles } from './samrad-access-log.styles.js';

export type { AccessLogEntry };

/** Why loading failed, in the words the element shows. */
export type AccessLogError = 'unauthorized' | 'forbidden' | 'tooMany' | 'failed';

type State = 'idle' | 'loading' | 'ready' | 'error';

type Source = ServerSource;

const ROLES: readonly string[] = ['leader', 'coordinator', 'professional', 'parent', 'child', 'observer'];

export { httpBase };

/**
 * Who has opened the case: every opening of the case's documents, newest first, as the
 * server's audit log recorded it (`GET /access-log/<caseId>`) — who, their role and
 * service, which part of the case, and when. For the family (guardians), the coordinator
 * and the meeting leader; the server refuses everyone else, and the element says so.
 *
 * Give it `server`, `case` and `token` (the same values `<samrad-meeting>` takes), or put
 * it inside a `<samrad-meeting>` and it uses that element's. `server` may be the websocket
 * URL (`wss://host`, the HTTP address is derived) or the server's HTTP address.
 *
 * @tag samrad-access-log
 * @summary Who has opened the case: an accessible table loaded from the server, with paging.
 *
 * @fires samrad-access-log-load - A page was loaded. `detail`: `{ entries, more }` (all entries shown so far).
 * @fires samrad-access-log-error - Loading failed. `detail`: `{ reason: 'unauthorized' | 'forbidden' | 'tooMany' | 'failed', status? }`.
 *
 * @csspart base - The element's wrapper.
 * @csspart table - The table of openings.
 * @csspart more - The "show more" button.
 * @csspart retry - The "try again" button after a failure.
 *
 * @cssprop --samrad-heading-size - Size of the element's heading.
 */
export class SamradAccessLog extends SamradElement {
  static override properties: PropertyDeclarations = {
    ...SamradElement.properties,
    server: { type: String },
    caseId: { type: String, attribute: 'case' },
    token: { type: String },
    getToken: { attribute: false },
    fetcher: { attribute: false },
    pageSize: { type: Number, attribute: 'page-size' },
    entries: { state: true },
    state: { state: true },
    error: { state: true },
    more: { state: true },
    loadingMore: { state: true },
  };

  static override styles = [...sharedStyles, tableStyles, accessLogStyles];
  /** Shows nothing of the meeting document: no re-render on its changes. */
  static override parts = [] as const;

  /** Server URL: `wss://host[:port]` as for `<samrad-meeting>`, or `https://host[:port]`. Default: the enclosing `<samrad-meeting>`'s. */
  declare server: string | undefined;
  /** Case id (attribute `case`). Default: the enclosing `<samrad-meeting>`'s. */
  declare caseId: string | undefined;
  /** Signed token from the host's login. Default: the enclosing `<samrad-meeting>`'s. */
  declare token: string | undefined;
  /** Called for a fresh token before each request; defaults to `token`. */
  declare getToken: (() => string | Promise<string>) | undefined;
  /** A `fetch` to use instead of the page's (a host's own proxy, or a fake one in stories and tests). */
  declare fetcher: typeof fetch | undefined;
  /** Openings per page (attribute `page-size`, default 25; the server allows at most 200). */
  declare pageSize: number;
  /** The openings shown, newest first. */
  declare entries: AccessLogEntry[];
  declare private state: State;
  declare private error: AccessLogError | undefined;
  declare private more: boolean;
  declare private loadingMore: boolean;

  private readonly text = new LocalizeController(this, messages);
  private readonly words = new LocalizeController(this, vocabulary);
  private sourceKey = '';
  private request = 0;

  constructor() {
    super();
    this.pageSize = 25;
    this.entries = [];
    this.state = 'idle';
    this.more = false;
    this.loadingMore = false;
  }

  /** `loading`, `ready` (entries shown, maybe none), `error`, or `idle` without a server to ask. */
  get status(): State {
    return this.state;
  }

  /** Why the last load failed, if it did. */
  get failure(): AccessLogError | undefined {
    return this.error;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The enclosing <samrad-meeting> may set its attributes after we are connected.
    queueMicrotask(() => this.maybeReload());
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // After this update, not during it: loading changes what is rendered.
    if (changed.has('server') || changed.has('caseId') || changed.has('token') || changed.has('getToken') || changed.has('pageSize')) queueMicrotask(() => this.maybeReload());
  }

  /** Loads the newest page again, dropping what is shown. */
  async reload(): Promise<void> {
    const source = this.source();
    this.sourceKey = source ? `${source.base}|${source.caseId}` : '';
    this.entries = [];
    this.more = false;
    this.error = undefined;
    if (!source) {
      this.state = 'idle';
      return;
    }
    this.state = 'loading';
    await this.load(source, undefined);
  }

  /** Loads the next page of older openings. */
  async showMore(): Promise<void> {
    const source = this.source();
    const last = this.entries[this.entries.length - 1];
    if (!source || !last || !this.more || this.loadingMore) return;
    this.loadingMore = true;
    await this.load(source, last.at);
  }

  private maybeReload(): void {
    const source = this.source();
    const key = source ? `${source.base}|${source.caseId}` : '';
    // A new token alone reloads only after a failure (e.g. an expired sign-in renewed).
    if (key !== this.sourceKey || (this.state === 'error' && key)) void this.reload();
  }

  private source(): Source | undefined {
    return serverSource(this, this);
  }

  private async load(source: Source, before: string | undefined): Promise<void> {
    const request = ++this.request;
    const query = new URLSearchParams({ limit: String(Math.max(1, Math.min(200, Math.floor(this.pageSize) || 25))) });
    if (before) query.set('before', before);
    let result: { ok: true; entries: AccessLogEntry[]; more: boolean } | { ok: false; reason: AccessLogError; status?: number };
    try {
      const token = await source.token();
      const response = await (this.fetcher ?? fetch)(`${source.base}/access-log/${encodeURIComponent(source.caseId)}?${query}`, {
        headers: { authorization: `Bearer ${token}` },
        cache: 'no-store',
        credentials: 'omit',
      });
      if (response.ok) {
        const body = (await response.json()) as { entries?: unknown; more?: unknown };
        result = { ok: true, entries: readEntries(body.entries), more: body.more === true };
      } else {
        const status = response.status;
        result = { ok: false, status, reason: status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status === 429 ? 'tooMany' : 'failed' };
      }
    } catch {
      result = { ok: false, reason: 'failed' };
    }
    // A newer request (another case, a reload) wins.
    if (request !== this.request) return;
    const firstPage = !before;
    this.loadingMore = false;
    if (!result.ok) {
      this.error = result.reason;
      if (firstPage) this.state = 'error';
      this.emit('access-log-error', { reason: result.reason, ...(result.status ? { status: result.status } : {}) });
      this.announce(this.text.t(result.reason));
      return;
    }
    const newRows = result.entries.length;
    this.error = undefined;
    this.entries = firstPage ? result.entries : [...this.entries, ...result.entries];
    this.more = result.more;
    this.state = 'ready';
    this.emit('access-log-load', { entries: this.entries, more: this.more });
    if (!firstPage) {
      this.announce(`${this.text.t('shown', this.entries.length)}${this.more ? '' : ` ${this.text.t('allShown')}`}`);
      await this.updateComplete;
      // Focus goes to the first new row, so a keyboard user reads on from there.
      const rows = this.renderRoot.querySelectorAll<HTMLElement>('tbody tr');
      (rows[this.entries.length - newRows] ?? this.renderRoot.querySelector<HTMLElement>('.table-wrap'))?.focus();
    }
  }

  override render(): TemplateResult {
    const t = this.text;
    return html`
      <section part="base" class="base" aria-labelledby="heading" aria-busy=${this.state === 'loading' || this.loadingMore ? 'true' : 'false'}>
        <h2 id="heading">${t.t('heading')}</h2>
        <p class="intro">${t.t('intro')}</p>
        ${this.renderBody()}
      </section>
    `;
  }

  private renderBody(): TemplateResult {
    const t = this.text;
    switch (this.state) {
      case 'idle':
        return html`<p class="notice" data-state="idle">${t.t('notConnected')}</p>`;
      case 'loading':
        return html`<p class="notice" role="status" data-state="loading">${t.t('loading')}</p>`;
      case 'error':
        return html`
          <div class="failure" role="alert" data-state="error"><p>${t.t(this.error ?? 'failed')}</p></div>
          ${this.error === 'forbidden' ? nothing : html`<button type="button" part="retry" @click=${() => this.reload()}>${t.t('retry')}</button>`}
        `;
      case 'ready':
        return this.entries.length === 0 ? html`<p class="notice" data-state="empty">${t.t('empty')}</p>` : this.renderTable();
    }
  }

  private renderTable(): TemplateResult {
    const t = this.text;
    return html`
      <div class="table-wrap" tabindex="-1" data-state="ready">
        <table part="table">
          <caption id="caption">${t.t('caption')}</caption>
          <thead><tr>
            <th scope="col">${t.t('who')}</th>
            <th scope="col">${t.t('roleService')}</th>
            <th scope="col">${t.t('part')}</th>
            <th scope="col">${t.t('when')}</th>
          </tr></thead>
          <tbody>
            ${this.entries.map((e) => html`<tr tabindex="-1" data-document=${e.document}>
              <th scope="row" class=${e.name ? nothing : 'unnamed'}>${e.name ?? t.t('noName')}</th>
              <td data-label=${t.t('roleService')}>${this.roleWords(e)}</td>
              <td data-label=${t.t('part')}>${e.document === 'restricted' ? t.t('restricted') : t.t('shared')}</td>
              <td data-label=${t.t('when')}><time datetime=${e.at}>${t.dateTime(e.at)}</time></td>
            </tr>`)}
          </tbody>
        </table>
      </div>
      ${this.error && this.entries.length > 0
        ? html`<div class="failure" role="alert" data-state="more-error"><p>${t.t(this.error)}</p></div>`
        : nothing}
      <p class="visually-hidden" role="status">${this.loadingMore ? t.t('loadingMore') : ''}</p>
      ${this.more
        ? html`<button type="button" part="more" class="more" ?disabled=${this.loadingMore} @click=${() => this.showMore()}>${this.loadingMore ? t.t('loadingMore') : t.t('showMore')}</button>`
        : nothing}
    `;
  }

  private roleWords(e: AccessLogEntry): string {
    const w = this.words;
    const role = ROLES.includes(e.role) ? w.t('role', e.role as Role) : e.role;
    const capitalised = role ? role.charAt(0).toLocaleUpperCase(w.intlTag) + role.slice(1) : '';
    if (!e.service) return capitalised;
    const service = w.t('service', e.service as Service) || e.service;
    return this.text.t('roleAndService', capitalised, service);
  }
}

/** Keeps only well-formed entries; the server is trusted, but the element never renders garbage. */
function readEntries(raw: unknown): AccessLogEntry[] {
  if (!Array.isArray(raw)) return [];
  const out: AccessLogEntry[] = [];
  for (const r of raw as Array<Record<string, unknown>>) {
    if (typeof r !== 'object' || r === null || typeof r.at !== 'string' || typeof r.role !== 'string') continue;
    out.push({
      at: r.at,
      name: typeof r.name === 'string' && r.name ? r.name : null,
      role: r.role,
      ...(typeof r.service === 'string' && r.service ? { service: r.service } : {}),
      document: r.document === 'restricted' ? 'restricted' : 'shared',
    });
  }
  return out;
}
