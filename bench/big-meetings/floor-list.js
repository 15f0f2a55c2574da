/**
 * The floor of the big-meeting benchmark: a bare Lit list over the same Yjs data, with the
 * least a list of actions or agenda items must do — read the entries, filter, render one
 * row each (title, a status select, owner, dates), keyed so a change re-renders one row.
 * No validation, localisation, permissions or derived labels.
 */
import { html, LitElement } from 'lit';
import { repeat } from 'lit/directives/repeat.js';

const STATUSES = ['planned', 'in-progress', 'done', 'stopped'];

/** Reads one root of entity maps into plain objects, as any Yjs-backed list must. */
export function readEntries(doc, root) {
  return [...doc.getMap(root).values()].map((m) => m.toJSON());
}

export class FloorActions extends LitElement {
  static properties = { items: { attribute: false }, service: { state: true } };

  constructor() {
    super();
    this.items = [];
    this.service = '';
  }

  /** Follows the document: every change to an action replaces that one item. */
  bind(doc) {
    this.items = readEntries(doc, 'actions');
    doc.getMap('actions').observeDeep((events) => {
      const changed = new Set(events.map((e) => (e.target === doc.getMap('actions') ? null : e.path[0] ?? e.target._item?.parentSub)).filter(Boolean));
      this.items = this.items.map((a) => (changed.has(a.id) ? doc.getMap('actions').get(a.id).toJSON() : a));
    });
  }

  render() {
    const shown = this.items.filter((a) => (a.status === 'planned' || a.status === 'in-progress') && (!this.service || a.owner?.service === this.service));
    return html`<section>
      <h2>Tiltak</h2>
      <label>Tjeneste <select @change=${(e) => { this.service = e.target.value; }}>
        ${['', 'skole', 'ppt', 'helsestasjon', 'barnevern', 'kultur-fritid'].map((s) => html`<option value=${s}>${s || 'Alle'}</option>`)}
      </select></label>
      <p>${shown.length} av ${this.items.length}</p>
      <ul>${repeat(shown, (a) => a.id, (a) => html`<li data-id=${a.id}>
        <div><span>${a.title}</span>
          <select aria-label="Status">${STATUSES.map((s) => html`<option value=${s} ?selected=${a.status === s}>${s}</option>`)}</select>
          <button type="button">Detaljer</button></div>
        <div><span>Ansvarlig: ${a.owner?.service ?? a.owner?.kind}</span>
          <span>Frist: ${a.schedule?.date ?? a.schedule?.kind}</span>
          <span>Evalueres ${a.evaluationDate}</span></div>
      </li>`)}</ul>
    </section>`;
  }
}
customElements.define('floor-actions', FloorActions);

export class FloorAgenda extends LitElement {
  static properties = { items: { attribute: false } };

  constructor() {
    super();
    this.items = [];
    this.meeting = '';
  }

  bind(doc, meetingId) {
    this.meeting = meetingId;
    const read = () => readEntries(doc, 'agenda').filter((a) => a.meetingId === meetingId).sort((a, b) => a.position - b.position);
    this.items = read();
    doc.getMap('agenda').observeDeep((events) => {
      const changed = new Set(events.map((e) => (e.target === doc.getMap('agenda') ? null : e.path[0] ?? e.target._item?.parentSub)).filter(Boolean));
      this.items = this.items.map((a) => (changed.has(a.id) ? doc.getMap('agenda').get(a.id).toJSON() : a));
    });
  }

  render() {
    return html`<section><h2>Dagsorden</h2>
      <ol>${repeat(this.items, (a) => a.id, (a) => html`<li data-id=${a.id}>
        <span>${a.title}</span> <span>${a.plannedMinutes} min</span>
        <button type="button">Rediger</button> <button type="button">Flytt opp</button> <button type="button">Flytt ned</button>
        ${a.notes ? html`<p>${a.notes}</p>` : ''}
      </li>`)}</ol>
    </section>`;
  }
}
customElements.define('floor-agenda', FloorAgenda);
