/**
 * Base class of every `<samrad-*>` element. It finds the model (set as `.model`, or from
 * an enclosing `<samrad-meeting>` through context), re-renders when the parts of the
 * case it shows change, resolves the current meeting, announces others' changes in a
 * polite live region, reports what the user is editing to presence, and turns command
 * errors into text in the element's language.
 */
import { LitElement, type CSSResultGroup, type PropertyDeclarations } from 'lit';
import { ContextConsumer } from '@lit/context';
import type { CaseSnapshot, ChangeInfo, Command, Meeting, MeetingModel, Part } from '@samrad/model';
import { connectionContext, meetingContext, modelContext, presenceContext, type ConnectionState, type PresenceSource } from './context.js';
import { LocalizeController } from './localize.js';
import { defaultMeetingId, findMeeting } from './meetings.js';
import { sharedMessages } from './shared.messages.js';
import { sharedStyles } from './styles.js';
import { LONG_TEXT_MAX, type BindTextOptions } from './text-binding.js';
import { UnreadableNotice } from './unreadable.js';

/** Result of `tryCommand`: the value, or a message ready to show. */
export type CommandResult<T> = { ok: true; value: T } | { ok: false; message: string; error: unknown; fields: Record<string, string> };

const HIDDEN_STYLE = 'position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0;';

export class SamradElement extends LitElement {
  static override properties: PropertyDeclarations = {
    model: { attribute: false, noAccessor: true },
    meeting: { type: String, reflect: true },
  };

  static override styles: CSSResultGroup = sharedStyles;

  /**
   * The parts of the case this element shows; it re-renders only when one of them
   * changes. Undefined = every part.
   */
  static parts: readonly Part[] | undefined = undefined;

  /** Id of the meeting to show. Defaults to the enclosing `<samrad-meeting>`'s current meeting. */
  declare meeting: string | undefined;

  /** Text shared by every widget (command errors). Subclasses add their own controller. */
  protected readonly sharedText = new LocalizeController(this, sharedMessages);

  private hostModel: MeetingModel | undefined;
  private contextModel: MeetingModel | undefined;
  private contextMeeting: string | undefined;
  private stickyMeeting: string | undefined;
  private contextConnection: ConnectionState | undefined;
  private contextPresence: PresenceSource | undefined;
  private subscribedTo: MeetingModel | undefined;
  private unsubscribe: (() => void) | undefined;
  private liveRegion: HTMLElement | undefined;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    new ContextConsumer(this, {
      context: modelContext,
      subscribe: true,
      callback: (model) => {
        const old = this.model;
        this.contextModel = model;
        this.modelChanged(old);
      },
    });
    new ContextConsumer(this, {
      context: meetingContext,
      subscribe: true,
      callback: (id) => {
        this.contextMeeting = id;
        this.requestUpdate();
      },
    });
    new ContextConsumer(this, {
      context: connectionContext,
      subscribe: true,
      callback: (state) => {
        this.contextConnection = state;
        this.requestUpdate();
      },
    });
    new ContextConsumer(this, {
      context: presenceContext,
      subscribe: true,
      callback: (presence) => {
        this.contextPresence = presence;
        this.requestUpdate();
      },
    });
    new UnreadableNotice(this, () => (this.constructor as typeof SamradElement).parts);
    this.addEventListener('focusin', this.onFocusIn);
    this.addEventListener('focusout', this.onFocusOut);
    this.addEventListener('keydown', this.onKeyDown);
  }

  /** The meeting model: set by the host, else from the enclosing `<samrad-meeting>`. */
  get model(): MeetingModel | undefined {
    return this.hostModel ?? this.contextModel;
  }
  set model(model: MeetingModel | undefined) {
    const old = this.model;
    this.hostModel = model;
    this.modelChanged(old);
  }

  /** The case as it is now (cached by the model until the next change). */
  get snapshot(): CaseSnapshot | undefined {
    return this.model?.snapshot();
  }

  /**
   * The meeting shown: the `meeting` attribute, else the context's, else the latest open
   * one. The default sticks once chosen (while that meeting exists), so finalising a
   * meeting does not make the view jump to an older one; when a newer open meeting is
   * created, the view moves on to it.
   */
  get meetingId(): string | undefined {
    if (this.meeting) return this.meeting;
    if (this.contextMeeting) return this.contextMeeting;
    const snapshot = this.snapshot;
    const sticky = snapshot?.meetings.find((m) => m.id === this.stickyMeeting);
    const candidate = findMeeting(snapshot, defaultMeetingId(snapshot));
    if (!sticky || (sticky.state === 'finalised' && candidate && candidate.state !== 'finalised' && candidate.date > sticky.date)) {
      this.stickyMeeting = candidate?.id;
    }
    return this.stickyMeeting;
  }

  get currentMeeting(): Meeting | undefined {
    return findMeeting(this.snapshot, this.meetingId);
  }

  /** True when the current meeting's minutes are finalised (read-only for everyone). */
  get locked(): boolean {
    return this.currentMeeting?.state === 'finalised';
  }

  /** Connection state from `<samrad-meeting>`; `local` when the element stands alone. */
  get connection(): ConnectionState {
    return this.contextConnection ?? { state: 'local', unsynced: 0 };
  }

  /** Live presence, when a server connection provides it. */
  get presence(): PresenceSource | undefined {
    return this.contextPresence;
  }

  /** Whether the current user may run `command` (on `target`). False without a model. */
  can(command: Command, target?: Record<string, unknown>): boolean {
    return this.model?.can(command, target) ?? false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.syncSubscription();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.subscribedTo = undefined;
    clearTimeout(this.announceTimer);
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    // The live region sits before Lit's content so re-renders never remove it. Inline
    // style keeps it hidden even if a subclass drops the shared styles.
    const region = document.createElement('div');
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    region.setAttribute('aria-atomic', 'true');
    region.setAttribute('style', HIDDEN_STYLE);
    region.dataset.samradLive = '';
    root.appendChild(region);
    this.liveRegion = region;
    return root;
  }

  /**
   * Called after a change another user made to the parts this element shows. Override
   * to announce what matters ("Kari added an action").
   */
  protected remoteChanged(_info: ChangeInfo): void {}

  /** Called when the model is swapped (set by the host or by context). */
  protected modelChanged(old: MeetingModel | undefined): void {
    this.stickyMeeting = undefined;
    this.syncSubscription();
    this.requestUpdate('model', old);
  }

  private syncSubscription(): void {
    const model = this.model;
    if (!this.isConnected || model === this.subscribedTo) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.subscribedTo = model;
    if (!model) return;
    const parts = (this.constructor as typeof SamradElement).parts;
    this.unsubscribe = model.subscribe((info) => {
      this.requestUpdate();
      if (!info.local) this.remoteChanged(info);
    }, parts);
  }

  /**
   * Dispatches `samrad-<noun>-<verb>` (the prefix is added when missing), bubbling and
   * crossing shadow roots, so a host page can react.
   */
  emit<T>(name: string, detail?: T, options: { cancelable?: boolean } = {}): CustomEvent<T> {
    const type = name.startsWith('samrad-') ? name : `samrad-${name}`;
    const event = new CustomEvent<T>(type, { detail: detail as T, bubbles: true, composed: true, cancelable: options.cancelable ?? false });
    this.dispatchEvent(event);
    return event;
  }

  /** Says `text` to screen-reader users through the element's polite live region. */
  announce(text: string): void {
    const region = this.liveRegion;
    if (!region) return;
    // Clear first so the same sentence twice is read twice.
    region.textContent = '';
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      region.textContent = text;
    }, 50);
  }

  /**
   * Says what was just done (a deletion) with an "Undo" button beside it for ten seconds;
   * the button takes back this user's last edit, as Ctrl+Z does. Focus moves to the button,
   * since the control the user pressed is gone with what it deleted.
   */
  offerUndo(message: string): void {
    this.undoToast?.remove();
    const toast = document.createElement('div');
    toast.className = 'samrad-undo';
    toast.setAttribute('part', 'undo');
    toast.setAttribute('role', 'group');
    toast.setAttribute('aria-label', message);
    const text = document.createElement('span');
    text.textContent = message;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = this.sharedText.t('undo');
    const close = () => { toast.remove(); if (this.undoToast === toast) this.undoToast = undefined; };
    button.addEventListener('click', () => { this.undoLast(); close(); });
    toast.append(text, button);
    this.renderRoot.appendChild(toast);
    this.undoToast = toast;
    // Gone after ten seconds — but not from under the keyboard: while the button has focus it
    // stays until focus leaves it.
    setTimeout(() => {
      if (this.shadowRoot?.activeElement === button) button.addEventListener('blur', close, { once: true });
      else close();
    }, 10_000);
    this.announce(message);
    button.focus();
  }

  private undoToast: HTMLElement | undefined;

  /** Takes back this user's last edit (their own only) and says so. */
  protected undoLast(redo = false): boolean {
    const model = this.model;
    if (!model) return false;
    const done = redo ? model.redo() : model.undo();
    this.announce(this.sharedText.t(done ? (redo ? 'redone' : 'undone') : 'nothingToUndo'));
    return done;
  }

  /** Ctrl+Z / Cmd+Z undoes this user's last edit, Ctrl+Shift+Z / Ctrl+Y redoes it — except in a text field, where the field's own undo applies. */
  private onKeyDown = (e: KeyboardEvent): void => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    if (key !== 'z' && key !== 'y') return;
    const target = e.composedPath()[0];
    if (target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)) || (target instanceof HTMLElement && target.isContentEditable)) return;
    // Nested widgets each hear the event; the innermost one acts.
    if (e.composedPath().find((t) => t instanceof SamradElement) !== this) return;
    e.preventDefault();
    this.undoLast(key === 'y' || e.shiftKey);
  };

  /** The last text announced (for tests and for showing it visibly if wanted). */
  get lastAnnouncement(): string {
    return this.liveRegion?.textContent ?? '';
  }

  /** A refused or failed command as a sentence in the element's language. */
  commandError(err: unknown): string {
    const t = this.sharedText;
    if (isCommandError(err)) {
      const known = err.issues
        .map((i) => issueKey(i.message))
        .filter((k): k is `issue:${string}` & keyof typeof sharedMessages.nb => k in sharedMessages.nb)
        .map((k) => t.t(k));
      if (known.length) return known.join(' ');
      return t.t(err.code);
    }
    return t.t('unknown');
  }

  /** Field path → message, for showing errors next to the fields they concern. */
  fieldErrors(err: unknown): Record<string, string> {
    const out: Record<string, string> = {};
    if (!isCommandError(err)) return out;
    for (const issue of err.issues) {
      const k = issueKey(issue.message);
      out[issue.path] ??= k in sharedMessages.nb ? this.sharedText.t(k as keyof typeof sharedMessages.nb) : this.sharedText.t('invalid');
    }
    return out;
  }

  /**
   * Options for `bindText` on this element's collaborative text fields: the length-limit
   * message and refusals in the element's language, shown in the element its
   * `aria-describedby` names first.
   */
  protected textBindingOptions(): BindTextOptions {
    return { max: LONG_TEXT_MAX, limitMessage: this.sharedText.t('textLimit', LONG_TEXT_MAX), errorMessage: (error) => this.commandError(error) };
  }

  /** Runs a model command; on refusal returns the message to show instead of throwing. */
  tryCommand<T>(fn: () => T): CommandResult<T> {
    try {
      return { ok: true, value: fn() };
    } catch (error) {
      if (!isCommandError(error)) console.error('[samrad] command failed', error);
      return { ok: false, error, message: this.commandError(error), fields: this.fieldErrors(error) };
    }
  }

  // ---- presence: which field this user edits, from focus

  private onFocusIn = (e: FocusEvent): void => {
    const presence = this.presence;
    if (!presence) return;
    const path = e.composedPath();
    // Nested widgets (inside <samrad-meeting>) each hear the event; the innermost one owns the field.
    if (path.find((t) => t instanceof SamradElement) !== this) return;
    const field = fieldOf(path);
    if (field) presence.setEditing({ widget: this.localName, field });
  };

  private onFocusOut = (e: FocusEvent): void => {
    const presence = this.presence;
    if (!presence) return;
    // Focus moving to another field of the same element is reported by the next focusin.
    if (e.composedPath().find((t) => t instanceof SamradElement) !== this) return;
    const next = e.relatedTarget as Node | null;
    if (next && (this.contains(next) || this.shadowRoot?.contains(next))) return;
    presence.setEditing(undefined);
  };
}

function issueKey(message: string): string {
  return `issue:${message}`;
}

/** Duck-typed so a CommandError from another copy of @samrad/model is recognised too. */
export function isCommandError(err: unknown): err is { code: 'forbidden' | 'invalid' | 'not-found' | 'locked' | 'conflict'; command: string; issues: readonly { path: string; message: string }[] } {
  return typeof err === 'object' && err !== null && (err as { name?: string }).name === 'CommandError' && typeof (err as { code?: unknown }).code === 'string';
}

/** The field an event target stands for: `data-field`, else `name`, else `id` of the first form control. */
function fieldOf(path: EventTarget[]): string | undefined {
  for (const t of path) {
    if (!(t instanceof HTMLElement)) continue;
    const field = t.dataset.field ?? (t.matches('input, select, textarea, [contenteditable]') ? t.getAttribute('name') ?? t.id : undefined);
    if (field) return field;
    if (t instanceof SamradElement) break;
  }
  return undefined;
}
