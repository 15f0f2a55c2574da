/**
 * Helpers for the widgets' browser tests (web-test-runner in Chromium). Tests use the
 * real model on real Y.Docs; two docs are "linked" by exchanging their updates, which is
 * what the server does between two browsers.
 */
// eslint-disable-next-line no-restricted-imports -- a test fixture, not a view: it builds and links Y.Docs the way the server would
import * as Y from 'yjs';
import { render, type TemplateResult } from 'lit';
import { exampleUserFor, MeetingModel, seedExampleCase, type AuthUser, type ExampleCaseIds, type Role } from '@samrad/model';
import type { AxeResults, ElementContext, RunOptions } from 'axe-core';
import 'axe-core/axe.min.js';
import { clearAllDrafts } from './drafts.js';

declare global {
  interface Window { axe: { run(context: ElementContext, options: RunOptions): Promise<AxeResults> } }
}

/** The example case's person for each role (observer: a fictitious visitor). */
export function userFor(role: Role): AuthUser {
  return exampleUserFor(role);
}

export interface SeedOptions {
  /** Start from an empty case instead of the example. */
  empty?: boolean;
  /** Clock for the seed (the example's dates are relative to it). */
  now?: Date;
  /** Also create a restricted (professionals-only) document. */
  restricted?: boolean;
}

export interface Seeded {
  model: MeetingModel;
  doc: Y.Doc;
  restricted: Y.Doc | undefined;
  ids: ExampleCaseIds | undefined;
}

/** Seeds the example case as the leader, then returns a model acting as `role` on the same doc. */
export function seeded(role: Role, opts: SeedOptions = {}): Seeded {
  const doc = new Y.Doc();
  const restricted = opts.restricted ? new Y.Doc() : undefined;
  let ids: ExampleCaseIds | undefined;
  if (!opts.empty) {
    const seeder = new MeetingModel(doc, userFor('leader'), { restricted });
    ids = seedExampleCase(seeder, opts.now);
    seeder.destroy();
  }
  const mayReadRestricted = role === 'leader' || role === 'coordinator' || role === 'professional';
  const model = new MeetingModel(doc, userFor(role), { restricted: mayReadRestricted ? restricted : undefined });
  return { model, doc, restricted, ids };
}

/** A fresh Y.Doc, for a test that stands in for a connection (e.g. an audience document). */
export function newDoc(): Y.Doc {
  return new Y.Doc();
}

/** The JSON text of one root of a document, and how many entries it holds: what a test checks is (not) stored there. */
export function rootContent(doc: Y.Doc, root: string): { json: string; size: number } {
  // eslint-disable-next-line no-restricted-syntax -- a test fixture reads what a document holds
  const map = doc.getMap(root);
  return { json: JSON.stringify(map.toJSON()), size: map.size };
}

/** A model acting as `role` on a fresh doc holding the example case (or nothing, with `empty`). */
export function seededModel(role: Role, opts: SeedOptions = {}): MeetingModel {
  return seeded(role, opts).model;
}

const REMOTE = Symbol('linked-remote');

export interface Linked {
  a: MeetingModel;
  b: MeetingModel;
  ids: ExampleCaseIds | undefined;
  /** Stops exchanging updates (like a network cut); edits pile up on each side. */
  disconnect(): void;
  /** Exchanges everything missed and resumes live exchange. */
  connect(): void;
}

/** Two models on two Y.Docs that exchange updates, as two browsers behind one server would. */
export function linkedModels(roleA: Role, roleB: Role, opts: SeedOptions = {}): Linked {
  const first = seeded(roleA, opts);
  const docA = first.doc;
  const docB = new Y.Doc();
  let live = false;
  const forward = (to: Y.Doc) => (update: Uint8Array, origin: unknown) => {
    if (live && origin !== REMOTE) Y.applyUpdate(to, update, REMOTE);
  };
  docA.on('update', forward(docB));
  docB.on('update', forward(docA));
  const connect = () => {
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA, Y.encodeStateVector(docB)), REMOTE);
    Y.applyUpdate(docA, Y.encodeStateAsUpdate(docB, Y.encodeStateVector(docA)), REMOTE);
    live = true;
  };
  connect();
  const b = new MeetingModel(docB, userFor(roleB));
  return { a: first.model, b, ids: first.ids, disconnect: () => { live = false; }, connect };
}

// ---- mounting

const mounted: HTMLElement[] = [];

/**
 * Renders `template` into a container with `lang` (default nb) attached to the body and
 * waits for the first element to finish rendering. Containers are removed after each test.
 */
export async function fixtureIn<T extends Element = HTMLElement>(template: TemplateResult | string, lang: string = 'nb'): Promise<T> {
  const container = document.createElement('div');
  container.setAttribute('lang', lang);
  document.body.appendChild(container);
  mounted.push(container);
  if (typeof template === 'string') container.innerHTML = template;
  else render(template, container);
  const el = container.firstElementChild as T | null;
  if (!el) throw new Error('fixtureIn: the template rendered no element');
  await settle(el);
  return el;
}

/** Waits until the element (and its Lit children) finished updating. */
export async function settle(el: Element): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const pending = el as Element & { updateComplete?: Promise<unknown> };
    if (pending.updateComplete) await pending.updateComplete;
    const inner = [...(el.shadowRoot?.querySelectorAll('*') ?? [])].filter((c) => 'updateComplete' in c) as Array<Element & { updateComplete: Promise<unknown> }>;
    await Promise.all(inner.map((c) => c.updateComplete));
    // Not requestAnimationFrame: it does not fire in a background test page.
    await new Promise((r) => setTimeout(r, 0));
  }
}

export function cleanup(): void {
  for (const c of mounted.splice(0)) c.remove();
  // Drafts kept for a reload would leak into the next test.
  clearAllDrafts();
}

// Root-level mocha hook: every test starts from an empty page.
declare const afterEach: ((fn: () => void) => void) | undefined;
if (typeof afterEach === 'function') afterEach(cleanup);

/** Polls `predicate` until true or `timeout` ms pass. */
export async function waitUntil(predicate: () => boolean | Promise<boolean>, message = 'condition', timeout = 3000): Promise<void> {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`waitUntil: timed out waiting for ${message}`);
}

/** Elements matching `selector` inside the element's shadow root. */
export function $$<E extends Element = HTMLElement>(el: Element, selector: string): E[] {
  return [...(el.shadowRoot?.querySelectorAll<E>(selector) ?? [])];
}
export function $<E extends Element = HTMLElement>(el: Element, selector: string): E {
  const found = el.shadowRoot?.querySelector<E>(selector);
  if (!found) throw new Error(`no ${selector} in <${el.localName}>`);
  return found;
}

/** Visible text of the element's shadow content, whitespace collapsed. */
export function textOf(el: Element): string {
  return (el.shadowRoot?.textContent ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Sets an input's value as a user would, firing input and change. */
export function typeInto(input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

// ---- accessibility

/**
 * Runs axe-core (WCAG 2.0, 2.1 and 2.2 A and AA, so target size too, and unique
 * landmark names) on the element and its shadow content; throws listing each violation.
 */
export async function expectNoAxeViolations(el: Element): Promise<void> {
  await settle(el);
  const result = await window.axe.run(el, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
    rules: { 'landmark-unique': { enabled: true }, 'target-size': { enabled: true } },
    resultTypes: ['violations'],
  });
  if (result.violations.length) {
    const lines = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(0, 2).join(' ')}`).join('\n    ')}`);
    throw new Error(`<${el.localName}> has ${result.violations.length} axe violation(s):\n  ${lines.join('\n  ')}`);
  }
}

// ---- a real server (started by web-test-runner.config.mjs)

export interface TestServer { url: string; secret: string }
let testServer: Promise<TestServer> | undefined;

/** The test server's websocket base URL and its HS256 secret. */
export function getTestServer(): Promise<TestServer> {
  testServer ??= fetch('/__samrad/test-server.json').then((r) => r.json() as Promise<TestServer>);
  return testServer;
}

const b64url = (bytes: Uint8Array | string) => {
  const raw = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return btoa(String.fromCharCode(...raw)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** Signs an HS256 token for `user` and `caseId` with the test server's secret (WebCrypto). */
export async function signTestToken(user: AuthUser, caseId: string, ttlSeconds = 600): Promise<string> {
  const { secret } = await getTestServer();
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify({ sub: user.id, name: user.name, role: user.role, case: caseId, ...(user.service ? { service: user.service } : {}), iat: now, exp: now + ttlSeconds }));
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${header}.${payload}`)));
  return `${header}.${payload}.${b64url(sig)}`;
}

/** A case id no other test uses. */
export function uniqueCaseId(prefix = 'wtr'): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

// ---- layout on small screens

/** Every element in the element's shadow tree, nested shadow roots and slotted light children included. */
export function composedDescendants(root: Element): Element[] {
  const out: Element[] = [];
  const walk = (node: Element | ShadowRoot) => {
    for (const child of node.children) {
      out.push(child);
      if (child.shadowRoot) walk(child.shadowRoot);
      walk(child);
    }
  };
  if (root.shadowRoot) walk(root.shadowRoot);
  walk(root);
  return out;
}

const composedParent = (el: Element): Element | null => el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null);

/** Whether a person sees the element: rendered, not hidden, not clipped to a pixel (visually hidden text). */
export function isShown(el: Element, within?: Element): boolean {
  if (!el.getClientRects().length) return false;
  const box = el.getBoundingClientRect();
  if (box.width < 2 || box.height < 2) return false;
  for (let e: Element | null = el; e && e !== within; e = composedParent(e)) {
    const style = getComputedStyle(e);
    if (style.visibility === 'hidden' || style.display === 'none') return false;
    if (style.clip !== 'auto' && style.position === 'absolute') return false;
    if (e !== el && e.localName === 'details' && !(e as HTMLDetailsElement).open && !el.closest('summary')) return false;
  }
  return true;
}

const describeEl = (el: Element) => `<${el.localName}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}${el.getAttribute('part') ? ` part="${el.getAttribute('part')}"` : ''}> "${(el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)}"`;

/**
 * What does not fit the element's width: the element or a visible descendant that scrolls
 * sideways or reaches past the element's right or left edge. Form fields scroll their own
 * text and are only checked for their box.
 */
export function overflowProblems(el: Element): string[] {
  const problems: string[] = [];
  const host = el.getBoundingClientRect();
  if (el.scrollWidth > el.clientWidth + 1) problems.push(`<${el.localName}> scrolls sideways: ${el.scrollWidth} > ${el.clientWidth}`);
  for (const d of composedDescendants(el)) {
    if (!isShown(d, el)) continue;
    const box = d.getBoundingClientRect();
    if (box.right > host.right + 1 || box.left < host.left - 1) {
      problems.push(`${describeEl(d)} reaches ${Math.round(box.left - host.left)}…${Math.round(box.right - host.left)} px of ${Math.round(host.width)}`);
      continue;
    }
    const field = d.localName === 'input' || d.localName === 'select' || d.localName === 'textarea';
    if (!field && d.clientWidth > 0 && d.scrollWidth > d.clientWidth + 1) problems.push(`${describeEl(d)} scrolls sideways: ${d.scrollWidth} > ${d.clientWidth}`);
  }
  return problems;
}

const CONTROLS = 'button, input:not([type=hidden]), select, textarea, summary, a[href]';

/**
 * Controls smaller than 24 × 24 CSS px (WCAG 2.2 target size), unless a label around them
 * or for them is the 24 px target.
 */
export function smallTargets(el: Element, min = 24): string[] {
  const problems: string[] = [];
  const big = (r: DOMRect) => r.width >= min - 0.5 && r.height >= min - 0.5;
  for (const d of composedDescendants(el)) {
    if (!d.matches(CONTROLS) || !isShown(d, el)) continue;
    if (big(d.getBoundingClientRect())) continue;
    const root = d.getRootNode() as ShadowRoot | Document;
    const labels = [d.closest('label'), ...(d.id ? [...root.querySelectorAll(`label[for="${CSS.escape(d.id)}"]`)] : [])].filter((l): l is HTMLLabelElement => !!l);
    if (labels.some((l) => big(l.getBoundingClientRect()))) continue;
    const box = d.getBoundingClientRect();
    problems.push(`${describeEl(d)} is ${Math.round(box.width)}×${Math.round(box.height)} px`);
  }
  return problems;
}

/** Opens every <details> in the element's shadow tree, so what they hold is measured too. */
export async function openAllDetails(el: Element): Promise<void> {
  for (const d of composedDescendants(el)) if (d.localName === 'details') (d as HTMLDetailsElement).open = true;
  await settle(el);
}
