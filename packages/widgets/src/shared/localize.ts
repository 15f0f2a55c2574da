/**
 * Per-element localisation. Each element owns a `LocalizeController` with its own typed
 * catalogues; the language is resolved per element from the nearest `lang` attribute
 * (walking up through shadow roots), then `<html lang>`, then Bokmål.
 *
 * Deliberately not `@lit/localize`: its runtime is one global per page and throws when
 * configured twice, and an embedded library must never own the host page's globals.
 * The pattern follows Shoelace's per-element LocalizeController.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The locales the widgets ship. Every shipped catalogue has all four (a test checks the
 * keys); `uk` stays optional for catalogues a host writes, which then fall back to English.
 */
export type WidgetLocale = 'nb' | 'nn' | 'en' | 'uk';

export type Message = string | ((...args: never[]) => string);
export type Messages = Record<string, Message>;

/** One catalogue per locale. The nb catalogue's type is the one all others satisfy. */
export interface Catalogues<M extends Messages> {
  nb: M;
  nn: M;
  en: M;
  uk?: M;
}

type ArgsOf<V> = V extends (...args: infer A) => string ? A : [];

const INTL_TAGS: Record<WidgetLocale, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB', uk: 'uk-UA' };

/** Maps any BCP 47 tag to a shipped locale: Norwegian variants to nb/nn, unknown languages to English. */
export function normaliseLang(tag: string | null | undefined): WidgetLocale | undefined {
  const t = tag?.trim().toLowerCase();
  if (!t) return undefined;
  const primary = t.split(/[-_]/)[0];
  if (primary === 'nn') return 'nn';
  if (primary === 'nb' || primary === 'no') return t.includes('nn') ? 'nn' : 'nb';
  if (primary === 'uk') return 'uk';
  return 'en';
}

/** The nearest `lang` attribute above (or on) `el`, crossing shadow-root boundaries. */
export function resolveLang(el: Element): WidgetLocale {
  let node: Element | null = el;
  while (node) {
    const withLang: Element | null = node.closest('[lang]');
    if (withLang) {
      const lang = normaliseLang(withLang.getAttribute('lang'));
      if (lang) return lang;
      // lang="" means "unknown": keep looking further out.
      node = withLang.parentElement ?? hostOf(withLang);
      continue;
    }
    node = hostOf(node);
  }
  return normaliseLang(globalThis.document?.documentElement.lang) ?? 'nb';
}

function hostOf(el: Element): Element | null {
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

// One observer per copy of this library watches `lang` attributes in the document and in
// the shadow roots the controllers live in; each change re-resolves every connected controller.
const controllers = new Set<LocalizeController<Messages>>();
const observedRoots = new WeakSet<Node>();
let observer: MutationObserver | undefined;

function observe(root: Node): void {
  if (typeof MutationObserver === 'undefined' || observedRoots.has(root)) return;
  observer ??= new MutationObserver(() => {
    for (const c of controllers) c.refresh();
  });
  observer.observe(root, { attributes: true, attributeFilter: ['lang'], subtree: true });
  observedRoots.add(root);
}

/** The meeting's time zone: Norwegian municipalities. */
export const MEETING_TIME_ZONE = 'Europe/Oslo';

/** The reader's time zone, from the browser. */
export function readerTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || MEETING_TIME_ZONE;
}

export class LocalizeController<M extends Messages> implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly catalogues: Catalogues<M>;
  private current: WidgetLocale | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, catalogues: Catalogues<M>) {
    this.host = host;
    this.catalogues = catalogues;
    host.addController(this);
  }

  hostConnected(): void {
    controllers.add(this as unknown as LocalizeController<Messages>);
    if (typeof document !== 'undefined') observe(document.documentElement);
    // Watch every shadow root between the host and the document, so a `lang` set inside
    // an enclosing component also re-renders us.
    let root = this.host.getRootNode();
    while (root instanceof ShadowRoot) {
      observe(root);
      root = root.host.getRootNode();
    }
    this.current = resolveLang(this.host);
  }

  hostDisconnected(): void {
    controllers.delete(this as unknown as LocalizeController<Messages>);
  }

  /** Re-resolves the language; re-renders the host when it changed. */
  refresh(): void {
    const next = resolveLang(this.host);
    if (next !== this.current) {
      this.current = next;
      this.host.requestUpdate();
    }
  }

  /** The resolved locale of this element. */
  get lang(): WidgetLocale {
    return this.current ?? resolveLang(this.host);
  }

  /** BCP 47 tag for `Intl` (e.g. `nb-NO`). */
  get intlTag(): string {
    return INTL_TAGS[this.lang];
  }

  /**
   * Tags to hand `Intl`, best first. Some browsers ship no Nynorsk date data and would
   * fall back to English; Bokmål is the right second choice for a Nynorsk reader.
   */
  get intlTags(): string[] {
    return this.lang === 'nn' ? ['nn-NO', 'nb-NO'] : [INTL_TAGS[this.lang]];
  }

  private catalogue(): M {
    const lang = this.lang;
    if (lang === 'uk') return this.catalogues.uk ?? this.catalogues.en;
    return this.catalogues[lang];
  }

  /** The message `key` in this element's language; functions are called with `args`. */
  t<K extends keyof M & string>(key: K, ...args: ArgsOf<M[K]>): string {
    const message = (this.catalogue()[key] ?? this.catalogues.en[key] ?? this.catalogues.nb[key]) as Message | undefined;
    if (message === undefined) return key;
    const text = typeof message === 'function' ? (message as (...a: unknown[]) => string)(...args) : message;
    // A Ukrainian date ends in "р." (рік) already: a sentence that ends with one gets no second full stop.
    return this.lang === 'uk' ? text.replace(/ р\.\./g, ' р.') : text;
  }

  /**
   * A date. Date-only values (`2025-03-14`) are calendar days and print the same in every
   * time zone; date-times print in the reader's zone.
   */
  date(iso: string | Date | undefined, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }): string {
    if (iso === undefined || iso === '') return '';
    const dateOnly = typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(iso);
    const d = typeof iso === 'string' ? new Date(dateOnly ? `${iso}T00:00:00Z` : iso) : iso;
    if (Number.isNaN(d.getTime())) return String(iso);
    return new Intl.DateTimeFormat(this.intlTags, dateOnly ? { ...options, timeZone: 'UTC' } : options).format(d);
  }

  /**
   * A date with time of day, in the reader's time zone (or `timeZone`). When that zone is
   * not the meeting's (`Europe/Oslo`: the municipalities' zone), it is named, e.g.
   * "20. november 2026 kl. 04:00 (America/New_York)", so nobody takes it for Oslo time.
   */
  dateTime(iso: string | Date | undefined, { timeZone = readerTimeZone() }: { timeZone?: string } = {}): string {
    const text = this.date(iso, { dateStyle: 'long', timeStyle: 'short', timeZone });
    if (!text || timeZone === MEETING_TIME_ZONE || text === String(iso)) return text;
    return `${text} (${timeZone})`;
  }

  number(n: number, options?: Intl.NumberFormatOptions): string {
    return new Intl.NumberFormat(this.intlTags, options).format(n);
  }

  /**
   * Picks the plural form for `n` through `Intl.PluralRules`; `#` in the chosen form is
   * replaced by the formatted number. `other` is required and used when a form is missing.
   */
  plural(n: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): string {
    const rule = new Intl.PluralRules(this.intlTags).select(n);
    const form = forms[rule] ?? forms.other;
    return form.replace(/#/g, this.number(n));
  }

  /** A list joined the way the language joins lists ("A, B og C"). */
  list(items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
    return new Intl.ListFormat(this.intlTags, { style: 'long', type }).format(items);
  }
}
