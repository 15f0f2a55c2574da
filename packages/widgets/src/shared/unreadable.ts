/**
 * Entries in the document that fail their schema (written by an older version, or by hand
 * with plain Yjs) are never dropped silently: every widget shows a visible notice for the
 * unreadable entries of the parts it shows. The entries stay in the document untouched.
 */
import { html, render, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { CaseSnapshot, Part } from '@samrad/model';
import { LocalizeController } from './localize.js';

const nb = {
  heading: (n: number) => (n === 1 ? 'En oppføring kan ikke leses' : `${n} oppføringer kan ikke leses`),
  explain: 'De er skrevet av en eldre versjon eller for hånd, og passer ikke skjemaet. De er ikke slettet – be en administrator se på dem.',
  entry: (part: string, id: string, problem: string) => `${part} / ${id}: ${problem}`,
};
const nn: typeof nb = {
  heading: (n: number) => (n === 1 ? 'Ei oppføring kan ikkje lesast' : `${n} oppføringar kan ikkje lesast`),
  explain: 'Dei er skrivne av ein eldre versjon eller for hand, og passar ikkje skjemaet. Dei er ikkje sletta – be ein administrator sjå på dei.',
  entry: nb.entry,
};
const en: typeof nb = {
  heading: (n: number) => (n === 1 ? 'One entry cannot be read' : `${n} entries cannot be read`),
  explain: 'They were written by an older version or by hand and do not fit the schema. They have not been deleted – ask an administrator to look at them.',
  entry: nb.entry,
};
const uk: typeof nb = {
  heading: (n: number) => (n === 1 ? 'Один запис неможливо прочитати' : `Записів, які неможливо прочитати: ${n}`),
  explain: 'Їх записала старіша версія або вручну, і вони не відповідають схемі. Їх не видалено – зверніться до адміністратора.',
  entry: nb.entry,
};

interface Host extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly snapshot: CaseSnapshot | undefined;
}

export class UnreadableNotice implements ReactiveController {
  private readonly text: LocalizeController<typeof nb>;
  private container: HTMLElement | undefined;

  constructor(private readonly host: Host, private readonly parts: () => readonly Part[] | undefined) {
    this.text = new LocalizeController(host, { nb, nn, en, uk });
    host.addController(this);
  }

  hostUpdated(): void {
    // A widget drawn inside another widget's shadow root (the elements <samrad-case> composes)
    // leaves the notice to the outer one, which shows it once for all their parts.
    const root = this.host.getRootNode();
    if (root instanceof ShadowRoot && root.host.localName.startsWith('samrad-')) return;
    const parts = this.parts();
    const entries = (this.host.snapshot?.unreadable ?? []).filter((u) => !parts || (parts as readonly string[]).includes(u.part) || u.part === 'case');
    if (entries.length === 0 && !this.container) return;
    if (!this.container) {
      this.container = document.createElement('div');
      this.container.setAttribute('part', 'unreadable');
      this.container.dataset.samradUnreadable = '';
      const root = this.host.renderRoot;
      root.insertBefore(this.container, root.firstChild);
    }
    const t = this.text;
    render(entries.length === 0 ? html`` : html`
      <div role="note" style="border:2px solid currentColor;border-radius:4px;padding:.5rem .75rem;margin:0 0 .75rem">
        <strong>⚠ ${t.t('heading', entries.length)}</strong>
        <p style="margin:.25rem 0">${t.t('explain')}</p>
        <ul style="margin:0;padding-left:1.25rem">
          ${entries.map((u) => html`<li><code>${t.t('entry', u.part, u.id, u.issues.map((i) => `${i.path || '·'} ${i.message}`).join('; '))}</code></li>`)}
        </ul>
      </div>`, this.container);
  }
}
