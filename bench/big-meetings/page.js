/**
 * The big-meeting benchmark page (built by ../big-meetings.js with Vite). Builds a case with
 * many actions or agenda items, then times, in this page, the same operations on our
 * element and on the floor (floor-list.js): first render, a filter, and a remote edit
 * (an update made on a second Y.Doc, applied as the provider would apply it).
 * Every time runs until the element's update is complete and layout is done.
 */
import '../../packages/widgets/src/define.ts';
import { MeetingModel, seedExampleCase } from '@samrad/model';
import * as Y from 'yjs';
import './floor-list.js';

const USER = { id: 'sofie.lie', name: 'Sofie Lie', role: 'leader', service: 'helsestasjon' };
const SERVICES = ['skole', 'ppt', 'helsestasjon', 'barnevern', 'kultur-fritid'];
const stage = document.getElementById('stage');
const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The example case grown to `actions` actions and `agenda` items on the current meeting. */
function bigCase({ actions = 0, agenda = 0 }) {
  const doc = new Y.Doc();
  const model = new MeetingModel(doc, USER);
  const ids = seedExampleCase(model);
  doc.transact(() => {
    for (let i = model.snapshot().actions.length; i < actions; i++) {
      model.actions.add({
        title: `Tiltak ${i}: oppfølging av skolenærvær, samtale med kontaktlærer og foreldre`,
        owner: { kind: 'service', service: SERVICES[i % SERVICES.length] },
        schedule: { kind: 'deadline', date: day((i % 60) - 10) }, evaluationDate: day((i % 90) - 5),
        level: i % 2 ? 'bti-1' : 'bti-2', meetingId: i % 3 ? ids.meetingId : ids.earlierMeetingId,
        status: i % 4 ? 'planned' : 'in-progress', successCriterion: 'Emma møter til første time minst 4 av 5 dager.',
      });
    }
    const have = model.snapshot().agenda.filter((a) => a.meetingId === ids.meetingId).length;
    for (let i = have; i < agenda; i++) model.agenda.add(ids.meetingId, { title: `Punkt ${i}: gjennomgang av tiltak og veien videre`, plannedMinutes: 5 + (i % 10) });
  });
  model.destroy();
  return { state: Y.encodeStateAsUpdate(doc), meetingId: ids.meetingId };
}

const settle = async (el) => {
  await el.updateComplete;
  return document.body.offsetHeight; // forces style and layout
};

async function time(fn) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

function docOf(state) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/** A second client's document: its edits become updates for ours. */
function remoteEditor(state) {
  const doc = docOf(state);
  const model = new MeetingModel(doc, { id: 'ingrid.haugen', name: 'Ingrid Haugen', role: 'leader' });
  let last = null;
  doc.on('update', (u) => { last = u; });
  return (edit) => { edit(model); return last; };
}

/** Runs one element kind ('actions' or 'agenda') for ours or the floor. */
async function measure({ kind, impl, size, repeats }) {
  const { state, meetingId } = bigCase(kind === 'actions' ? { actions: size } : { agenda: size });
  const out = { render: [], filter: [], remote: [], rows: 0, bytes: state.byteLength };
  // Round 0 warms the code paths up and is not counted.
  for (let r = 0; r <= repeats; r++) {
    const keep = (list, value) => { if (r > 0) list.push(value); };
    stage.replaceChildren();
    await new Promise((res) => setTimeout(res, 50));
    const doc = docOf(state);
    let el;
    // First render: from the Y.Doc to rows on screen, reading the data included.
    keep(out.render, await time(async () => {
      if (impl === 'ours') {
        el = document.createElement(`samrad-${kind}`);
        el.model = new MeetingModel(doc, USER);
        el.setAttribute('meeting', meetingId);
      } else {
        el = document.createElement(`floor-${kind}`);
        if (kind === 'actions') el.bind(doc);
        else el.bind(doc, meetingId);
      }
      stage.append(el);
      await settle(el);
    }));
    out.rows = el.renderRoot.querySelectorAll('li[data-id]').length;
    if (kind === 'actions') {
      const select = impl === 'ours' ? el.renderRoot.querySelector('#filter-service') : el.renderRoot.querySelector('select');
      for (const value of ['skole', '']) {
        keep(out.filter, await time(async () => {
          select.value = value;
          select.dispatchEvent(new Event('change', { bubbles: true }));
          await settle(el);
        }));
      }
    }
    const edit = remoteEditor(state);
    const target = el.renderRoot.querySelector('li[data-id]').dataset.id;
    for (let i = 0; i < 3; i++) {
      const title = `Endret av en annen, runde ${r}.${i}`;
      const update = edit((m) => (kind === 'actions' ? m.actions.update(target, { title }) : m.agenda.update(target, { title })));
      keep(out.remote, await time(async () => {
        Y.applyUpdate(doc, update, 'remote');
        await settle(el);
      }));
      if (!el.renderRoot.querySelector(`li[data-id="${target}"]`)?.textContent.includes(title)) throw new Error(`${impl} ${kind}: the remote edit did not show`);
    }
  }
  stage.replaceChildren();
  return out;
}

/** Where the time of a remote edit goes in ours: the model's snapshot, then the element. */
async function probe({ size }) {
  const { state } = bigCase({ actions: size });
  const doc = docOf(state);
  const model = new MeetingModel(doc, USER);
  const edit = remoteEditor(state);
  const target = model.snapshot().actions[10].id;
  const out = { snapshot: [] };
  for (let i = 0; i < 5; i++) {
    Y.applyUpdate(doc, edit((m) => m.actions.update(target, { title: `P ${i}` })), 'remote');
    out.snapshot.push(await time(async () => { model.snapshot(); }));
  }
  return out;
}

window.bench = { measure, probe };
window.benchReady = true;
