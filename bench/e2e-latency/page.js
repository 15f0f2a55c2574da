/**
 * One side of the end-to-end latency benchmark, built with Vite from the sources. Both
 * sides connect with @samrad/client's connectCase (the stock y-websocket provider) to the
 * server named in the URL. `?side=writer`: a text field whose every keystroke sets an
 * action's title through MeetingModel, as a custom view would. `?side=reader`: the real
 * <samrad-actions> element, watched with a MutationObserver for the title to change.
 * Times are wall-clock (timeOrigin + now), comparable between the two pages.
 */
import '../../packages/widgets/src/define.ts';
import { connectCase } from '@samrad/client';
import { MeetingModel } from '@samrad/model';

const q = new URLSearchParams(location.search);
const side = q.get('side');
const actionId = q.get('action');
const now = () => performance.timeOrigin + performance.now();
const stage = document.getElementById('stage');

const conn = connectCase({ server: q.get('server'), caseId: q.get('case'), token: q.get('token'), offline: false });
const status = await conn.ready;
if (status.state !== 'live') throw new Error(`not live: ${JSON.stringify(status)}`);
const model = new MeetingModel(conn.doc, { id: `bench-${side}`, name: `Bench ${side}`, role: 'leader' });

window.keys = [];
window.seen = [];
window.docUpdates = [];
conn.doc.on('update', () => window.docUpdates.push(now()));
if (side === 'writer') {
  const input = document.createElement('input');
  input.id = 'title';
  input.setAttribute('aria-label', 'Tittel');
  input.value = model.snapshot().actions.find((a) => a.id === actionId).title;
  input.addEventListener('keydown', (e) => { if (e.key.length === 1) window.keys.push(now()); });
  input.addEventListener('input', () => model.actions.update(actionId, { title: input.value }));
  stage.append(input);
} else {
  const el = document.createElement('samrad-actions');
  el.model = model;
  stage.append(el);
  await el.updateComplete;
  let last = '';
  new MutationObserver(() => {
    const title = el.renderRoot.querySelector(`li[data-id="${actionId}"] .what`)?.textContent ?? '';
    if (title !== last) {
      last = title;
      window.seen.push({ at: now(), length: title.length });
    }
  }).observe(el.renderRoot, { subtree: true, childList: true, characterData: true });
}
window.benchReady = true;
