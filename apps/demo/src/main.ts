/**
 * The demo portal page: a development sign-in, then the Samråd widgets for the one
 * fictitious case, plus what a host typically adds around them — language switch,
 * export buttons that use the model's export functions, and a log of the widgets'
 * events. Everything Samråd-specific goes through the public API of @samrad/widgets
 * and @samrad/model.
 */
import '@samrad/widgets/define';
import { defaultMeetingId, type SamradMeeting } from '@samrad/widgets';
import { exportMinutes, toHtml, toIcs, toJson, toMarkdown, type Role } from '@samrad/model';
import { DEMO_CASE_ID as CASE_ID } from './case.js';
import { DEMO_PEOPLE, SERVICES, type DemoIdentity } from './people.js';
import { fill, INTL_TAG, PAGE_TEXT, pageLang } from './text.js';

const STORAGE_KEY = 'samrad-demo:identity';
const ROLES: Role[] = ['leader', 'coordinator', 'professional', 'parent', 'child', 'observer'];

const lang = pageLang();
const t = PAGE_TEXT[lang];
const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;

function translatePage(): void {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll<HTMLElement>('[data-text]')) {
    const value = t[el.dataset.text as keyof typeof t];
    if (typeof value === 'string') el.textContent = value;
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-placeholder]')) el.setAttribute('placeholder', t[el.dataset.placeholder as keyof typeof t] as string);
  for (const el of document.querySelectorAll<HTMLElement>('[data-aria-label]')) el.setAttribute('aria-label', t[el.dataset.ariaLabel as keyof typeof t] as string);
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.portal-lang a')) {
    if (a.hreflang === lang) a.setAttribute('aria-current', 'true');
  }
  document.title = `${t.pageTitle} — ${t.navChildhood} — Eksempel kommune`;
}

// ------------------------------------------------------------------ sign-in

function storedIdentity(): DemoIdentity | undefined {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as DemoIdentity) : undefined;
  } catch {
    return undefined;
  }
}

/** The demo sign-in: the server signs a token for whoever we say we are (demo mode only). */
async function fetchToken(who: DemoIdentity): Promise<string> {
  const res = await fetch('/demo/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ case: CASE_ID, role: who.role, name: who.name, sub: who.sub, ...(who.service ? { service: who.service } : {}) }),
  });
  if (!res.ok) throw new Error(res.status === 404 ? 'the server is not in demo mode (demoTokens off)' : `HTTP ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

function slug(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '') || 'person';
}

function setUpSignInForm(onSignIn: (who: DemoIdentity) => void, onPractice: (who: DemoIdentity) => void): void {
  const person = $<HTMLSelectElement>('#sign-in-person');
  const role = $<HTMLSelectElement>('#sign-in-role');
  const name = $<HTMLInputElement>('#sign-in-name');
  const service = $<HTMLSelectElement>('#sign-in-service');
  person.append(...DEMO_PEOPLE.map((p) => new Option(`${p.name} — ${t.roles[p.role]}`, p.sub)), new Option(t.customPerson, ''));
  role.append(...ROLES.map((r) => new Option(t.roles[r], r)));
  service.append(new Option(t.noService, ''), ...SERVICES.map((s) => new Option(s.label[lang], s.id)));
  const choose = () => {
    const p = DEMO_PEOPLE.find((x) => x.sub === person.value);
    name.value = p?.name ?? '';
    role.value = p?.role ?? 'professional';
    service.value = p?.service ?? '';
  };
  person.addEventListener('change', choose);
  choose();
  const identity = (): DemoIdentity => {
    const known = DEMO_PEOPLE.find((x) => x.sub === person.value && x.name === name.value.trim() && x.role === role.value);
    const who: DemoIdentity = {
      sub: known?.sub ?? `${slug(name.value)}.${role.value}`,
      name: name.value.trim(),
      role: role.value as Role,
      ...(service.value ? { service: service.value } : {}),
    };
    return who;
  };
  $<HTMLFormElement>('#sign-in-form').addEventListener('submit', (e) => {
    e.preventDefault();
    onSignIn(identity());
  });
  // Practice needs no name: the fictitious case brings its own people.
  $<HTMLButtonElement>('#practice').addEventListener('click', () => onPractice({ ...identity(), name: identity().name || t.roles[role.value as Role] }));
}

// ------------------------------------------------------------------ the meeting

/** Roles the server shows who has opened the case: the family, the coordinator and the meeting leader. */
const ACCESS_LOG_ROLES: readonly Role[] = ['parent', 'coordinator', 'leader'];

/** Roles the server shows the notices sent through the host's channels: the leader and the coordinator. */
const NOTICE_ROLES: readonly Role[] = ['coordinator', 'leader'];

function meetingMarkup(showAccessLog: boolean, showNotices = false): string {
  // Widgets are grouped as a portal would: the running meeting on the left (with the
  // leader's facilitation aids under the agenda and the family's feedback after the
  // minutes), who and consent on the right, and the case across meetings below.
  return `
    <samrad-meeting id="meeting">
      <div class="meeting-grid">
        <div class="meeting-main">
          <section class="portal-card widget"><samrad-agenda></samrad-agenda></section>
          <section class="portal-card widget"><samrad-facilitation></samrad-facilitation></section>
          <section class="portal-card widget"><samrad-child-voice></samrad-child-voice></section>
          <section class="portal-card widget"><samrad-best-interest></samrad-best-interest></section>
          <section class="portal-card widget"><samrad-actions></samrad-actions></section>
          <section class="portal-card widget"><samrad-minutes></samrad-minutes></section>
          <section class="portal-card widget"><samrad-feedback></samrad-feedback></section>
        </div>
        <div class="meeting-side">
          <section class="portal-card widget"><samrad-meetings></samrad-meetings></section>
          <section class="portal-card widget"><samrad-participants></samrad-participants></section>
          <section class="portal-card widget"><samrad-consent></samrad-consent></section>
        </div>
      </div>
      <section class="meeting-case" aria-labelledby="case-heading">
        <h2 id="case-heading">${t.caseHeading}</h2>
        <p class="portal-note">${t.caseNote}</p>
        <div class="portal-card widget"><samrad-case></samrad-case></div>
        <div class="portal-card widget"><samrad-notes></samrad-notes></div>
      </section>
      ${showAccessLog ? '<div class="meeting-case portal-card widget"><samrad-access-log></samrad-access-log></div>' : ''}
      ${showNotices ? '<div class="meeting-case portal-card widget"><samrad-notices></samrad-notices></div>' : ''}
    </samrad-meeting>`;
}

const HOST_EVENTS = [
  'samrad-connection-change', 'samrad-meeting-change', 'samrad-meeting-select', 'samrad-meeting-update', 'samrad-note-add', 'samrad-meeting-finalised', 'samrad-minutes-export',
  'samrad-agenda-change', 'samrad-agenda-item-start', 'samrad-action-add', 'samrad-action-change', 'samrad-action-evaluate', 'samrad-action-due',
  'samrad-voice-record', 'samrad-voice-change', 'samrad-assessment-create', 'samrad-assessment-revise', 'samrad-assessment-comment',
  'samrad-consent-record', 'samrad-consent-withdraw', 'samrad-participant-add', 'samrad-participant-change', 'samrad-participant-remove',
  'samrad-handover', 'samrad-case-level', 'samrad-note-use', 'samrad-feedback-submit',
];

function logEvents(meeting: HTMLElement): void {
  const log = $<HTMLOListElement>('#event-log');
  for (const type of HOST_EVENTS) {
    meeting.addEventListener(type, (e) => {
      const li = document.createElement('li');
      // Browsers without Nynorsk data would fall back to English ("7:36:06 AM"): Bokmål instead.
      const time = new Intl.DateTimeFormat(lang === 'nn' ? ['nn-NO', 'nb-NO'] : [INTL_TAG[lang]], { timeStyle: 'medium' }).format(new Date());
      // Event names and ids only: a portal's log should not copy case content.
      const detail = (e as CustomEvent).detail as Record<string, unknown> | undefined;
      const keys = detail ? Object.entries(detail).filter(([k]) => /id$|Id$|state|status|decision|change|action/.test(k)).map(([k, v]) => `${k}=${String(v)}`) : [];
      li.textContent = `${time} ${type}${keys.length ? ` (${keys.join(', ')})` : ''}`;
      log.prepend(li);
      while (log.children.length > 30) log.lastElementChild?.remove();
    });
  }
}

function download(name: string, type: string, body: string): void {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function setUpExport(meeting: SamradMeeting): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-export]')) {
    button.addEventListener('click', () => {
      const model = meeting.model;
      const snapshot = model?.snapshot();
      const id = meeting.meeting || defaultMeetingId(snapshot);
      if (!snapshot || !id) return void alert(t.exportNotReady);
      // A locked meeting exports its latest locked version, not the live record.
      const exp = exportMinutes(snapshot, id);
      const base = `referat-${exp.meeting.date.slice(0, 10)}`;
      switch (button.dataset.export) {
        case 'html': return download(`${base}.html`, 'text/html', toHtml(exp, lang));
        case 'markdown': return download(`${base}.md`, 'text/markdown', toMarkdown(exp, lang));
        case 'json': return download(`${base}.json`, 'application/json', toJson(exp));
        case 'ics': return download(`${base}.ics`, 'text/calendar', toIcs(exp, lang));
      }
    });
  }
}

/** Shows the widgets for `who`: connected with a token, or in practice mode (nothing leaves the page). */
async function showMeeting(who: DemoIdentity, practice = false): Promise<void> {
  const token = practice ? undefined : await fetchToken(who);
  $('#sign-in').hidden = true;
  $('#meeting-area').hidden = false;
  $('#portal-user').hidden = false;
  $('#portal-user-name').textContent = fill(t.signedInAs, { name: who.name, role: t.roles[who.role] });
  // The sign-in form is gone with the button that was pressed: focus goes to the page's
  // heading, so keyboard and screen-reader users start at the top of the meeting.
  $('#page-title').focus();
  const host = $('#meeting-host');
  // Who has opened the case comes from the server's audit log, so not in practice mode.
  // It uses the meeting's server, case and token.
  host.innerHTML = meetingMarkup(!!token && ACCESS_LOG_ROLES.includes(who.role), !!token && NOTICE_ROLES.includes(who.role));
  const meeting = host.querySelector<SamradMeeting>('samrad-meeting')!;
  logEvents(meeting);
  setUpExport(meeting);
  const label = () => {
    const child = meeting.model?.snapshot().case?.child;
    $('#case-label').textContent = child ? fill(t.caseLabel, { child: child.name }) : '';
  };
  meeting.addEventListener('samrad-meeting-change', label);
  meeting.addEventListener('samrad-connection-change', label);
  if (!token) {
    meeting.setAttribute('practice-role', who.role);
    meeting.setAttribute('practice', '');
    return;
  }
  // A fresh token from the demo endpoint whenever the connection has to be re-opened.
  meeting.getToken = () => fetchToken(who);
  meeting.setAttribute('server', `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`);
  meeting.setAttribute('case', CASE_ID);
  meeting.setAttribute('token', token);
}

function main(): void {
  translatePage();
  const signIn = (who: DemoIdentity) => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(who));
    showMeeting(who).catch((err: Error) => {
      sessionStorage.removeItem(STORAGE_KEY);
      $('#sign-in').hidden = false;
      $('#sign-in-error').textContent = fill(t.signInFailed, { reason: err.message });
    });
  };
  setUpSignInForm(signIn, (who) => void showMeeting(who, true));
  $('#sign-out').addEventListener('click', () => {
    sessionStorage.removeItem(STORAGE_KEY);
    // Leave no copy of the case in this browser for the next person.
    const meeting = document.querySelector<SamradMeeting>('samrad-meeting');
    void Promise.resolve().then(() => meeting?.signOut?.()).catch(() => {}).finally(() => location.reload());
  });
  const who = storedIdentity();
  if (who) signIn(who);
  else $('#sign-in').hidden = false;
}

main();
