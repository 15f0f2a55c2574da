import { html, nothing, type PropertyDeclarations } from 'lit';
import { NOTICE_KINDS, ROLES, SERVICES, type ChangeInfo, type NoticeKind, type Participant, type Role, type Service } from '@samrad/model';
import { SamradElement } from '../shared/samrad-element.js';
import { LocalizeController } from '../shared/localize.js';
import { sharedStyles, tableStyles } from '../shared/styles.js';
import { vocabulary } from '../shared/vocabulary.js';
import type { PresencePeer, PresenceSource } from '../shared/context.js';
import { styles } from './samrad-participants.styles.js';
import { messages } from './samrad-participants.messages.js';

type Attendance = Participant['attendance'];
const ATTENDANCE: readonly Attendance[] = ['invited', 'present', 'absent', 'excused'];

/** Notice kinds as people think of them. */
const NOTICE_GROUPS = {
  meetings: ['meeting-invitation', 'meeting-changed', 'meeting-cancelled'],
  actions: ['action-deadline-soon', 'action-deadline-passed', 'action-evaluation-soon', 'action-evaluation-passed'],
  baton: ['baton-offered', 'baton-accepted', 'baton-changed'],
  consent: ['consent-expiring'],
  minutes: ['minutes-locked'],
} as const satisfies Record<string, readonly NoticeKind[]>;
type NoticeGroup = keyof typeof NOTICE_GROUPS;

/**
 * @tag samrad-participants
 * @summary Who is invited, present and prepared; roles, services and interpreter needs;
 * and, with a server connection, who is online now and which widget they are editing.
 * Who is online is shown as the server vouches for them (name, role and service from
 * their token), never as their own client describes itself.
 *
 * Leaders, coordinators and professionals add and edit participants; every participant
 * may set their own attendance, preparation and interpreter need.
 *
 * @csspart table - The participant table.
 * @csspart row - One participant's row.
 * @csspart notices - The user's own choice of notices ("Notices to me").
 * @csspart presence - The "online now" list.
 * @csspart add-form - The form for a new participant.
 * @cssprop --samrad-color-surface-alt - Background of the current user's own row.
 * @fires samrad-participant-add - A participant was added. `detail`: `{ id }`.
 * @fires samrad-participant-change - A participant was changed. `detail`: `{ id, patch }`.
 * @fires samrad-participant-remove - A participant was removed. `detail`: `{ id }`.
 */
export class SamradParticipants extends SamradElement {
  static override properties: PropertyDeclarations = {
    ...SamradElement.properties,
    editingId: { state: true },
    removingId: { state: true },
    error: { state: true },
  };
  static override styles = [sharedStyles, tableStyles, styles];
  static override parts = ['participants'] as const;

  declare private editingId: string | undefined;
  declare private removingId: string | undefined;
  declare private error: string;

  private readonly text = new LocalizeController(this, messages);
  private readonly words = new LocalizeController(this, vocabulary);
  private subscribedPresence: PresenceSource | undefined;
  private stopPresence: (() => void) | undefined;
  private knownPeers = new Map<number, string>();
  private knownIds = new Set<string>();

  constructor() {
    super();
    this.error = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopPresence?.();
    this.stopPresence = undefined;
    this.subscribedPresence = undefined;
  }

  protected override updated(): void {
    const presence = this.presence;
    if (presence !== this.subscribedPresence) {
      this.stopPresence?.();
      this.subscribedPresence = presence;
      this.knownPeers = new Map(presence?.peers().filter((p) => !p.self).map((p) => [p.clientId, p.user.name]));
      this.stopPresence = presence?.subscribe(() => this.presenceChanged());
    }
    this.knownIds = new Set(this.snapshot?.participants.map((p) => p.id));
  }

  private presenceChanged(): void {
    const peers = this.presence?.peers().filter((p) => !p.self) ?? [];
    const now = new Map(peers.map((p) => [p.clientId, p.user.name]));
    const joined = peers.filter((p) => !this.knownPeers.has(p.clientId)).map((p) => this.text.t('joined', p.user.name));
    const left = [...this.knownPeers].filter(([id]) => !now.has(id)).map(([, name]) => this.text.t('left', name));
    this.knownPeers = now;
    if (joined.length || left.length) this.announce([...joined, ...left].join(' '));
    this.requestUpdate();
  }

  protected override remoteChanged(_info: ChangeInfo): void {
    const added = this.snapshot?.participants.filter((p) => !this.knownIds.has(p.id)) ?? [];
    if (added.length) {
      const who = (id: string) => this.snapshot?.participants.find((p) => p.userId === id)?.name ?? '';
      this.announce(added.map((p) => this.text.t('added', who(p.createdBy), p.name).trim()).join(' '));
    } else {
      this.announce(this.text.t('changed'));
    }
  }

  /** Can this user change `p` at all (full edit, or their own status)? */
  private mayEditStatus(p: Participant): boolean {
    return !!this.model && (this.can('participant.update') || this.can('participant.setOwnStatus', p));
  }

  private run(id: string | undefined, event: 'participant-add' | 'participant-change' | 'participant-remove', fn: () => unknown, patch?: unknown): unknown {
    const result = this.tryCommand(fn);
    if (!result.ok) {
      this.error = result.message;
      return undefined;
    }
    this.error = '';
    this.emit(event, { id: id ?? result.value, ...(patch ? { patch } : {}) });
    return result.value;
  }

  private setStatus(p: Participant, patch: { attendance?: Attendance; prepared?: boolean; interpreterNeeded?: boolean; interpreterLanguage?: string }): void {
    const model = this.model!;
    this.run(p.id, 'participant-change', () => model.participants.setOwnStatus(p.id, patch), patch);
  }

  private onAdd(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    if (!name) {
      this.error = this.sharedText.t('required');
      (form.elements.namedItem('name') as HTMLInputElement).focus();
      return;
    }
    const service = String(data.get('service') ?? '');
    const language = String(data.get('interpreterLanguage') ?? '').trim();
    const model = this.model!;
    const id = this.run(undefined, 'participant-add', () => model.participants.add({
      name,
      role: String(data.get('role')) as Role,
      ...(service ? { service: service as Service } : {}),
      interpreterNeeded: data.get('interpreterNeeded') === 'on',
      ...(language ? { interpreterLanguage: language } : {}),
    }));
    if (id) {
      form.reset();
      (form.elements.namedItem('name') as HTMLInputElement).focus();
    }
  }

  private onSaveEdit(e: SubmitEvent, p: Participant): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const service = String(data.get('service') ?? '');
    const patch = { name: String(data.get('name') ?? '').trim(), role: String(data.get('role')) as Role, service: service ? (service as Service) : undefined };
    const model = this.model!;
    if (this.run(p.id, 'participant-change', () => model.participants.update(p.id, patch), patch) !== undefined || !this.error) {
      this.editingId = undefined;
      this.focusLater(`[data-edit="${p.id}"]`);
    }
  }

  private removeParticipant(p: Participant): void {
    if (this.removingId !== p.id) {
      this.removingId = p.id;
      this.focusLater(`[data-remove="${p.id}"]`);
      return;
    }
    const model = this.model!;
    this.run(p.id, 'participant-remove', () => model.participants.remove(p.id));
    this.removingId = undefined;
  }

  private focusLater(selector: string): void {
    void this.updateComplete.then(() => (this.renderRoot.querySelector(selector) as HTMLElement | null)?.focus());
  }

  override render() {
    const t = this.text;
    if (!this.model) return html`<p class="muted">${this.sharedText.t('noModel')}</p>`;
    const snapshot = this.snapshot!;
    // Leaders first, then professionals, the family, observers; by name within each.
    const participants = [...snapshot.participants].sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.name.localeCompare(b.name, this.text.intlTag));
    const canManage = this.can('participant.update');
    const me = this.model.me();
    // Offline, this page is not present for the others either: do not show oneself as online.
    const peers = (this.presence?.peers() ?? []).filter((p) => !p.self || this.connection.state === 'live');
    return html`
      <h2 id="heading">${t.t('heading')}</h2>
      ${canManage ? nothing : html`<p class="note">${me ? t.t('ownStatusNote') : t.t('readOnlyNote')}</p>`}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${participants.length === 0 ? html`<p>${t.t('none')}</p>` : html`
        <div class="table-wrap"><table part="table" aria-labelledby="heading">
          <thead><tr>
            <th scope="col">${t.t('name')}</th>
            <th scope="col">${t.t('roleAndService')}</th>
            <th scope="col">${t.t('attendance')}</th>
            <th scope="col">${t.t('prepared')}</th>
            <th scope="col">${t.t('interpreter')}</th>
            ${this.presence ? html`<th scope="col">${t.t('online')}</th>` : nothing}
            ${canManage ? html`<th scope="col">${t.t('actions')}</th>` : nothing}
          </tr></thead>
          <tbody>${participants.map((p) => this.renderRow(p, me, peers, canManage))}</tbody>
        </table></div>`}
      ${this.presence ? this.renderPresence(peers) : nothing}
      ${me && this.can('participant.setOwnStatus', me) ? this.renderMyNotices(me) : nothing}
      ${this.can('participant.add') ? this.renderAddForm() : nothing}
    `;
  }

  /** Which notices the host may send this user (invitations, reminders, …): their own choice, on their own record. */
  private renderMyNotices(me: Participant) {
    const t = this.text;
    const chosen = new Set<NoticeKind>(me.notices?.kinds ?? NOTICE_KINDS);
    const toggle = (group: NoticeGroup, on: boolean) => {
      const inGroup = (k: NoticeKind) => (NOTICE_GROUPS[group] as readonly NoticeKind[]).includes(k);
      const kinds = NOTICE_KINDS.filter((k) => (inGroup(k) ? on : chosen.has(k)));
      this.run(me.id, 'participant-change', () => this.model!.participants.setOwnStatus(me.id, { notices: { ...me.notices, kinds } }), { notices: { kinds } });
      this.announce(t.t('noticesSaved'));
    };
    return html`<fieldset class="my-notices" part="notices">
      <legend>${t.t('myNotices')}</legend>
      <p class="note">${t.t('myNoticesHint')}</p>
      ${(Object.keys(NOTICE_GROUPS) as NoticeGroup[]).map((group) => html`<label class="check">
        <input type="checkbox" name="notice-${group}" .checked=${(NOTICE_GROUPS[group] as readonly NoticeKind[]).some((k) => chosen.has(k))}
          @change=${(e: Event) => toggle(group, (e.target as HTMLInputElement).checked)} />
        ${t.t('noticeGroup', group)}
      </label>`)}
    </fieldset>`;
  }

  private renderRow(p: Participant, me: Participant | undefined, peers: PresencePeer[], canManage: boolean) {
    const t = this.text;
    const w = this.words;
    if (this.editingId === p.id) return this.renderEditRow(p, canManage);
    const editable = this.mayEditStatus(p);
    const online = p.userId ? peers.filter((peer) => peer.user.id === p.userId) : [];
    const editing = online.find((peer) => peer.editing)?.editing;
    return html`<tr part="row" class=${me?.id === p.id ? 'me' : ''} data-id=${p.id}>
      <th scope="row">${p.name} ${me?.id === p.id ? html`<span class="muted">${t.t('you')}</span>` : nothing}</th>
      <td data-label=${t.t('roleAndService')}>${w.t('role', p.role)}${p.service ? html`, ${w.t('service', p.service)}` : nothing}
        ${this.snapshot?.case?.coordinatorId === p.id ? html`<span class="baton"><span aria-hidden="true">◆ </span>${t.t('holdsBaton')}</span>` : nothing}</td>
      <td data-label=${t.t('attendance')}>${editable
        ? html`<select data-field="attendance" name="attendance" aria-label=${t.t('attendanceFor', p.name)}
            @change=${(e: Event) => this.setStatus(p, { attendance: (e.target as HTMLSelectElement).value as Attendance })}>
            ${ATTENDANCE.map((a) => html`<option value=${a} ?selected=${p.attendance === a}>${w.t('attendance', a)}</option>`)}
          </select>`
        : w.t('attendance', p.attendance)}</td>
      <td data-label=${t.t('prepared')}>${editable
        ? html`<input type="checkbox" data-field="prepared" name="prepared" aria-label=${t.t('preparedFor', p.name)} .checked=${p.prepared}
            @change=${(e: Event) => this.setStatus(p, { prepared: (e.target as HTMLInputElement).checked })}>`
        : p.prepared ? t.t('yes') : t.t('no')}</td>
      <td data-label=${t.t('interpreter')}>${editable
        ? html`<span class="cell-controls">
            <input type="checkbox" data-field="interpreterNeeded" name="interpreterNeeded" aria-label=${t.t('interpreterFor', p.name)} .checked=${p.interpreterNeeded}
              @change=${(e: Event) => this.setStatus(p, { interpreterNeeded: (e.target as HTMLInputElement).checked })}>
            ${p.interpreterNeeded ? html`<input type="text" size="10" data-field="interpreterLanguage" name="interpreterLanguage" aria-label=${t.t('interpreterLanguageFor', p.name)}
              .value=${p.interpreterLanguage ?? ''} @change=${(e: Event) => this.setStatus(p, { interpreterLanguage: (e.target as HTMLInputElement).value.trim() })}>` : nothing}
          </span>`
        : p.interpreterNeeded ? t.t('needsInterpreter', p.interpreterLanguage ?? '') : t.t('noInterpreter')}</td>
      ${this.presence ? html`<td data-label=${t.t('online')}>${online.length
        ? html`<span class="online"><span aria-hidden="true">● </span>${t.t('isOnline')}</span>
            ${editing ? html`<span class="editing">${t.t('editingIn', t.t('widget', editing.widget as never))}</span>` : nothing}`
        : html`<span class="muted"><span aria-hidden="true">○ </span>${t.t('isOffline')}</span>`}</td>` : nothing}
      ${canManage ? html`<td><span class="cell-controls">
          <button type="button" data-edit=${p.id} aria-label=${t.t('edit', p.name)} @click=${() => { this.editingId = p.id; this.removingId = undefined; this.focusLater('#edit-name'); }}>${t.t('actions')}</button>
          ${this.can('participant.remove') ? html`<button type="button" class="danger" data-remove=${p.id}
            @click=${() => this.removeParticipant(p)}>${this.removingId === p.id ? t.t('confirmRemove', p.name) : t.t('remove', p.name)}</button>` : nothing}
        </span></td>` : nothing}
    </tr>`;
  }

  private renderEditRow(p: Participant, canManage: boolean) {
    const t = this.text;
    const columns = 5 + (this.presence ? 1 : 0) + (canManage ? 1 : 0);
    return html`<tr part="row" data-id=${p.id}><td colspan=${columns}>
      <form class="row" @submit=${(e: SubmitEvent) => this.onSaveEdit(e, p)} aria-label=${t.t('edit', p.name)}>
        <span class="field"><label for="edit-name">${t.t('name')}</label><input id="edit-name" name="name" required .value=${p.name}></span>
        ${this.renderRoleSelect('edit-role', p.role)}
        ${this.renderServiceSelect('edit-service', p.service)}
        <button type="submit" class="primary">${t.t('save')}</button>
        <button type="button" @click=${() => { this.editingId = undefined; this.focusLater(`[data-edit="${p.id}"]`); }}>${t.t('cancel')}</button>
      </form>
    </td></tr>`;
  }

  private renderRoleSelect(id: string, value: Role = 'professional') {
    return html`<span class="field"><label for=${id}>${this.text.t('role')}</label>
      <select id=${id} name="role">${ROLES.map((r) => html`<option value=${r} ?selected=${r === value}>${this.words.t('role', r)}</option>`)}</select></span>`;
  }

  private renderServiceSelect(id: string, value: Service | undefined) {
    return html`<span class="field"><label for=${id}>${this.text.t('service')}</label>
      <select id=${id} name="service">
        <option value="" ?selected=${!value}>${this.text.t('noService')}</option>
        ${SERVICES.map((s) => html`<option value=${s} ?selected=${s === value}>${this.words.t('service', s)}</option>`)}
      </select></span>`;
  }

  private renderPresence(peers: PresencePeer[]) {
    const t = this.text;
    const others = peers.filter((p) => !p.self);
    return html`<section class="presence" part="presence" aria-labelledby="presence-heading">
      <h3 id="presence-heading">${t.t('presenceHeading')}</h3>
      ${others.length === 0 ? html`<p class="muted">${t.t('nobodyOnline')}</p>` : html`<ul>
        ${others.map((p) => html`<li><span aria-hidden="true">● </span>${t.t('presencePeer', p.user.name, this.roleLabel(p.user))}${p.editing ? html` — ${t.t('editingIn', t.t('widget', p.editing.widget as never))}` : nothing}</li>`)}
      </ul>`}
    </section>`;
  }

  /** Role and service as the server vouches for them, in the vocabulary where known. */
  private roleLabel(user: PresencePeer['user']): string {
    const role = ROLES.includes(user.role as Role) ? this.words.t('role', user.role as Role) : user.role;
    if (!user.service) return role;
    const service = SERVICES.includes(user.service as Service) ? this.words.t('service', user.service as Service) : user.service;
    return `${role}, ${service}`;
  }

  private renderAddForm() {
    const t = this.text;
    return html`<form class="add" part="add-form" @submit=${this.onAdd} aria-labelledby="add-heading" novalidate>
      <h3 id="add-heading">${t.t('addHeading')}</h3>
      <div class="row">
        <span class="field"><label for="add-name">${t.t('name')}</label><input id="add-name" name="name" required autocomplete="off"></span>
        ${this.renderRoleSelect('add-role')}
        ${this.renderServiceSelect('add-service', undefined)}
        <span class="field"><label for="add-interpreter-language">${t.t('interpreterLanguage')}</label><input id="add-interpreter-language" name="interpreterLanguage" size="10"></span>
        <span class="row"><input type="checkbox" id="add-interpreter" name="interpreterNeeded"><label for="add-interpreter">${t.t('needsInterpreter', '')}</label></span>
      </div>
      <button type="submit" class="primary">${t.t('add')}</button>
    </form>`;
  }
}
