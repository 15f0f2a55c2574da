/**
 * The same read as <kommune-my-actions>, with plain `yjs` and `y-websocket` and no @samrad
 * import: the layout in docs/data-model.md is the contract. Open the case's shared
 * document, find "me" among the participants by the token's subject, and list my open
 * actions by the date they ask something of me.
 *
 * Bare imports ('yjs', 'y-websocket'): bundle this file with any bundler. The demo build
 * bundles it to plain-yjs.bundle.js next to plain-yjs.html.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

/** My open actions, soonest first, read straight from the Y.Doc. */
export function myActionsByDate(doc, sub, role) {
  let me;
  doc.getMap('participants').forEach((p, id) => {
    if (p.get('userId') === sub) me = id;
  });
  const mine = (owner) =>
    (owner.kind === 'participant' && owner.participantId === me) ||
    (owner.kind === 'parent' && role === 'parent' && (!owner.participantId || owner.participantId === me)) ||
    (owner.kind === 'child' && role === 'child');
  const out = [];
  doc.getMap('actions').forEach((action, id) => {
    const status = action.get('status');
    if (status !== 'planned' && status !== 'in-progress') return;
    if (!mine(action.get('owner'))) return;
    const schedule = action.get('schedule');
    const date = schedule.kind === 'deadline' ? schedule.date : action.get('evaluationDate');
    out.push({ id, title: action.get('title'), date, evaluations: action.get('evaluations').length });
  });
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title));
}

/** Opens `case/<caseId>` on the server and calls `render` with my actions now and after every change. */
export function watchMyActions({ server, caseId, token, sub, role }, render) {
  const doc = new Y.Doc();
  // y-websocket appends the room name to the URL: ws://host/sync/case/<caseId>?token=…
  const provider = new WebsocketProvider(`${server.replace(/\/+$/, '')}/sync`, `case/${caseId}`, doc, { params: { token }, disableBc: true });
  provider.on('sync', (synced) => { if (synced) render(myActionsByDate(doc, sub, role)); });
  doc.getMap('actions').observeDeep(() => render(myActionsByDate(doc, sub, role)));
  doc.getMap('participants').observeDeep(() => render(myActionsByDate(doc, sub, role)));
  return { doc, provider, destroy: () => { provider.destroy(); doc.destroy(); } };
}
