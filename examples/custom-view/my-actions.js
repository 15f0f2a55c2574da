/**
 * <kommune-my-actions>: a view a host wrote itself, outside @samrad/widgets. Put it inside
 * <samrad-meeting>; it asks the meeting for the model through the public context
 * protocol, reads typed snapshots, and re-renders when actions change. It shows what our
 * widgets do not: the signed-in person's own actions, by the date they must act on next
 * (deadline, else evaluation date), with days left — "what do I have to do, and when".
 *
 * Plain JavaScript, no Lit and no build step; the only import is the context key.
 */
import { modelContext } from '../../packages/widgets/dist/samrad.js';

const DAY = 86_400_000;

/** The Lit context protocol (https://github.com/webcomponents-cg/community-protocols): any element can ask. */
class ContextRequestEvent extends Event {
  constructor(context, contextTarget, callback, subscribe) {
    super('context-request', { bubbles: true, composed: true });
    this.context = context;
    this.contextTarget = contextTarget;
    this.callback = callback;
    this.subscribe = subscribe;
  }
}

/** The date this action asks something of its owner: the deadline, else (ongoing, recurring) the evaluation date. */
function nextDate(action) {
  return action.schedule.kind === 'deadline'
    ? { date: action.schedule.date, what: 'frist' }
    : { date: action.evaluationDate, what: 'evaluering' };
}

function daysFrom(today, date) {
  return Math.round((Date.parse(`${date}T12:00:00Z`) - Date.parse(`${today}T12:00:00Z`)) / DAY);
}

export class KommuneMyActions extends HTMLElement {
  #model;
  #unsubscribeContext;
  #unsubscribeModel;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = `
      <style>
        :host { display: block; font: inherit; }
        ol { list-style: none; padding: 0; margin: 0; }
        li { display: grid; grid-template-columns: 7rem 1fr; gap: .75rem; padding: .4rem 0; border-bottom: 1px solid #ddd; }
        .when { font-variant-numeric: tabular-nums; }
        .overdue .when { color: #a4161a; font-weight: 700; }
      </style>
      <h2 part="heading">Mine tiltak etter frist</h2>
      <p part="summary" id="summary">Venter på møtet …</p>
      <ol part="list" id="list"></ol>`;
  }

  /** Today as yyyy-mm-dd; an attribute so a test or a demo can pin it. */
  get today() {
    return this.getAttribute('today') ?? new Date().toISOString().slice(0, 10);
  }

  async connectedCallback() {
    // The provider must exist before we ask; <samrad-meeting> may be defined after us.
    await customElements.whenDefined('samrad-meeting');
    if (!this.isConnected) return;
    this.dispatchEvent(new ContextRequestEvent(modelContext, this, (model, unsubscribe) => {
      this.#unsubscribeContext = unsubscribe;
      this.#use(model);
    }, true));
  }

  disconnectedCallback() {
    this.#unsubscribeContext?.();
    this.#unsubscribeModel?.();
    this.#unsubscribeModel = undefined;
  }

  /** The model the meeting provides now (undefined until connected). */
  get model() {
    return this.#model;
  }

  #use(model) {
    if (model === this.#model) return;
    this.#unsubscribeModel?.();
    this.#model = model;
    // Re-render only when actions or participants change; the model says which parts did.
    this.#unsubscribeModel = model?.subscribe(() => this.#render(), ['actions', 'participants']);
    this.#render();
  }

  /** Mine, open, soonest first. Exposed so the host can use the same list elsewhere. */
  rows() {
    const model = this.#model;
    if (!model) return [];
    const today = this.today;
    return model.snapshot().actions
      .filter((a) => (a.status === 'planned' || a.status === 'in-progress') && model.ownsAction(a))
      .map((a) => {
        const next = nextDate(a);
        return { id: a.id, title: a.title, ...next, days: daysFrom(today, next.date) };
      })
      .sort((x, y) => x.date.localeCompare(y.date) || x.title.localeCompare(y.title));
  }

  #render() {
    const summary = this.shadowRoot.getElementById('summary');
    const list = this.shadowRoot.getElementById('list');
    if (!this.#model) {
      summary.textContent = 'Venter på møtet …';
      list.replaceChildren();
      return;
    }
    const rows = this.rows();
    const overdue = rows.filter((r) => r.days < 0).length;
    summary.textContent = `${this.#model.user.name}: ${rows.length} åpne tiltak${overdue ? `, ${overdue} på overtid` : ''}.`;
    list.replaceChildren(...rows.map((r) => {
      const li = document.createElement('li');
      li.dataset.id = r.id;
      li.className = r.days < 0 ? 'overdue' : '';
      const when = document.createElement('span');
      when.className = 'when';
      when.textContent = r.days < 0 ? `${-r.days} d over` : r.days === 0 ? 'i dag' : `om ${r.days} d`;
      const what = document.createElement('span');
      what.textContent = `${r.title} (${r.what} ${r.date})`;
      li.append(when, what);
      return li;
    }));
    this.dispatchEvent(new CustomEvent('kommune-my-actions-render', { bubbles: true, composed: true, detail: { count: rows.length, overdue } }));
  }
}

if (!customElements.get('kommune-my-actions')) customElements.define('kommune-my-actions', KommuneMyActions);
