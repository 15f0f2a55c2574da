/**
 * Registers a custom element unless the tag is taken. When another copy of the library
 * (or another library) registered the tag first, we warn and leave theirs in place rather
 * than throw: a page that loads the widgets twice keeps working.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== ctor) console.warn(`[samrad] <${tag}> is already registered by another copy of the widgets; keeping that one.`);
    return;
  }
  customElements.define(tag, ctor);
}
