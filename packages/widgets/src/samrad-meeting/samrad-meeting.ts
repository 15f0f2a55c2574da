import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ContextProvider } from '@lit/context';
import { createPracticeModel, MeetingModel, ROLES, type AuthUser, type Role } from '@samrad/model';
import { clearOfflineData, connectCase, presenceSource, setPresence, userFromToken, type CaseConnection, type ConnectionStatus } from '@samrad/client';
import { SamradElement } from '../shared/samrad-element.js';
import { LocalizeController } from '../shared/localize.js';
import { connectionContext, meetingContext, modelContext, presenceContext, type ConnectionState, type PresenceSource } from '../shared/context.js';
import { clearAllDrafts } from '../shared/drafts.js';
import { sharedStyles } from '../shared/styles.js';
import { styles } from './samrad-meeting.styles.js';
import { messages } from './samrad-meeting.messages.js';

/** A Y.Doc, typed without importing yjs here (views never import it). */
type Doc = MeetingModel['doc'];

/** Roles the server lets read the professionals-only document. */
const RESTRICTED_READERS: readonly Role[] = ['leader', 'coordinator', 'professional'];

const ICONS: Record<ConnectionState['state'], string> = { connecting: '◌', live: '●', offline: '○', refused: '⊘', local: '', practice: '✎' };

/**
 * @tag samrad-meeting
 * @summary The root of a meeting: connects to a Samråd server (or takes a document or
 * model from the host), and provides the model, the current meeting, the connection
 * state and live presence to every `<samrad-*>` element inside it.
 *
 * Give it `server`, `case` and `token` to connect; or set `.doc` (a Y.Doc, plus
 * `.restrictedDoc` for professionals) with `.user`; or set a ready `.model`. With
 * `practice`, it shows a fictitious case kept only in memory (never sent or stored),
 * as the role in `practice-role` (default `leader`), for rehearsing and training.
 *
 * With a server, the case's shared document is kept in the browser (IndexedDB) for this
 * user only, so edits made offline survive a reload; `no-offline-cache` turns that off,
 * `offline-restricted` also keeps the professionals-only document. Call `signOut()` from
 * the host's sign-out: it deletes every copy on the device, unsaved drafts included.
 *
 * @slot - The widgets of the meeting (`<samrad-agenda>`, `<samrad-actions>`, …) and anything else.
 * @csspart status - The connection and sync state line.
 * @csspart connection-bar - The compact state (offline, reconnecting, refused; changes not sent) that stays at the top of the viewport while the meeting is scrolled.
 * @cssprop --samrad-color-surface-alt - Background of the status line.
 * @cssprop --samrad-color-warning - Border of the status line when offline.
 * @cssprop --samrad-color-danger - Colour of the status line when access is refused.
 * @fires samrad-connection-change - The connection state changed. `detail`: `{ state, unsynced, reason? }`.
 * @fires samrad-meeting-change - The current meeting changed (also when a `samrad-meeting-select` from a widget inside chose one). `detail`: `{ meetingId }`.
 * @fires samrad-signed-out - `signOut()` finished: the connection is closed and no offline copy is left on this device.
 */
export class SamradMeeting extends SamradElement {
  static override properties: PropertyDeclarations = {
    ...SamradElement.properties,
    server: { type: String },
    caseId: { type: String, attribute: 'case' },
    token: { type: String },
    doc: { attribute: false },
    restrictedDoc: { attribute: false },
    user: { attribute: false },
    noOfflineCache: { type: Boolean, attribute: 'no-offline-cache' },
    offlineRestricted: { type: Boolean, attribute: 'offline-restricted' },
    practice: { type: Boolean },
    practiceRole: { type: String, attribute: 'practice-role' },
    getToken: { attribute: false },
    connectionState: { state: true },
    setupError: { state: true },
  };

  static override styles = [sharedStyles, styles];
  static override parts = ['meetings'] as const;

  /** Server base URL, `wss://host[:port]` (the `/sync` path is added). */
  declare server: string | undefined;
  /** Case id (attribute `case`). */
  declare caseId: string | undefined;
  /** Signed token from the host's login (JWT with sub, name, role, case). */
  declare token: string | undefined;
  /** The case's shared Y.Doc, when the host manages the connection itself. */
  declare doc: Doc | undefined;
  /** The professionals-only Y.Doc that goes with `doc`, if the user may read it. */
  declare restrictedDoc: Doc | undefined;
  /** The current user; with a token, taken from its claims when not set. */
  declare user: AuthUser | undefined;
  /** Do not keep a copy of the case in the browser's IndexedDB (e.g. on shared computers). */
  declare noOfflineCache: boolean;
  /** Also keep the professionals-only document in the offline cache (off by default: it stays on the server). */
  declare offlineRestricted: boolean;
  /** Practice mode: a fictitious case in memory only; nothing is sent to a server or stored. */
  declare practice: boolean;
  /** The role to practise as (`leader`, `coordinator`, `professional`, `parent`, `child`, `observer`). */
  declare practiceRole: string | undefined;
  /** Called for a fresh token before each reconnect; defaults to the current `token`. */
  declare getToken: (() => string | Promise<string>) | undefined;
  declare private connectionState: ConnectionState;
  declare private setupError: string | undefined;

  private readonly text = new LocalizeController(this, messages);
  private readonly modelProvider = new ContextProvider(this, { context: modelContext });
  private readonly meetingProvider = new ContextProvider(this, { context: meetingContext });
  private readonly connectionProvider = new ContextProvider(this, { context: connectionContext, initialValue: { state: 'local', unsynced: 0 } });
  private readonly presenceProvider = new ContextProvider(this, { context: presenceContext });

  private builtModel: MeetingModel | undefined;
  private live: CaseConnection | undefined;
  private connectionKey = '';
  private stopStatus: (() => void) | undefined;
  private teardownTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.noOfflineCache = false;
    this.offlineRestricted = false;
    this.practice = false;
    this.connectionState = { state: 'local', unsynced: 0 };
  }

  /** The model the widgets use: the host's `.model`, else one built from `.doc` or the connection. */
  override get model(): MeetingModel | undefined {
    return super.model ?? this.builtModel;
  }
  override set model(model: MeetingModel | undefined) {
    super.model = model;
  }

  /** The connection state shown to people (also provided to the widgets). */
  override get connection(): ConnectionState {
    return this.connectionState;
  }

  /** Live presence of the connection (undefined without a server). */
  override get presence(): PresenceSource | undefined {
    return this.presenceProvider.value;
  }

  /** The live connection, when connected through `server`/`case`/`token`. */
  get caseConnection(): CaseConnection | undefined {
    return this.live;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('samrad-meeting-select', this.onMeetingSelect);
    clearTimeout(this.teardownTimer);
  }

  /** A widget inside (e.g. `<samrad-meetings>`) chose the meeting every widget shows. */
  private onMeetingSelect = (e: Event): void => {
    const id = (e as CustomEvent<{ meetingId?: string }>).detail?.meetingId;
    if (!id || e.target === this) return;
    e.preventDefault();
    this.meeting = id;
  };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('samrad-meeting-select', this.onMeetingSelect);
    // Moving the element in the page fires disconnect then connect; only a real removal tears down.
    this.teardownTimer = setTimeout(() => {
      if (!this.isConnected) this.teardown();
    }, 0);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('doc') || changed.has('restrictedDoc') || changed.has('user') || changed.has('server') || changed.has('caseId') || changed.has('token') || changed.has('noOfflineCache') || changed.has('offlineRestricted') || changed.has('practice') || changed.has('practiceRole')) {
      this.setUp();
    }
    const model = this.model;
    if (this.modelProvider.value !== model) this.modelProvider.setValue(model);
    const meetingId = this.meetingId;
    if (this.meetingProvider.value !== meetingId) {
      this.meetingProvider.setValue(meetingId);
      this.emit('meeting-change', { meetingId });
    }
  }

  /** (Re)builds the model from whatever the host gave: a model, a doc, or connection attributes. */
  private setUp(): void {
    this.setupError = undefined;
    if (this.practice) {
      void this.closeConnection();
      const role = (ROLES as readonly string[]).includes(this.practiceRole ?? '') ? this.practiceRole as Role : 'leader';
      if (this.builtModel?.user.role !== role || this.connectionState.state !== 'practice') this.replaceBuiltModel(createPracticeModel(role));
      this.setConnectionState({ state: 'practice', unsynced: 0 });
      return;
    }
    if (this.connectionState.state === 'practice') {
      this.replaceBuiltModel(undefined);
      this.setConnectionState({ state: 'local', unsynced: 0 });
    }
    if (this.doc) {
      void this.closeConnection();
      const user = this.user ?? this.tokenUser();
      if (!user) return this.fail('<samrad-meeting>: with `.doc`, also set `.user` ({ id, name, role }) or a `token`.');
      if (this.builtModel?.doc !== this.doc || this.builtModel.user !== user || this.builtModel.restricted !== this.restrictedDoc) {
        this.replaceBuiltModel(new MeetingModel(this.doc, user, this.restrictedDoc ? { restricted: this.restrictedDoc } : {}));
      }
      this.setConnectionState({ state: 'local', unsynced: 0 });
      return;
    }
    if (this.server || this.caseId || this.token) {
      if (!this.server || !this.caseId || !this.token) {
        const missing = [!this.server && 'server', !this.caseId && 'case', !this.token && 'token'].filter(Boolean).join(', ');
        return this.fail(`<samrad-meeting>: to connect, set the attributes server, case and token (missing: ${missing}).`);
      }
      const user = this.user ?? this.tokenUser();
      if (!user) return;
      const key = JSON.stringify([this.server, this.caseId, user.id, user.role, this.noOfflineCache, this.offlineRestricted]);
      if (key === this.connectionKey && this.live) return; // a new token alone is used on the next reconnect
      void this.closeConnection();
      this.open(user, key);
      return;
    }
    void this.closeConnection();
    this.replaceBuiltModel(undefined);
    this.setConnectionState({ state: 'local', unsynced: 0 });
  }

  private open(user: AuthUser, key: string): void {
    let connection: CaseConnection;
    try {
      connection = connectCase({
        server: this.server!,
        caseId: this.caseId!,
        token: this.token!,
        getToken: () => (this.getToken ? this.getToken() : this.token ?? ''),
        restricted: RESTRICTED_READERS.includes(user.role),
        offline: this.noOfflineCache ? false : 'indexeddb',
        offlineRestricted: this.offlineRestricted,
      });
    } catch (err) {
      return this.fail(`<samrad-meeting>: ${(err as Error).message}`);
    }
    this.live = connection;
    this.connectionKey = key;
    setPresence(connection.awareness, { user: { id: user.id, name: user.name, role: user.role } });
    const presence: PresenceSource = presenceSource(connection.awareness);
    this.presenceProvider.setValue(presence);
    const model = new MeetingModel(connection.doc, user, {
      ...(connection.restrictedDoc ? { restricted: connection.restrictedDoc } : {}),
      // Each audience is a document of its own (a service's, a withheld one, private drafts):
      // the model writes to it through the connection, and reads every one that opens.
      audiences: new Map(connection.audiences().map((a) => [a.key, a.doc])),
      openAudience: (audience) => connection.openAudience(audience),
    });
    const stopAudiences = connection.onAudience((a) => model.attachAudience(a.audience, a.doc));
    this.replaceBuiltModel(model);
    // The consent gate's refusal gets words of its own: the fix is a consent, not a new sign-in.
    const reasonOf = (s: ConnectionStatus) => (s.detail === 'consent-missing' ? 'consent-missing' : s.reason);
    const show = (s: ConnectionStatus) => {
      this.setConnectionState({ state: s.state, unsynced: s.unsynced, ...(s.reason ? { reason: reasonOf(s) } : {}), ...(s.retrying ? { retrying: true } : {}) });
      // Access to the case has ended (e.g. consent withdrawn): stop showing it. The client
      // has deleted the local copy too.
      if (s.state === 'refused' && s.code === 4403) this.replaceBuiltModel(undefined);
    };
    show(connection.status.get());
    const stopShow = connection.status.subscribe(show);
    this.stopStatus = () => { stopShow(); stopAudiences(); };
  }

  private tokenUser(): AuthUser | undefined {
    if (!this.token) return undefined;
    try {
      return userFromToken(this.token);
    } catch (err) {
      this.fail(`<samrad-meeting>: the token attribute cannot be read (${(err as Error).message}).`);
      return undefined;
    }
  }

  private fail(message: string): void {
    console.error(message);
    this.setupError = message;
    this.replaceBuiltModel(undefined);
  }

  private replaceBuiltModel(model: MeetingModel | undefined): void {
    if (this.builtModel === model) return;
    const old = this.model;
    this.builtModel?.destroy();
    this.builtModel = model;
    this.modelChanged(old);
  }

  private setConnectionState(next: ConnectionState): void {
    const prev = this.connectionState;
    if (prev.state === next.state && prev.unsynced === next.unsynced && prev.reason === next.reason && !!prev.retrying === !!next.retrying) return;
    this.connectionState = next;
    this.connectionProvider.setValue(next);
    this.emit('connection-change', next);
    // Announce changes of state (politely, in the element's live region), not every change
    // of the count; the connection bar shows the same and is not announced again.
    if (prev.state !== next.state && next.state !== 'local') this.announce(this.statusText(next));
  }

  /** Closes the connection; the promise settles once its offline cache is closed. */
  private closeConnection(): Promise<void> {
    this.stopStatus?.();
    this.stopStatus = undefined;
    const connection = this.live;
    this.live = undefined;
    this.connectionKey = '';
    this.presenceProvider.setValue(undefined);
    if (!connection) return Promise.resolve();
    this.replaceBuiltModel(undefined);
    return connection.destroy().catch(() => {});
  }

  /**
   * Signs out on this device: closes the connection, stops showing the case, and deletes
   * every offline copy Samråd keeps in this browser, of every user. Call it from the
   * host's sign-out; it connects again only when `server`, `case` or `token` change.
   * Fires `samrad-signed-out` when done.
   */
  async signOut(): Promise<void> {
    const closed = this.closeConnection();
    this.replaceBuiltModel(undefined);
    this.setConnectionState({ state: 'local', unsynced: 0 });
    await closed;
    await clearOfflineData();
    // Unsaved input kept for a reload goes too: the next person on this device must not find it.
    clearAllDrafts();
    this.announce(this.text.t('signedOut'));
    this.emit('signed-out', {});
  }

  private teardown(): void {
    void this.closeConnection();
    this.replaceBuiltModel(undefined);
  }

  private statusText(s: ConnectionState): string {
    const t = this.text;
    switch (s.state) {
      case 'connecting': return t.t('connecting');
      case 'live': return t.t('live');
      case 'offline': return t.t('offline', s.unsynced);
      case 'refused': return t.t('refused', t.t('reason', (s.reason ?? 'refused') as Parameters<typeof messages.nb.reason>[0]));
      case 'local': return t.t('local');
      case 'practice': return t.t('practice');
    }
  }

  /** The connection bar's words: only when something is wrong (offline, reconnecting, refused). */
  private barText(s: ConnectionState): string {
    const t = this.text;
    if (s.state === 'refused') return t.t('barRefused');
    if (s.state === 'offline') return s.retrying ? t.t('barRetrying') : t.t('barOffline');
    return '';
  }

  override render() {
    const s = this.connectionState;
    const bar = this.barText(s);
    return html`
      ${this.setupError ? html`<p class="setup-error" role="alert">${this.text.t('setupError')}</p>` : ''}
      <div class="status" part="status" data-state=${s.state} aria-label=${this.text.t('statusLabel')} role="group">
        <span class="icon" aria-hidden="true">${ICONS[s.state]}</span>
        <span class="status-text">${this.statusText(s)}</span>
      </div>
      <div class="connection-bar" part="connection-bar">
        <div class="connection-chip" data-state=${s.state} ?data-empty=${!bar}>
          ${bar ? html`<span class="icon" aria-hidden="true">${ICONS[s.state]}</span>` : ''}
          <span class="connection-text">${bar}</span>
          ${bar && s.unsynced > 0 ? html`<span class="connection-unsent">· ${this.text.t('barUnsent', s.unsynced)}</span>` : ''}
        </div>
      </div>
      <slot></slot>
    `;
  }
}
