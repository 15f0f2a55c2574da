/**
 * Binds an `<input>` or `<textarea>` to a collaborative text field (a `Y.Text`, see
 * `TEXT_FIELDS` in @samrad/model), so that several people can type in it at once:
 *
 * - each local input becomes the smallest edit (one delete, one insert) applied through
 *   `MeetingModel.editText`, in one transaction whose origin is the model (so the user's
 *   undo covers their typing and the role table is checked);
 * - each remote edit updates the element's value while the caret and selection stay
 *   where the user had them (anchors — Yjs relative positions, `textAnchor` in the model —
 *   taken just before the change arrives, resolved after it);
 * - a remote edit never replaces what the user is typing: it is merged by Yjs, and while
 *   an input method (IME) is composing, remote edits wait and nothing is sent until the
 *   composition ends;
 * - the schema's limit (`maxlength`, 20,000 characters) is kept before anything is sent,
 *   with a message the widget supplies in its language.
 *
 * Views use the `bindText` Lit directive; `TextBinding` is the same without Lit.
 */
import { noChange } from 'lit';
import { AsyncDirective, directive, PartType, type ElementPart, type PartInfo } from 'lit/async-directive.js';
import { anchorIndex, textAnchor, textDiff, type EntityRoot, type MeetingModel, type TextAnchor } from '@samrad/model';
import type * as Y from 'yjs';

export type TextElement = HTMLInputElement | HTMLTextAreaElement;

/** The longest text the schema accepts for a free-text field. */
export const LONG_TEXT_MAX = 20_000;

export interface TextBindingOptions {
  /** Longest text (default `LONG_TEXT_MAX`, or the element's own `maxlength` when smaller). */
  max?: number;
  /** Shown when the text reaches `max`, in the widget's language. */
  limitMessage?: string;
  /** Turns a refused edit into a sentence in the widget's language. */
  errorMessage?: (error: unknown) => string;
  /** Where messages go: the element with this id in the same root. Default: the element's first `aria-describedby` id. */
  messageId?: string;
  /**
   * The text may not exist yet (an assessment element nobody has written; `textField` gives
   * undefined): keep the element editable and let the first input create it through
   * `editText`, then bind to it. Set this only when the user may edit the field.
   */
  create?: boolean;
}

/** Writes `message` into the element a binding's messages go to (see `messageId`). */
function notifyNear(element: TextElement, options: TextBindingOptions, message: string): void {
  const id = options.messageId ?? element.getAttribute('aria-describedby')?.split(/\s+/)[0];
  const target = id ? (element.getRootNode() as Document | ShadowRoot).getElementById(id) : null;
  if (target && target.textContent !== message) target.textContent = message;
}

/** The plain value at a dotted path of an entry (`content.elements.health`). */
function valueAt(entry: Record<string, unknown> | undefined, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), entry);
}

interface SavedSelection { start: TextAnchor; end: TextAnchor; direction: 'forward' | 'backward' | 'none' }

export class TextBinding {
  private readonly doc: Y.Doc;
  /** What the element showed when it was last in step with the Y.Text. */
  private shadow: string;
  private composing = false;
  /** Where the composition started, in `shadow` and as a relative position in the Y.Text. */
  private compositionStart: { index: number; rel: TextAnchor } | undefined;
  private saved: SavedSelection | undefined;
  private committing = false;

  constructor(
    readonly element: TextElement,
    readonly model: MeetingModel,
    readonly root: EntityRoot,
    readonly id: string,
    readonly field: string,
    readonly text: Y.Text,
    private options: TextBindingOptions = {},
  ) {
    this.doc = text.doc!;
    this.shadow = text.toString();
    if (element.value !== this.shadow) element.value = this.shadow;
    element.addEventListener('input', this.onInput);
    element.addEventListener('compositionstart', this.onCompositionStart);
    element.addEventListener('compositionend', this.onCompositionEnd);
    this.doc.on('beforeTransaction', this.onBeforeTransaction);
    text.observe(this.onTextChange);
  }

  setOptions(options: TextBindingOptions): void {
    this.options = options;
  }

  destroy(): void {
    this.element.removeEventListener('input', this.onInput);
    this.element.removeEventListener('compositionstart', this.onCompositionStart);
    this.element.removeEventListener('compositionend', this.onCompositionEnd);
    this.doc.off('beforeTransaction', this.onBeforeTransaction);
    this.text.unobserve(this.onTextChange);
  }

  private get max(): number {
    const own = this.element.maxLength > 0 ? this.element.maxLength : Infinity;
    return Math.min(this.options.max ?? LONG_TEXT_MAX, own);
  }

  private get focused(): boolean {
    const root = this.element.getRootNode() as Document | ShadowRoot;
    return root.activeElement === this.element;
  }

  // ---- local edits

  private onInput = (e: Event): void => {
    if (this.composing || (e as InputEvent).isComposing) return;
    this.commit();
  };

  private onCompositionStart = (): void => {
    this.composing = true;
    const index = Math.min(this.element.selectionStart ?? 0, this.shadow.length);
    this.compositionStart = { index, rel: textAnchor(this.text, index) };
  };

  private onCompositionEnd = (): void => {
    this.composing = false;
    this.commit();
    this.compositionStart = undefined;
  };

  /** Sends what the user changed since the element was last in step, then brings the element up to date. */
  private commit(): void {
    const el = this.element;
    let value = el.value;
    const max = this.max;
    if (value.length > max) value = value.slice(0, max);
    this.notify(value.length >= max && this.options.limitMessage ? this.options.limitMessage : '');
    if (value === this.shadow) {
      this.refresh(el.selectionStart ?? value.length, el.selectionEnd ?? value.length);
      return;
    }
    const caretAfter = Math.min(el.selectionEnd ?? value.length, value.length);
    const edit = textDiff(this.shadow, value, caretAfter);
    const current = this.text.toString();
    let index = edit.index;
    if (current !== this.shadow && this.compositionStart) {
      // Others typed while this user was composing: place the edit where composing began.
      const start = anchorIndex(this.text, this.compositionStart.rel);
      index = (start ?? this.compositionStart.index) + (edit.index - this.compositionStart.index);
    }
    index = Math.max(0, Math.min(index, current.length));
    const remove = Math.min(edit.remove, current.length - index);
    let next = current.slice(0, index) + edit.insert + current.slice(index + remove);
    if (next.length > max) next = next.slice(0, max);
    const caret = Math.min(index + edit.insert.length, next.length);
    this.committing = true;
    try {
      this.model.editText(this.root, this.id, this.field, next, caret);
    } catch (error) {
      this.notify(this.options.errorMessage?.(error) ?? String(error));
      // Show what is stored; the caret goes back to where the edit began.
      this.refresh(index, index);
      return;
    } finally {
      this.committing = false;
    }
    this.refresh(caret, caret);
  }

  /** Makes the element show the Y.Text, with the caret at the given indices of the Y.Text. */
  private refresh(start: number, end: number): void {
    const value = this.text.toString();
    this.shadow = value;
    const el = this.element;
    if (el.value !== value) el.value = value;
    if (this.focused && (el.selectionStart !== start || el.selectionEnd !== end)) el.setSelectionRange(start, end);
  }

  private notify(message: string): void {
    notifyNear(this.element, this.options, message);
  }

  // ---- remote edits

  /** Before any change reaches the Y.Text, remembers the selection as positions that move with the text. */
  private onBeforeTransaction = (): void => {
    if (this.committing || this.composing || !this.focused) return;
    const el = this.element;
    if (el.value !== this.text.toString()) return;
    this.saved = {
      start: textAnchor(this.text, el.selectionStart ?? 0),
      end: textAnchor(this.text, el.selectionEnd ?? 0),
      direction: el.selectionDirection ?? 'none',
    };
  };

  private onTextChange = (): void => {
    const saved = this.saved;
    this.saved = undefined;
    // This user's own edit: the element already shows it.
    if (this.committing) return;
    // An input method is composing: the change waits for the composition to end.
    if (this.composing) return;
    const el = this.element;
    const value = this.text.toString();
    this.shadow = value;
    if (el.value === value) return;
    if (!saved || !this.focused) {
      el.value = value;
      return;
    }
    const start = anchorIndex(this.text, saved.start) ?? 0;
    const end = anchorIndex(this.text, saved.end) ?? start;
    el.value = value;
    el.setSelectionRange(start, end, saved.direction);
  };
}

/** Where a binding's messages go, and how refusals read, in the widget's language. */
export type BindTextOptions = TextBindingOptions;

class BindTextDirective extends AsyncDirective {
  private binding: TextBinding | undefined;
  private element: TextElement | undefined;
  private args: Parameters<this['render']> | undefined;
  /** The element waiting for its first input to create a missing text (`create`). */
  private waiting: TextElement | undefined;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('bindText goes on an <input> or <textarea> element');
  }

  render(_model: MeetingModel | undefined, _root: EntityRoot, _id: string, _field: string, _options?: BindTextOptions): unknown {
    return noChange;
  }

  override update(part: ElementPart, args: Parameters<this['render']>): unknown {
    this.element = part.element as TextElement;
    this.args = args;
    if (this.isConnected) this.bind();
    return noChange;
  }

  private bind(): void {
    if (!this.element || !this.args) return;
    const [model, root, id, field, options] = this.args;
    const text = model?.textField(root, id, field);
    const b = this.binding;
    if (b && b.text === text && b.model === model && b.element === this.element) {
      b.setOptions(options ?? {});
      return;
    }
    b?.destroy();
    this.binding = undefined;
    this.stopWaiting();
    if (model && text) {
      this.binding = new TextBinding(this.element, model, root, id, field, text, options ?? {});
      this.element.readOnly = false;
      return;
    }
    const entry = (model?.snapshot()[root as keyof ReturnType<MeetingModel['snapshot']>] as Array<Record<string, unknown>> | undefined)?.find((e) => e.id === id);
    const value = valueAt(entry, field);
    const stored = typeof value === 'string' ? value : '';
    if (model && entry && options?.create) {
      // No text yet, but the user may write one: the first input creates it.
      this.element.readOnly = false;
      if (this.element.value !== stored) this.element.value = stored;
      this.waiting = this.element;
      this.element.addEventListener('input', this.onFirstInput);
      this.element.addEventListener('compositionend', this.onFirstInput);
      return;
    }
    // Not editable now (e.g. the minutes were just finalised): show the stored text, read-only.
    this.element.readOnly = true;
    if (this.element.value !== stored) this.element.value = stored;
  }

  private stopWaiting(): void {
    this.waiting?.removeEventListener('input', this.onFirstInput);
    this.waiting?.removeEventListener('compositionend', this.onFirstInput);
    this.waiting = undefined;
  }

  private onFirstInput = (e: Event): void => {
    const el = this.waiting;
    if (!el || !this.args || (e.type === 'input' && (e as InputEvent).isComposing)) return;
    const [model, root, id, field, options = {}] = this.args;
    const max = Math.min(options.max ?? LONG_TEXT_MAX, el.maxLength > 0 ? el.maxLength : Infinity);
    const value = el.value.slice(0, max);
    notifyNear(el, options, value.length >= max && options.limitMessage ? options.limitMessage : '');
    try {
      model?.editText(root, id, field, value, Math.min(el.selectionEnd ?? value.length, value.length));
    } catch (error) {
      notifyNear(el, options, options.errorMessage?.(error) ?? String(error));
      el.value = '';
      return;
    }
    // The text exists now: bind to it (the element already shows it, the caret stays).
    this.bind();
  };

  protected override disconnected(): void {
    this.binding?.destroy();
    this.binding = undefined;
    this.stopWaiting();
  }

  protected override reconnected(): void {
    // Back in the page (e.g. the host moved the widget): bind again to what is stored now.
    this.bind();
  }
}

/**
 * Lit element directive: `<textarea ${bindText(model, 'agenda', item.id, 'notes', options)}>`.
 * `field` may be a dotted path to a text inside a nested field (`'content.conclusion'` of
 * an assessment). Do not also bind `.value`; the directive owns it. Without an editable
 * Y.Text the element is made read-only (unless `create` lets the first input make one).
 */
export const bindText = directive(BindTextDirective);
